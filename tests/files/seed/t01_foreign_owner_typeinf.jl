# T1 (Compiler/test/AbstractInterpreter.jl, "InvokeInterp"): a CodeInstance made for a foreign
# cache owner can be invoked, and it is tagged with that owner.
# Julia's test builds an interpreter with `@newinterp InvokeInterp`, gives it a codegen cache
# and calls `Compiler.typeinf_ext_toplevel(InvokeInterp(), mi, SOURCE_MODE_ABI)`. The subset has
# no `@newinterp`: the closest program calls the plugin generic
# `CompilerPlugins.typeinf(owner, mi, SOURCE_MODE_ABI)` with the owner token itself, which in
# invokelab stands for an interpreter over the global method table (SEMANTICS §3.4); in Julia
# that is what a `typeinf` method for `InvokeOwner` calling `typeinf_ext_toplevel` does.
# `method_instance(+, 1, 1)` is the test's `jl_method_lookup(Any[+, 1, 1], ...)`.
struct InvokeOwner end
mi = method_instance(+, 1, 1)
ci = Core.OptimizedGenerics.CompilerPlugins.typeinf(InvokeOwner(), mi, Compiler.SOURCE_MODE_ABI)
println(invoke(+, ci, 1, 1))
println(ci.owner === InvokeOwner())
println(ci.owner === nothing)
println(ci.def === mi)
println(ci.rettype)
println(ci.exctype)
println(ci.max_world == typemax(UInt))
println(ci.min_world <= Base.get_world_counter())
println(invoke(+, ci, 40, 2))
# The native cache has its own CodeInstance of the same MethodInstance.
nci = code_instance(+, Int, Int)
println(nci.owner === nothing, " ", nci !== ci, " ", nci.def === mi)

#= expect
2
true
false
true
Int64
Union{}
true
true
42
true true true
=#
