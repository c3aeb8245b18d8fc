# T23 (base/docs/basedocs.jl, the `invoke` doctest): the Type form calls the method that
# dispatch would pick for `Tuple{Real}`, so the Integer method can extend the Real one.
f(x::Real) = x^2
f(x::Integer) = 1 + invoke(f, Tuple{Real}, x)
println(f(2))
println(f(2.0))
println(invoke(f, Tuple{Real}, 3))

#= expect
5
4.0
9
=#
