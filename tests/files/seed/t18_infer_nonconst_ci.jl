# inlining: heuristic
# T18: a CodeInstance that is not a compile-time constant tells inference nothing: the result is
# `Any` (with unknown effects and no edges), and the call stays a call of the `invoke` builtin,
# checked at run time (Compiler/src/abstractinterpretation.jl `abstract_invoke`).
mysin(x::Float64) = sin(x)
mysin(0.5)
const sci = code_instance(mysin, Float64)
k4(c, x) = invoke(mysin, c, x)
println(k4(sci, 0.5) == sin(0.5))
@code_typed k4(sci, 0.5)
println(Base.return_types(k4, (Core.CodeInstance, Float64)))

#= expect
true
CodeInfo(
1 ─ %1 =   builtin Main.invoke(Main.mysin, c, x)::Any
└──      return %1
) => Any
Any[Any]
=#
