# `/` of an Int64 and a UInt64 promotes both to UInt64 first (base/int.jl), then divides as
# Float64; a negative Int64 cannot be converted.
t = UInt64(10)
println(t / 4)
println(4 / t)
println(typeof(t / 4))
println(UInt64(7) / -1)

#= expect
2.5
0.4
Float64
--- stderr
ERROR: InexactError: check_sign_bit(UInt64, -1)
Stacktrace:
 [1] UInt64
   @ Base prelude/base.jl:467 [inlined]
 [2] /(x::UInt64, y::Int64)
   @ Base prelude/base.jl:207
 [3] top-level scope
   @ mixed_int_division.jl:7
=#
