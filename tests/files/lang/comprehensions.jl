# Comprehensions and generators, lowered as Julia lowers them (`collect(Generator(x -> ...,
# xs))`, with `if` filtering the iterable), and `enumerate`, `zip` and slices `v[a:b]`.
v = [1, 2, 3, 4, 5]
println([x^2 for x in v])
println([x for x in v if isodd(x)])
println(sum(x^2 for x in v), " ", maximum(length(s) for s in ["a", "abc"]))
println(Float64[x / 2 for x in 1:3])
println([(i, c) for (i, c) in enumerate(['a', 'b'])])
for (i, x) in enumerate([10, 20])
    println(i, " => ", x)
end
for (a, b) in zip([1, 2, 3], ["x", "y"])
    println(a, b)
end
println(collect(zip(1:2, [3.0, 4.0])), " ", collect(enumerate("hé")))
println(v[2:4], " ", v[3:2])
k = 10
println([x + k for x in 1:3], " ", [isodd(x) ? x : 0.5 for x in 1:3])
println(try v[4:7] catch e; e end)
squares(n) = [i * i for i in 1:n]
println(squares(4), " ", length(squares(0)))
println(any(x > 4 for x in v), " ", all(x > 0 for x in v), " ", count(iseven, v))

#= expect
[1, 4, 9, 16, 25]
[1, 3, 5]
55 3
[0.5, 1.0, 1.5]
[(1, 'a'), (2, 'b')]
1 => 10
2 => 20
1x
2y
[(1, 3.0), (2, 4.0)] [(1, 'h'), (2, 'é')]
[2, 3, 4] Int64[]
[11, 12, 13] Real[1, 0.5, 3]
BoundsError([1, 2, 3, 4, 5], (4:7,))
[1, 4, 9, 16] 0
true true 2
=#
