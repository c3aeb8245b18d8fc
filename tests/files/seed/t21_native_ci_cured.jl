# T21: the same as T20 with `owner === nothing`: a native CodeInstance without code is not an
# error. Julia falls back to running the MethodInstance (`jl_invoke(mi)`, re-inferring in the
# current world); invokelab recompiles it from its inferred IR (SEMANTICS §3.5). The notes build
# the code-less CodeInstance by hand; here `drop_native_code!` takes the code away.
sq(x::Int) = x * x
println(sq(3))
ci = code_instance(sq, Int)
drop_native_code!(ci)
println(invoke(sq, ci, 4))
println(sq(5))
drop_native_code!(ci)
println(sq(6))
# A caller compiled before its callee lost its code still reaches it.
@noinline foo(x) = x + 100
bar(x) = 2 * foo(x)
println(bar(5))
drop_native_code!(code_instance(foo, Int))
println(bar(6))
println(ci.max_world == typemax(UInt))

#= expect
9
16
25
36
210
212
true
=#
