# inlining: heuristic
# T15: inference of `invoke` on a constant CodeInstance gives exactly `ci.rettype`
# (Compiler/src/abstractinterpretation.jl `abstract_invoke`). The notes check
# `Base.return_types(k, (Float64,)) == [Float64]`, as here; `k`'s IR shows the same fact: the
# result is known to be a Float64, so `* 2.0` resolves to `mul_float` and `k` returns Float64.
@noinline mysin(x::Float64) = sin(x)
mysin(0.5)
const sci = code_instance(mysin, Float64)
println(sci.rettype)
k(x) = invoke(mysin, sci, x) * 2.0
println(k(0.5) == 2.0 * sin(0.5))
println(Base.return_types(k, (Float64,)) == [Float64])
println(Base.return_types(k, (Float64,)))
@code_typed k(0.5)

#= expect
Float64
true
true
Any[Float64]
CodeInfo(
1 ─ %1 =    invoke mysin(x::Float64)::Float64
│   %2 = intrinsic Base.mul_float(%1, 2.0)::Float64
└──      return %2
) => Float64
=#
