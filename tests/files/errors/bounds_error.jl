v = [1, 2, 3]
println(v[3])
println(v[4])

#= expect
3
--- stderr
ERROR: BoundsError: attempt to access 3-element Vector{Int64} at index [4]
Stacktrace:
 [1] getindex(v::Vector{Int64}, i::Int64)
   @ Base prelude/base.jl:696
 [2] top-level scope
   @ bounds_error.jl:3
=#
