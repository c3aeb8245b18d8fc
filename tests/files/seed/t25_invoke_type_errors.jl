# T25: the Type form checks only `args isa T`, not the function: the expected type is
# `Tuple{Int64}`, without `typeof(sin)` (src/builtins.c `jl_f_invoke`); a second argument that
# is neither a tuple type nor a CodeInstance is a TypeError of its own
# (`jl_type_error("invoke", jl_anytuple_type_type, argtypes)`). Julia's tests catch them.
println(invoke(sin, Tuple{Float64}, 1.0) == sin(1.0))
e1 = try
    invoke(sin, Tuple{Int}, 1.0)
catch err
    err
end
println(e1 isa TypeError, " ", e1.func, " ", e1.expected)
e2 = try
    invoke(sin, 1, 1.0)
catch err
    err
end
println(e2 isa TypeError, " ", e2.func, " ", e2.got)
invoke(sin, Tuple{Int}, 1.0)

#= expect
true
true invoke: argument type error Tuple{Int64}
true invoke 1
--- stderr
ERROR: TypeError: in invoke: argument type error, expected Tuple{Int64}, got a value of type Tuple{Float64}
Stacktrace:
 [1] top-level scope
   @ t25_invoke_type_errors.jl:18
=#
