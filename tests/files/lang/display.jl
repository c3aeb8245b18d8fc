# `display(x)` as a script's text display prints it (base/multimedia.jl `TextDisplay`): the
# `text/plain` form and a newline. Collections get a summary line and a row per element,
# numbers right-aligned on their decimal point, anything else left-aligned; a matrix with more
# than one column shows floats compact; empty ones show as `show` does. `summary` and
# `textwidth` (which `lpad`/`rpad` pad by) are Julia's.
display([1, 20, 3])
display([1.5, 10.25, -3.0])
display(["a", "bcd"])
display(Any[1, "a", 2.5])
display(Int[])
display(Dict("a" => 1, "bbb" => 2))
display(Dict{String, Int}())
display(Set([3]))
display(reshape([1, 3, 2, 40], 2, 2))
display(reshape([1 / 3, 1e-5, 2.0, 123456.7], 2, 2))
display(reshape(["x", "yy", "zzz", "w"], 2, 2))
display(zeros(0, 3))
display(1:3)
display("hi")
display(nothing)
display((1, "a"))
area(r) = pi * r^2
area(w, h) = w * h
display(area)
display(3.0)
display([[1, 2], [3]])
display(stdout, [true, false])
display(Any[true, 1.5f0])
display(Float32[1.5, 2])
display(Dict("yes" => true))
println(textwidth("héllo"), " ", textwidth("日本"), " ", rpad("日本", 6), "|", lpad("é", 3), "|")
println(summary([1, 2]), " | ", summary(Dict(1 => 2)), " | ", summary(1), " | ", summary(reshape([1.0], 1, 1)))

#= expect
3-element Vector{Int64}:
  1
 20
  3
3-element Vector{Float64}:
  1.5
 10.25
 -3.0
2-element Vector{String}:
 "a"
 "bcd"
3-element Vector{Any}:
 1
  "a"
 2.5
Int64[]
Dict{String, Int64} with 2 entries:
  "bbb" => 2
  "a"   => 1
Dict{String, Int64}()
Set{Int64} with 1 element:
  3
2×2 Matrix{Int64}:
 1   2
 3  40
2×2 Matrix{Float64}:
 0.333333       2.0
 1.0e-5    123457.0
2×2 Matrix{String}:
 "x"   "zzz"
 "yy"  "w"
0×3 Matrix{Float64}
1:3
"hi"
nothing
(1, "a")
area (generic function with 2 methods)
3.0
2-element Vector{Vector{Int64}}:
 [1, 2]
 [3]
2-element Vector{Bool}:
 1
 0
2-element Vector{Any}:
 true
    1.5f0
2-element Vector{Float32}:
 1.5
 2.0
Dict{String, Bool} with 1 entry:
  "yes" => 1
5 4 日本  |  é|
2-element Vector{Int64} | Dict{Int64, Int64} with 1 entry | Int64 | 1×1 Matrix{Float64}
=#
