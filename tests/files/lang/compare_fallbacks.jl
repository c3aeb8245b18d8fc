# `<` falls back to `isless` and `<=` to `<` and `==` (base/operators.jl), so a type that
# defines `isless` compares with every operator and sorts; Symbols compare by their names' bytes.
struct Card
    rank::Int
end
Base.isless(a::Card, b::Card) = isless(a.rank, b.rank)
println(Card(2) < Card(3), " ", Card(3) <= Card(3), " ", Card(4) > Card(1), " ", Card(1) >= Card(2))
println(sort([Card(3), Card(1), Card(2)]))
println(maximum([Card(3), Card(5), Card(2)]))
d = Dict(:b => 2, :a => 1, :c => 3)
println(sort(collect(keys(d))))
println(:a < :b, " ", cmp(:b, :a), " ", isless(:abc, :abd), " ", :Z < :a)
println(sort([:zeta, :alpha, :Beta]))
for (k, v) in sort(collect(d))
    println(k, " => ", v)
end

#= expect
true true true false
Card[Card(1), Card(2), Card(3)]
Card(5)
[:a, :b, :c]
true 1 true true
[:Beta, :alpha, :zeta]
a => 1
b => 2
c => 3
=#
