# Both calls recurse without end: the optimizer turns the second into a loop iteration and
# inlines the first once (passes `tailrec`, `unroll`), but the first still recurses, so the
# stack runs out as in Julia.
h(n) = h(n + 1) + h(n + 2)
println("start")
h(1)

#= expect
start
--- stderr
ERROR: StackOverflowError:
Stacktrace:
 [1] h(n::Int64) (repeats 100000 times)
   @ Main stack_overflow_unrolled.jl:4
 [2] top-level scope
   @ stack_overflow_unrolled.jl:6
=#
