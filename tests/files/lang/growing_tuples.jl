# Recursion on ever-growing tuple types. Inference limits the growth as Julia's does
# (Compiler/src/typelimits.jl `limit_type_size`): `h` is inferred for `Tuple{Int64, Int64}`
# and then for `Tuple{Any, Any}`, which calls itself, so compiling it takes three instances
# whatever `n` is.
h(x, n) = n == 0 ? x : h((x, x), n - 1)
depth(x::Tuple) = 1 + depth(x[1])
depth(x) = 0
println(h(1, 3))
println(typeof(h(1.5, 2)))
function deep()
    t = h(1, 20)
    println(depth(t))
    println(t[2][1][2][1][1][1][2][1][1][1][2][2][1][1][1][2][1][2][1][2])
    return length(t)
end
println(deep())

# `f(1)` never returns: inference stops at `f(::Tuple{Any})` (a cycle that returns `Union{}`),
# and running it overflows the stack.
f(x) = f((x,))
f(1)

#= expect
(((1, 1), (1, 1)), ((1, 1), (1, 1)))
Tuple{Tuple{Float64, Float64}, Tuple{Float64, Float64}}
20
1
2
--- stderr
ERROR: StackOverflowError:
Stacktrace:
 [1] f(x::Tuple{Any}) (repeats 99997 times)
   @ Main growing_tuples.jl:20
 [2] f (repeats 2 times)
   @ Main growing_tuples.jl:20 [inlined]
 [3] f(x::Int64)
   @ Main growing_tuples.jl:20
 [4] top-level scope
   @ growing_tuples.jl:21
=#
