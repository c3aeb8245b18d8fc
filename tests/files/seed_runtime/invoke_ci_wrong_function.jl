# T9: the argument check includes `f` (src/builtins.c `jl_f_invoke`).
mysin(x::Float64) = sin(x)
const sci = code_instance(mysin, Float64)
println(invoke(mysin, sci, 1.0) == sin(1.0))
invoke(cos, sci, 1.0)

#= expect
true
--- stderr
ERROR: TypeError: in invoke: argument type error, expected Tuple{typeof(mysin), Float64}, got a value of type Tuple{typeof(cos), Float64}
Stacktrace:
 [1] top-level scope
   @ invoke_ci_wrong_function.jl:5
=#
