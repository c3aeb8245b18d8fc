# steps: 10000000
# A counted loop longer than the budget stops with the step-limit error; what was printed
# before it stays.
function triangle(n)
    s = 0
    for i in 1:n
        s += i
    end
    s
end
println(triangle(1000))
println(triangle(1000000))
println(triangle(1000000000000))

#= expect
500500
500000500000
--- stderr
ERROR: StepLimitError: step budget of 10000000 exhausted (an infinite loop?)
Stacktrace:
 [1] triangle(n::Int64)
   @ Main counted_loop_budget.jl:6
 [2] top-level scope
   @ counted_loop_budget.jl:13
=#
