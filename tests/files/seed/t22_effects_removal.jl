# inlining: heuristic
# T22: an `invoke` of a native CodeInstance whose effects are total, with argument types that
# match exactly, is removable when its result is unused: `drop` optimizes to `return 1`.
# With a foreign-owned CodeInstance the call may fail at run time (its code can be dropped and
# may not be curable), so a correct implementation keeps it (SEMANTICS §3.2, notes §3.3 and
# §7 Q2). Julia compares the owner with the type `Nothing`, never adds the ErrorException, and
# deletes the call: invokelab deliberately differs (`drop2`).
sq(x::Int) = x * x
sq(2)
const SQ = code_instance(sq, Int)
println(SQ.exctype)
drop(x::Int) = (invoke(sq, SQ, x); 1)
println(drop(3))
@code_typed drop(3)
struct Foreign end
const PSQ = typeinf(Foreign(), method_instance(sq, 2), SOURCE_MODE_ABI)
drop2(x::Int) = (invoke(sq, PSQ, x); 1)
println(drop2(3))
@code_typed drop2(3)

#= expect
Union{}
1
CodeInfo(
1 ─     return 1
) => Int64
1
CodeInfo(
1 ─        invoke sq(x::Int64)::Int64
└──     return 1
) => Int64
=#
