# Dict and Set iterate in Julia 1.12's order: its hashes and its open-addressing table.
d = Dict(1 => 2, 3 => 4)
println(d, " ", length(d), " ", d[1], " ", get(d, 5, 0), " ", haskey(d, 3), " ", 3 in keys(d))
println(Dict("A" => 1, "B" => 2), " ", Dict(zip(["a", "b", "c"], [1, 2, 3])))
println(Dict(1 => "a", 2 => "b", 3 => "c"), " ", Dict('a' => 2, 'b' => 3), " ", Dict(:a => 1, :b => 2))
println(merge!(Dict(1 => 2, 3 => 4), Dict(1 => 4, 4 => 5)), " ", merge(Dict("x" => 1), Dict("y" => 2.5)))
println(Set("aaBca"), " ", Set([1, 2, 3]), " ", Set{Int}(), " ", Dict(), " ", Dict{String, Float64}())
a = Set([1, 3, 4, 5])
union!(a, 1:2:8)
println(a, " ", 7 in a, " ", length(a), " ", sort(collect(a)))
counts = Dict{String, Int}()
for w in split("the cat and the dog and the bird")
    counts[w] = get(counts, w, 0) + 1
end
println(counts)
for (k, v) in sort(collect(counts))
    println(k, " => ", v)
end
println(sort(collect(counts), by = p -> (-p.second, p.first)))
println(keys(d), " ", values(d), " ", collect(keys(d)), " ", sum(values(d)), " ", collect(d))
delete!(d, 1)
println(d, " ", pop!(d, 3), " ", d, " ", isempty(d), " ", pop!(d, 9, :none))
groups = Dict{Int, Vector{Int}}()
for i in 1:10
    push!(get!(groups, i % 3, Int[]), i)
end
println(groups)
println(Dict(i => i^2 for i in 1:5), " ", Dict([(1, "one"), (2, "two")]))
big = Dict{Int, Int}()
for i in 1:20
    big[i * 7] = i
end
println(big)
filter!(p -> iseven(p.first), big)
println(big, " ", length(big))
s = Set{String}()
push!(s, "x"); push!(s, "y"); push!(s, "x")
println(s, " ", length(s), " ", "y" in s, " ", issubset(Set(["x"]), s))
println(union(Set([1, 2]), [3]), " ", intersect(Set([1, 2, 3]), [2, 3, 4]), " ", setdiff(Set([1, 2, 3]), [1]))
println(hash(1), " ", hash("abc"), " ", hash(1.5), " ", hash('a'), " ", hash(:a), " ", hash((1, 2)), " ", hash(1.0) == hash(1))
try
    d[99]
catch err
    println(err, " | ", sprint(showerror, err))
end
d[42]

#= expect
Dict(3 => 4, 1 => 2) 2 2 0 true true
Dict("B" => 2, "A" => 1) Dict("c" => 3, "b" => 2, "a" => 1)
Dict(2 => "b", 3 => "c", 1 => "a") Dict('a' => 2, 'b' => 3) Dict(:a => 1, :b => 2)
Dict(4 => 5, 3 => 4, 1 => 4) Dict("x" => 1.0, "y" => 2.5)
Set(['a', 'c', 'B']) Set([2, 3, 1]) Set{Int64}() Dict{Any, Any}() Dict{String, Float64}()
Set([5, 4, 7, 3, 1]) true 5 [1, 3, 4, 5, 7]
Dict("the" => 3, "cat" => 1, "bird" => 1, "and" => 2, "dog" => 1)
and => 2
bird => 1
cat => 1
dog => 1
the => 3
["the" => 3, "and" => 2, "bird" => 1, "cat" => 1, "dog" => 1]
[3, 1] [4, 2] [3, 1] 6 [3 => 4, 1 => 2]
Dict{Int64, Int64}() 4 Dict{Int64, Int64}() true none
Dict(0 => [3, 6, 9], 2 => [2, 5, 8], 1 => [1, 4, 7, 10])
Dict(5 => 25, 4 => 16, 2 => 4, 3 => 9, 1 => 1) Dict(2 => "two", 1 => "one")
Dict(56 => 8, 35 => 5, 105 => 15, 133 => 19, 28 => 4, 49 => 7, 98 => 14, 14 => 2, 119 => 17, 112 => 16, 84 => 12, 77 => 11, 7 => 1, 126 => 18, 70 => 10, 21 => 3, 63 => 9, 91 => 13, 42 => 6, 140 => 20)
Dict(56 => 8, 28 => 4, 98 => 14, 14 => 2, 112 => 16, 84 => 12, 126 => 18, 70 => 10, 42 => 6, 140 => 20) 10
Set(["x", "y"]) 2 true true
Set([2, 3, 1]) Set([2, 3]) Set([2, 3])
6614235796240398542 8543511489601552240 10457894882589006057 16823006179095029287 7711146526977742512 7734972019117196418 true
KeyError(99) | KeyError: key 99 not found
--- stderr
ERROR: KeyError: key 42 not found
Stacktrace:
 [1] getindex(h::Dict{Int64, Int64}, key::Int64)
   @ Base prelude/dict.jl:317
 [2] top-level scope
   @ dicts_sets.jl:46
=#
