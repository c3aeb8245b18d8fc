# inlining: never
# With inlining off, fib is left alone: `unroll` and `peel` are inlining of fib into itself,
# and `tailrec`, which runs whatever the inlining policy (as LLVM's does), finds no tail site
# because `+` stays a call of Base's `+` rather than the `add_int` it accumulates with.
fib(n) = n < 2 ? n : fib(n - 1) + fib(n - 2)
@code_typed fib(10)
println(fib(25))

#= expect
CodeInfo(
1 ─ %1 =    invoke <(n::Int64, 2::Int64)::Bool
└──      goto #3 if not %1
2 ─      return n
3 ─ %4 =    invoke -(n::Int64, 1::Int64)::Int64
│   %5 =    invoke fib(%4::Int64)::Int64
│   %6 =    invoke -(n::Int64, 2::Int64)::Int64
│   %7 =    invoke fib(%6::Int64)::Int64
│   %8 =    invoke +(%5::Int64, %7::Int64)::Int64
└──      return %8
) => Int64
75025
=#
