# Julia 1.12 redefines a constant in a new world (NEWS: #57253): code that read the old value
# is invalidated, callers included, and re-inferred with the new one.
const SCALE = 2
scaled(x) = SCALE * x
twice(x) = scaled(x) + scaled(x)
println(scaled(3), " ", twice(1))
const SCALE = 10
println(SCALE, " ", scaled(3), " ", twice(1))
const SCALE = 2.5
println(scaled(2), " ", typeof(scaled(2)))
const SCALE = 2.5
println(scaled(4))
x = 1
const x = 2

#= expect
6 4
10 30 20
5.0 Float64
10.0
--- stderr
ERROR: cannot declare Main.x constant; it was already declared global
Stacktrace:
 [1] top-level scope
   @ const_redefinition.jl:14
=#
