abstract type Animal end
struct Dog <: Animal end
struct Cat <: Animal end

speak(a::Animal) = "..."
speak(d::Dog) = "woof"

println(speak(Dog()), " ", speak(Cat()))

g(x::Integer) = "integer"
g(x::Real) = "real"
g(x) = "anything"
println(g(1), " ", g(1.5), " ", g("s"), " ", g(true))

h(x::Int64, y) = 1
h(x, y::Int64) = 2
h(x::Int64, y::Int64) = 3
println(h(1, 2), " ", h(1, 2.0), " ", h(1.0, 2))

#= expect
woof ...
integer real anything integer
3 1 2
=#
