println(Int64(3.0))
println(Int64(2.5))

#= expect
3
--- stderr
ERROR: InexactError: Int64(2.5)
Stacktrace:
 [1] top-level scope
   @ inexact_error.jl:2
=#
