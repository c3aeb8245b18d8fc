# T10: an argument of the wrong type is a TypeError; no conversion happens (1 is not made 1.0).
mysin(x::Float64) = sin(x)
mysin(1.0)
const sci = code_instance(mysin, Float64)
println(sci.rettype)
invoke(mysin, sci, 1)
println("not reached")

#= expect
Float64
--- stderr
ERROR: TypeError: in invoke: argument type error, expected Tuple{typeof(mysin), Float64}, got a value of type Tuple{typeof(mysin), Int64}
Stacktrace:
 [1] top-level scope
   @ t10_invoke_wrong_argtype.jl:6
=#
