check(x) = x > 0 ? x : error("x must be positive, got $x")
println(check(1))
check(-5)

#= expect
1
--- stderr
ERROR: x must be positive, got -5
Stacktrace:
 [1] error
   @ Base prelude/base.jl:642 [inlined]
 [2] check(x::Int64)
   @ Main error_call.jl:1
 [3] top-level scope
   @ error_call.jl:3
=#
