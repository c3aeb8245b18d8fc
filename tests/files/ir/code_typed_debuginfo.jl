# inlining: heuristic
# `@code_typed debuginfo=:source`: before each statement whose source position changes, the
# frames it enters (`┌ @ file:line within `f``) and leaves (`└`), through every inlined call, and
# a rail per open inlined frame (Julia's DILineInfoPrinter). Base's code is the prelude's here,
# so its files are prelude/*.jl (Julia's: int.jl).
f(x) = x * 3
g(x) = f(x) + 1
@code_typed debuginfo=:source g(2)
@code_typed debuginfo=:none g(2)
fib(n) = n < 2 ? n : fib(n - 1) + fib(n - 2)
@code_typed debuginfo=:source fib(3)
@code_typed debuginfo=:source optimize=false f(1)
# A branch inlined from a callee stays in the callee's frame.
absval(x) = x < 0 ? -x : x
h(x) = absval(x) + 1
@code_typed debuginfo=:source h(2)

#= expect
CodeInfo(
    @ code_typed_debuginfo.jl:7 within `g`
   ┌ @ code_typed_debuginfo.jl:6 within `f`
   │┌ @ prelude/base.jl:55 within `*`
1 ─││ %1 = intrinsic Base.mul_int(x, 3)::Int64
│  └└
│  ┌ @ prelude/base.jl:53 within `+`
│  │ %2 = intrinsic Base.add_int(%1, 1)::Int64
│  └
└──      return %2
) => Int64
CodeInfo(
1 ─ %1 = intrinsic Base.mul_int(x, 3)::Int64
│   %2 = intrinsic Base.add_int(%1, 1)::Int64
└──      return %2
) => Int64
CodeInfo(
     @ code_typed_debuginfo.jl:10 within `fib`
1 ──       goto #2
2 ┄─ %2  = φ (#1 => n, #6 => %15)::Int64
│    %3  = φ (#1 => 0, #6 => %16)::Int64
│   ┌ @ prelude/base.jl:88 within `<`
│   │ %4  = intrinsic Base.slt_int(%2, 2)::Bool
│   └
└───       goto #4 if not %4
3 ── %6  = intrinsic Base.add_int(%3, %2)::Int64
└───       return %6
    ┌ @ prelude/base.jl:54 within `-`
4 ──│ %8  = intrinsic Base.sub_int(%2, 1)::Int64
│   └
└───       $(Expr(:stack_check))
5 ┄─ %10 = φ (#4 => %8, #10 => %27)::Int64
│    %11 = φ (#4 => 0, #10 => %28)::Int64
│    @ code_typed_debuginfo.jl:10 within `fib` @ code_typed_debuginfo.jl:10
│   ┌ @ prelude/base.jl:88 within `<`
│   │ %12 = intrinsic Base.slt_int(%10, 2)::Bool
│   └
└───       goto #7 if not %12
6 ── %14 = intrinsic Base.add_int(%11, %10)::Int64
│    @ code_typed_debuginfo.jl:10 within `fib`
│   ┌ @ prelude/base.jl:54 within `-`
│   │ %15 = intrinsic Base.sub_int(%2, 2)::Int64
│   └
│    %16 = intrinsic Base.add_int(%3, %14)::Int64
└───       goto #2
     @ code_typed_debuginfo.jl:10 within `fib` @ code_typed_debuginfo.jl:10
    ┌ @ prelude/base.jl:54 within `-`
7 ──│ %18 = intrinsic Base.sub_int(%10, 1)::Int64
│   └
│    @ code_typed_debuginfo.jl:10 within `fib` @ code_typed_debuginfo.jl:10 @ code_typed_debuginfo.jl:10
│   ┌ @ prelude/base.jl:88 within `<`
│   │ %19 = intrinsic Base.slt_int(%18, 2)::Bool
│   └
│    @ code_typed_debuginfo.jl:10 within `fib` @ code_typed_debuginfo.jl:10
│    %20 = intrinsic Base.not_int(%19)::Bool
│    @ code_typed_debuginfo.jl:10 within `fib`
└───       goto #9 if not %20
     @ code_typed_debuginfo.jl:10 within `fib` @ code_typed_debuginfo.jl:10
8 ── %22 =    invoke fib(%18::Int64)::Int64
│    @ code_typed_debuginfo.jl:10 within `fib`
└───       goto #10
     @ code_typed_debuginfo.jl:10 within `fib` @ code_typed_debuginfo.jl:10
9 ──       $(Expr(:stack_check))
│    @ code_typed_debuginfo.jl:10 within `fib` @ code_typed_debuginfo.jl:10 @ code_typed_debuginfo.jl:10
└─── %25 = intrinsic Base.add_int(0, %18)::Int64
10 ┄ %26 = φ (#8 => %22, #9 => %25)::Int64
│    @ code_typed_debuginfo.jl:10 within `fib` @ code_typed_debuginfo.jl:10
│   ┌ @ prelude/base.jl:54 within `-`
│   │ %27 = intrinsic Base.sub_int(%10, 2)::Int64
│   └
│    %28 = intrinsic Base.add_int(%11, %26)::Int64
│    @ code_typed_debuginfo.jl:10 within `fib`
└───       goto #5
) => Int64
CodeInfo(
    @ code_typed_debuginfo.jl:6 within `f`
1 ─ %1 = Main.:*::Core.Const(*)
│   %2 =   dynamic (%1)(x, 3)::Int64
└──      return %2
) => Int64
CodeInfo(
    @ code_typed_debuginfo.jl:15 within `h`
   ┌ @ code_typed_debuginfo.jl:14 within `absval`
   │┌ @ prelude/base.jl:88 within `<`
1 ─││ %1 = intrinsic Base.slt_int(x, 0)::Bool
│  │└
└──│      goto #3 if not %1
   │┌ @ prelude/base.jl:57 within `-`
2 ─││ %3 = intrinsic Base.neg_int(x)::Int64
3 ┄││ %4 = φ (#1 => x, #2 => %3)::Int64
│  └└
│  ┌ @ prelude/base.jl:53 within `+`
│  │ %5 = intrinsic Base.add_int(%4, 1)::Int64
│  └
└──      return %5
) => Int64
=#
