# The unicode comparison operators, and `fill`, `zeros`, `ones`, `unique`, `maximum(f, v)`.
println(1 ≤ 2, " ", 2 ≥ 3, " ", 1 ≠ 2, " ", 2 ∈ [1, 2], " ", 5 ∉ [1, 2])
println(fill(7, 3), " ", fill("a", 2), " ", zeros(3), " ", ones(2), " ", zeros(Int, 2), " ", ones(Int, 3))
println(unique([3, 1, 3, 2, 1]), " ", unique(["b", "a", "b"]))
println(maximum(x -> -x, [1, 2, 3]), " ", minimum(abs, [-4, 2, -1]))
println(length(fill(0.5, 0)), " ", typeof(zeros(0)))

#= expect
true false true true true
[7, 7, 7] ["a", "a"] [0.0, 0.0, 0.0] [1.0, 1.0] [0, 0] [1, 1, 1]
[3, 1, 2] ["b", "a"]
-1 1
0 Vector{Float64}
=#
