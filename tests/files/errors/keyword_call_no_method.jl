g(x::Int64; k=1) = x * k
println(g(4; k=2))
g("a"; k=2)

#= expect
8
--- stderr
ERROR: MethodError: no method matching g(::String; k::Int64)
Stacktrace:
 [1] top-level scope
   @ keyword_call_no_method.jl:3
=#
