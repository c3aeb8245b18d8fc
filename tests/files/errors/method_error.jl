f(x::Int64) = x + 1
println(f(1))
f(2.5)
println("not reached")

#= expect
2
--- stderr
ERROR: MethodError: no method matching f(::Float64)
Stacktrace:
 [1] top-level scope
   @ method_error.jl:3
=#
