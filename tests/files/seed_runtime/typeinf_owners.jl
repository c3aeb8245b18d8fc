# typeinf(owner, mi, mode) and owner partitions, with and without prefixes.
sq(x::Int) = x * x
mi = method_instance(sq, 3)
a = typeinf(SplitCacheOwner(), mi, SOURCE_MODE_ABI)
b = Core.OptimizedGenerics.CompilerPlugins.typeinf(SplitCacheOwner(0), mi, Compiler.SOURCE_MODE_ABI)
println(a === b, " ", a.owner, " ", a.owner === SplitCacheOwner(), " ", a.def === mi)
println(SplitCacheOwner(version=3), " ", SplitCacheOwner(3) === SplitCacheOwner(version=3))
c = typeinf(SplitCacheOwner(5), mi, Compiler.SOURCE_MODE_NOT_REQUIRED)
println(c === a, " ", c.owner)
n = typeinf(nothing, mi, SOURCE_MODE_ABI)
println(n.owner === nothing, " ", n === code_instance(sq, Int))
println(invoke(sq, a, 7), " ", invoke(sq, c, 8), " ", invoke(sq, n, 9))
println(PluginOwner(:p), " ", PluginOwner(:p; inlining=false))
println(SOURCE_MODE_NOT_REQUIRED, " ", SOURCE_MODE_ABI)

#= expect
true SplitCacheOwner(0) true true
SplitCacheOwner(3) true
false SplitCacheOwner(5)
true true
49 64 81
PluginOwner(:p, nothing, true) PluginOwner(:p, nothing, false)
0 1
=#
