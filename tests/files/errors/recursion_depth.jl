# One recursion-depth rule for both engines and every inlining mode (README, "Recursion
# depth"): a run may have 100 000 calls in progress, inlined calls counted as frames.
# `dr(99_998)` is 99 999 calls deep at its deepest (the top-level call and dr(99_998) ... dr(1)),
# `dr(100_000)` one more than the limit.
dr(n) = n == 0 ? 0 : 1 + dr(n - 1)
println(dr(99_998))
println("next")
println(dr(100_000))

#= expect
99998
next
--- stderr
ERROR: StackOverflowError:
Stacktrace:
 [1] dr(n::Int64) (repeats 100000 times)
   @ Main recursion_depth.jl:5
 [2] top-level scope
   @ recursion_depth.jl:8
=#
