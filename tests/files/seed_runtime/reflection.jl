# method_instance, which, methods, Base._which / specialize_method, code_instance(s).
area(x::Int) = x * x
area(x::Float64) = 3.0 * x * x
println(method_instance(area, 2))
println(method_instance(area, 2.0) === Base.specialize_method(Base._which(Tuple{typeof(area), Float64})))
println(which(area, (Float64,)))
println(length(methods(area)))
println(length(code_instances(area)))
ci = code_instance(area, Int)
println(length(code_instances(area)), " ", code_instances(area)[1] === ci)
println(Base.specialize_method(Base._which(Tuple{typeof(area), Int})).cache === ci)
println(code_instance(area, Int) === ci)
ci2 = code_instance(area, Int; owner=SplitCacheOwner(1))
println(ci2 === ci, " ", ci2.owner, " ", ci2.def === ci.def)
println(code_instance(area, Int; owner=SplitCacheOwner(1)) === ci2)
println(code_instance(area, Int; owner=SplitCacheOwner(2)) === ci2)
for c in code_instances(area)
    println(c, " => ", c.owner)
end
println(Core.OptimizedGenerics.CompilerPlugins.typeinf === Compiler.typeinf)
method_instance(area, "no")

#= expect
MethodInstance for area(::Int64)
true
area(x::Float64) @ Main reflection.jl:3
2
0
1 true
true
true
false SplitCacheOwner(1) true
true
false
CodeInstance for MethodInstance for area(::Int64) => nothing
CodeInstance for MethodInstance for area(::Int64) => SplitCacheOwner(1)
CodeInstance for MethodInstance for area(::Int64) => SplitCacheOwner(2)
true
--- stderr
ERROR: MethodError: no method matching area(::String)
Stacktrace:
 [1] method_instance(f::typeof(area), ::String)
   @ Base prelude/compiler.jl:23
 [2] top-level scope
   @ reflection.jl:21
=#
