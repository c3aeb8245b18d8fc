# Int8..Int32 and UInt8..UInt32: literal typing, wrapping arithmetic, conversions and their
# InexactErrors, promotion with Int64 and the floats, printing.
x = Int8(100)
println(x + x, " ", typeof(x + x))
println(x + 1, " ", typeof(x + 1))
println(typeof(0xff), " ", typeof(0x100), " ", typeof(0x0001), " ", typeof(0x00000001), " ", typeof(0x100000000))
println(typeof(0b101), " ", typeof(0o777), " ", typeof(0b111111111))
show(0xff); print(" "); show(0x00ff); print(" "); show(UInt32(5)); println()
println(0xff, " ", repr(Int16(-3)))
println(UInt8(200) + UInt8(100))
println(typemax(Int8), " ", typemin(Int8), " ", typemax(UInt16), " ", typemin(Int32))
println(Int8(127) + Int8(1), " ", -Int8(-128))
println(Int8(-128) ÷ Int8(3), " ", fld(Int8(-7), Int8(2)), " ", cld(Int8(7), Int8(2)), " ", mod(Int8(-7), Int8(3)), " ", rem(Int8(-7), Int8(3)))
println(divrem(UInt8(17), UInt8(5)))
println(try Int8(-128) ÷ Int8(-1) catch e; e end)
println(try Int8(300) catch e; e end)
println(try UInt8(-1) catch e; e end)
println(try Int8(0xff) catch e; e end)
println(try UInt16(Int8(-1)) catch e; e end)
println(Int64(Int8(-5)), " ", UInt32(0xff), " ", Int16(UInt8(200)), " ", Int8(2.0))
println(try Int8(2.5) catch e; e end)
println(-5 % UInt8, " ", 300 % Int8, " ", typeof(300 % Int8))
println([Int8(1), Int8(2)], " ", [Int8(1), 2], " ", [UInt8(1), 0x02])
println(Int16(3) < 5, " ", UInt8(255) < -1, " ", UInt8(255) == 255, " ", Int32(7) / Int32(2))
println(0x0f << 4, " ", Int8(-128) >>> 1, " ", Int8(-128) >> 1, " ", ~0x0f)
println(Int8(2)^7, " ", UInt8(3)^5, " ", typeof(Int16(2)^3))
println(promote_type(Int8, UInt16), " ", promote_type(Int32, UInt32), " ", promote_type(UInt8, Int64), " ", promote_type(Bool, Int8))
println(promote(Int8(1), 2.5), " ", promote(UInt8(1), Int16(2)))
function sumbytes(v)
    s = UInt8(0)
    for b in v
        s += b
    end
    return s
end
println(sumbytes([0x80, 0x80, 0x01]))
println(abs(Int8(-5)), " ", sign(Int16(-3)), " ", iseven(Int32(4)), " ", min(Int8(3), Int8(-2)), " ", max(UInt8(1), 0x09))
println(zero(Int8), " ", one(UInt16), " ", sizeof(Int32), " ", sizeof(0x01))
println(Int8(1) == 1.0, " ", UInt32(7) < 7.5, " ", 3.0f0 == Int16(3))
println(string(Int8(-7)), " ", "$(0x2a)")
println(typeof(Int8(1) * true), " ", Int8(1) + true)

#= expect
-56 Int8
101 Int64
UInt8 UInt16 UInt16 UInt32 UInt64
UInt8 UInt16 UInt16
0xff 0x00ff 0x00000005
255 -3
44
127 -128 65535 -2147483648
-128 -128
-42 -4 4 2 -1
(0x03, 0x02)
DivideError()
InexactError(:trunc, Int8, 300)
InexactError(:trunc, UInt8, -1)
InexactError(:check_sign_bit, Int8, 0xff)
InexactError(:check_sign_bit, UInt16, -1)
-5 255 200 2
InexactError(:Int8, Int8, 2.5)
251 44 Int8
Int8[1, 2] [1, 2] UInt8[0x01, 0x02]
true false true 3.5
240 64 -64 240
-128 243 Int16
UInt16 UInt32 Int64 Int8
(1.0, 2.5) (1, 2)
1
5 -1 true -2 9
0 1 4 1
true true true
-7 42
Int8 2
=#
