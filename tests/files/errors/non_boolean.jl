if 1
    println("no")
end

#= expect
--- stderr
ERROR: TypeError: non-boolean (Int64) used in boolean context
Stacktrace:
 [1] top-level scope
   @ non_boolean.jl:1
=#
