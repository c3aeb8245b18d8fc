println(length(1:3:10))
for i in 1:0:5
    println(i)
end

#= expect
4
--- stderr
ERROR: ArgumentError: step cannot be zero
Stacktrace:
 [1] _steprange
   @ Base prelude/base.jl:908 [inlined]
 [2] :
   @ Base prelude/base.jl:906 [inlined]
 [3] top-level scope
   @ step_range_zero.jl:2
=#
