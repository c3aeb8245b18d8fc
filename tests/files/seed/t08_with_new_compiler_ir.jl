# inlining: heuristic
# T8 (PR #56660's description): with the mid-inference interpreter switch, `typeinf` of a
# constant owner and MethodInstance folds to the plugin's CodeInstance, and the whole of
# `with_new_compiler(sin, 1.0)` optimizes to one direct `invoke` of it: no `method_instance`,
# `typeinf` or `Core.invoke` call is left (SEMANTICS §3.4). Merged Julia kept only the
# definitions, so Julia 1.12 itself leaves those calls in place; this is the target shape of the
# PR, printed in 1.12's format. Julia's printout also starts with a leftover
# `jl_get_tls_world_age` foreigncall that invokelab's prelude does not have.
println(with_new_compiler(sin, 1.0) == sin(1.0))
@code_typed with_new_compiler(sin, 1.0)

#= expect
true
CodeInfo(
1 ─ %1 =   builtin Core.getfield(args, 1)::Float64
│   %2 =    invoke sin(%1::Float64)::Float64
└──      return %2
) => Float64
=#
