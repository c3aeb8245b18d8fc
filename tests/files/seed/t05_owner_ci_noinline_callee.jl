# T5 (test/jit.jl, module M2): as T4 with a one-argument `@noinline` callee:
# `invoke(bar, ci, 5) == 210`. The CodeInstance comes from `typeinf` for a test owner instead
# of being built by hand (see T4). The native call afterwards fills the native partition and
# leaves the owner's alone.
@noinline foo(x) = x + 100
bar(x) = 2 * foo(x)
struct TestOwner end

function owned(f, owner)
    n = 0
    for c in code_instances(f)
        if c.owner === owner
            n += 1
        end
    end
    return n
end

ci = Core.OptimizedGenerics.CompilerPlugins.typeinf(TestOwner(), method_instance(bar, 5), Compiler.SOURCE_MODE_ABI)
println(invoke(bar, ci, 5))
println(owned(foo, TestOwner()), " ", owned(foo, nothing))
println(bar(5))
println(owned(foo, TestOwner()), " ", owned(foo, nothing))
println(owned(bar, TestOwner()), " ", owned(bar, nothing))
println(invoke(bar, ci, -50))

#= expect
210
1 0
210
1 1
1 1
100
=#
