# `invoke` with a signature runs the chosen method as a call would: a varargs method gets its
# trailing arguments as one tuple.
f(x, ys...) = x + length(ys)
f(x::Int64, y::Int64) = 100
g(ys...) = ys
println(f(1, 2))
println(invoke(f, Tuple{Any, Any}, 1, 2))
println(invoke(f, Tuple{Any, Any, Any}, 10, 2, 3))
println(invoke(f, Tuple{Int64, Int64}, 1, 2))
println(invoke(g, Tuple{Any, Any}, 4, 5))

#= expect
100
2
12
100
(4, 5)
=#
