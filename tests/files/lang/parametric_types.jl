# Parametric types: structs and abstract types with parameters, their default constructors
# (`Point(1, 2)` infers `T`, `Point{Float64}(1, 2)` converts), methods with `where`
# (the diagonal rule, bounds, parameters as values), self-referential parametric fields,
# and constructors written inside a struct with `new`.
struct Point{T}
    x::T
    y::T
end
p = Point(1, 2)
println(p)
println(typeof(p))
q = Point{Float64}(1, 2)
println(q, " ", typeof(q))
println(Point(1.5, 2.5).x)
f(x::T) where T = T
println(f(1), " ", f(2.0))
g(v::Vector{T}) where {T<:Real} = sum(v) / length(v)
println(g([1, 2, 3]))
same(x::T, y::T) where T = "same"
same(x, y) = "different"
println(same(1, 2), " ", same(1, 2.0))
abstract type Shape{T} end
struct Circle{T} <: Shape{T}
    r::T
end
area(c::Circle{T}) where T = c.r * c.r
println(area(Circle(2.0)), " ", Circle(2) isa Shape{Int64}, " ", Circle(2) isa Shape)
println(Point)
struct Pair2{A, B}
    a::A
    b::B
end
println(Pair2(1, "x"))
mutable struct Node{T}
    val::T
    next::Union{Node{T}, Nothing}
end
n = Node(1, Node(2, nothing))
println(n.next.val)
struct Foo
    x::Int
    Foo(x) = new(2x)
end
println(Foo(3).x)
struct Wrapper{T<:Number}
    v::Vector{T}
end
total(w::Wrapper{T}) where {T<:Number} = (sum(w.v), T)
println(total(Wrapper([1, 2, 3])))
println(total(Wrapper([0.5, 0.25])))
describe(x::T) where {T<:Integer} = "integer $(T)"
describe(x::T) where {T<:AbstractFloat} = "float $(T)"
describe(x) = "something else"
println(describe(3), "; ", describe(2.5), "; ", describe("s"))
firsts(v::Vector{T}) where T = T[v[1], v[end]]
println(firsts([3, 4, 5]))
println(Point{Int64} <: Point, " ", Point{Int64} == Point{Int64}, " ", Point{Int64} <: Point{Real})
try
    same_point = Point(1, 2.5)
catch e
    println(typeof(e))
end
struct Pos{T}
    x::T
    function Pos{T}(x) where T
        x < 0 && error("negative")
        new{T}(x)
    end
end
Pos(x::T) where T = Pos{T}(x)
println(Pos(3))
println(Pos{Float64}(2))
struct OrderedPair
    a::Int
    b::Int
    OrderedPair(a, b) = a <= b ? new(a, b) : new(b, a)
end
println(OrderedPair(5, 2))
println(Vector{Int})
show_it(x::Vector{T}) where T = println("vector of ", T)
show_it([1.0])

#= expect
Point{Int64}(1, 2)
Point{Int64}
Point{Float64}(1.0, 2.0) Point{Float64}
1.5
Int64 Float64
2.0
same different
4.0 true true
Point
Pair2{Int64, String}(1, "x")
2
6
(6, Int64)
(0.75, Float64)
integer Int64; float Float64; something else
[3, 5]
true true false
MethodError
Pos{Int64}(3)
Pos{Float64}(2.0)
OrderedPair(2, 5)
Vector{Int64}
vector of Float64
=#
