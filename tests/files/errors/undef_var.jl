println("before")
println(x)

#= expect
before
--- stderr
ERROR: UndefVarError: `x` not defined in `Main`
Stacktrace:
 [1] top-level scope
   @ undef_var.jl:2
=#
