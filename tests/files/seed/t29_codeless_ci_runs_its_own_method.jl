# T29 (provenance unverified in the notes) is not expressible: an ABIOverride CodeInstance
# without code must raise instead of silently running plain `mysum`; the subset has no
# ABIOverride. The closest program keeps the rule's point, "a CodeInstance without code never
# silently runs other code": `mysum` is overwritten, the old method's CodeInstance (still a valid
# snapshot, T14) loses its code, and invoking it must run the old body again (Julia's fallback
# runs the CodeInstance's own MethodInstance, `jl_invoke(mi)`), not what dispatch now selects.
mysum(x, y) = x + y
println(mysum(1, 2))
ci = code_instance(mysum, Int, Int)
mysum(x, y) = x - y
println(mysum(1, 2))
drop_native_code!(ci)
println(invoke(mysum, ci, 1, 2))
println(invoke(mysum, ci, 10, 20), " ", mysum(10, 20))

#= expect
3
-1
3
30 -10
=#
