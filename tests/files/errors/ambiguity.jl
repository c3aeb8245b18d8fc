f(x::Int64, y) = 1
f(x, y::Int64) = 2
println(f(1, 2.0))
f(1, 2)

#= expect
1
--- stderr
ERROR: MethodError: f(::Int64, ::Int64) is ambiguous.
Stacktrace:
 [1] top-level scope
   @ ambiguity.jl:4
=#
