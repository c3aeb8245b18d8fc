# steps: 10000000
function spin()
    i = 0
    while true
        i += 1
    end
end
println("spinning")
spin()

#= expect
spinning
--- stderr
ERROR: StepLimitError: step budget of 10000000 exhausted (an infinite loop?)
Stacktrace:
 [1] spin()
   @ Main infinite_loop.jl:5
 [2] top-level scope
   @ infinite_loop.jl:9
=#
