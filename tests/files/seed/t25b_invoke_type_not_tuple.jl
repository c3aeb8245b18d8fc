# T25: a second argument that is neither a tuple type nor a CodeInstance is a TypeError of its
# own (src/builtins.c `jl_f_invoke`: `jl_type_error("invoke", jl_anytuple_type_type, argtypes)`).
invoke(sin, 1, 1.0)
println("not reached")

#= expect
--- stderr
ERROR: TypeError: in invoke, expected Type{<:Tuple}, got a value of type Int64
Stacktrace:
 [1] top-level scope
   @ t25b_invoke_type_not_tuple.jl:3
=#
