# T25: the Type form checks only `args isa T`, not the function: the expected type in the
# message is `Tuple{Int64}`, without `typeof(sin)` (src/builtins.c `jl_f_invoke`).
println(invoke(sin, Tuple{Float64}, 1.0) == sin(1.0))
invoke(sin, Tuple{Int}, 1.0)
println("not reached")

#= expect
true
--- stderr
ERROR: TypeError: in invoke: argument type error, expected Tuple{Int64}, got a value of type Tuple{Float64}
Stacktrace:
 [1] top-level scope
   @ t25a_invoke_type_wrong_args.jl:4
=#
