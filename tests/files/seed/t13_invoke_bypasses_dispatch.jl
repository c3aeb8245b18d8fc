# T13: `invoke` with a CodeInstance bypasses dispatch: after a more specific method shadows
# the one the CodeInstance belongs to, the CodeInstance still runs the old body and keeps its
# range (adding a method caps callers through their edges, never the shadowed CodeInstance
# itself; src/gf.c `jl_method_table_activate`). `invoke(p, Tuple{Any}, 5)` looks the method
# up for `Tuple{Any}` and also finds the old one.
p(x) = 1
println(p(5))
ci = code_instance(p, Int)
p(x::Int) = 2
println((p(5), invoke(p, ci, 5), invoke(p, Tuple{Any}, 5), ci.max_world == typemax(UInt)))
println(length(methods(p)))
println(p(5.0), " ", invoke(p, ci, 7))

#= expect
1
(2, 1, 1, true)
2
1 1
=#
