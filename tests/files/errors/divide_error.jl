safe(a, b) = a ÷ b
println(safe(7, 2))
println(safe(1, 0))

#= expect
3
--- stderr
ERROR: DivideError: integer division error
Stacktrace:
 [1] div
   @ Base prelude/base.jl:63 [inlined]
 [2] safe(a::Int64, b::Int64)
   @ Main divide_error.jl:1
 [3] top-level scope
   @ divide_error.jl:3
=#
