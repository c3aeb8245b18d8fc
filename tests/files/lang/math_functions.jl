println(round(3.14159; digits = 2), " ", round(2.5), " ", round(-0.5), " ", round(1234.5678; digits = -2), " ", round(0.125; digits = 2), " ", round(1.005; digits = 2))
println(floor(3.789; digits = 1), " ", ceil(3.111; digits = 2), " ", trunc(-2.77; digits = 1), " ", round(123456.0; sigdigits = 2), " ", round(0.0012345; sigdigits = 3))
println(round(Int, 2.5), " ", round(Int, 3.5), " ", floor(Int, -2.5), " ", ceil(Int, 2.1), " ", trunc(Int, -2.9), " ", round(Int8, 12.7), " ", round(2.5, RoundNearestTiesAway), " ", round(-2.5, RoundUp))
println(clamp(5, 1, 3), " ", clamp(0.5, 0, 1), " ", hypot(3, 4), " ", exp2(3), " ", log2(8), " ", log10(1000), " ", cbrt(27.0), " ", log(2, 8))
println(sign(-2), " ", sign(0.0), " ", sign(3.5), " ", copysign(1.0, -2.0), " ", abs(-7), " ", isnan(NaN), " ", isinf(-Inf), " ", isfinite(1.0))
println(nextfloat(1.0), " ", prevfloat(1.0), " ", nextfloat(0.0), " ", eps(1.0), " ", eps(1000.0))
println(factorial(5), " ", factorial(20), " ", binomial(5, 2), " ", binomial(10, 0), " ", binomial(-3, 2), " ", gcd(12, 18), " ", lcm(4, 6))
println(mod1(3, 3), " ", mod1(7, 3), " ", isqrt(17), " ", powermod(3, 4, 5), " ", ispow2(64), " ", nextpow(2, 100), " ", prevpow(2, 100))
println(asin(1.0), " ", acos(0.5), " ", atan(1.0), " ", atan(1.0, 1.0), " ", sinh(0.0), " ", tanh(1.0), " ", expm1(1e-10))
println(√16, " ", ∛27, " ", sqrt(2), " ", 2^10, " ", 2.0^-1, " ", log(ℯ))
factorial(21)

#= expect
3.14 2.0 -0.0 1200.0 0.12 1.0
3.7 3.12 -2.7 120000.0 0.00123
2 4 -3 3 -2 13 3.0 -2.0
3 0.5 5.0 8.0 3.0 3.0 3.0 3.0
-1 0.0 1.0 -1.0 7 true true true
1.0000000000000002 0.9999999999999999 5.0e-324 2.220446049250313e-16 1.1368683772161603e-13
120 2432902008176640000 10 1 6 6 12
3 1 4 1 true 128 64
1.5707963267948966 1.0471975511965979 0.7853981633974483 0.7853981633974483 0.0 0.7615941559557649 1.00000000005e-10
4.0 3.0 1.4142135623730951 1024 0.5 1.0
--- stderr
ERROR: OverflowError: 21 is too large to look up in the table; consider using `factorial(big(21))` instead
Stacktrace:
 [1] factorial(n::Int64)
   @ Base prelude/math.jl:182
 [2] top-level scope
   @ math_functions.jl:11
=#
