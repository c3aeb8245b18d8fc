# inlining: heuristic
g(x) = x < 0 ? -x : x
@code_typed g(1)
@code_typed optimize=false g(1)
@code_lowered g(1)

#= expect
CodeInfo(
1 ─ %1 = intrinsic Base.slt_int(x, 0)::Bool
└──      goto #3 if not %1
2 ─ %3 = intrinsic Base.neg_int(x)::Int64
└──      return %3
3 ─      return x
) => Int64
CodeInfo(
1 ─ %1 = Main.:<::Core.Const(<)
│   %2 =   dynamic (%1)(x, 0)::Bool
└──      goto #3 if not %2
2 ─ %4 = Main.:-::Core.Const(-)
│   %5 =   dynamic (%4)(x)::Int64
└──      return %5
3 ─      return x
) => Int64
CodeInfo(
1 ─ %1 = Main.:<
│   %2 =   dynamic (%1)(x, 0)
└──      goto #3 if not %2
2 ─ %4 = Main.:-
│   %5 =   dynamic (%4)(x)
└──      return %5
3 ─      return x
)
=#
