down(n) = down(n + 1) + 1
println("start")
down(1)

#= expect
start
--- stderr
ERROR: StackOverflowError:
Stacktrace:
 [1] top-level scope
   @ stack_overflow.jl:3
=#
