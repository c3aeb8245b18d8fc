# inlining: heuristic
# `with_new_compiler(f, args...)` (CompilerDevTools; PRs #56660, #57193) computes `f(args...)`
# with everything inferred and compiled by another compiler instance, in the cache partition of
# its owner. In invokelab it is a prelude function (SEMANTICS §3.5):
#     invoke(f, typeinf(owner, method_instance(f, args...), SOURCE_MODE_ABI), args...)
println(with_new_compiler(sin, 1.0) == sin(1.0))

# Inference folds `typeinf` of a constant owner and MethodInstance by running the owner's
# inference on the spot (the mid-inference interpreter switch), so the whole call is one
# direct call of the plugin's CodeInstance of `sin`: no lookup, no typeinf, no builtin invoke.
@code_typed with_new_compiler(sin, 1.0)

# Dynamic calls made by owner-compiled code stay in the owner's partition: `collatz` is only
# reachable dynamically here (`inferencebarrier` hides the argument's type).
collatz(n) = iseven(n) ? n ÷ 2 : 3 * n + 1
function steps(n)
    count = 0
    while n != 1
        n = collatz(Base.inferencebarrier(n))
        count += 1
    end
    return count
end

# (native, plugin) CodeInstances of a function, every world. `collatz` gets two in each
# partition: `collatz(::Any)`, inferred for the call `steps` cannot resolve, and
# `collatz(::Int64)`, compiled when that call is made.
function census(f)
    native = 0
    plugin = 0
    for ci in code_instances(f)
        if ci.owner === nothing
            native += 1
        else
            plugin += 1
        end
    end
    return (native, plugin)
end

println(with_new_compiler(steps, 27; owner=SplitCacheOwner(1)))
println(census(steps), " ", census(collatz))
println(steps(27))
println(census(steps), " ", census(collatz))

#= expect
true
CodeInfo(
1 ─ %1 =   builtin Core.getfield(args, 1)::Float64
│   %2 =    invoke sin(%1::Float64)::Float64
└──      return %2
) => Float64
111
(0, 1) (0, 2)
111
(1, 1) (2, 2)
=#
