# Julia you know: comprehensions, a Dict counting words, closures, string functions and a
# @testset, all from the Base and Test written in the prelude. A Dict iterates in Julia's order
# (its hashes and table are Julia's), so this prints what Julia prints. Open `word_counts` in
# the IR panes to see `get` and `setindex!` on the Dict inlined.
using Test

text = "the quick brown fox jumps over the lazy dog the end"

function word_counts(s)
    counts = Dict{String, Int}()
    for w in split(s)
        counts[w] = get(counts, w, 0) + 1
    end
    return counts
end

counts = word_counts(text)
println(counts)
top = sort(collect(counts), by = p -> (-p.second, p.first))
println("most common: ", first(top, 3))

squares = [x^2 for x in 1:10 if isodd(x)]
println(squares, " sum = ", sum(squares))

lengths = Dict(w => length(w) for w in unique(split(text)))
longest = argmax(w -> lengths[w], collect(keys(lengths)))
println("longest word: ", longest, " (", lengths[longest], " letters)")

make_adder(n) = x -> x + n
add3 = make_adder(3)
println(map(add3, [1, 2, 3]), " ", join(map(uppercase, split("a b c")), "-"))

point = (x = 1.5, y = -2.0)
println(point, " norm = ", round(hypot(point.x, point.y); digits = 3))

@testset "Base basics" showtiming = false begin
    @test counts["the"] == 3
    @test squares == [1, 9, 25, 49, 81]
    @test add3(4) == 7
    @test strip("  padded  ") == "padded"
    @test_throws KeyError counts["cat"]
    @testset "strings" begin
        @test reverse("abc") == "cba"
        @test parse(Int, "42") + 1 == 43
    end
end

#= expect
Dict("brown" => 1, "jumps" => 1, "lazy" => 1, "the" => 3, "quick" => 1, "fox" => 1, "over" => 1, "end" => 1, "dog" => 1)
most common: ["the" => 3, "brown" => 1, "dog" => 1]
[1, 9, 25, 49, 81] sum = 165
longest word: brown (5 letters)
[4, 5, 6] A-B-C
(x = 1.5, y = -2.0) norm = 2.5
Test Summary: | Pass  Total  
Base basics   |    7      7  
=#
