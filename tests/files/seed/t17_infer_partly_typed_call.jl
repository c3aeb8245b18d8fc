# inlining: heuristic
# T17: an argument inferred as `Any` may or may not match: the result type is still
# `ci.rettype` (Float64), and a TypeError joins the exception type, so the call is not nothrow
# and must not be deleted when its result is unused (`drop`). The notes infer `k3` for `(Any,)`;
# here `inferencebarrier` makes the argument `Any`.
mysin(x::Float64) = sin(x)
mysin(0.5)
const sci = code_instance(mysin, Float64)
@noinline k3(x) = invoke(mysin, sci, Base.inferencebarrier(x))
k3w(x) = k3(x) * 2.0
@code_typed k3w(0.5)
println(k3(0.5) == sin(0.5))
println(Base.return_types(k3, (Any,)))
println(TypeError <: Base.infer_exception_type(k3, (Any,)))
drop(x) = (invoke(mysin, sci, Base.inferencebarrier(x)); 1)
println(drop(0.5))
drop(1)
println("not reached")

#= expect
CodeInfo(
1 ─ %1 =    invoke k3(x::Float64)::Float64
│   %2 = intrinsic Base.mul_float(%1, 2.0)::Float64
└──      return %2
) => Float64
true
Any[Float64]
true
1
--- stderr
ERROR: TypeError: in invoke: argument type error, expected Tuple{typeof(mysin), Float64}, got a value of type Tuple{typeof(mysin), Int64}
Stacktrace:
 [1] drop(x::Int64)
   @ Main t17_infer_partly_typed_call.jl:15
 [2] top-level scope
   @ t17_infer_partly_typed_call.jl:17
=#
