x = 1 + 2.0
println(x, " ", typeof(x))
println(3 * 1.5, " ", 10 - 0.5, " ", 1 < 1.5, " ", 2 == 2.0, " ", min(1, 2.0))
println(typeof(2 * 3), " ", typeof(6 / 3), " ", typeof(true + 1))
println(min(3, UInt(2)), " ", max(UInt(3), 7), " ", min(UInt(5), 2.5), " ", max(1.5, UInt(2)))

#= expect
3.0 Float64
4.5 9.5 true true 1.0
Int64 Float64 Int64
2 7 2.5 2.0
=#
