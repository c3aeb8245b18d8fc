# fib's shape with a base case that divides: f(1) is 10 and f(0) throws. The first call runs
# as an inlined copy of the body (opt's `unroll`), which the stack trace shows as an inlined
# frame of `f`; the error and where it is reported do not change.
f(n) = n < 2 ? 10 ÷ n : f(n - 1) + f(n - 2)
println(f(3 - 1 - 1))
println(f(6))

#= expect
10
--- stderr
ERROR: DivideError: integer division error
Stacktrace:
 [1] div
   @ Base prelude/base.jl:63 [inlined]
 [2] f(n::Int64)
   @ Main error_in_unrolled_call.jl:4
 [3] f
   @ Main error_in_unrolled_call.jl:4 [inlined]
 [4] f(n::Int64)
   @ Main error_in_unrolled_call.jl:4
 [5] f
   @ Main error_in_unrolled_call.jl:4 [inlined]
 [6] f(n::Int64)
   @ Main error_in_unrolled_call.jl:4
 [7] top-level scope
   @ error_in_unrolled_call.jl:6
=#
