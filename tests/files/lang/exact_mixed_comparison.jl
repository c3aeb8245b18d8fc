# Integers and floats compare exactly, as base/float.jl compares them (an Int64 above 2^53
# is not equal to the float it rounds to), and div/fld/cld/divrem/fldmod take any mix of
# Int64, UInt64 and Float64 (base/div.jl's float division).
println(7.5 ÷ 2)
println(div(7.5, 2), " ", fld(-7.5, 2), " ", cld(7.5, 2), " ", cld(-7.5, 2.0))
println(fld(7, 2.0), " ", div(-7, 2.0), " ", cld(0x07, 2.0))
println(2^53 + 1 == 2.0^53)
println(2^53 == 2.0^53)
println(typemax(Int) < 2.0^63)
println(typemax(Int) <= 2.0^63, " ", 2.0^63 > typemax(Int), " ", 2.0^63 == typemax(Int))
println(typemax(UInt) < 2.0^64, " ", typemax(UInt) == 2.0^64)
println(-1 < 0.5, " ", 3 <= 3.0, " ", 3.5 < 4, " ", NaN == 1, " ", NaN < 1, " ", 1 != 1.0)
println(divrem(7, 2), " ", fldmod(-7, 2), " ", divrem(7.5, 2))
println(cld(0x07, 0x02), " ", 9.0 ÷ 0.5)

#= expect
3.0
3.0 -4.0 4.0 -3.0
3.0 -3.0 4.0
false
true
true
true true false
true false
true true true false false false
(3, 1) (-4, 1) (3.0, 1.5)
4 18.0
=#
