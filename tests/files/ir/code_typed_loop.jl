# inlining: heuristic
# A range loop is lowered to a counted loop (invokelab's lowering; Julia uses `iterate`), so
# the φ nodes carry the counter and the sum.
function sum_to(n)
    s = 0
    for i in 1:n
        s += i
    end
    return s
end
@code_typed sum_to(10)
println(sum_to(10))

#= expect
CodeInfo(
1 ─ %1  = intrinsic Base.sle_int(1, n)::Bool
└──       goto #4 if not %1
2 ┄ %3  = φ (#1 => 1, #3 => %8)::Int64
│   %4  = φ (#1 => 0, #3 => %5)::Int64
│   %5  = intrinsic Base.add_int(%4, %3)::Int64
│   %6  = intrinsic Base.slt_int(%3, n)::Bool
└──       goto #4 if not %6
3 ─ %8  = intrinsic Base.add_int(%3, 1)::Int64
└──       goto #2
4 ┄ %10 = φ (#1 => 0, #2 => %5)::Int64
└──       return %10
) => Int64
55
=#
