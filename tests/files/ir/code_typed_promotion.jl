# inlining: heuristic
# Mixed arithmetic goes through `promote` (base/promotion.jl); inference folds the promotion
# rules, so what remains is the conversion and the operation, as in Julia.
f(x::Int8, y::Int64) = x + y
g(x::Float32, y::Int64) = x * y
h(z::Complex{Float64}, w::Int64) = z + w
@code_typed f(Int8(1), 2)
@code_typed g(1f0, 2)
@code_typed h(1.0 + 2.0im, 3)

#= expect
CodeInfo(
1 ─ %1 = intrinsic Base.sext_int(Int64, x)::Int64
│   %2 = intrinsic Base.add_int(%1, y)::Int64
└──      return %2
) => Int64
CodeInfo(
1 ─ %1 = intrinsic Base.sitofp(Float32, y)::Float32
│   %2 = intrinsic Base.mul_float(x, %1)::Float32
└──      return %2
) => Float32
CodeInfo(
1 ─ %1 =   builtin Core.getfield(z, :re)::Float64
│   %2 = intrinsic Base.sitofp(Float64, w)::Float64
│   %3 = intrinsic Base.add_float(%2, %1)::Float64
│   %4 =   builtin Core.getfield(z, :im)::Float64
│   %5 = %new(ComplexF64, %3, %4)::ComplexF64
└──      return %5
) => ComplexF64
=#
