# T7, T15: `invoke(f, ci, args...)` runs exactly that CodeInstance, from top level, from
# compiled code, and through a dynamic call of `invoke`.
mysin(x::Float64) = sin(x)
mysin(0.5)
const mysin_ci = Base.specialize_method(Base._which(Tuple{typeof(mysin), Float64})).cache
println(invoke(mysin, mysin_ci, 0.5) == sin(0.5))
g(x) = invoke(mysin, mysin_ci, x)
println(g(0.5) == mysin(0.5))
k(c, x) = invoke(mysin, c, x)
println(k(mysin_ci, 0.25) == sin(0.25))
println(invoke(mysin, Base.inferencebarrier(mysin_ci), 1.0) == sin(1.0))
# Varargs methods get their trailing arguments packed, as a call would.
addall(x, rest...) = x + sum(rest)
addall(1, 2, 3)
const addall_ci = code_instance(addall, Int, Int, Int)
println(invoke(addall, addall_ci, 1, 2, 3))

#= expect
true
true
true
true
6
=#
