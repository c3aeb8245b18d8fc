# inlining: heuristic
# T28: an `invoke` statement of a CodeInstance runs without a run-time world check (the
# caller's range lies inside the callee's). The notes execute a hand-built thunk holding
# `Expr(:invoke, SQ, sq, 3)`; the subset cannot build IR by hand, so this program lets the
# optimizer produce that statement and runs it on both engines (the wasm one and the reference
# interpreter; this file is not restricted to either).
@noinline sq(x::Int) = x * x
sq(2)
const SQ = code_instance(sq, Int)
usesq() = invoke(sq, SQ, 3)
@code_typed usesq()
println(usesq())

#= expect
CodeInfo(
1 ─ %1 =    invoke sq(3::Int64)::Int64
└──      return %1
) => Int64
9
=#
