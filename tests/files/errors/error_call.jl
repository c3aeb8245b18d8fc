check(x) = x > 0 ? x : error("x must be positive, got $x")
println(check(1))
check(-5)

#= expect
1
--- stderr
ERROR: x must be positive, got -5
Stacktrace:
 [1] top-level scope
   @ error_call.jl:3
=#
