# inlining: heuristic
# A call that dispatch resolves becomes `invoke` of the callee's CodeInstance; `@noinline`
# keeps it from being inlined.
@noinline k(x) = x * 2
callk(x) = k(x) + 1
@code_typed callk(3)
println(callk(3))
fib(n) = n < 2 ? n : fib(n - 1) + fib(n - 2)
@code_typed fib(10)

#= expect
CodeInfo(
1 ─ %1 =    invoke k(x::Int64)::Int64
│   %2 = intrinsic Base.add_int(%1, 1)::Int64
└──      return %2
) => Int64
7
CodeInfo(
1 ─ %1 = intrinsic Base.slt_int(n, 2)::Bool
└──      goto #3 if not %1
2 ─      return n
3 ─ %4 = intrinsic Base.sub_int(n, 1)::Int64
│   %5 =    invoke fib(%4::Int64)::Int64
│   %6 = intrinsic Base.sub_int(n, 2)::Int64
│   %7 =    invoke fib(%6::Int64)::Int64
│   %8 = intrinsic Base.add_int(%5, %7)::Int64
└──      return %8
) => Int64
=#
