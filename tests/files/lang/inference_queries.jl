# `Base.return_types` and `Base.infer_exception_type` ask inference about a call, as in Julia:
# the return type of each method the call may run, and the join of what they may throw
# (`MethodError` when no method covers every call).
f(x::Int) = x + 1
f(x::Float64) = x * 2
f(x::String) = error("no ", x)
println(Base.return_types(f, (Int,)))
println(Base.return_types(f, (Float64,)))
println(Base.return_types(f, (String,)))
println(Base.return_types(f, (Bool,)))
println(Base.infer_exception_type(f, (Int,)))
println(Base.infer_exception_type(f, (Bool,)))
g(v) = v[1]
println(Base.return_types(g, (Vector{Float64},)))
println(Base.infer_exception_type(g, (Vector{Float64},)))

#= expect
Any[Int64]
Any[Float64]
Any[Union{}]
Any[]
Union{}
MethodError
Any[Float64]
BoundsError
=#
