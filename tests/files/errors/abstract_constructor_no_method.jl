abstract type Animal end
Animal(name) = name
Animal()

#= expect
--- stderr
ERROR: MethodError: no method matching Animal()
Stacktrace:
 [1] top-level scope
   @ abstract_constructor_no_method.jl:3
=#
