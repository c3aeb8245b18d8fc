# Julia's specificity beyond subtyping (src/subtype.c `type_morespecific_`): a union beats a
# type it does not contain when one of its members does, tuples compare element by element.
f(x) = "any"
f(x::Number) = "number"
f(x::Integer) = "integer"
f(x::Int64) = "int"
f(x::Union{Float64, String}) = "float-or-string"
println(f(1), " ", f(true), " ", f(1.0), " ", f("s"), " ", f(:s), " ", f(UInt(1)))
g(x, y) = 1
g(x::Int64, y) = 2
g(x::Int64, y::Int64) = 3
g(xs::Int64...) = 4
println(g(1, 2), g(1, 2.0), g(1.0, 2), g(1), g(1, 2, 3), g())
h(::Type{Int64}) = "Int type"
h(::Type) = "some type"
h(x) = "value"
println(h(Int64), " ", h(Float64), " ", h(1))
k(x::Vector{Int64}) = "ints"
k(x::Vector) = "vector"
println(k([1]), " ", k([1.0]), " ", k(Any[]))
m(a::Tuple{Int64, Int64}) = "pair"
m(a::Tuple) = "tuple"
println(m((1, 2)), " ", m((1, 2.0)), " ", m(()))
p(x::Union{Float64, String}, y::Number) = "union first"
p(x::Number, y::Number) = "numbers"
println(p(1.0, 2), " ", p(1, 2))
n(x::Real, y::Real) = "rr"
n(x::Int64, y::Real) = "ir"
n(x::Real, y::Int64) = "ri"
println(n(1.0, 1.0), n(1, 1.0), n(1.0, 1))
n(1, 1)

#= expect
int integer float-or-string float-or-string any integer
321444
Int type some type value
ints vector vector
pair tuple tuple
union first numbers
rrirri
--- stderr
ERROR: MethodError: n(::Int64, ::Int64) is ambiguous.
Stacktrace:
 [1] top-level scope
   @ dispatch_specificity.jl:31
=#
