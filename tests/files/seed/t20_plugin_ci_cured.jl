# T20: a foreign-owned CodeInstance without code. The notes build one by hand (`CodeInstance(mi,
# :Foreign, ...)` never added to the JIT) and expect "Failed to invoke or compile external
# codeinst", because Julia cannot cure foreign CodeInstances (notes §4.3). The subset cannot
# build CodeInstances by hand; the closest program takes a CodeInstance from `typeinf` for a
# foreign owner and drops its code with `drop_native_code!`. invokelab does what PR #56660
# describes and Julia left unimplemented (SEMANTICS §3.5, notes §7 Q8): the next call cures the
# CodeInstance through `typeinf(ci.owner, ci.def, SOURCE_MODE_ABI)`, valid in the current world,
# so there is no error. Julia 1.12 would raise the error at the second `invoke` below.
sq(x::Int) = x * x
struct Foreign end
ci = typeinf(Foreign(), method_instance(sq, 3), SOURCE_MODE_ABI)
println(invoke(sq, ci, 3))
drop_native_code!(ci)
println(invoke(sq, ci, 4))
println(invoke(sq, ci, 5))
# A dropped callee is cured too: `bar`'s code calls `foo`'s CodeInstance of the same owner.
@noinline foo(x) = x + 100
bar(x) = 2 * foo(x)
bci = typeinf(Foreign(), method_instance(bar, 1), SOURCE_MODE_ABI)
println(invoke(bar, bci, 1))
for c in code_instances(foo)
    if c.owner === Foreign()
        drop_native_code!(c)
    end
end
println(invoke(bar, bci, 2))
println(with_new_compiler(bar, 3; owner=Foreign()))
# The native cache was never involved.
println(sq(6), " ", bar(4))

#= expect
9
16
25
202
204
206
36 208
=#
