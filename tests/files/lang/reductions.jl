v = [3, 1, 4, 1, 5]
println(maximum(v), " ", minimum(v), " ", maximum((2, 7.5, 1)), " ", minimum((2, 7.5, 1)))
println(maximum([1.0, NaN, 2.0]), " ", minimum([-0.5, 2.0]), " ", maximum([42]))
w = Int64[]
println(append!(w, [1, 2]), " ", append!(w, 3:4), " ", append!([0.5], (1, 2)), " ", w)
println(isnothing(nothing), " ", isnothing(0), " ", isnothing(v))
maximum(Int64[])

#= expect
5 1 7.5 1.0
NaN -0.5 42
[1, 2, 3, 4] [1, 2, 3, 4] [0.5, 1.0, 2.0] [1, 2, 3, 4]
true false false
--- stderr
ERROR: ArgumentError: reducing over an empty collection is not allowed; consider supplying `init` to the reducer
Stacktrace:
 [1] _fold_nonempty(op::typeof(max), v::Vector{Int64})
   @ Base prelude/base.jl:844
 [2] maximum(v::Vector{Int64})
   @ Base prelude/base.jl:851
 [3] top-level scope
   @ reductions.jl:7
=#
