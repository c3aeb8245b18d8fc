# T3 (Compiler/test/abioverride.jl) is not expressible: it builds a CodeInstance by hand whose
# `def` is `Core.ABIOverride(Tuple{typeof(myplus), Int}, mi)` (code for `x + 1` taking one
# argument) and expects `invoke(myplus, new_ci, 10) == 11`. The subset has no CodeInstance
# constructor and no ABIOverride (optional, notes §7 Q11). The closest program checks the other
# side of that rule: an ordinary CodeInstance of `myplus(::Int, ::Int)` takes the arguments of
# its MethodInstance, so the ABI-overridden call shape `invoke(myplus, ci, 10)` is the argument
# TypeError of `jl_f_invoke`, exactly as in Julia for a CodeInstance without an override.
myplus(x::Int, y::Int) = x + y
println(myplus(10, 1))
ci = code_instance(myplus, Int, Int)
println(invoke(myplus, ci, 10, 1))
invoke(myplus, ci, 10)
println("not reached")

#= expect
11
11
--- stderr
ERROR: TypeError: in invoke: argument type error, expected Tuple{typeof(myplus), Int64, Int64}, got a value of type Tuple{typeof(myplus), Int64}
Stacktrace:
 [1] top-level scope
   @ t03_abi_override_absent.jl:12
=#
