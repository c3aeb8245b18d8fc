println(7 + 3, " ", 7 - 10, " ", 6 * 7)
println(7 ÷ 2, " ", -7 ÷ 2, " ", 7 % 3, " ", -7 % 3, " ", mod(-7, 3), " ", rem(-7, 3))
println(div(17, 5), " ", 2^10, " ", abs(-3), " ", min(4, 9), " ", max(4, 9))
println(typemax(Int64) + 1 == typemin(Int64))
println(typemax(Int64), " ", typemin(Int64))
println(5 & 3, " ", 5 | 3, " ", xor(5, 3), " ", 1 << 4, " ", -16 >> 2)

#= expect
10 -3 42
3 -3 1 -1 2 -1
3 1024 3 4 9
true
9223372036854775807 -9223372036854775808
1 7 6 16 -4
=#
