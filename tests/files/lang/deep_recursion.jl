# Recursion 15000 deep works on every engine (deeper recursion is a StackOverflowError; see
# errors/stack_overflow.jl).
sumrec(n) = n == 0 ? 0 : n + sumrec(n - 1)
println(sumrec(15000))

#= expect
112507500
=#
