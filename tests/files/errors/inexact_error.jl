println(Int64(3.0))
println(Int64(2.5))

#= expect
3
--- stderr
ERROR: InexactError: Int64(2.5)
Stacktrace:
 [1] Int64(x::Float64)
   @ Base prelude/base.jl:456
 [2] top-level scope
   @ inexact_error.jl:2
=#
