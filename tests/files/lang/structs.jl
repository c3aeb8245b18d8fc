struct Point
    x::Float64
    y::Float64
end

mutable struct Counter
    n::Int64
end

norm2(p::Point) = p.x * p.x + p.y * p.y

p = Point(3, 4.0)
println(p)
println(norm2(p))
c = Counter(0)
c.n += 1
c.n = c.n + 10
println(c.n)
println(c)
println(typeof(p), " ", p isa Point, " ", Point <: Any)

#= expect
Point(3.0, 4.0)
25.0
11
Counter(11)
Point true true
=#
