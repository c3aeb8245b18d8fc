# inlining: heuristic
# T7 (PR #60442): with a constant CodeInstance, `invoke(mysin, mysin_ci, x)` is not a call of
# the `Core.invoke` builtin in optimized code: it becomes a direct `invoke` of exactly that
# CodeInstance (kept out of line here by `@noinline`), or the callee's body when the inliner
# takes it (`mysq`). This is Julia 1.13's behaviour; Julia 1.12, without #60442, leaves a
# `builtin Core.invoke(...)` call, which invokelab does not reproduce (issue 3, item 4).
@noinline mysin(x::Float64) = sin(x)
println(mysin(1.0) == sin(1.0))
const mysin_ci = Base.specialize_method(Base._which(Tuple{typeof(mysin), Float64})).cache
g(x) = invoke(mysin, mysin_ci, x)
println(g(0.5) == sin(0.5))
@code_typed g(0.5)

mysq(x::Float64) = x * x
println(mysq(1.5))
const mysq_ci = code_instance(mysq, Float64)
g2(x) = invoke(mysq, mysq_ci, x)
println(g2(3.0))
@code_typed g2(3.0)

#= expect
true
true
CodeInfo(
1 ─ %1 =    invoke mysin(x::Float64)::Float64
└──      return %1
) => Float64
2.25
9.0
CodeInfo(
1 ─ %1 = intrinsic Base.mul_float(x, x)::Float64
└──      return %1
) => Float64
=#
