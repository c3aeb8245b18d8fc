# steps: 10000000
# `i <= typemax(Int)` holds for every Int: the loop never ends (i wraps around), and stops at
# the step budget.
function forever(i)
    s = 0
    while i <= typemax(Int)
        s += i
        i += 1
    end
    s
end
println("start")
println(forever(typemax(Int) - 5))

#= expect
start
--- stderr
ERROR: StepLimitError: step budget of 10000000 exhausted (an infinite loop?)
Stacktrace:
 [1] forever(i::Int64)
   @ Main counted_loop_wraps.jl:6
 [2] top-level scope
   @ counted_loop_wraps.jl:13
=#
