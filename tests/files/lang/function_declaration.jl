# `function f end` makes the generic function with no methods; methods are added later.
function area end
area(r::Float64) = pi * r^2
println(area(1.0))
function describe end
println(typeof(describe) <: Function, " ", isempty(methods(describe)))
println(try describe(1) catch e; typeof(e) end)

#= expect
3.141592653589793
true true
MethodError
=#
