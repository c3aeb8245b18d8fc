# `|>` and `∘` (base/operators.jl): piping a value through functions and composing them.
println([1, 2, 3] |> length, " ", 4.0 |> sqrt |> x -> x + 1)
f = sqrt ∘ abs
println(f(-16.0), " ", (string ∘ length)([1, 2]), " ", f)
g = (x -> 2x) ∘ (x -> x + 1)
println(g(3), " ", map(abs ∘ -, [1, -2]))

#= expect
3 3.0
4.0 2 sqrt ∘ abs
8 [1, 2]
=#
