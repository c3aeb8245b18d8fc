# Float ranges are StepRangeLens in twice precision, so their elements are Julia's.
r = 0.0:0.1:1.0
println(r, " ", length(r), " ", r[4], " ", first(r), " ", last(r), " ", step(r))
println(collect(0.0:0.1:0.3), " ", collect(-1.0:0.5:1.0), " ", 0.1:0.1:0.3, " ", collect(0.1:0.1:0.3))
println(range(0, 1; length=3), " ", collect(range(0, 1; length=5)), " ", range(0.0, 2.0, length=4), " ", collect(range(1, step=0.5, length=3)))
println(sum(0.0:0.1:1.0), " ", 1.0:3.0, " ", 1:0.5:2, " ", typeof(0.0:0.1:1.0))
s = 0.0
for x in -1.0:0.25:0.0
    global s += x
end
println(s, " ", collect(-2.0:0.1:0.5)[21], " ", (0.0:0.1:0.3) .* 2, " ", reverse(0.0:0.5:1.0), " ", [x^2 for x in 0.0:0.5:1.0])
println(collect(range(0.1, 0.7, length=4)), " ", range(-1.0, 1.0, length=5))
0.0:0.0:1.0

#= expect
0.0:0.1:1.0 11 0.3 0.0 1.0 0.1
[0.0, 0.1, 0.2, 0.3] [-1.0, -0.5, 0.0, 0.5, 1.0] 0.1:0.1:0.3 [0.1, 0.2, 0.3]
0.0:0.5:1.0 [0.0, 0.25, 0.5, 0.75, 1.0] 0.0:0.6666666666666666:2.0 [1.0, 1.5, 2.0]
5.5 1.0:1.0:3.0 1.0:0.5:2.0 StepRangeLen{Float64, TwicePrecision{Float64}, TwicePrecision{Float64}, Int64}
-2.5 0.0 0.0:0.2:0.6 1.0:-0.5:0.0 [0.0, 0.25, 1.0]
[0.1, 0.3, 0.5, 0.7] -1.0:0.5:1.0
--- stderr
ERROR: ArgumentError: range step cannot be zero
Stacktrace:
 [1] _floatcolon(start::Float64, step::Float64, stop::Float64)
   @ Base prelude/ranges.jl:154
 [2] :(start::Float64, step::Float64, stop::Float64)
   @ Base prelude/ranges.jl:152
 [3] top-level scope
   @ float_ranges.jl:13
=#
