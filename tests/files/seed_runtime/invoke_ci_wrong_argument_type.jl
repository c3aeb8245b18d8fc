# T10: no conversion happens; `Int64` is not `Float64`.
mysin(x::Float64) = sin(x)
const sci = code_instance(mysin, Float64)
invoke(mysin, sci, 1)

#= expect
--- stderr
ERROR: TypeError: in invoke: argument type error, expected Tuple{typeof(mysin), Float64}, got a value of type Tuple{typeof(mysin), Int64}
Stacktrace:
 [1] top-level scope
   @ invoke_ci_wrong_argument_type.jl:4
=#
