# T14 (flagged, medium confidence in the notes, §7 Q1): overwriting the same signature. The
# old method's specializations have their *callers* invalidated (src/gf.c
# `jl_method_table_invalidate`); the CodeInstance of the old method keeps its range, so it is
# still a valid snapshot and `invoke` runs the old body while dispatch runs the new one.
q(x) = 1
println(q(5))
ci = code_instance(q, Int)
q(x) = 2
println((q(5), invoke(q, ci, 5)))
println(ci.max_world == typemax(UInt))
println(length(methods(q)))
println(code_instance(q, Int) !== ci)

#= expect
1
(2, 1)
true
1
true
=#
