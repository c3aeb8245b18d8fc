# `exp` and `exp2` of a Float64 are Julia's own (base/special/exp.jl: a table of 2^(j/256) and a
# polynomial), so they print Julia's digits: libm's `exp(1.0)` is one bit off.
println(exp(1.0), " ", exp(1), " ", exp(-1.0), " ", exp(0.5))
println(exp2(0.5), " ", exp2(10), " ", exp2(-1074.0))
println(exp(-745.5), " ", exp(1000.0), " ", exp(-Inf), " ", exp(NaN))

#= expect
2.718281828459045 2.718281828459045 0.36787944117144233 1.6487212707001282
1.4142135623730951 1024.0 5.0e-324
0.0 Inf 0.0 NaN
=#
