# Vector arithmetic (base/arraymath.jl): `+` and `-` of two vectors of one length, a vector times
# or over a number and `-v` are broadcasts; a number times a range stays a range.
println([1, 2] + [3, 4], " ", [1.0, 2.0] - [0.5, 0.5], " ", 2 * [1, 2], " ", [1, 2] * 3)
println([2.0, 4.0] / 2, " ", -[1, 2], " ", 0.5 * [2, 4], " ", [1, 2] + (1:2))
println(2 * (1:3), " ", (1:3) * 2, " ", -(1:3))
position = [0.0, 0.0]
velocity = [1.0, 2.0]
for _ in 1:3
    global position = position + 0.5 * velocity
end
println(position)
[1, 2] + [1, 2, 3]

#= expect
[4, 6] [0.5, 1.5] [2, 4] [3, 6]
[1.0, 2.0] [-1, -2] [1.0, 2.0] [2, 4]
2:2:6 2:2:6 -1:-1:-3
[1.5, 3.0]
--- stderr
ERROR: DimensionMismatch: dimensions must match: a has dims (Base.OneTo(2),), b has dims (Base.OneTo(3),), mismatch at 1
Stacktrace:
 [1] _same_axes(a::Vector{Int64}, b::Vector{Int64})
   @ Base prelude/broadcast.jl:163
 [2] +(a::Vector{Int64}, b::Vector{Int64})
   @ Base prelude/broadcast.jl:167
 [3] top-level scope
   @ vector_arithmetic.jl:12
=#
