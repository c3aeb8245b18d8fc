v = [1, 2, 3]
println(pop!(v), " ", popfirst!(v), " ", v)
pushfirst!(v, 0)
insert!(v, 1, 9)
println(v)
deleteat!(v, 1)
append!(v, [7, 8])
println(v, " ", deleteat!(copy(v), 2:3), " ", deleteat!([1, 2, 3, 4], [1, 3]))
println(splice!([1, 2, 3], 2), " ", resize!([1, 2, 3], 2), " ", empty!([1, 2]), " ", push!([1], 2, 3), " ", prepend!([3], [1, 2]))
println(vcat([1], [2, 3]), " ", vcat(1, 2), " ", vcat([1], 2.5), " ", fill(0, 2), " ", fill!(zeros(Int, 3), 7), " ", zeros(2), " ", ones(Int, 2))
println(Vector{Int}(undef, 0), " ", Int[], " ", similar([1, 2]) isa Vector{Int}, " ", length(Vector{Float64}(undef, 3)))
println(reverse([1, 2, 3]), " ", reverse!([1, 2]), " ", circshift([1, 2, 3], 1), " ", reverse(1:4), " ", first([1, 2, 3], 2), " ", last([1, 2, 3], 2))
println(unique([3, 1, 3, 2, 1]), " ", unique(x -> x % 3, [1, 2, 3, 4, 5]), " ", allunique([1, 2, 3]))
println(union([1, 2], [2, 3]), " ", intersect([1, 2, 3], [2, 3, 4]), " ", setdiff([1, 2, 3], [2]))
println(collect(pairs([5, 6])), " ", eachindex([1, 2]), " ", keys([4, 5]), " ", size([1, 2, 3]), " ", Tuple([1, 2]), " ", ntuple(i -> i^2, 3))
w = [10, 20, 30, 40]
println(w[[1, 3]], " ", w[2:3], " ", w[end], " ", w[end - 1], " ", w[[true, false, true, false]], " ", w[1:2:4])
filter!(x -> x > 15, w)
println(w, " ", map!(x -> x * 2, [0, 0], [1, 2]), " ", map(+, [1, 2], [10, 20]), " ", map(uppercase, "abc"))
pop!(Int[])

#= expect
3 1 [2]
[9, 0, 2]
[0, 2, 7, 8] [0, 8] [2, 4]
2 [1, 2] Int64[] [1, 2, 3] [1, 2, 3]
[1, 2, 3] [1, 2] [1.0, 2.5] [0, 0] [7, 7, 7] [0.0, 0.0] [1, 1]
Int64[] Int64[] true 3
[3, 2, 1] [2, 1] [3, 1, 2] 4:-1:1 [1, 2] [2, 3]
[3, 1, 2] [1, 2, 3] true
[1, 2, 3] [2, 3] [1, 3]
[1 => 5, 2 => 6] 1:2 1:2 (3,) (1, 2) (1, 4, 9)
[10, 30] [20, 30] 40 30 [10, 30] [10, 30]
[20, 30, 40] [2, 4] [11, 22] ABC
--- stderr
ERROR: ArgumentError: array must be non-empty
Stacktrace:
 [1] pop!(v::Vector{Int64})
   @ Base prelude/collections.jl:10
 [2] top-level scope
   @ vectors_editing.jl:20
=#
