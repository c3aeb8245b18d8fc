# steps: 50000
# `tailrec` makes a recursion that never ends through its tail calls alone a loop, which
# stops at the step budget (Julia, without tail-recursion elimination, overflows the stack).
# Under `--inline never` the `+` is a call, so there is no tail site: the recursion is
# charged a step per level and runs out of steps, at the same statement, before the stack.
g(n) = n < 1 ? n : g(0) + g(n)
println("start")
println(g(3))

#= expect
start
--- stderr
ERROR: StepLimitError: step budget of 50000 exhausted (an infinite loop?)
Stacktrace:
 [1] g(n::Int64)
   @ Main step_limit_tailrec.jl:6
 [2] top-level scope
   @ step_limit_tailrec.jl:8
=#
