# Float32: `1f0` literals, printing (`show` marks the type: `1.5f0`, `Inf32`), arithmetic in
# single precision, promotion, exact comparison with integers, conversions.
x = 1.5f0
println(x, " ", typeof(x))
show(x); println()
println(repr(1f10), " ", repr(-0.0f0), " ", repr(Inf32), " ", repr(NaN32), " ", 1f10, " ", 2f-3)
println(x + 1, " ", typeof(x + 1), " ", typeof(x + 1.0), " ", typeof(x * Int8(2)))
println(Float32(0.1), " ", Float64(0.1f0), " ", 0.1f0 + 0.2f0)
println(sqrt(2f0), " ", 1f0 / 3f0)
println([1f0, 2.5f0], " ", Float32[], " ", (1f0, 2))
println(typemax(Float32), " ", eps(Float32))
println(Int(2.0f0), " ", try Int(2.5f0) catch e; e end)
println(floor(2.7f0), " ", round(2.5f0), " ", trunc(-2.7f0), " ", abs(-3f0))
println(2f0^10, " ", 2f0^0.5f0)
println(1f0 < 2, " ", 16777217 == 16777216f0, " ", Float32(16777217))
f(x::Float32) = x * 2
println(f(3f0), " ", sum([1f0, 2f0, 3f0]), " ", typeof(sum([1f0, 2f0])))
println(isnan(NaN32), " ", isinf(-Inf32), " ", min(1f0, -2f0), " ", max(1f0, 2f0))
println(Float32(1) === 1f0, " ", 1f0 == 1.0, " ", 1f0 === 1.0)

#= expect
1.5 Float32
1.5f0
1.0f10 -0.0f0 Inf32 NaN32 1.0e10 0.002
2.5 Float32 Float64 Float32
0.1 0.10000000149011612 0.3
1.4142135 0.33333334
Float32[1.0, 2.5] Float32[] (1.0f0, 2)
Inf 1.1920929e-7
2 InexactError(:Int64, Int64, 2.5f0)
2.0 2.0 -2.0 3.0
1024.0 1.4142135
true false 1.6777216e7
6.0 6.0 Float32
true true -2.0 2.0
true true false
=#
