# `Base.show(io::IO, x::T)` methods: print, println, string, repr and interpolation use them,
# also for elements of tuples, vectors and structs; IOBuffer and sprint collect what is shown.
struct Point
    x::Int
    y::Int
end
Base.show(io::IO, p::Point) = print(io, "Point<", p.x, ", ", p.y, ">")
p = Point(1, 2)
println(p)
println("p = $p")
println(string(p), " ", repr(p))
println([p, Point(3, 4)])
println((p, 5))
show(p); println()
print(stdout, "x", 1, "\n")
println(stdout, p)
s = sprint(show, p)
println(s, " ", length(s))
struct Wrapper
    inner::Point
end
println(Wrapper(p))
struct Temp
    deg::Float64
end
function Base.show(io::IO, t::Temp)
    print(io, t.deg, "°C")
end
println(Temp(21.5), " ", [Temp(1.0)])
io = IOBuffer()
print(io, "a", 1)
show(io, "q")
println(io, Temp(0.5))
println(repr(String(io)))
abstract type Shape end
struct Sq <: Shape
    s::Float64
end
Base.show(io::IO, s::Shape) = print(io, "a shape of side ", s.s)
println(Sq(2.0))

#= expect
Point<1, 2>
p = Point<1, 2>
Point<1, 2> Point<1, 2>
Point[Point<1, 2>, Point<3, 4>]
(Point<1, 2>, 5)
Point<1, 2>
x1
Point<1, 2>
Point<1, 2> 11
Wrapper(Point<1, 2>)
21.5°C Temp[1.0°C]
"a1\"q\"0.5°C\n"
a shape of side 2.0
=#
