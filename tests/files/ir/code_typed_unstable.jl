# inlining: heuristic
# Type-unstable code: a Union return type and a dynamic call the optimizer cannot resolve.
function unstable(x)
    if x > 0
        return x
    else
        return "negative"
    end
end
@code_typed unstable(1)
apply(f, x) = f(x)
@code_typed apply(unstable, 2)

#= expect
CodeInfo(
1 ─ %1 = intrinsic Base.slt_int(0, x)::Bool
└──      goto #3 if not %1
2 ─      return x
3 ─      return "negative"
) => Union{Int64, String}
CodeInfo(
1 ─ %1 = intrinsic Base.slt_int(0, x)::Bool
└──      goto #3 if not %1
2 ─      goto #4
3 ─      goto #4
4 ┄ %5 = φ (#2 => x, #3 => "negative")::Union{Int64, String}
└──      return %5
) => Union{Int64, String}
=#
