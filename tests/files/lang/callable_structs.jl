# Callable objects: `(f::Affine)(x) = ...` adds a method whose first argument is the object
# (Julia's `Tuple{Affine, Any}` signature), so an `Affine` is called like a function.
struct Affine
    a::Float64
    b::Float64
end
(f::Affine)(x) = f.a * x + f.b
f = Affine(2.0, 1.0)
println(f(3.0))
println(map(Affine(1.0, 0.5), [1.0, 2.0]))
struct Poly
    coeffs::Vector{Float64}
end
function (p::Poly)(x)
    s = 0.0
    for i in length(p.coeffs):-1:1
        s = s * x + p.coeffs[i]
    end
    s
end
p = Poly([1.0, 2.0, 3.0])
println(p(2.0), " ", p(0.5))
struct Counter
    step::Int
end
(c::Counter)(x::Int) = x + c.step
(c::Counter)(x::Float64) = x * c.step
c = Counter(3)
println(c(1), " ", c(1.5))

#= expect
7.0
[1.5, 2.5]
17.0 2.75
4 4.5
=#
