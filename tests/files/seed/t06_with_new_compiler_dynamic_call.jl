# inlining: heuristic
# T6 (Compiler/extras/CompilerDevTools/test/runtests.jl): `with_new_compiler` infers the
# function under its owner, and the call that `f1` can only make dynamically (its arguments go
# through `inferencebarrier`) is captured in the same partition (PR #57193).
# The upstream test takes a fresh `SplitCacheOwner(k)` from `new_cache_version()` and looks in
# `code_cache(SplitCacheInterp(; world, owner))`; here the owner is `SplitCacheOwner(1)` (fresh in
# a new session) and the cache is searched with `code_instances`.
# Only the inliner's heuristic runs this file: forced inlining would inline `do_work(::Any,
# ::Any)` into `f1` and leave a dynamic `+` instead; the heuristic, like Julia's, keeps the call.
do_work(x, y) = x + y
f1() = do_work(Base.inferencebarrier(1), Base.inferencebarrier(2))

function cached(f, mi, owner)
    for c in code_instances(f)
        if c.def === mi && c.owner === owner
            return true
        end
    end
    return false
end

owner = SplitCacheOwner(1)
mi = method_instance(f1)
println(cached(f1, mi, owner))
println(with_new_compiler(f1; owner=owner) === 3)
println(cached(f1, mi, owner))
println(cached(do_work, method_instance(do_work, 1, 2), owner))
# Nothing was written to the native cache, and the default owner's partition is another one.
println(cached(f1, mi, nothing))
println(cached(f1, mi, SplitCacheOwner()))

#= expect
false
true
true
true
false
false
=#
