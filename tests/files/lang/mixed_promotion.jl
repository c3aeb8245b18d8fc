x = 1 + 2.0
println(x, " ", typeof(x))
println(3 * 1.5, " ", 10 - 0.5, " ", 1 < 1.5, " ", 2 == 2.0, " ", min(1, 2.0))
println(typeof(2 * 3), " ", typeof(6 / 3), " ", typeof(true + 1))

#= expect
3.0 Float64
4.5 9.5 true true 1.0
Int64 Float64 Int64
=#
