# T11: redefining a callee caps the caller's CodeInstance at the world before the new method
# (invalidation narrows callers); invoking the capped CodeInstance in the current world is an
# error, while the world it was valid in still runs the old code, old callee included.
h(x) = x + 1
g(x) = h(x) * 2
println(g(1))
ci = code_instance(g, Int)
println(ci.max_world == typemax(UInt))
w_old = Base.get_world_counter()
h(x) = x + 100
# A method definition makes world W = the new counter; g's CodeInstance ends at W - 1.
println(ci.max_world == Base.get_world_counter() - 1)
println(ci.min_world <= w_old && w_old <= ci.max_world)
println(Base.invoke_in_world(w_old, invoke, g, ci, 1))
# Dispatch re-infers g in the new world; the cache now holds another CodeInstance.
println(g(1))
println(code_instance(g, Int) !== ci)
invoke(g, ci, 1)
println("not reached")

#= expect
4
true
true
true
4
202
true
--- stderr
ERROR: invoke: CodeInstance not valid for this world
Stacktrace:
 [1] top-level scope
   @ t11_world_check_after_invalidation.jl:18
=#
