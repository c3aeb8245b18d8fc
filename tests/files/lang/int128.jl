# Int128 and UInt128: decimal literals beyond Int64 and long hex literals, widening
# (`widemul`), exact comparisons with Float64, printing.
x = 2^62
w = Int128(x) * 4
println(w, " ", typeof(w))
println(typemax(Int128), " ", typemin(Int128), " ", typemax(UInt128))
show(UInt128(5)); println()
println(170141183460469231731687303715884105727, " ", typeof(9223372036854775808))
println(typeof(0x1ffffffffffffffff), " ", 0x1ffffffffffffffff)
println(widemul(typemax(Int64), 2), " ", Int128(10)^20, " ", div(Int128(10)^30, 7))
println(Int64(Int128(5)), " ", try Int64(Int128(10)^20) catch e; e end)
println(Float64(Int128(10)^20), " ", Int128(10)^20 == 1e20, " ", Int128(2)^70 < 1.5e21)
println([Int128(1), 2], " ", Int128(1) + 1, " ", -Int128(7) % 3, " ", Int128(7) >> 1)
println(UInt128(1) << 100)

#= expect
18446744073709551616 Int128
170141183460469231731687303715884105727 -170141183460469231731687303715884105728 340282366920938463463374607431768211455
0x00000000000000000000000000000005
170141183460469231731687303715884105727 Int128
UInt128 36893488147419103231
18446744073709551614 100000000000000000000 142857142857142857142857142857
5 InexactError(:trunc, Int64, 100000000000000000000)
1.0e20 true true
Int128[1, 2] 2 -1 3
1267650600228229401496703205376
=#
