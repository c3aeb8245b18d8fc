# Broadcasting: dotted calls fuse into one loop (`Base.broadcasted` trees, `materialize`).
v = [1, 2, 3]
println(v .+ 1, " ", 2 .* v, " ", v .^ 2, " ", sin.([0.0]), " ", abs.([-1, 2]), " ", v ./ 2)
println((1:3) .+ 1, " ", 2 .* (1:3), " ", (1:3) .- 1, " ", -(1:3), " ", (1:3) .^ 2, " ", (1, 2) .+ 1, " ", 1 .+ 2)
w = zeros(3); w .= v .* 2; println(w)
v .+= 10; println(v)
u = [1, 2, 3, 4]; u[2:3] .= 0; println(u)
f(x) = x > 1 ? "big" : 0
println(f.([1, 2]), " ", length.(["ab", "c"]), " ", uppercase.(["a", "b"]), " ", [1, 2] .== [1, 3], " ", .-[1, 2])
println(string.("x", 1:3), " ", max.([1, 5], [3, 2]), " ", Int[] .+ 1, " ", in.([1, 5], Ref([1, 2])))
println(sqrt.(abs.([-4.0, 9.0])) .+ 1)
x = [1.0, 2.0]
y = similar(x)
@. y = 2x + 1
println(y, " ", [1, 2, 3] .- [1], " ", ((1, 2) .* (3, 4)), " ", "a" .* ["b", "c"])
[1, 2] .+ [1, 2, 3]

#= expect
[2, 3, 4] [2, 4, 6] [1, 4, 9] [0.0] [1, 2] [0.5, 1.0, 1.5]
2:4 2:2:6 0:2 -1:-1:-3 [1, 4, 9] (2, 3) 3
[2.0, 4.0, 6.0]
[11, 12, 13]
[1, 0, 0, 4]
Any[0, "big"] [2, 1] ["A", "B"] Bool[1, 0] [-1, -2]
["x1", "x2", "x3"] [3, 5] Int64[] Bool[1, 0]
[3.0, 4.0]
[3.0, 5.0] [0, 1, 2] (3, 8) ["ab", "ac"]
--- stderr
ERROR: DimensionMismatch: arrays could not be broadcast to a common size; got a dimension with lengths 2 and 3
Stacktrace:
 [1] _bc_combine
   @ Base prelude/broadcast.jl:75 [inlined]
 [2] _bc_length(bc::Broadcasted{typeof(+), Tuple{Vector{Int64}, Vector{Int64}}})
   @ Base prelude/broadcast.jl:66
 [3] materialize(bc::Broadcasted{typeof(+), Tuple{Vector{Int64}, Vector{Int64}}})
   @ Base prelude/broadcast.jl:101
 [4] top-level scope
   @ broadcasting.jl:16
=#
