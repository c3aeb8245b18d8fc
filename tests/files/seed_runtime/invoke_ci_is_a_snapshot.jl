# T13, T14: no lookup happens. A more specific method shadows `p(x)` for calls but not for the
# CodeInstance, whose range stays open; overwriting `q(x)` does not cap `q`'s own CodeInstance.
p(x) = 1
p(5)
ci = code_instance(p, Int)
p(x::Int) = 2
println((p(5), invoke(p, ci, 5), invoke(p, Tuple{Any}, 5), ci.max_world == typemax(UInt)))
q(x) = 1
q(5)
qci = code_instance(q, Int)
q(x) = 2
println((q(5), invoke(q, qci, 5)))
# T23: the signature form picks the most specific method covering all of `Tuple{Real}`.
f(x::Real) = x^2
f(x::Integer) = 1 + invoke(f, Tuple{Real}, x)
println(f(2))

#= expect
(2, 1, 1, true)
(2, 1)
5
=#
