# inlining: heuristic
# The real Julia 1.12 outputs quoted in docs/julia-formats.md §4.5.
f(x) = x + 1
@code_lowered f(1)
@code_typed f(1)
@code_typed f(1.0)
g(x) = 2x - 1
h(x) = g(x) + 1
@code_typed h(3)

#= expect
CodeInfo(
1 ─ %1 = Main.:+
│   %2 =   dynamic (%1)(x, 1)
└──      return %2
)
CodeInfo(
1 ─ %1 = intrinsic Base.add_int(x, 1)::Int64
└──      return %1
) => Int64
CodeInfo(
1 ─ %1 = intrinsic Base.add_float(x, 1.0)::Float64
└──      return %1
) => Float64
CodeInfo(
1 ─ %1 = intrinsic Base.mul_int(2, x)::Int64
│   %2 = intrinsic Base.sub_int(%1, 1)::Int64
│   %3 = intrinsic Base.add_int(%2, 1)::Int64
└──      return %3
) => Int64
=#
