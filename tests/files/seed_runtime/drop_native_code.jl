# Curing: after drop_native_code!, the next call of a native CodeInstance compiles it again;
# a plugin one goes through its owner's typeinf; static callers reach it through its table slot.
sq(x::Int) = x * x
ci = code_instance(sq, Int)
println(invoke(sq, ci, 3))
drop_native_code!(ci)
println(invoke(sq, ci, 4))
usesq(x) = sq(x) + 1
println(usesq(2))
drop_native_code!(ci)
println(usesq(3), " ", sq(5))
oci = code_instance(sq, Int; owner=SplitCacheOwner(3))
println(invoke(sq, oci, 6))
drop_native_code!(oci)
println(invoke(sq, oci, 7))
callsq(x) = sq(x) - 1
println(with_new_compiler(callsq, 4; owner=SplitCacheOwner(3)))
drop_native_code!(code_instance(sq, Int; owner=SplitCacheOwner(3)))
println(with_new_compiler(callsq, 5; owner=SplitCacheOwner(3)))
println(drop_native_code!(ci) === nothing)
drop_native_code!(1)

#= expect
9
16
5
10 25
36
49
15
24
true
--- stderr
ERROR: MethodError: no method matching drop_native_code!(::Int64)
Stacktrace:
 [1] top-level scope
   @ drop_native_code.jl:21
=#
