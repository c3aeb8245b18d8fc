# T24 (base/docs/basedocs.jl, the `invoke` doctest): the Type form selects the method for the
# given signature, but code inside that method dispatches on the actual values again.
# The doctest's fallback `_f2(_) = Real` is written with a named argument here.
f1(::Integer) = Integer
f1(::Real) = Real
f2(x::Real) = _f2(x)
_f2(::Integer) = Integer
_f2(x) = Real
println(f1(1))
println(invoke(f1, Tuple{Real}, 1))
println(invoke(f2, Tuple{Real}, 1))
println(invoke(f1, Tuple{Real}, 1) == Real, " ", invoke(f2, Tuple{Real}, 1) == Integer)

#= expect
Integer
Real
Integer
true true
=#
