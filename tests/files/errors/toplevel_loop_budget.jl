# steps: 5000
# A compiled top-level loop is charged as a loop in a function is, and the step-limit error
# points at the loop.
n = 0
println("start")
while true
    global n += 1
end

#= expect
start
--- stderr
ERROR: StepLimitError: step budget of 5000 exhausted (an infinite loop?)
Stacktrace:
 [1] top-level scope
   @ toplevel_loop_budget.jl:7
=#
