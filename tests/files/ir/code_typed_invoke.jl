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
1 ──       goto #2
2 ┄─ %2  = φ (#1 => n, #6 => %15)::Int64
│    %3  = φ (#1 => 0, #6 => %16)::Int64
│    %4  = intrinsic Base.slt_int(%2, 2)::Bool
└───       goto #4 if not %4
3 ── %6  = intrinsic Base.add_int(%3, %2)::Int64
└───       return %6
4 ── %8  = intrinsic Base.sub_int(%2, 1)::Int64
└───       $(Expr(:stack_check))
5 ┄─ %10 = φ (#4 => %8, #10 => %27)::Int64
│    %11 = φ (#4 => 0, #10 => %28)::Int64
│    %12 = intrinsic Base.slt_int(%10, 2)::Bool
└───       goto #7 if not %12
6 ── %14 = intrinsic Base.add_int(%11, %10)::Int64
│    %15 = intrinsic Base.sub_int(%2, 2)::Int64
│    %16 = intrinsic Base.add_int(%3, %14)::Int64
└───       goto #2
7 ── %18 = intrinsic Base.sub_int(%10, 1)::Int64
│    %19 = intrinsic Base.slt_int(%18, 2)::Bool
│    %20 = intrinsic Base.not_int(%19)::Bool
└───       goto #9 if not %20
8 ── %22 =    invoke fib(%18::Int64)::Int64
└───       goto #10
9 ──       $(Expr(:stack_check))
└─── %25 = intrinsic Base.add_int(0, %18)::Int64
10 ┄ %26 = φ (#8 => %22, #9 => %25)::Int64
│    %27 = intrinsic Base.sub_int(%10, 2)::Int64
│    %28 = intrinsic Base.add_int(%11, %26)::Int64
└───       goto #5
) => Int64
=#
