# Sorting and reductions over vectors, with Julia's results (its default sort is stable).
v = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5]
println(sort(v))
println(sort(v; rev=true))
println(sort(v; by=x -> x % 3))
println(sort([2.5, -0.0, 0.0, NaN, -1.0]))
w = [10, 2, 33, 4]
sort!(w)
println(w, " ", issorted(w), " ", issorted(v))
println(sort([(3, "c"), (1, "a"), (2, "b")]; by=first))
println(sum(x -> x^2, [1, 2, 3]), " ", prod([1, 2, 3, 4]), " ", prod(x -> 2x, [1, 2]))
println(any(x -> x > 8, v), " ", all(x -> x > 0, v), " ", count(x -> x == 5, v))
println(findfirst(x -> x > 4, v), " ", findfirst(x -> x > 100, v) === nothing)
println(extrema(v), " ", argmax(v), " ", argmin(v))
println(reverse([1, 2, 3]), " ", cumsum([1, 2, 3, 4]), " ", copy([1.5]))
println(reduce(+, [1, 2, 3]), " ", foldl(-, [10, 2, 3]))
big = Int[]
for i in 1:40
    push!(big, mod(i * 7919, 101))
end
println(sort(big))
println(sort(big; by=x -> x % 10, rev=true))

#= expect
[1, 1, 2, 3, 3, 4, 5, 5, 5, 6, 9]
[9, 6, 5, 5, 5, 4, 3, 3, 2, 1, 1]
[3, 9, 6, 3, 1, 4, 1, 5, 2, 5, 5]
[-1.0, -0.0, 0.0, 2.5, NaN]
[2, 4, 10, 33] true false
[(1, "a"), (2, "b"), (3, "c")]
14 24 8
true true 3
5 true
(1, 9) 6 2
[3, 2, 1] [1, 3, 6, 10] [1.5]
6 5
[2, 3, 6, 9, 12, 15, 18, 21, 22, 24, 25, 28, 31, 34, 37, 40, 41, 43, 44, 47, 50, 53, 56, 59, 62, 63, 66, 69, 72, 75, 78, 81, 82, 84, 85, 88, 91, 94, 97, 100]
[69, 9, 59, 88, 28, 78, 18, 47, 97, 37, 66, 6, 56, 85, 25, 75, 15, 44, 94, 34, 84, 24, 63, 3, 53, 43, 82, 22, 72, 12, 62, 2, 41, 91, 31, 81, 21, 50, 100, 40]
=#
