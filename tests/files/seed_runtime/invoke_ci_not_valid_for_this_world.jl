# T11: a CodeInstance capped by invalidation cannot be invoked in a newer world, but still runs
# its old code in the worlds it is valid for.
h(x) = x + 1
g(x) = h(x) * 2
println(g(1))
ci = code_instance(g, Int)
w_old = Base.get_world_counter()
println(ci.max_world == typemax(UInt))
h(x) = x + 100
println(ci.max_world == Base.get_world_counter() - 1)
println(Base.invoke_in_world(w_old, invoke, g, ci, 1))
println(g(1))
invoke(g, ci, 1)

#= expect
4
true
true
4
202
--- stderr
ERROR: invoke: CodeInstance not valid for this world
Stacktrace:
 [1] top-level scope
   @ invoke_ci_not_valid_for_this_world.jl:13
=#
