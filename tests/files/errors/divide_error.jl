safe(a, b) = a ÷ b
println(safe(7, 2))
println(safe(1, 0))

#= expect
3
--- stderr
ERROR: DivideError: integer division error
Stacktrace:
 [1] top-level scope
   @ divide_error.jl:3
=#
