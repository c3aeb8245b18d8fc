down(n) = down(n + 1) + 1
println("start")
down(1)

#= expect
start
--- stderr
ERROR: StackOverflowError:
Stacktrace:
 [1] down(n::Int64) (repeats 100000 times)
   @ Main stack_overflow.jl:1
 [2] top-level scope
   @ stack_overflow.jl:3
=#
