# Dispatch on shapes: one generic function, a method per concrete type, and a fallback on the
# abstract type. Julia picks the most specific method for the runtime types.
abstract type Shape end

struct Circle <: Shape
    r::Float64
end

struct Rect <: Shape
    w::Float64
    h::Float64
end

struct Square <: Shape
    side::Float64
end

area(c::Circle) = 3.0 * c.r * c.r
area(r::Rect) = r.w * r.h
area(s::Square) = s.side * s.side

describe(s::Shape) = "a shape with area $(area(s))"
describe(c::Circle) = "a circle of radius $(c.r)"

function total_area(shapes)
    total = 0.0
    for s in shapes
        total += area(s)
    end
    return total
end

shapes = [Circle(1.0), Rect(2.0, 3.5), Square(2)]
for s in shapes
    println(describe(s))
end
println("total area: ", total_area(shapes))
println(Square(2))

#= expect
a circle of radius 1.0
a shape with area 7.0
a shape with area 4.0
total area: 14.0
Square(2.0)
=#
