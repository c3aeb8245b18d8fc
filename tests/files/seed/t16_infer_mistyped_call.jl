# inlining: heuristic
# T16: a call whose argument types cannot match the CodeInstance's `specTypes` is inferred as
# `Union{}` (it can only throw a TypeError): `Base.return_types` and `Base.infer_exception_type`
# say so, and the caller's IR shows it: the call of `k2` is the last statement and the rest of
# `caller` is unreachable. At run time, the T9 error.
mysin(x::Float64) = sin(x)
mysin(0.5)
const sci = code_instance(mysin, Float64)
@noinline k2() = invoke(cos, sci, 1.0)
caller() = k2() + 1.0
@code_typed caller()
println(Base.return_types(k2, ()))
println(Base.infer_exception_type(k2, ()))
k2()
println("not reached")

#= expect
CodeInfo(
1 ─        invoke k2()::Union{}
└──     unreachable
) => Union{}
Any[Union{}]
TypeError
--- stderr
ERROR: TypeError: in invoke: argument type error, expected Tuple{typeof(mysin), Float64}, got a value of type Tuple{typeof(cos), Float64}
Stacktrace:
 [1] k2()
   @ Main t16_infer_mistyped_call.jl:9
 [2] top-level scope
   @ t16_infer_mistyped_call.jl:14
=#
