# Splatting a long vector passes every element (no size cliff; the runtime's allocate-or-grow
# retry grows the heap geometrically).
v = collect(1:17000)
g(xs...) = length(xs)
println(g(v...))
t = (v...,)
println(length(t), " ", t[end])
h(a, b, rest...) = a + b + length(rest)
println(h(v...))

#= expect
17000
17000 17000
17001
=#
