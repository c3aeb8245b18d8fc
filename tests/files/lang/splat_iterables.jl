# `f(xs...)` splats any iterable: tuples, vectors, ranges, numbers, and whatever has `iterate`.
g(xs...) = xs
v = [4, 5, 6]
println(g(v...), " ", g(1, v...), " ", g(v..., v...), " ", g(Float64[]...))
println(g(1:3...), " ", g((1:2:5)...), " ", g(7...), " ", g(2.5...))
varsum(xs...) = sum(xs)
println(varsum([4, 5]...), " ", varsum(v...), " ", max(v...))
struct Countdown
    n::Int64
end
iterate(c::Countdown) = c.n <= 0 ? nothing : (c.n, c.n - 1)
iterate(c::Countdown, k::Int64) = k <= 0 ? nothing : (k, k - 1)
println(g(Countdown(3)...))
struct Opaque end
g(Opaque()...)

#= expect
(4, 5, 6) (1, 4, 5, 6) (4, 5, 6, 4, 5, 6) ()
(1, 2, 3) (1, 3, 5) (7,) (2.5,)
9 15 6
(3, 2, 1)
--- stderr
ERROR: MethodError: no method matching iterate(::Opaque)
Stacktrace:
 [1] top-level scope
   @ splat_iterables.jl:15
=#
