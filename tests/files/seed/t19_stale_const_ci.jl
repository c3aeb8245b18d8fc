# T19: a caller inferred against a constant CodeInstance gets a CodeInstance edge and a world
# range inside the CodeInstance's. When the CodeInstance is capped (its callee `h` is
# redefined), the caller is invalidated with it; re-inferred in the new world, the call can only
# fail, and running it raises the world error.
h(x) = x + 1
g(x) = h(x) * 2
println(g(1))
const GCI = code_instance(g, Int)
caller() = invoke(g, GCI, 1)
println(caller())
cci = code_instance(caller)
println(cci.max_world <= GCI.max_world, " ", cci.min_world >= GCI.min_world)
h(x) = x + 100
println(GCI.max_world == Base.get_world_counter() - 1)
println(cci.max_world == GCI.max_world)
println(g(1))
caller()
println("not reached")

#= expect
4
4
true true
true
true
202
--- stderr
ERROR: invoke: CodeInstance not valid for this world
Stacktrace:
 [1] caller()
   @ Main t19_stale_const_ci.jl:9
 [2] top-level scope
   @ t19_stale_const_ci.jl:17
=#
