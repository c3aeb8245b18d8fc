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
   │┌ @ prelude/base.jl:52 within `*`
1 ─││ %1 = intrinsic Base.mul_int(x, 3)::Int64
│  └└
│  ┌ @ prelude/base.jl:50 within `+`
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
   ┌ @ prelude/base.jl:85 within `<`
1 ─│ %1 = intrinsic Base.slt_int(n, 2)::Bool
│  └
└──      goto #3 if not %1
2 ─      return n
   ┌ @ prelude/base.jl:51 within `-`
3 ─│ %4 = intrinsic Base.sub_int(n, 1)::Int64
│  └
│   %5 =    invoke fib(%4::Int64)::Int64
│  ┌ @ prelude/base.jl:51 within `-`
│  │ %6 = intrinsic Base.sub_int(n, 2)::Int64
│  └
│   %7 =    invoke fib(%6::Int64)::Int64
│  ┌ @ prelude/base.jl:50 within `+`
│  │ %8 = intrinsic Base.add_int(%5, %7)::Int64
│  └
└──      return %8
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
   │┌ @ prelude/base.jl:85 within `<`
1 ─││ %1 = intrinsic Base.slt_int(x, 0)::Bool
│  │└
└──│      goto #3 if not %1
   │┌ @ prelude/base.jl:54 within `-`
2 ─││ %3 = intrinsic Base.neg_int(x)::Int64
3 ┄││ %4 = φ (#1 => x, #2 => %3)::Int64
│  └└
│  ┌ @ prelude/base.jl:50 within `+`
│  │ %5 = intrinsic Base.add_int(%4, 1)::Int64
│  └
└──      return %5
) => Int64
=#
