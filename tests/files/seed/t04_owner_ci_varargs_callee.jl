# T4 (test/jit.jl, module M1): a CodeInstance of `bar(::Int)` for a test owner, whose callee
# `foo` is a varargs method kept out of line with `@noinline`, runs and gives 200.
# Julia's test builds the CodeInstance by hand with owner `TestOwner()`, inserts it in
# `mi.cache` and adds it to the JIT without compiling its callee edges (lazy trampolines
# compile them on the first call). The subset cannot build a CodeInstance by hand; the closest
# program gets it from `typeinf(TestOwner(), mi, SOURCE_MODE_ABI)`, and checks what that
# leaves behind: the callee was inferred in the owner's partition, the native cache is untouched.
@noinline foo(xs...) = xs[2]
bar(x) = 2 * foo(x, x, x, x, x, x)
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

ci = Core.OptimizedGenerics.CompilerPlugins.typeinf(TestOwner(), method_instance(bar, 100), Compiler.SOURCE_MODE_ABI)
println(invoke(bar, ci, 100))
println(ci.owner === TestOwner())
println(ci.rettype)
println(owned(bar, TestOwner()), " ", owned(bar, nothing))
println(owned(foo, TestOwner()), " ", owned(foo, nothing))

#= expect
200
true
Int64
1 0
1 0
=#
