println(sum([1, 2, 3]), " ", sum(Int[]), " ", sum(Float64[]), " ", sum(Int8[100, 100]), " ", sum(abs, [-1, 2]), " ", sum(x -> x^2, 1:3))
println(prod([2, 3]), " ", prod(Int[]), " ", prod(1:5), " ", reduce(+, 1:4), " ", reduce(*, [1, 2, 3]; init = 10), " ", foldl(-, 1:4), " ", foldr(-, 1:4))
println(mapreduce(x -> x^2, +, 1:3), " ", maximum([3, 1, 2]), " ", minimum(x -> -x, [3, 1]), " ", extrema([3, 1, 5]), " ", maximum(["b", "abc"]))
println(findmax([1, 3, 2]), " ", findmin([3, 1, 2]), " ", argmax([1, 3, 2]), " ", argmin([3, 1]), " ", findmax(x -> -x, [1, 3]), " ", maximum([1.5, NaN]))
println(cumsum([1, 2, 3]), " ", cumprod([1, 2, 3]), " ", accumulate(max, [1, 3, 2]), " ", diff([1, 4, 9]))
println(findfirst(==(2), [1, 2, 2]), " ", findlast(isodd, [1, 2, 3]), " ", findall(isodd, [1, 2, 3]), " ", findnext(iseven, [1, 2, 3, 4], 3), " ", findfirst(>(5), [1, 2]) === nothing)
println(count(iseven, 1:10), " ", any(x -> x > 2, [1, 3]), " ", all(iseven, [2, 4]), " ", 2 in [1, 2], " ", 3 ∉ [1], " ", any([false, true]))
println(sort([3, 1, 2]; rev = true), " ", sort([3, 1, 2], by = x -> -x), " ", sort(["bb", "a", "ccc"], by = length), " ", sort([3, 1, 2], lt = (a, b) -> a > b), " ", sortperm([3, 1, 2]), " ", issorted([1, 2, 2]))
println(max(1, 2, 3), " ", min(4, 2, 8), " ", minmax(3, 1), " ", clamp(5, 1, 3), " ", clamp(-1.5, 0, 1), " ", clamp(2, 1, 3))
println(1 ≈ 1 + 1e-10, " ", 1.0 ≈ 1.1, " ", isapprox(1.0, 1.05; atol = 0.1), " ", 0.1 + 0.2 ≈ 0.3, " ", √16, " ", 5 ÷ 2, " ", 3 ⊻ 5)
maximum(Int[])

#= expect
6 0 0.0 200 3 14
6 1 120 10 60 -8 -2
14 3 -3 (1, 5) b
(3, 2) (1, 2) 2 2 (-1, 1) NaN
[1, 3, 6] [1, 2, 6] [1, 3, 3] [3, 5]
2 3 [1, 3] 4 true
5 true true true true true
[3, 2, 1] [3, 2, 1] ["a", "bb", "ccc"] [3, 2, 1] [2, 3, 1] true
3 2 (1, 3) 3 0.0 2
true false true true 4.0 2 6
--- stderr
ERROR: ArgumentError: reducing over an empty collection is not allowed; consider supplying `init` to the reducer
Stacktrace:
 [1] _fold_nonempty(op::typeof(max), v::Vector{Int64})
   @ Base prelude/base.jl:844
 [2] maximum(v::Vector{Int64})
   @ Base prelude/base.jl:851
 [3] top-level scope
   @ reductions_search.jl:11
=#
