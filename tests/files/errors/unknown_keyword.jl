f(x; k=1) = x + k
println(f(1; k=2), " ", f(1, k=3), " ", f(2))
f(1; k=2, z=2.5)

#= expect
3 4 3
--- stderr
ERROR: MethodError: no method matching f(::Int64; k::Int64, z::Float64)
Stacktrace:
 [1] _kwcheck
   @ Base prelude/base.jl:668 [inlined]
 [2] kwcall(::Tuple{Symbol, Symbol}, ::Tuple{Int64, Float64}, ::typeof(f), x::Int64)
   @ Core unknown_keyword.jl:1
 [3] top-level scope
   @ unknown_keyword.jl:3
=#
