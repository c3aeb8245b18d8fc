# inlining: heuristic
# A closure is a struct of its captures, parametric on their types: `Core.apply_type` of its
# type and `Core.typeof` of each capture in the lowered code, the concrete type after
# inference, and its call inlined where the closure's type is known.
function addk(v, k)
    f = x -> x + k
    s = 0
    for i in 1:length(v)
        s += f(v[i])
    end
    s
end
@code_lowered addk([1, 2], 3)
@code_typed addk([1, 2], 3)
function counter()
    n = 0
    bump() = (n += 1)
    bump()
    n
end
@code_lowered counter()

#= expect
CodeInfo(
1 ─ %1  = Main.var"#addk##0"
│   %2  =   dynamic Core.typeof(k)
│   %3  =   dynamic Core.apply_type(%1, %2)
│   %4  = %new(%3, k)
│         f = %4
│         s = 0
│   %7  = Main.length
│   %8  =   dynamic (%7)(v)
│         @_6 = 1
│   %10 =   dynamic 1 <= %8
└──       goto #5 if not %10
2 ┄       i = @_6
│   %13 = Main.:+
│   %14 =   dynamic Base.getindex(v, i)
│   %15 =   dynamic f(%14)
│   %16 =   dynamic (%13)(s, %15)
└──       s = %16
3 ─ %18 =   dynamic @_6 < %8
└──       goto #5 if not %18
4 ─ %20 =   dynamic @_6 + 1
│         @_6 = %20
└──       goto #2
5 ┄       return s
)
CodeInfo(
1 ─ %1  = %new(var"#addk##0"{Int64}, k)::var"#addk##0"{Int64}
│   %2  =   builtin Base._vector_length(v)::Int64
│   %3  = intrinsic Base.sle_int(1, %2)::Bool
└──       goto #4 if not %3
2 ┄ %5  = φ (#1 => 1, #3 => %13)::Int64
│   %6  = φ (#1 => 0, #3 => %10)::Int64
│   %7  =   builtin Base._vector_ref(v, %5)::Int64
│   %8  =   builtin Core.getfield(%1, :k)::Int64
│   %9  = intrinsic Base.add_int(%7, %8)::Int64
│   %10 = intrinsic Base.add_int(%6, %9)::Int64
│   %11 = intrinsic Base.slt_int(%5, %2)::Bool
└──       goto #4 if not %11
3 ─ %13 = intrinsic Base.add_int(%5, 1)::Int64
└──       goto #2
4 ┄ %15 = φ (#1 => 0, #2 => %10)::Int64
└──       return %15
) => Int64
CodeInfo(
1 ─ %1  = %new(Core.Box, nothing)
│         n = %1
│           dynamic Core.setfield!(n, :contents, 0)
│   %4  = Main.var"#bump##1"
│   %5  =   dynamic Core.typeof(n)
│   %6  =   dynamic Core.apply_type(%4, %5)
│   %7  = %new(%6, n)
│         bump = %7
│           dynamic bump()
│   %10 =   dynamic Core.getfield(n, :contents)
└──       return %10
)
=#
