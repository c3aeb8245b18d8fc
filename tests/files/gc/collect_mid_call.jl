# A collection in the middle of an `invoke` of a CodeInstance, a `with_new_compiler` call, a
# call that cures a CodeInstance without native code, and a dynamic call: every value the
# callers hold (a list built before the call, the arguments, the results) survives it. The
# file tests also run every file with a collection at every allocation (GC stress).
mutable struct Cell
    val::Int
    next::Any
end
function build(n)
    head = nothing
    for i in 1:n
        head = Cell(i, head)
    end
    head
end
function total(l)
    s = 0
    while l !== nothing
        s += l.val
        l = l.next
    end
    s
end
function churn(l)
    for k in 1:50
        build(100)
    end
    GC.gc()
    (total(l), string("sum ", total(l)))
end

keep = build(100)
println(churn(keep))
ci = code_instance(churn, Any)
println(invoke(churn, ci, build(10)))
println(with_new_compiler(churn, build(20); owner=SplitCacheOwner(1)))
drop_native_code!(ci)
println(invoke(churn, ci, build(30)))
println(churn(Base.inferencebarrier(build(40))))
GC.gc()
println(total(keep))
println(Base.gc_live_bytes() > 0)

#= expect
(5050, "sum 5050")
(55, "sum 55")
(210, "sum 210")
(465, "sum 465")
(820, "sum 820")
5050
true
=#
