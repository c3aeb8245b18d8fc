function f(c)
    if c
        y = 1
    end
    return y
end
println(f(true))
println(f(false))

#= expect
1
--- stderr
ERROR: UndefVarError: `y` not defined in local scope
Stacktrace:
 [1] f(c::Bool)
   @ Main undef_local.jl:5
 [2] top-level scope
   @ undef_local.jl:8
=#
