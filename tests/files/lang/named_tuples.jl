nt = (a = 1, b = "x", c = 2.5)
println(nt, " ", nt.a, " ", nt[2], " ", nt[:c], " ", keys(nt), " ", values(nt), " ", length(nt))
println(typeof(nt))
println((x = 1,), " ", NamedTuple(), " ", [(a = 1,), (a = 2,)])
x = 3; y = 4
p = (; x, y)
println(p, " ", p.x + p.y, " ", haskey(p, :x), " ", get(p, :z, 0))
for v in (a = 10, b = 20)
    println(v)
end
println(merge((a = 1, b = 2), (b = 3, c = 4)))
f(t::NamedTuple) = t.a * 2
println(f((a = 21,)), " ", nt isa NamedTuple, " ", fieldnames(typeof(nt)))
show(nt); println()
println(repr((a = 1, b = (c = 2,))))
nt.z

#= expect
(a = 1, b = "x", c = 2.5) 1 x 2.5 (:a, :b, :c) (1, "x", 2.5) 3
@NamedTuple{a::Int64, b::String, c::Float64}
(x = 1,) NamedTuple() [(a = 1,), (a = 2,)]
(x = 3, y = 4) 7 true 0
10
20
(a = 1, b = 3, c = 4)
42 true (:a, :b, :c)
(a = 1, b = "x", c = 2.5)
(a = 1, b = (c = 2,))
--- stderr
ERROR: FieldError: type NamedTuple has no field `z`, available fields: `a`, `b`, `c`
Stacktrace:
 [1] top-level scope
   @ named_tuples.jl:16
=#
