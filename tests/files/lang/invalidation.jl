h(x) = x + 1
g(x) = h(x) * 2
println(g(1))
h(x) = x + 100
println(g(1))
h(x::Int64) = -1
println(g(1), " ", g(1.5))

#= expect
4
202
-2 203.0
=#
