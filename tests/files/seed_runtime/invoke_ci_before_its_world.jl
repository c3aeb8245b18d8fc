# T12: a world before the CodeInstance's `min_world` fails the same check.
h(x) = x + 1
g(x) = h(x) * 2
ci = code_instance(g, Int)
println(ci.min_world <= Base.tls_world_age())
Base.invoke_in_world(ci.min_world - 1, invoke, g, ci, 1)

#= expect
true
--- stderr
ERROR: invoke: CodeInstance not valid for this world
Stacktrace:
 [1] invoke_in_world(world::UInt64, f::Core.IntrinsicFunction, ::typeof(g), ::Core.CodeInstance, ::Int64)
   @ Base prelude/compiler.jl:15
 [2] top-level scope
   @ invoke_ci_before_its_world.jl:6
=#
