# T12: a CodeInstance is not valid before its `min_world` either: invoking it from the world
# just before raises the same error as T11, while `min_world` itself is fine.
h(x) = x + 1
g(x) = h(x) * 2
println(g(1))
ci = code_instance(g, Int)
println(ci.min_world <= Base.get_world_counter())
println(Base.invoke_in_world(ci.min_world, invoke, g, ci, 1))
Base.invoke_in_world(ci.min_world - 1, invoke, g, ci, 1)
println("not reached")

#= expect
4
true
4
--- stderr
ERROR: invoke: CodeInstance not valid for this world
Stacktrace:
 [1] invoke_in_world(world::UInt64, f::Core.IntrinsicFunction, ::typeof(g), ::Core.CodeInstance, ::Int64)
   @ Base prelude/compiler.jl:15
 [2] top-level scope
   @ t12_world_before_min_world.jl:9
=#
