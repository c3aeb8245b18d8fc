# inlining: heuristic
# A lone self call is no tail site (`tailrec` keeps Julia's stack overflow for it) and is not
# unrolled, but `peel` runs the base case of the call in the caller.
down(n) = n < 1 ? 0 : down(n - 1) + 1
@code_typed down(3)
println(down(10))

#= expect
CodeInfo(
1 ─ %1  = intrinsic Base.slt_int(n, 1)::Bool
└──       goto #3 if not %1
2 ─       return 0
3 ─ %4  = intrinsic Base.sub_int(n, 1)::Int64
│   %5  = intrinsic Base.slt_int(%4, 1)::Bool
│   %6  = intrinsic Base.not_int(%5)::Bool
└──       goto #5 if not %6
4 ─ %8  =    invoke down(%4::Int64)::Int64
└──       goto #6
5 ─       $(Expr(:stack_check))
6 ┄ %11 = φ (#4 => %8, #5 => 0)::Int64
│   %12 = intrinsic Base.add_int(%11, 1)::Int64
└──       return %12
) => Int64
10
=#
