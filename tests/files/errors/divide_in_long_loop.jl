# steps: 10000000
# A loop that could run past the step budget but throws first reports its own error.
function quotients(n)
    s = 0
    for i in 1:n
        s += 100 ÷ (i - 3)
    end
    s
end
println(quotients(2))
println(quotients(1000000000000))

#= expect
-150
--- stderr
ERROR: DivideError: integer division error
Stacktrace:
 [1] div
   @ Base prelude/base.jl:63 [inlined]
 [2] quotients(n::Int64)
   @ Main divide_in_long_loop.jl:6
 [3] top-level scope
   @ divide_in_long_loop.jl:11
=#
