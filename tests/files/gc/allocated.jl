# `@allocated ex` is the bytes `ex` allocated, as Julia counts them: a call that allocates
# nothing is 0, at top level and compiled inside a function; the clock and the counters' own
# tuples are not counted. `@elapsed` is a Float64 of seconds. (`@time` prints timings, which no
# expectation can hold; its format is a unit test of the runtime, `format_time`.)
f(x) = x + 1
f(1)
println(@allocated f(1))
g() = @allocated f(1)
g()
println(g())
println(@allocated(string("item ", 7)) > 0)
v = @allocated [1, 2, 3]
println(v > 0)
println((@elapsed f(1)) isa Float64)

#= expect
0
0
true
true
true
=#
