abstract type Shape end
abstract type Animal end
Animal(name) = name
println(Animal("cat"))
Shape()

#= expect
cat
--- stderr
ERROR: MethodError: no constructors have been defined for Shape
Stacktrace:
 [1] top-level scope
   @ abstract_constructor.jl:5
=#
