# T9: `invoke(f, ci, args...)` checks the function too: `(f, args...)` must be an instance of
# the CodeInstance's `specTypes` (src/builtins.c `jl_f_invoke`).
mysin(x::Float64) = sin(x)
println(mysin(1.0) == sin(1.0))
const sci = code_instance(mysin, Float64)
println(invoke(mysin, sci, 1.0) == sin(1.0))
invoke(cos, sci, 1.0)
println("not reached")

#= expect
true
true
--- stderr
ERROR: TypeError: in invoke: argument type error, expected Tuple{typeof(mysin), Float64}, got a value of type Tuple{typeof(cos), Float64}
Stacktrace:
 [1] top-level scope
   @ t09_invoke_wrong_function.jl:7
=#
