x = 1.5
println(x::Float64)
x::Int64

#= expect
1.5
--- stderr
ERROR: TypeError: in typeassert, expected Int64, got a value of type Float64
Stacktrace:
 [1] top-level scope
   @ typeassert.jl:3
=#
