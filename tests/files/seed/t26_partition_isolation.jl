# inlining: heuristic
# T26 (#58072, #52233): after `with_new_compiler` (T6), native code never runs the owner's
# CodeInstances, and the native cache was neither read nor written. With `SplitCacheOwner` both
# partitions compute the same values, so the program counts CodeInstances per owner; with an
# overlay owner the partition is visible in the results too. `do_work` has two CodeInstances
# per partition: `do_work(::Any, ::Any)`, which inference made for the call it could not resolve,
# and `do_work(::Int64, ::Int64)`, which the dynamic call made at run time.
# Only the inliner's heuristic runs this file: forced inlining would inline `do_work(::Any,
# ::Any)` into `f1` and leave a dynamic `+` instead; the heuristic, like Julia's, keeps the call.
do_work(x, y) = x + y
f1() = do_work(Base.inferencebarrier(1), Base.inferencebarrier(2))

function owned(f, owner)
    n = 0
    for c in code_instances(f)
        if c.owner === owner
            n += 1
        end
    end
    return n
end

owner = SplitCacheOwner(2)
println(with_new_compiler(f1; owner=owner))
println(owned(f1, owner), " ", owned(f1, nothing))
println(owned(do_work, owner), " ", owned(do_work, nothing))
println(f1())
println(owned(f1, owner), " ", owned(f1, nothing))
println(owned(do_work, owner), " ", owned(do_work, nothing))

Base.Experimental.@MethodTable Twisted
Base.Experimental.@overlay Twisted do_work(x::Int, y::Int) = 10 * x + y
twisted = PluginOwner(:twisted; method_table=Twisted)
println(with_new_compiler(f1; owner=twisted))
println(f1(), " ", do_work(1, 2))
println(with_new_compiler(f1; owner=twisted), " ", with_new_compiler(f1; owner=owner))

#= expect
3
1 0
2 0
3
1 1
2 2
12
3 3
12 3
=#
