# `peel` runs the base case of `pd(0)` in its caller without a call, but its `stack_check`
# raises where the call would have, so the depth at which the run stops is the same in every
# inlining mode and both engines (README, "Recursion depth"). `pd(99_998)` is 99 999 calls
# deep at its deepest (100 000 where `<` is a call), `pd(100_000)` one more than the limit.
pd(n) = n < 1 ? 0 : 1 + pd(n - 1)
println(pd(99_998))
println("next")
println(pd(100_000))

#= expect
99998
next
--- stderr
ERROR: StackOverflowError:
Stacktrace:
 [1] pd(n::Int64) (repeats 100000 times)
   @ Main stack_overflow_peeled.jl:5
 [2] top-level scope
   @ stack_overflow_peeled.jl:8
=#
