# `@assert` throws Julia's `AssertionError`, its message the condition or the given text.
x = 3
try
    @assert x == 2
catch e
    println(typeof(e), " ", e, " | ", sprint(showerror, e))
end
try
    @assert x > 5 "x is too small: $x"
catch e
    println(sprint(showerror, e))
end
@assert 1 + 1 == 3

#= expect
AssertionError AssertionError("x == 2") | AssertionError: x == 2
AssertionError: x is too small: 3
--- stderr
ERROR: AssertionError: 1 + 1 == 3
Stacktrace:
 [1] top-level scope
   @ assertions.jl:13
=#
