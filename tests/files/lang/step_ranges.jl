# `a:s:b` is a StepRange{Int64, Int64} whose stop is the last element reached (base/range.jl).
for i in 3:-1:1
    print(i, " ")
end
println()
for i in 1:2:8
    print(i, ",")
end
println()
r = 1:2:8
println(r, " ", typeof(r), " ", length(r), " ", collect(r), " ", sum(r), " ", r[2], " ", step(r))
println(5 in r, " ", 4 in r, " ", 9 in r, " ", first(r), " ", last(r))
println(5:1:3, " ", isempty(5:1:3), " ", length(5:1:3), " ", collect(10:-3:1), " ", 1:1:5)
println(sum(10:-3:1), " ", sum(5:1:3), " ", 0:5:0, " ", length(typemin(Int):typemax(Int):typemax(Int)))
println(repr(1:2:5), " ", string(7:-2:1))
(1:2:7)[5]

#= expect
3 2 1 
1,3,5,7,
1:2:7 StepRange{Int64, Int64} 4 [1, 3, 5, 7] 16 3 2
true false false 1 7
5:1:4 true 0 [10, 7, 4, 1] 1:1:5
22 0 0:5:0 3
1:2:5 7:-2:1
--- stderr
ERROR: BoundsError: attempt to access 4-element StepRange{Int64, Int64} at index [5]
Stacktrace:
 [1] getindex(r::StepRange{Int64, Int64}, i::Int64)
   @ Base prelude/base.jl:940
 [2] top-level scope
   @ step_ranges.jl:16
=#
