# Base, written in the subset itself (SEMANTICS.md §1.4): the generic functions programs call,
# on top of the intrinsics (`add_int`, ...) and builtins (`getfield`, `_vector_ref`, ...) that
# the session binds under their module and name. The session loads this file into module Base
# at startup; it compiles like user code, so `@code_typed 1 + 2` shows the IR Julia shows.
#
# Each method follows the Julia 1.12 source named beside it (base/int.jl, base/float.jl,
# base/math.jl, base/intfuncs.jl, base/range.jl, base/array.jl, base/tuple.jl, ...), cut down
# to the subset: the oldest parts have one method per concrete type (Int64, UInt64, Float64)
# and write their mixed arithmetic out; the later ones use `where` and go through `promote`.
# What it deliberately does not do: BigInt, Float16, byte-level IO.

# Unary operators use the long `function -(x) ... end` form: the front end reads the short
# form `-(x::Int64) = e` as an assignment to `-(x::Int64)`.
#
# ----- aliases and constants ----------------------------------------------------------------

const Int = Int64
const UInt = UInt64
const Inf = bitcast(Float64, 0x7ff0000000000000)
const Inf64 = Inf
const NaN = bitcast(Float64, 0x7ff8000000000000)
const NaN64 = NaN
# Julia's `pi` is an `Irrational` that prints as `π`; here it is the Float64 value.
const pi = 3.141592653589793

identity(x) = x

# ----- Bool (base/bool.jl) --------------------------------------------------------------------

function !(x::Bool)
    return not_int(x)
end
&(x::Bool, y::Bool) = and_int(x, y)
|(x::Bool, y::Bool) = or_int(x, y)
xor(x::Bool, y::Bool) = xor_int(x, y)
==(x::Bool, y::Bool) = eq_int(x, y)
<(x::Bool, y::Bool) = ult_int(x, y)
<=(x::Bool, y::Bool) = ule_int(x, y)

# ----- egal and equality (base/operators.jl) ---------------------------------------------------

!==(x, y) = !(x === y)
==(x, y) = x === y
!=(x, y) = !(x == y)
# A type with a total order defines `isless`, and `<` follows it (base/operators.jl).
<(x, y) = isless(x, y)
<=(x, y) = (x < y) | (x == y)
>(x, y) = y < x
>=(x, y) = y <= x

# ----- Int64 (base/int.jl) ----------------------------------------------------------------------

+(x::Int64, y::Int64) = add_int(x, y)
-(x::Int64, y::Int64) = sub_int(x, y)
*(x::Int64, y::Int64) = mul_int(x, y)
function -(x::Int64)
    return neg_int(x)
end
function +(x::Int64)
    return x
end
/(x::Int64, y::Int64) = div_float(sitofp(Float64, x), sitofp(Float64, y))
div(x::Int64, y::Int64) = checked_sdiv_int(x, y)
rem(x::Int64, y::Int64) = checked_srem_int(x, y)
const ÷ = div
const % = rem
divrem(x, y) = (div(x, y), rem(x, y))
fldmod(x, y) = (fld(x, y), mod(x, y))

# base/int.jl `fld`/`cld`/`mod` for signed integers: round toward -Inf / +Inf; `mod` takes
# the sign of the divisor.
function fld(x::Int64, y::Int64)
    d = div(x, y)
    return ifelse((rem(x, y) != 0) & ((x < 0) != (y < 0)), d - 1, d)
end
function cld(x::Int64, y::Int64)
    d = div(x, y)
    return ifelse((rem(x, y) != 0) & ((x < 0) == (y < 0)), d + 1, d)
end
function mod(x::Int64, y::Int64)
    y == -1 && return 0
    r = rem(x, y)
    return ifelse((r != 0) & ((r < 0) != (y < 0)), r + y, r)
end

==(x::Int64, y::Int64) = eq_int(x, y)
!=(x::Int64, y::Int64) = ne_int(x, y)
<(x::Int64, y::Int64) = slt_int(x, y)
<=(x::Int64, y::Int64) = sle_int(x, y)
&(x::Int64, y::Int64) = and_int(x, y)
|(x::Int64, y::Int64) = or_int(x, y)
xor(x::Int64, y::Int64) = xor_int(x, y)
function ~(x::Int64)
    return not_int(x)
end

# base/int.jl: a shift by 64 or more gives 0 (or -1 for `>>` of a negative number); a
# negative count shifts the other way.
function <<(x::Int64, y::Int64)
    y >= 0 && return ifelse(y < 64, shl_int(x, y), 0)
    return ifelse(y > -64, ashr_int(x, -y), ifelse(x < 0, -1, 0))
end
function >>(x::Int64, y::Int64)
    y >= 0 && return ifelse(y < 64, ashr_int(x, y), ifelse(x < 0, -1, 0))
    return ifelse(y > -64, shl_int(x, -y), 0)
end
function >>>(x::Int64, y::Int64)
    y >= 0 && return ifelse(y < 64, lshr_int(x, y), 0)
    return ifelse(y > -64, shl_int(x, -y), 0)
end

abs(x::Int64) = ifelse(x < 0, -x, x)
sign(x::Int64) = ifelse(x < 0, -1, ifelse(x > 0, 1, 0))
iseven(x::Int64) = (x & 1) == 0
isodd(x::Int64) = (x & 1) == 1
# base/operators.jl: `max`/`min` of any two values ordered by `isless`.
max(x, y) = isless(y, x) ? x : y
min(x, y) = isless(y, x) ? y : x
min(x::Int64, y::Int64) = ifelse(y < x, y, x)
max(x::Int64, y::Int64) = ifelse(y < x, x, y)

# base/intfuncs.jl `power_by_squaring` (wrapping, like Julia: `2^63` is typemin(Int64)).
# Julia turns a *literal* negative exponent (`2^-1`) into `literal_pow` and returns a float;
# the subset has no `literal_pow`, so `2^-1` raises this DomainError too.
function ^(x::Int64, p::Int64)
    if p < 0
        x == 1 && return 1
        x == -1 && return ifelse(iseven(p), 1, -1)
        throw_domerr_powbysq(x, p)
    end
    result = 1
    while p > 0
        if (p & 1) == 1
            result = result * x
        end
        p = p >> 1
        if p > 0
            x = x * x
        end
    end
    return result
end

function throw_domerr_powbysq(x, p::Int64)
    throw(DomainError(p, string("Cannot raise an integer x to a negative power ", p, ".",
        "\nMake x or ", p, " a float by adding a zero decimal ",
        "(e.g., 2.0^", p, " or 2^", Float64(p), " instead of 2^", p, ") ",
        "or write 1/x^", -p, ", float(x)^", p, ", x^float(", p, ") or (x//1)^", p, ".")))
end

# ----- UInt64 (base/int.jl) ------------------------------------------------------------------

+(x::UInt64, y::UInt64) = add_int(x, y)
-(x::UInt64, y::UInt64) = sub_int(x, y)
*(x::UInt64, y::UInt64) = mul_int(x, y)
function -(x::UInt64)
    return neg_int(x)
end
/(x::UInt64, y::UInt64) = div_float(uitofp(Float64, x), uitofp(Float64, y))
div(x::UInt64, y::UInt64) = checked_udiv_int(x, y)
rem(x::UInt64, y::UInt64) = checked_urem_int(x, y)
mod(x::UInt64, y::UInt64) = checked_urem_int(x, y)
fld(x::UInt64, y::UInt64) = checked_udiv_int(x, y)
function cld(x::UInt64, y::UInt64)
    d = div(x, y)
    return ifelse(d * y != x, d + 0x0000000000000001, d)
end
==(x::UInt64, y::UInt64) = eq_int(x, y)
!=(x::UInt64, y::UInt64) = ne_int(x, y)
<(x::UInt64, y::UInt64) = ult_int(x, y)
<=(x::UInt64, y::UInt64) = ule_int(x, y)
&(x::UInt64, y::UInt64) = and_int(x, y)
|(x::UInt64, y::UInt64) = or_int(x, y)
xor(x::UInt64, y::UInt64) = xor_int(x, y)
function ~(x::UInt64)
    return not_int(x)
end
<<(x::UInt64, y::Int64) = ifelse((y >= 0) & (y < 64), shl_int(x, y), ifelse((y < 0) & (y > -64), lshr_int(x, -y), 0x0000000000000000))
>>(x::UInt64, y::Int64) = ifelse((y >= 0) & (y < 64), lshr_int(x, y), ifelse((y < 0) & (y > -64), shl_int(x, -y), 0x0000000000000000))
>>>(x::UInt64, y::Int64) = x >> y
abs(x::UInt64) = x
min(x::UInt64, y::UInt64) = ifelse(y < x, y, x)
max(x::UInt64, y::UInt64) = ifelse(y < x, x, y)
unsigned(x::Int64) = bitcast(UInt64, x)
signed(x::UInt64) = bitcast(Int64, x)

# Int64 with UInt64 promotes to UInt64 (base/int.jl `promote_rule`); comparisons are exact.
+(x::Int64, y::UInt64) = add_int(bitcast(UInt64, x), y)
+(x::UInt64, y::Int64) = add_int(x, bitcast(UInt64, y))
-(x::Int64, y::UInt64) = sub_int(bitcast(UInt64, x), y)
-(x::UInt64, y::Int64) = sub_int(x, bitcast(UInt64, y))
*(x::Int64, y::UInt64) = mul_int(bitcast(UInt64, x), y)
*(x::UInt64, y::Int64) = mul_int(x, bitcast(UInt64, y))
==(x::Int64, y::UInt64) = (x >= 0) & (bitcast(UInt64, x) == y)
==(x::UInt64, y::Int64) = y == x
<(x::Int64, y::UInt64) = (x < 0) | (bitcast(UInt64, x) < y)
<(x::UInt64, y::Int64) = (y >= 0) & (x < bitcast(UInt64, y))
<=(x::Int64, y::UInt64) = (x < 0) | (bitcast(UInt64, x) <= y)
<=(x::UInt64, y::Int64) = (y >= 0) & (x <= bitcast(UInt64, y))
# `min` and `max` of mixed types go through `promote` (base/promotion.jl), which converts the
# Int64: a negative one is an InexactError.
min(x::Int64, y::UInt64) = min(UInt64(x), y)
min(x::UInt64, y::Int64) = min(x, UInt64(y))
max(x::Int64, y::UInt64) = max(UInt64(x), y)
max(x::UInt64, y::Int64) = max(x, UInt64(y))
/(x::Int64, y::UInt64) = UInt64(x) / y
/(x::UInt64, y::Int64) = x / UInt64(y)

# ----- Float64 (base/float.jl) ------------------------------------------------------------------

+(x::Float64, y::Float64) = add_float(x, y)
-(x::Float64, y::Float64) = sub_float(x, y)
*(x::Float64, y::Float64) = mul_float(x, y)
/(x::Float64, y::Float64) = div_float(x, y)
function -(x::Float64)
    return neg_float(x)
end
function +(x::Float64)
    return x
end
rem(x::Float64, y::Float64) = rem_float(x, y)
==(x::Float64, y::Float64) = eq_float(x, y)
!=(x::Float64, y::Float64) = ne_float(x, y)
<(x::Float64, y::Float64) = lt_float(x, y)
<=(x::Float64, y::Float64) = le_float(x, y)

# base/float.jl `mod` for floats: the result takes the divisor's sign.
function mod(x::Float64, y::Float64)
    r = rem(x, y)
    r == 0.0 && return copysign_float(r, y)
    return ifelse((r > 0.0) != (y > 0.0), r + y, r)
end
# base/div.jl: `div(x, y, r) = round((x - rem(x, y, r)) / y)` for floats, where the remainder
# rounding toward zero is `rem`, down is `mod`, and up is `x - y * ceil(x / y)`.
div(x::Float64, y::Float64) = rint_llvm(div_float(sub_float(x, rem_float(x, y)), y))
fld(x::Float64, y::Float64) = rint_llvm(div_float(sub_float(x, mod(x, y)), y))
cld(x::Float64, y::Float64) = rint_llvm(div_float(sub_float(x, sub_float(x, mul_float(y, ceil_llvm(div_float(x, y))))), y))

abs(x::Float64) = abs_float(x)
copysign(x::Float64, y::Float64) = copysign_float(x, y)
signbit(x::Float64) = slt_int(bitcast(Int64, x), 0)
sign(x::Float64) = ifelse(x == 0.0, x, ifelse(isnan(x), x, copysign_float(1.0, x)))
isnan(x::Float64) = ne_float(x, x)
isfinite(x::Float64) = eq_float(sub_float(x, x), 0.0)
isinf(x::Float64) = !isnan(x) & !isfinite(x)
isinteger(x::Float64) = eq_float(sub_float(x, trunc_llvm(x)), 0.0)

# base/math.jl `min`/`max` for IEEE floats: NaN wins, and -0.0 < 0.0.
function min(x::Float64, y::Float64)
    diff = x - y
    return ifelse(isnan(x) | isnan(y), diff, ifelse(signbit(diff), x, y))
end
function max(x::Float64, y::Float64)
    diff = x - y
    return ifelse(isnan(x) | isnan(y), diff, ifelse(signbit(diff), y, x))
end

floor(x::Float64) = floor_llvm(x)
ceil(x::Float64) = ceil_llvm(x)
trunc(x::Float64) = trunc_llvm(x)
# RoundNearest: ties to even, like Julia's `round(2.5) == 2.0`.
round(x::Float64) = rint_llvm(x)
floor(x::Int64) = x
ceil(x::Int64) = x
trunc(x::Int64) = x
round(x::Int64) = x

# base/float.jl `trunc(::Type{Int64}, x::Float64)`: InexactError outside Int64's range or NaN.
function trunc(::Type{Int64}, x::Float64)
    if (x >= -9.223372036854775808e18) & (x < 9.223372036854775808e18)
        return fptosi(Int64, x)
    end
    throw(InexactError(:trunc, Int64, x))
end
floor(::Type{Int64}, x::Float64) = trunc(Int64, floor(x))
ceil(::Type{Int64}, x::Float64) = trunc(Int64, ceil(x))
round(::Type{Int64}, x::Float64) = trunc(Int64, round(x))
floor(::Type{Int64}, x::Int64) = x
ceil(::Type{Int64}, x::Int64) = x
round(::Type{Int64}, x::Int64) = x
trunc(::Type{Int64}, x::Int64) = x

# ----- mixed Int64 / UInt64 / Bool with Float64 (base/promotion.jl, written out) ---------------

+(x::Int64, y::Float64) = add_float(sitofp(Float64, x), y)
+(x::Float64, y::Int64) = add_float(x, sitofp(Float64, y))
-(x::Int64, y::Float64) = sub_float(sitofp(Float64, x), y)
-(x::Float64, y::Int64) = sub_float(x, sitofp(Float64, y))
*(x::Int64, y::Float64) = mul_float(sitofp(Float64, x), y)
*(x::Float64, y::Int64) = mul_float(x, sitofp(Float64, y))
/(x::Int64, y::Float64) = div_float(sitofp(Float64, x), y)
/(x::Float64, y::Int64) = div_float(x, sitofp(Float64, y))
rem(x::Int64, y::Float64) = rem_float(sitofp(Float64, x), y)
rem(x::Float64, y::Int64) = rem_float(x, sitofp(Float64, y))
mod(x::Int64, y::Float64) = mod(sitofp(Float64, x), y)
mod(x::Float64, y::Int64) = mod(x, sitofp(Float64, y))
div(x::Int64, y::Float64) = div(sitofp(Float64, x), y)
div(x::Float64, y::Int64) = div(x, sitofp(Float64, y))
fld(x::Int64, y::Float64) = fld(sitofp(Float64, x), y)
fld(x::Float64, y::Int64) = fld(x, sitofp(Float64, y))
cld(x::Int64, y::Float64) = cld(sitofp(Float64, x), y)
cld(x::Float64, y::Int64) = cld(x, sitofp(Float64, y))
min(x::Int64, y::Float64) = min(sitofp(Float64, x), y)
min(x::Float64, y::Int64) = min(x, sitofp(Float64, y))
max(x::Int64, y::Float64) = max(sitofp(Float64, x), y)
max(x::Float64, y::Int64) = max(x, sitofp(Float64, y))

+(x::UInt64, y::Float64) = add_float(uitofp(Float64, x), y)
+(x::Float64, y::UInt64) = add_float(x, uitofp(Float64, y))
-(x::UInt64, y::Float64) = sub_float(uitofp(Float64, x), y)
-(x::Float64, y::UInt64) = sub_float(x, uitofp(Float64, y))
*(x::UInt64, y::Float64) = mul_float(uitofp(Float64, x), y)
*(x::Float64, y::UInt64) = mul_float(x, uitofp(Float64, y))
/(x::UInt64, y::Float64) = div_float(uitofp(Float64, x), y)
/(x::Float64, y::UInt64) = div_float(x, uitofp(Float64, y))
min(x::UInt64, y::Float64) = min(uitofp(Float64, x), y)
min(x::Float64, y::UInt64) = min(x, uitofp(Float64, y))
max(x::UInt64, y::Float64) = max(uitofp(Float64, x), y)
max(x::Float64, y::UInt64) = max(x, uitofp(Float64, y))
div(x::UInt64, y::Float64) = div(uitofp(Float64, x), y)
div(x::Float64, y::UInt64) = div(x, uitofp(Float64, y))
fld(x::UInt64, y::Float64) = fld(uitofp(Float64, x), y)
fld(x::Float64, y::UInt64) = fld(x, uitofp(Float64, y))
cld(x::UInt64, y::Float64) = cld(uitofp(Float64, x), y)
cld(x::Float64, y::UInt64) = cld(x, uitofp(Float64, y))
rem(x::UInt64, y::Float64) = rem_float(uitofp(Float64, x), y)
rem(x::Float64, y::UInt64) = rem_float(x, uitofp(Float64, y))
mod(x::UInt64, y::Float64) = mod(uitofp(Float64, x), y)
mod(x::Float64, y::UInt64) = mod(x, uitofp(Float64, y))
# Exact comparisons of an integer with a float (base/float.jl generates them for each integer
# type): the integer is converted, and when the two are equal, converted back to see whether
# the conversion rounded. `Float64(typemax(T))` (2^63, 2^64) has no `T`, so it compares as
# larger.
_float(x::Union{Int64, Int128}) = sitofp(Float64, x)
_float(x::Union{UInt64, UInt128}) = uitofp(Float64, x)
_unsafe_trunc(::Int64, f::Float64) = fptosi(Int64, f)
_unsafe_trunc(::UInt64, f::Float64) = fptoui(UInt64, f)
_unsafe_trunc(::Int128, f::Float64) = fptosi(Int128, f)
_unsafe_trunc(::UInt128, f::Float64) = fptoui(UInt128, f)
_float_typemax(::Int64) = 9.223372036854775807e18
_float_typemax(::UInt64) = 1.8446744073709552e19
_float_typemax(::Int128) = 1.7014118346046923e38
_float_typemax(::UInt128) = 3.402823669209385e38
function ==(x::Float64, y::Union{Int64, UInt64, Int128, UInt128})
    fy = _float(y)
    return (x == fy) & (fy != _float_typemax(y)) & (y == _unsafe_trunc(y, fy))
end
==(x::Union{Int64, UInt64, Int128, UInt128}, y::Float64) = y == x
function <(x::Union{Int64, UInt64, Int128, UInt128}, y::Float64)
    fx = _float(x)
    return (fx < y) | ((fx == y) & ((fx == _float_typemax(x)) | (x < _unsafe_trunc(x, fx))))
end
function <=(x::Union{Int64, UInt64, Int128, UInt128}, y::Float64)
    fx = _float(x)
    return (fx < y) | ((fx == y) & ((fx == _float_typemax(x)) | (x <= _unsafe_trunc(x, fx))))
end
function <(x::Float64, y::Union{Int64, UInt64, Int128, UInt128})
    fy = _float(y)
    return (x < fy) | ((x == fy) & (fy < _float_typemax(y)) & (_unsafe_trunc(y, fy) < y))
end
function <=(x::Float64, y::Union{Int64, UInt64, Int128, UInt128})
    fy = _float(y)
    return (x < fy) | ((x == fy) & (fy < _float_typemax(y)) & (_unsafe_trunc(y, fy) <= y))
end

# Bool takes part in arithmetic as 0/1 (base/bool.jl promotes it to the other type).
+(x::Bool, y::Bool) = add_int(Int64(x), Int64(y))
-(x::Bool, y::Bool) = sub_int(Int64(x), Int64(y))
*(x::Bool, y::Bool) = and_int(x, y)
+(x::Bool, y::Int64) = add_int(Int64(x), y)
+(x::Int64, y::Bool) = add_int(x, Int64(y))
-(x::Bool, y::Int64) = sub_int(Int64(x), y)
-(x::Int64, y::Bool) = sub_int(x, Int64(y))
*(x::Bool, y::Int64) = mul_int(Int64(x), y)
*(x::Int64, y::Bool) = mul_int(x, Int64(y))
+(x::Bool, y::Float64) = add_float(Float64(x), y)
+(x::Float64, y::Bool) = add_float(x, Float64(y))
-(x::Bool, y::Float64) = sub_float(Float64(x), y)
-(x::Float64, y::Bool) = sub_float(x, Float64(y))
# `false` is a strong zero (base/bool.jl): `false * NaN` is `0.0`.
*(x::Bool, y::Float64) = ifelse(x, y, copysign(0.0, y))
*(x::Float64, y::Bool) = ifelse(y, x, copysign(0.0, x))
function -(x::Bool)
    return neg_int(Int64(x))
end
==(x::Bool, y::Int64) = Int64(x) == y
==(x::Int64, y::Bool) = x == Int64(y)
==(x::Bool, y::Float64) = Float64(x) == y
==(x::Float64, y::Bool) = x == Float64(y)

# ----- n-ary operators (base/operators.jl: `a + b + c` parses as one call) ----------------------

# Fixed arities first, so `a * b * c` in a hot loop is two plain calls that inline; longer
# chains fold the rest with `afoldl`, as Julia does. Julia's afoldl unrolls its first 31 steps
# and loops over the rest; this one loops over all of them (a chain's results print the same).
# A recursion that peels one argument per call instead would infer one specialization per
# length: a 1,000-term `1 + 1 + ... + 1` would compile a thousand methods.
function afoldl(op, a, bs...)
    y = a
    for b in bs
        y = op(y, b)
    end
    return y
end

+(a, b, c) = (a + b) + c
*(a, b, c) = (a * b) * c
+(a, b, c, d) = ((a + b) + c) + d
*(a, b, c, d) = ((a * b) * c) * d
+(a, b, c, d, e, xs...) = afoldl(+, (((a + b) + c) + d) + e, xs...)
*(a, b, c, d, e, xs...) = afoldl(*, (((a * b) * c) * d) * e, xs...)

# The other associative operators of that loop in operators.jl.
&(a, b, c) = (a & b) & c
|(a, b, c) = (a | b) | c
xor(a, b, c) = xor(xor(a, b), c)
min(a, b, c) = min(min(a, b), c)
max(a, b, c) = max(max(a, b), c)
&(a, b, c, d, xs...) = afoldl(&, ((a & b) & c) & d, xs...)
|(a, b, c, d, xs...) = afoldl(|, ((a | b) | c) | d, xs...)
xor(a, b, c, d, xs...) = afoldl(xor, xor(xor(xor(a, b), c), d), xs...)
min(a, b, c, d, xs...) = afoldl(min, min(min(min(a, b), c), d), xs...)
max(a, b, c, d, xs...) = afoldl(max, max(max(max(a, b), c), d), xs...)

# ----- powers (base/math.jl, base/intfuncs.jl) --------------------------------------------------

# Julia computes Float64^Float64 with its own algorithm; `pow_libm` (the libm crate) gives
# the correctly rounded result in all but rare last-bit cases.
function ^(x::Float64, y::Float64)
    if (x < 0.0) & isfinite(y) & !isinteger(y)
        throw(DomainError(x, "Exponentiation yielding a complex result requires a complex argument.\nReplace x^y with (x+0im)^y, Complex(x)^y, or similar."))
    end
    return pow_libm(x, y)
end
^(x::Float64, y::Int64) = pow_libm(x, sitofp(Float64, y))
^(x::Int64, y::Float64) = ^(sitofp(Float64, x), y)
^(x::Bool, y::Int64) = ifelse(y == 0, true, x)

# ----- conversions (base/float.jl, base/int.jl, base/boot.jl) ---------------------------------

Float64(x::Float64) = x
Float64(x::Int64) = sitofp(Float64, x)
Float64(x::UInt64) = uitofp(Float64, x)
Float64(x::Bool) = ifelse(x, 1.0, 0.0)
float(x::Float64) = x
float(x::Int64) = sitofp(Float64, x)
float(x::UInt64) = uitofp(Float64, x)
float(x::Bool) = Float64(x)

Int64(x::Int64) = x
Int64(x::Bool) = ifelse(x, 1, 0)
function Int64(x::Float64)
    if (trunc_llvm(x) == x) & (x >= -9.223372036854775808e18) & (x < 9.223372036854775808e18)
        return fptosi(Int64, x)
    end
    throw(InexactError(:Int64, Int64, x))
end
function Int64(x::UInt64)
    x <= 0x7fffffffffffffff && return bitcast(Int64, x)
    throw(InexactError(:check_sign_bit, Int64, x))
end

UInt64(x::UInt64) = x
UInt64(x::Bool) = ifelse(x, 0x0000000000000001, 0x0000000000000000)
function UInt64(x::Int64)
    x >= 0 && return bitcast(UInt64, x)
    throw(InexactError(:check_sign_bit, UInt64, x))
end
function UInt64(x::Float64)
    if (trunc_llvm(x) == x) & (x >= 0.0) & (x < 1.8446744073709552e19)
        return fptoui(UInt64, x)
    end
    throw(InexactError(:UInt64, UInt64, x))
end

# Char (base/char.jl): a struct of the code point (`Ty::CHAR`), made by `Core._new`.
function Char(x::Int64)
    (0 <= x <= 0x10ffff) & !(0xd800 <= x <= 0xdfff) && return Core._new(Char, bitcast(UInt64, x))
    throw(InexactError(:Char, Char, x))
end
Char(x::UInt64) = Char(Int64(x))
Char(c::Char) = c
codepoint(c::Char) = Core.getfield(c, :code)
Int64(c::Char) = bitcast(Int64, codepoint(c))
UInt64(c::Char) = codepoint(c)
isless(a::Char, b::Char) = codepoint(a) < codepoint(b)
<(a::Char, b::Char) = codepoint(a) < codepoint(b)
<=(a::Char, b::Char) = codepoint(a) <= codepoint(b)
+(c::Char, n::Int64) = Char(Int64(c) + n)
+(n::Int64, c::Char) = Char(Int64(c) + n)
-(c::Char, n::Int64) = Char(Int64(c) - n)
-(a::Char, b::Char) = Int64(a) - Int64(b)
isascii(c::Char) = codepoint(c) < 0x0000000000000080
isdigit(c::Char) = '0' <= c <= '9'
islowercase(c::Char) = ('a' <= c <= 'z') | (isascii(c) == false && _latin_lower(c))
isuppercase(c::Char) = ('A' <= c <= 'Z') | (isascii(c) == false && _latin_upper(c))
_latin_lower(c::Char) = ('ß' <= c <= 'ÿ') & (c != '÷')
_latin_upper(c::Char) = ('À' <= c <= 'Þ') & (c != '×')
isletter(c::Char) = islowercase(c) | isuppercase(c)
isspace(c::Char) = (c == ' ') | ('\t' <= c <= '\r') | (c == '\u85') | (c == '\ua0')
ispunct(c::Char) = isascii(c) & !(isletter(c) | isdigit(c) | isspace(c)) & (c > ' ') & (c != '\x7f')
uppercase(c::Char) = islowercase(c) & (c != 'ß') & (c != 'ÿ') ? c - 32 : c
lowercase(c::Char) = isuppercase(c) ? c + 32 : c

Bool(x::Bool) = x
function Bool(x::Int64)
    x == 0 && return false
    x == 1 && return true
    throw(InexactError(:Bool, Bool, x))
end

# `convert(T, x)` is what struct constructors, typed assignments and returns call. Julia's
# `convert(::Type{T}, x::T) where {T} = x` needs `where`; the fallback below returns `x`
# when it already is a `T` and otherwise throws the `Cannot convert` MethodError.
convert(::Type{Float64}, x::Float64) = x
convert(::Type{Float64}, x::Int64) = sitofp(Float64, x)
convert(::Type{Float64}, x::UInt64) = uitofp(Float64, x)
convert(::Type{Float64}, x::Bool) = Float64(x)
convert(::Type{Int64}, x::Int64) = x
convert(::Type{Int64}, x::Float64) = Int64(x)
convert(::Type{Int64}, x::UInt64) = Int64(x)
convert(::Type{Int64}, x::Bool) = Int64(x)
convert(::Type{UInt64}, x::UInt64) = x
convert(::Type{UInt64}, x::Int64) = UInt64(x)
convert(::Type{UInt64}, x::Float64) = UInt64(x)
convert(::Type{UInt64}, x::Bool) = UInt64(x)
convert(::Type{Bool}, x::Bool) = x
convert(::Type{Any}, x) = x
function convert(T::Type, x)
    isa(x, T) && return x
    throw(MethodError(convert, (T, x), 0xffffffffffffffff))
end

# ----- typemax / typemin / zero / one (base/int.jl, base/float.jl) -----------------------------

typemax(::Type{Int64}) = 9223372036854775807
typemin(::Type{Int64}) = bitcast(Int64, 0x8000000000000000)
typemax(::Type{UInt64}) = 0xffffffffffffffff
typemin(::Type{UInt64}) = 0x0000000000000000
typemax(::Type{Float64}) = Inf
typemin(::Type{Float64}) = -Inf
typemax(::Type{Bool}) = true
typemin(::Type{Bool}) = false

zero(::Type{Int64}) = 0
zero(::Type{UInt64}) = 0x0000000000000000
zero(::Type{Float64}) = 0.0
zero(::Type{Bool}) = false
one(::Type{Int64}) = 1
one(::Type{UInt64}) = 0x0000000000000001
one(::Type{Float64}) = 1.0
one(::Type{Bool}) = true
zero(x::Int64) = 0
zero(x::UInt64) = 0x0000000000000000
zero(x::Float64) = 0.0
zero(x::Bool) = false
one(x::Int64) = 1
one(x::UInt64) = 0x0000000000000001
one(x::Float64) = 1.0
one(x::Bool) = true
iszero(x) = x == zero(x)
isone(x) = x == one(x)
isinteger(x::Int64) = true
isnan(x::Int64) = false
isfinite(x::Int64) = true

# ----- math functions (base/math.jl; computed by libm on every target) -------------------------

function throw_complex_domainerror(f::Symbol, x::Float64)
    throw(DomainError(x, string(f, " was called with a negative real argument but will only return a complex result if called with a complex argument. Try ", f, "(Complex(x)).")))
end

function sqrt(x::Float64)
    x < 0.0 && throw_complex_domainerror(:sqrt, x)
    return sqrt_llvm(x)
end
function log(x::Float64)
    x < 0.0 && throw_complex_domainerror(:log, x)
    return log_libm(x)
end
function sin(x::Float64)
    isinf(x) && throw(DomainError(x, "sin(x) is only defined for finite x."))
    return sin_libm(x)
end
function cos(x::Float64)
    isinf(x) && throw(DomainError(x, "cos(x) is only defined for finite x."))
    return cos_libm(x)
end
function tan(x::Float64)
    isinf(x) && throw(DomainError(x, "tan(x) is only defined for finite x."))
    return tan_libm(x)
end
exp(x::Float64) = exp_libm(x)
sqrt(x::Int64) = sqrt(sitofp(Float64, x))
log(x::Int64) = log(sitofp(Float64, x))
sin(x::Int64) = sin(sitofp(Float64, x))
cos(x::Int64) = cos(sitofp(Float64, x))
tan(x::Int64) = tan(sitofp(Float64, x))
exp(x::Int64) = exp(sitofp(Float64, x))

# ----- strings and printing (base/strings/io.jl) -----------------------------------------------

string() = ""
string(a) = _string(a)
string(a, b) = _string(a, b)
string(a, b, c) = _string(a, b, c)
string(xs...) = _string(xs...)
*(a::String, b::String) = _string(a, b)
*(a::String, b::String, c::String) = _string(a, b, c)
# base/strings/substring.jl `repeat(s::String, r::Integer)`; `s^n` is `repeat(s, n)`.
function repeat(s::String, n::Int64)
    n < 0 && throw(ArgumentError(string("can't repeat a string ", n, " times")))
    out = ""
    for _ in 1:n
        out = _string(out, s)
    end
    return out
end
^(s::String, n::Int64) = repeat(s, n)
length(s::String) = _string_length(s)
iterate(s::String) = Core._string_iterate(s, 1)
iterate(s::String, i::Int64) = Core._string_iterate(s, i)
eltype(::Type{String}) = Char
function collect(s::String)
    v = Char[]
    for c in s
        push!(v, c)
    end
    v
end
isempty(s::String) = _string_length(s) == 0
repr(x) = _repr(x)

print(x) = _print(x)
print(xs...) = _print(xs...)
println() = _print("\n")
println(x) = _print(x, "\n")
println(x, y) = _print(x, y, "\n")
println(xs...) = _print(xs..., "\n")
show(x) = _print(_repr(x))

error(msg::String) = throw(ErrorException(msg))
error(xs...) = throw(ErrorException(string(xs...)))
rethrow() = Core._rethrow()
rethrow(e) = throw(e)
current_exceptions() = Core._current_exceptions()

# ----- keyword-argument helpers used by lowered `Core.kwcall` methods (crates/lower func.rs) ---
# `names` is a tuple of Symbols, `vals` the tuple of values, in call order.

function _kwhas(names::Tuple, k::Symbol)
    for i in 1:nfields(names)
        getfield(names, i) === k && return true
    end
    return false
end
function _kwget(names::Tuple, vals::Tuple, k::Symbol)
    for i in 1:nfields(names)
        getfield(names, i) === k && return getfield(vals, i)
    end
    throw(UndefRefError())
end
# An unknown keyword is base/namedtuple.jl `kwerr`: a `MethodError` of `Core.kwcall` with the
# keywords and the call's arguments, printed `no method matching f(::Int64; k::Int64)`.
function _kwcheck(names::Tuple, vals::Tuple, known::Tuple, f, args...)
    for i in 1:nfields(names)
        _kwhas(known, getfield(names, i)) ||
            throw(MethodError(Core.kwcall, (names, vals, f, args...), tls_world_age()))
    end
    return nothing
end
_kwmissing(k::Symbol) = error("UndefKeywordError: keyword argument `", k, "` not assigned")

# ----- tuples (base/tuple.jl) ------------------------------------------------------------------

length(t::Tuple) = nfields(t)
isempty(t::Tuple) = nfields(t) == 0
getindex(t::Tuple, i::Int64) = getfield(t, i)
lastindex(t::Tuple) = nfields(t)
first(t::Tuple) = getfield(t, 1)
last(t::Tuple) = getfield(t, nfields(t))
iterate(t::Tuple) = iterate(t, 1)
iterate(t::Tuple, i::Int64) = (i >= 1) & (i <= nfields(t)) ? (getfield(t, i), i + 1) : nothing
function ==(a::Tuple, b::Tuple)
    nfields(a) == nfields(b) || return false
    for i in 1:nfields(a)
        getfield(a, i) == getfield(b, i) || return false
    end
    return true
end

# ----- vectors (base/array.jl) -----------------------------------------------------------------

length(v::Vector) = _vector_length(v)
isempty(v::Vector) = _vector_length(v) == 0
getindex(v::Vector, i::Int64) = _vector_ref(v, i)
setindex!(v::Vector, x, i::Int64) = _vector_set(v, x, i)
push!(v::Vector, x) = _vector_push(v, x)
lastindex(v::Vector) = _vector_length(v)
first(v::Vector) = _vector_ref(v, 1)
last(v::Vector) = _vector_ref(v, _vector_length(v))
# base/array.jl `iterate(A::Array, i=1)`.
function iterate(v::Vector, i::Int64)
    (i >= 1) & (i <= _vector_length(v)) || return nothing
    return (_vector_ref(v, i), i + 1)
end
iterate(v::Vector) = iterate(v, 1)
function ==(a::Vector, b::Vector)
    length(a) == length(b) || return false
    for i in 1:length(a)
        a[i] == b[i] || return false
    end
    return true
end
function in(x, v::Vector)
    for i in 1:length(v)
        v[i] == x && return true
    end
    return false
end
function in(x, t::Tuple)
    for y in t
        y == x && return true
    end
    return false
end
function in(c::Char, s::String)
    for d in s
        d == c && return true
    end
    return false
end

# `T[a, b]` (typed vector literal) is `getindex(T, a, b)` in Julia.
getindex(T::Type) = _vector_new(T)
getindex(T::Type, xs...) = _vector_new(T, xs...)

eltype(::Type{Vector{Int64}}) = Int64
eltype(::Type{Vector{Float64}}) = Float64
eltype(::Type{Vector{UInt64}}) = UInt64
eltype(::Type{Vector{Bool}}) = Bool
eltype(::Type{Vector{String}}) = String
eltype(::Type{Vector{Any}}) = Any
eltype(v::Vector) = _vector_eltype(v)

# `[a, b, c]`: the element type is the promotion of the elements' types (base/array.jl `vect`,
# base/promotion.jl `promote_type`): numbers promote (Int64 and Float64 to Float64, Bool to
# the other number type, Int64 and UInt64 to UInt64), `nothing` makes a `Union`, equal types
# stay, and other types join (`typejoin`: `[Circle(1.0), Square(2.0)]` is a `Vector{Shape}`).
vect() = _vector_new(Any)
function vect(xs...)
    T = typeof(getfield(xs, 1))
    for i in 2:nfields(xs)
        T = _promote_eltype(T, typeof(getfield(xs, i)))
    end
    for i in 1:nfields(xs)
        getfield(xs, i) isa T || return _vect_convert(T, xs)
    end
    return _vector_new(T, xs...)
end
function _vect_convert(T, xs)
    v = _vector_new(T)
    for i in 1:nfields(xs)
        push!(v, convert(T, getfield(xs, i)))
    end
    return v
end

function _promote_eltype(T, S)
    T === S && return T
    (T <: Number) & (S <: Number) && return promote_type(T, S)
    (T === Nothing) && return Union{S, Nothing}
    (S === Nothing) && return Union{T, Nothing}
    return _typejoin(T, S)
end
typejoin(T, S) = _typejoin(T, S)
# Compiler/src/reflection's queries of inference (base/reflection.jl).
return_types(f, types) = _return_types(f, types)
infer_exception_type(f, types) = _infer_exception_type(f, types)
# base/loading.jl: infer ahead of the first call (`true` when one method matches).
precompile(f, types::Tuple) = _precompile(f, types)
precompile(argt::Type) = _precompile(argt)

# base/promotion.jl `promote_typejoin`: what `collect` and `map` widen their element type to
# when an element does not fit (`Nothing` makes a small `Union`, other types join).
function promote_typejoin(T, S)
    T === S && return T
    (T === Nothing) && return Union{S, Nothing}
    (S === Nothing) && return Union{T, Nothing}
    return _typejoin(T, S)
end

# base/abstractarray.jl `map` over one vector or range: the result's element type is the first
# result's type, widened (`promote_typejoin`) when a later one does not fit, as base/array.jl
# `collect_to!` does, by continuing in a new call specialized on the wider vector.
function map(f, v::Union{Vector, AbstractRange})
    n = length(v)
    n == 0 && return _vector_new(Any)
    y = f(v[1])
    T = typeof(y)
    return _map_rest!(_vector_new(T, y), T, f, v, 2)
end
# The elements of `out` (a `Vector{T}`) and then `y`, which is not a `T`, in a vector of their
# `promote_typejoin`: how `map`, `collect` and broadcasting widen as they go.
function _widen_push(out, T, y)
    wider = _vector_new(promote_typejoin(T, typeof(y)))
    for x in out
        push!(wider, x)
    end
    return push!(wider, y)
end
function _map_rest!(out, T, f, v, i)
    n = length(v)
    while i <= n
        y = f(v[i])
        if !(y isa T)
            wider = _widen_push(out, T, y)
            return _map_rest!(wider, eltype(wider), f, v, i + 1)
        end
        push!(out, y)
        i += 1
    end
    return out
end
# base/array.jl `filter`: the elements for which `f` is true, in a vector of the same type.
function filter(f, v::Vector)
    out = _vector_new(eltype(v))
    for i in 1:length(v)
        x = v[i]
        f(x) && push!(out, x)
    end
    return out
end
function foreach(f, v)
    for x in v
        f(x)
    end
    return nothing
end

# base/reduce.jl `maximum`/`minimum`: `max`/`min` folded left to right (NaN propagates).
const _EMPTY_REDUCE = "reducing over an empty collection is not allowed; consider supplying `init` to the reducer"
function _fold_nonempty(op, v::Vector)
    length(v) == 0 && throw(ArgumentError(_EMPTY_REDUCE))
    m = v[1]
    for i in 2:length(v)
        m = op(m, v[i])
    end
    return m
end
maximum(v::Vector) = _fold_nonempty(max, v)
minimum(v::Vector) = _fold_nonempty(min, v)
maximum(t::Tuple) = max(t...)
minimum(t::Tuple) = min(t...)
# base/array.jl `append!(a, items)`: push every element of any iterable.
function append!(v::Vector, items)
    for x in items
        push!(v, x)
    end
    return v
end
isnothing(x) = x === nothing
function sum(t::Tuple)
    n = nfields(t)
    n == 0 && return 0
    s = getfield(t, 1)
    for i in 2:n
        s = s + getfield(t, i)
    end
    return s
end

# ----- ranges (base/range.jl) ------------------------------------------------------------------

# `a:b` is `UnitRange{Int64}(a, b)` with the stop clamped so an empty range is `a:a-1`
# (base/range.jl `unitrange_last`).
(:)(start::Int64, stop::Int64) = UnitRange{Int64}(start, ifelse(stop >= start, stop, start - 1))
first(r::UnitRange{Int64}) = getfield(r, :start)
last(r::UnitRange{Int64}) = getfield(r, :stop)
length(r::UnitRange{Int64}) = getfield(r, :stop) - getfield(r, :start) + 1
isempty(r::UnitRange{Int64}) = getfield(r, :stop) < getfield(r, :start)
lastindex(r::UnitRange{Int64}) = length(r)
function getindex(r::UnitRange{Int64}, i::Int64)
    (i >= 1) & (i <= length(r)) || throw(BoundsError(r, i))
    return getfield(r, :start) + (i - 1)
end
iterate(r::UnitRange{Int64}) = isempty(r) ? nothing : (first(r), first(r))
iterate(r::UnitRange{Int64}, i::Int64) = i == last(r) ? nothing : (i + 1, i + 1)
in(x::Int64, r::UnitRange{Int64}) = (first(r) <= x) & (x <= last(r))
# base/range.jl `sum(r::AbstractRange{<:Real})`, step 1.
function sum(r::UnitRange{Int64})
    l = length(r)
    l <= 0 && return 0
    return l * first(r) + ifelse(iseven(l), (l - 1) * (l >> 1), l * ((l - 1) >> 1))
end
function collect(r::UnitRange{Int64})
    v = _vector_new(Int64)
    for i in first(r):last(r)
        _vector_push(v, i)
    end
    return v
end

# `a:s:b` is `StepRange{Int64, Int64}(a, s, last)`, its stop moved onto the last element that
# the steps reach, or to `a - s` when the range is empty (base/range.jl `steprange_last`).
(:)(start::Int64, step::Int64, stop::Int64) = _steprange(start, step, stop)
function _steprange(start::Int64, step::Int64, stop::Int64)
    step == 0 && throw(ArgumentError("step cannot be zero"))
    if stop == start
        last = stop
    elseif (step > 0) != (stop > start)
        last = start - step
    else
        absdiff, absstep = stop > start ? (stop - start, step) : (start - stop, -step)
        remain = absdiff < 0 ? signed(unsigned(absdiff) % unsigned(absstep)) : absdiff % absstep
        last = stop > start ? stop - remain : stop + remain
    end
    return StepRange{Int64, Int64}(start, step, last)
end
first(r::StepRange{Int64, Int64}) = getfield(r, :start)
step(r::StepRange{Int64, Int64}) = getfield(r, :step)
step(r::UnitRange{Int64}) = 1
last(r::StepRange{Int64, Int64}) = getfield(r, :stop)
isempty(r::StepRange{Int64, Int64}) = (first(r) != last(r)) & ((step(r) > 0) != (last(r) > first(r)))
# base/range.jl `length(r::OrdinalRange)`: `last - first` may overflow when `|step| > 1`, but
# its unsigned quotient by the step is still right.
function length(r::StepRange{Int64, Int64})
    isempty(r) && return 0
    s = step(r)
    diff = last(r) - first(r)
    if (-1 <= s <= 1) | (s == -s)
        return div(diff, s) + 1
    elseif s < 0
        return signed(div(unsigned(-diff), unsigned(-s))) + 1
    end
    return signed(div(unsigned(diff), unsigned(s))) + 1
end
lastindex(r::StepRange{Int64, Int64}) = length(r)
function getindex(r::StepRange{Int64, Int64}, i::Int64)
    (i >= 1) & (i <= length(r)) || throw(BoundsError(r, i))
    return first(r) + (i - 1) * step(r)
end
# base/range.jl `iterate(r::OrdinalRange)`.
iterate(r::StepRange{Int64, Int64}) = isempty(r) ? nothing : (first(r), first(r))
function iterate(r::StepRange{Int64, Int64}, i::Int64)
    i == last(r) && return nothing
    next = i + step(r)
    return (next, next)
end
function in(x::Int64, r::StepRange{Int64, Int64})
    isempty(r) && return false
    lo, hi = step(r) > 0 ? (first(r), last(r)) : (last(r), first(r))
    return (lo <= x) & (x <= hi) & (rem(x - first(r), step(r)) == 0)
end
# base/range.jl `sum(r::AbstractRange{<:Real})`.
function sum(r::StepRange{Int64, Int64})
    l = length(r)
    l <= 0 && return 0
    return l * first(r) + ifelse(iseven(l), (step(r) * (l - 1)) * (l >> 1), (step(r) * l) * ((l - 1) >> 1))
end
function collect(r::StepRange{Int64, Int64})
    v = _vector_new(Int64)
    for x in r
        _vector_push(v, x)
    end
    return v
end

# ----- numbers iterate once (base/number.jl) ---------------------------------------------------

iterate(x::Int64) = (x, nothing)
iterate(x::Int64, ::Nothing) = nothing
iterate(x::Float64) = (x, nothing)
iterate(x::Float64, ::Nothing) = nothing
length(x::Int64) = 1
length(x::Float64) = 1

# ----- properties (base/Base.jl) ---------------------------------------------------------------

getproperty(x, f::Symbol) = getfield(x, f)
# base/Base.jl `setproperty!`: converts to the field's declared type first.
function setproperty!(x, f::Symbol, v)
    T = fieldtype(typeof(x), f)
    return setfield!(x, f, isa(v, T) ? v : convert(T, v))
end

# ----- more of base/reduce.jl, base/array.jl and base/sort.jl ---------------------------------

function _mapfoldl(f, op, v)
    n = length(v)
    n == 0 && throw(ArgumentError(_EMPTY_REDUCE))
    s = f(v[1])
    for i in 2:n
        s = op(s, f(v[i]))
    end
    return s
end
function any(f, v)
    for x in v
        f(x) && return true
    end
    return false
end
function all(f, v)
    for x in v
        f(x) || return false
    end
    return true
end
function count(f, v)
    n = 0
    for x in v
        f(x) && (n += 1)
    end
    return n
end
function findfirst(f, v::Vector)
    for i in 1:length(v)
        f(v[i]) && return i
    end
    return nothing
end
function extrema(v::Vector)
    length(v) == 0 && throw(ArgumentError(_EMPTY_REDUCE))
    lo = v[1]
    hi = v[1]
    for i in 2:length(v)
        lo = min(lo, v[i])
        hi = max(hi, v[i])
    end
    return (lo, hi)
end
copy(v::Vector) = Core._vector_copy(v)
function reverse(v::Vector)
    out = _vector_new(eltype(v))
    for i in length(v):-1:1
        push!(out, v[i])
    end
    return out
end
function cumsum(v::Vector)
    out = _vector_new(eltype(v))
    length(v) == 0 && return out
    s = v[1]
    push!(out, s)
    for i in 2:length(v)
        s = s + v[i]
        push!(out, s)
    end
    return out
end
# base/sort.jl: Julia's default algorithm is stable, so a stable merge sort gives its results.
function sort!(v::Vector; lt=isless, by=identity, rev::Bool=false)
    n = length(v)
    n <= 1 && return v
    tmp = copy(v)
    _merge_sort!(v, tmp, 1, n, lt, by, rev)
    return v
end
sort(v::Vector; lt=isless, by=identity, rev::Bool=false) = sort!(copy(v); lt=lt, by=by, rev=rev)
_sort_before(lt, by, rev, a, b) = rev ? lt(by(b), by(a)) : lt(by(a), by(b))
function _merge_sort!(v, tmp, lo, hi, lt, by, rev)
    if hi - lo < 16
        # insertion sort
        for i in lo+1:hi
            x = v[i]
            j = i - 1
            while j >= lo && _sort_before(lt, by, rev, x, v[j])
                v[j+1] = v[j]
                j -= 1
            end
            v[j+1] = x
        end
        return v
    end
    m = (lo + hi) >>> 1
    _merge_sort!(v, tmp, lo, m, lt, by, rev)
    _merge_sort!(v, tmp, m + 1, hi, lt, by, rev)
    for k in lo:hi
        tmp[k] = v[k]
    end
    i = lo
    j = m + 1
    k = lo
    while i <= m && j <= hi
        if _sort_before(lt, by, rev, tmp[j], tmp[i])
            v[k] = tmp[j]
            j += 1
        else
            v[k] = tmp[i]
            i += 1
        end
        k += 1
    end
    while i <= m
        v[k] = tmp[i]
        i += 1
        k += 1
    end
    while j <= hi
        v[k] = tmp[j]
        j += 1
        k += 1
    end
    return v
end
function issorted(v::Vector; lt=isless, by=identity, rev::Bool=false)
    for i in 2:length(v)
        _sort_before(lt, by, rev, v[i], v[i-1]) && return false
    end
    return true
end
function argmax(v::Vector)
    length(v) == 0 && throw(ArgumentError("collection must be non-empty"))
    k = 1
    for i in 2:length(v)
        isless(v[k], v[i]) && (k = i)
    end
    return k
end
function argmin(v::Vector)
    length(v) == 0 && throw(ArgumentError("collection must be non-empty"))
    k = 1
    for i in 2:length(v)
        isless(v[i], v[k]) && (k = i)
    end
    return k
end
# base/operators.jl `isless`: `<` for numbers, where floats put NaN last and -0.0 before 0.0
# (base/float.jl).
isless(x::Real, y::Real) = x < y
function isless(x::Float64, y::Float64)
    (isnan(x) | isnan(y)) && return !isnan(x)
    x == y && return signbit(x) & !signbit(y)
    return x < y
end
# The unicode spellings of the comparison operators (base/operators.jl): the same functions.
const ≤ = <=
const ≥ = >=
const ≠ = !=
const ∈ = in
∉(x, itr) = !in(x, itr)
const ⊻ = xor
const √ = sqrt
const π = pi
# Julia's `ℯ` is an `Irrational` too; here the Float64 value.
const ℯ = 2.718281828459045
# base/array.jl `fill`, `zeros`, `ones`.
function fill(x, n::Int64)
    v = _vector_new(typeof(x))
    for i in 1:n
        push!(v, x)
    end
    return v
end
zeros(n::Int64) = fill(0.0, n)
ones(n::Int64) = fill(1.0, n)
zeros(::Type{Float64}, n::Int64) = fill(0.0, n)
ones(::Type{Float64}, n::Int64) = fill(1.0, n)
zeros(::Type{Int64}, n::Int64) = fill(0, n)
ones(::Type{Int64}, n::Int64) = fill(1, n)
maximum(f, v::Vector) = _mapfoldl(f, max, v)
minimum(f, v::Vector) = _mapfoldl(f, min, v)

# ----- the other bit integers and Float32 (base/int.jl, base/float.jl, base/boot.jl) -----------

# Int8..Int32, Int128 and their unsigned twins share one method per operation, over their
# union (the Int64, UInt64 and Float64 methods above stay concrete).
const BitSigned = Union{Int8, Int16, Int32, Int64, Int128}
const BitUnsigned = Union{UInt8, UInt16, UInt32, UInt64, UInt128}
const BitInteger = Union{BitSigned, BitUnsigned}
const _SmallSigned = Union{Int8, Int16, Int32}
const _SmallUnsigned = Union{UInt8, UInt16, UInt32}
const _SmallInt = Union{_SmallSigned, _SmallUnsigned}
# The bit integers other than Int64 and UInt64, whose methods are written once over them.
const _OtherSigned = Union{_SmallSigned, Int128}
const _OtherUnsigned = Union{_SmallUnsigned, UInt128}
const _OtherInt = Union{_OtherSigned, _OtherUnsigned}
const Inf32 = bitcast(Float32, 0x7f800000)
const NaN32 = bitcast(Float32, 0x7fc00000)

+(x::T, y::T) where {T<:_OtherInt} = add_int(x, y)
-(x::T, y::T) where {T<:_OtherInt} = sub_int(x, y)
*(x::T, y::T) where {T<:_OtherInt} = mul_int(x, y)
function -(x::T) where {T<:_OtherInt}
    return neg_int(x)
end
function +(x::T) where {T<:_OtherInt}
    return x
end
/(x::T, y::T) where {T<:_OtherInt} = Float64(x) / Float64(y)
==(x::T, y::T) where {T<:_OtherInt} = eq_int(x, y)
!=(x::T, y::T) where {T<:_OtherInt} = ne_int(x, y)
<(x::T, y::T) where {T<:_OtherSigned} = slt_int(x, y)
<=(x::T, y::T) where {T<:_OtherSigned} = sle_int(x, y)
<(x::T, y::T) where {T<:_OtherUnsigned} = ult_int(x, y)
<=(x::T, y::T) where {T<:_OtherUnsigned} = ule_int(x, y)
&(x::T, y::T) where {T<:_OtherInt} = and_int(x, y)
|(x::T, y::T) where {T<:_OtherInt} = or_int(x, y)
xor(x::T, y::T) where {T<:_OtherInt} = xor_int(x, y)
function ~(x::T) where {T<:_OtherInt}
    return not_int(x)
end
div(x::T, y::T) where {T<:_OtherSigned} = checked_sdiv_int(x, y)
rem(x::T, y::T) where {T<:_OtherSigned} = checked_srem_int(x, y)
div(x::T, y::T) where {T<:_OtherUnsigned} = checked_udiv_int(x, y)
rem(x::T, y::T) where {T<:_OtherUnsigned} = checked_urem_int(x, y)
fld(x::T, y::T) where {T<:_OtherUnsigned} = checked_udiv_int(x, y)
mod(x::T, y::T) where {T<:_OtherUnsigned} = checked_urem_int(x, y)
function cld(x::T, y::T) where {T<:_OtherUnsigned}
    d = div(x, y)
    return ifelse(rem(x, y) != zero(T), d + one(T), d)
end
function fld(x::T, y::T) where {T<:_OtherSigned}
    d = div(x, y)
    return ifelse((rem(x, y) != zero(T)) & ((x < zero(T)) != (y < zero(T))), d - one(T), d)
end
function cld(x::T, y::T) where {T<:_OtherSigned}
    d = div(x, y)
    return ifelse((rem(x, y) != zero(T)) & ((x < zero(T)) == (y < zero(T))), d + one(T), d)
end
function mod(x::T, y::T) where {T<:_OtherSigned}
    y == -one(T) && return zero(T)
    r = rem(x, y)
    return ifelse((r != zero(T)) & ((r < zero(T)) != (y < zero(T))), r + y, r)
end
abs(x::T) where {T<:_OtherSigned} = ifelse(x < zero(T), -x, x)
abs(x::T) where {T<:_OtherUnsigned} = x
sign(x::T) where {T<:_OtherInt} = ifelse(x < zero(T), -one(T), ifelse(x > zero(T), one(T), zero(T)))
iseven(x::_OtherInt) = (x & one(x)) == zero(x)
isodd(x::_OtherInt) = (x & one(x)) == one(x)
min(x::T, y::T) where {T<:_OtherInt} = ifelse(y < x, y, x)
max(x::T, y::T) where {T<:_OtherInt} = ifelse(y < x, x, y)
isinteger(x::_OtherInt) = true
isnan(x::_OtherInt) = false
isfinite(x::_OtherInt) = true
floor(x::_OtherInt) = x
ceil(x::_OtherInt) = x
trunc(x::_OtherInt) = x
round(x::_OtherInt) = x
# base/int.jl: the intrinsics already give 0 (or the sign) for a count of the width or more;
# a negative count shifts the other way.
function <<(x::_OtherInt, c::Int64)
    c >= 0 && return shl_int(x, c)
    return x >> -c
end
function >>(x::_OtherSigned, c::Int64)
    c >= 0 && return ashr_int(x, c)
    return x << -c
end
function >>(x::_OtherUnsigned, c::Int64)
    c >= 0 && return lshr_int(x, c)
    return x << -c
end
function >>>(x::_OtherInt, c::Int64)
    c >= 0 && return lshr_int(x, c)
    return x << -c
end
# base/intfuncs.jl: the result keeps the base's type (wrapping).
^(x::T, p::Int64) where {T<:_OtherInt} = power_by_squaring(x, p)

# Widths, as `sizeof` gives them (bytes), for the conversion rules below.
sizeof(::Type{Int8}) = 1
sizeof(::Type{Int16}) = 2
sizeof(::Type{Int32}) = 4
sizeof(::Type{Int64}) = 8
sizeof(::Type{UInt8}) = 1
sizeof(::Type{UInt16}) = 2
sizeof(::Type{UInt32}) = 4
sizeof(::Type{UInt64}) = 8
sizeof(::Type{Int128}) = 16
sizeof(::Type{UInt128}) = 16
sizeof(::Type{Float32}) = 4
sizeof(::Type{Float64}) = 8
sizeof(::Type{Bool}) = 1
sizeof(::Type{Char}) = 4
sizeof(x::Union{BitInteger, Float32, Float64, Bool, Char}) = sizeof(typeof(x))
_signed(::Type{T}) where {T} = T <: Signed

typemin(::Type{T}) where {T<:_SmallSigned} = trunc_int(T, -(1 << (8 * sizeof(T) - 1)))
typemax(::Type{T}) where {T<:_SmallSigned} = trunc_int(T, (1 << (8 * sizeof(T) - 1)) - 1)
typemin(::Type{T}) where {T<:_SmallUnsigned} = trunc_int(T, 0)
typemax(::Type{T}) where {T<:_SmallUnsigned} = trunc_int(T, -1)
typemax(::Type{Int128}) = lshr_int(sext_int(Int128, -1), 1)
typemin(::Type{Int128}) = not_int(typemax(Int128))
typemax(::Type{UInt128}) = sext_int(UInt128, -1)
typemin(::Type{UInt128}) = zext_int(UInt128, 0)
zero(::Type{T}) where {T<:_OtherInt} = trunc_int(T, 0)
one(::Type{T}) where {T<:_OtherInt} = trunc_int(T, 1)
zero(x::_OtherInt) = zero(typeof(x))
one(x::_OtherInt) = one(typeof(x))
typemin(x::Union{BitInteger, Float32, Float64, Bool}) = typemin(typeof(x))
typemax(x::Union{BitInteger, Float32, Float64, Bool}) = typemax(typeof(x))

# base/boot.jl `toInt8`...: widening is `sext_int`/`zext_int`; narrowing checks that the value
# survives the round trip (`InexactError: trunc(Int8, 300)`); a change of sign checks the sign
# bit (`InexactError: check_sign_bit(UInt8, -1)`).
function _to_int(::Type{T}, x) where {T}
    S = typeof(x)
    T === S && return x
    S === Bool && return zext_int(T, x)
    if sizeof(T) < sizeof(S)
        if !_signed(S) & _signed(T)
            sle_int(zero(S), x) || throw(InexactError(:check_sign_bit, T, x))
        end
        y = trunc_int(T, x)
        back = _signed(T) ? sext_int(S, y) : zext_int(S, y)
        back === x || throw(InexactError(:trunc, T, x))
        return y
    end
    # A negative value has no unsigned type; an unsigned one with its top bit set has no
    # signed type of its width.
    if _signed(S) & !_signed(T) | (!_signed(S) & _signed(T) & (sizeof(T) == sizeof(S)))
        sle_int(zero(S), x) || throw(InexactError(:check_sign_bit, T, x))
    end
    sizeof(T) == sizeof(S) && return bitcast(T, x)
    return _signed(S) ? sext_int(T, x) : zext_int(T, x)
end
# `Int8(2.0)`; `InexactError: Int8(2.5)` otherwise (base/float.jl).
function _float_to_int(::Type{T}, x) where {T}
    if (trunc(x) == x) & (x >= Float64(typemin(T))) & (x <= Float64(typemax(T)))
        return _signed(T) ? fptosi(T, x) : fptoui(T, x)
    end
    throw(InexactError(nameof(T), T, x))
end
nameof(::Type{Int8}) = :Int8
nameof(::Type{Int16}) = :Int16
nameof(::Type{Int32}) = :Int32
nameof(::Type{Int64}) = :Int64
nameof(::Type{UInt8}) = :UInt8
nameof(::Type{UInt16}) = :UInt16
nameof(::Type{UInt32}) = :UInt32
nameof(::Type{UInt64}) = :UInt64
nameof(::Type{Int128}) = :Int128
nameof(::Type{UInt128}) = :UInt128
Int8(x::Union{BitInteger, Bool}) = _to_int(Int8, x)
Int16(x::Union{BitInteger, Bool}) = _to_int(Int16, x)
Int32(x::Union{BitInteger, Bool}) = _to_int(Int32, x)
UInt8(x::Union{BitInteger, Bool}) = _to_int(UInt8, x)
UInt16(x::Union{BitInteger, Bool}) = _to_int(UInt16, x)
UInt32(x::Union{BitInteger, Bool}) = _to_int(UInt32, x)
Int128(x::Union{BitInteger, Bool}) = _to_int(Int128, x)
UInt128(x::Union{BitInteger, Bool}) = _to_int(UInt128, x)
Int64(x::_OtherInt) = _to_int(Int64, x)
UInt64(x::_OtherInt) = _to_int(UInt64, x)
Int8(x::Union{Float32, Float64}) = _float_to_int(Int8, x)
Int16(x::Union{Float32, Float64}) = _float_to_int(Int16, x)
Int32(x::Union{Float32, Float64}) = _float_to_int(Int32, x)
UInt8(x::Union{Float32, Float64}) = _float_to_int(UInt8, x)
UInt16(x::Union{Float32, Float64}) = _float_to_int(UInt16, x)
UInt32(x::Union{Float32, Float64}) = _float_to_int(UInt32, x)
Int128(x::Union{Float32, Float64}) = _float_to_int(Int128, x)
UInt128(x::Union{Float32, Float64}) = _float_to_int(UInt128, x)
Int64(x::Float32) = _float_to_int(Int64, x)
UInt64(x::Float32) = _float_to_int(UInt64, x)
Float64(x::_OtherSigned) = sitofp(Float64, x)
Float64(x::_OtherUnsigned) = uitofp(Float64, x)
Float64(x::Float32) = fpext(Float64, x)
Float32(x::Float32) = x
Float32(x::Float64) = fptrunc(Float32, x)
Float32(x::BitSigned) = sitofp(Float32, x)
Float32(x::BitUnsigned) = uitofp(Float32, x)
Float32(x::Bool) = ifelse(x, 1.0f0, 0.0f0)
float(x::_OtherInt) = Float64(x)
float(x::Float32) = x
Bool(x::Union{BitInteger, Float32, Float64}) = x == zero(x) ? false : x == one(x) ? true : throw(InexactError(:Bool, Bool, x))
# `x % T`: the bits wrapped to `T` (base/int.jl `rem(x, ::Type{T})`).
function rem(x::Union{BitInteger, Bool}, ::Type{T}) where {T<:BitInteger}
    S = typeof(x)
    S === Bool && return zext_int(T, x)
    sizeof(T) < sizeof(S) && return trunc_int(T, x)
    sizeof(T) == sizeof(S) && return bitcast(T, x)
    return _signed(S) ? sext_int(T, x) : zext_int(T, x)
end
unsigned(x::Int8) = bitcast(UInt8, x)
unsigned(x::Int16) = bitcast(UInt16, x)
unsigned(x::Int32) = bitcast(UInt32, x)
signed(x::UInt8) = bitcast(Int8, x)
signed(x::UInt16) = bitcast(Int16, x)
signed(x::UInt32) = bitcast(Int32, x)

# Float32 (base/float.jl): the Float64 methods above, for the other width.
+(x::Float32, y::Float32) = add_float(x, y)
-(x::Float32, y::Float32) = sub_float(x, y)
*(x::Float32, y::Float32) = mul_float(x, y)
/(x::Float32, y::Float32) = div_float(x, y)
function -(x::Float32)
    return neg_float(x)
end
function +(x::Float32)
    return x
end
==(x::Float32, y::Float32) = eq_float(x, y)
!=(x::Float32, y::Float32) = ne_float(x, y)
<(x::Float32, y::Float32) = lt_float(x, y)
<=(x::Float32, y::Float32) = le_float(x, y)
rem(x::Float32, y::Float32) = rem_float(x, y)
function mod(x::Float32, y::Float32)
    r = rem(x, y)
    r == 0.0f0 && return copysign(r, y)
    return ifelse((r > 0.0f0) == (y > 0.0f0), r, r + y)
end
div(x::Float32, y::Float32) = rint_llvm(div_float(sub_float(x, rem_float(x, y)), y))
fld(x::Float32, y::Float32) = rint_llvm(div_float(sub_float(x, mod(x, y)), y))
cld(x::Float32, y::Float32) = -fld(-x, y)
abs(x::Float32) = abs_float(x)
copysign(x::Float32, y::Float32) = copysign_float(x, y)
signbit(x::Float32) = slt_int(bitcast(Int32, x), Int32(0))
sign(x::Float32) = ifelse(x == 0.0f0, x, ifelse(isnan(x), x, copysign_float(1.0f0, x)))
isnan(x::Float32) = ne_float(x, x)
isfinite(x::Float32) = eq_float(sub_float(x, x), 0.0f0)
isinf(x::Float32) = !isnan(x) & !isfinite(x)
isinteger(x::Float32) = eq_float(sub_float(x, trunc_llvm(x)), 0.0f0)
function min(x::Float32, y::Float32)
    (isnan(x) | isnan(y)) && return x + y
    return ifelse((y < x) | (signbit(y) & !signbit(x)), y, x)
end
function max(x::Float32, y::Float32)
    (isnan(x) | isnan(y)) && return x + y
    return ifelse((y > x) | (signbit(x) & !signbit(y)), y, x)
end
*(x::Bool, y::Float32) = ifelse(x, y, copysign(0.0f0, y))
*(x::Float32, y::Bool) = ifelse(y, x, copysign(0.0f0, x))
floor(x::Float32) = floor_llvm(x)
ceil(x::Float32) = ceil_llvm(x)
trunc(x::Float32) = trunc_llvm(x)
round(x::Float32) = rint_llvm(x)
sqrt(x::Float32) = x < 0.0f0 ? throw(DomainError(x, "sqrt was called with a negative real argument but will only return a complex result if called with a complex argument. Try sqrt(Complex(x)).")) : sqrt_llvm(x)
^(x::Float32, y::Float32) = pow_libm(x, y)
^(x::Float32, y::Int64) = pow_libm(x, Float32(y))
typemax(::Type{Float32}) = Inf32
typemin(::Type{Float32}) = -Inf32
zero(::Type{Float32}) = 0.0f0
one(::Type{Float32}) = 1.0f0
zero(x::Float32) = 0.0f0
one(x::Float32) = 1.0f0
eps(::Type{Float32}) = 1.1920929f-7
eps(::Type{Float64}) = 2.220446049250313e-16
# Float32 against an integer compares exactly (base/float.jl): through Float64, which holds
# every Float32 and every integer of 32 bits or less exactly, and otherwise the exact
# Float64-against-Int64 methods above.
==(x::Float32, y::BitInteger) = Float64(x) == y
==(x::BitInteger, y::Float32) = x == Float64(y)
<(x::Float32, y::BitInteger) = Float64(x) < y
<(x::BitInteger, y::Float32) = x < Float64(y)
<=(x::Float32, y::BitInteger) = Float64(x) <= y
<=(x::BitInteger, y::Float32) = x <= Float64(y)
==(x::Float64, y::_SmallInt) = x == Float64(y)
==(x::_SmallInt, y::Float64) = Float64(x) == y
<(x::Float64, y::_SmallInt) = x < Float64(y)
<(x::_SmallInt, y::Float64) = Float64(x) < y
<=(x::Float64, y::_SmallInt) = x <= Float64(y)
<=(x::_SmallInt, y::Float64) = Float64(x) <= y

# ----- promotion (base/promotion.jl) ----------------------------------------------------------

# `promote_rule(T, S)`: what a mix of `T` and `S` becomes, or `Union{}` when this order of the
# pair has no rule. `promote_type` asks both orders and joins the types when neither has one.
promote_rule(::Type, ::Type) = Union{}
function promote_type(::Type{T}, ::Type{S}) where {T, S}
    T === S && return T
    a = promote_rule(T, S)
    b = promote_rule(S, T)
    (a === Union{}) & (b === Union{}) && return typejoin(T, S)
    a === Union{} && return b
    b === Union{} && return a
    a === b && return a
    return promote_type(a, b)
end
promote_type(T, S, U) = promote_type(promote_type(T, S), U)
# The built-in numbers (base/int.jl, base/float.jl, base/bool.jl): Bool gives way to the other
# type; a float wins over an integer, the wider float over the narrower; of two integers the
# wider wins, and of two of one width the unsigned one.
function promote_rule(::Type{T}, ::Type{S}) where {T<:Union{BitInteger, Float32, Float64, Bool}, S<:Union{BitInteger, Float32, Float64, Bool}}
    T === Bool && return S
    S === Bool && return T
    if T <: AbstractFloat
        S <: AbstractFloat || return T
        return ifelse(sizeof(T) >= sizeof(S), T, S)
    end
    S <: AbstractFloat && return S
    sizeof(T) > sizeof(S) && return T
    sizeof(T) < sizeof(S) && return S
    return ifelse(_signed(T), S, T)
end
promote_rule(::Type{T}, ::Type{Nothing}) where {T} = Union{T, Nothing}

function promote(x, y)
    R = promote_type(typeof(x), typeof(y))
    px = convert(R, x)
    py = convert(R, y)
    (typeof(px) === typeof(x)) & (typeof(py) === typeof(y)) && _sametype_error(x, y)
    return (px, py)
end
promote(x) = (x,)
promote(x::T, y::T) where {T} = (x, y)
promote(x, y, z) = (R = promote_type(typeof(x), typeof(y), typeof(z)); (convert(R, x), convert(R, y), convert(R, z)))
function _sametype_error(x, y)
    throw(ErrorException(string("promotion of types ", typeof(x), " and ", typeof(y), " failed to change any arguments")))
end
function convert(::Type{T}, x::Number) where {T<:Number}
    isa(x, T) && return x
    return T(x)
end

# Mixed arithmetic and comparison of numbers without a method of their own promote first.
+(x::Number, y::Number) = +(promote(x, y)...)
-(x::Number, y::Number) = -(promote(x, y)...)
*(x::Number, y::Number) = *(promote(x, y)...)
/(x::Number, y::Number) = /(promote(x, y)...)
^(x::Number, y::Number) = ^(promote(x, y)...)
==(x::Number, y::Number) = ==(promote(x, y)...)
<(x::Real, y::Real) = <(promote(x, y)...)
<=(x::Real, y::Real) = <=(promote(x, y)...)
div(x::Real, y::Real) = div(promote(x, y)...)
rem(x::Real, y::Real) = rem(promote(x, y)...)
fld(x::Real, y::Real) = fld(promote(x, y)...)
cld(x::Real, y::Real) = cld(promote(x, y)...)
mod(x::Real, y::Real) = mod(promote(x, y)...)
min(x::Real, y::Real) = min(promote(x, y)...)
max(x::Real, y::Real) = max(promote(x, y)...)
&(x::Integer, y::Integer) = &(promote(x, y)...)
|(x::Integer, y::Integer) = |(promote(x, y)...)
xor(x::Integer, y::Integer) = xor(promote(x, y)...)

# ----- IO and `show` methods (base/io.jl, base/iobuffer.jl, base/show.jl) ----------------------

# A program shows its own types with `Base.show(io::IO, x::T)`; `print`, `string`, `repr` and
# interpolation use it, also for elements of the containers the runtime prints
# (the runtime calls `_show_string`). `stdout` writes to the program's output; an `IOBuffer`
# collects what is written (`sprint`, `String(io)`).
abstract type IO end
struct TTY <: IO end
const stdout = Core._new(TTY)
# Standard error, where `@warn` and the other log messages go (`Core._print_stderr`).
struct TTYStderr <: IO end
const stderr = Core._new(TTYStderr)
mutable struct IOBuffer <: IO
    data::Vector{String}
end
IOBuffer() = IOBuffer(String[])
String(io::IOBuffer) = _string(io.data...)
# Julia's `write` returns the number of bytes written; these return `nothing`.
write(io::TTY, s::String) = _print(s)
write(io::TTYStderr, s::String) = Core._print_stderr(s)
function write(io::IOBuffer, s::String)
    push!(io.data, s)
    return nothing
end
write(io::IO, c::Char) = write(io, _string(c))
print(io::IO, x) = (write(io, _string(x)); nothing)
print(io::IO, x, y) = (print(io, x); print(io, y))
function print(io::IO, xs...)
    for x in xs
        print(io, x)
    end
    return nothing
end
println(io::IO) = (write(io, "\n"); nothing)
println(io::IO, x) = (print(io, x); println(io))
println(io::IO, x, y) = (print(io, x); print(io, y); println(io))
println(io::IO, xs...) = (print(io, xs...); println(io))
show(io::IO, x) = (write(io, _repr(x)); nothing)
function _show_string(x)
    io = IOBuffer()
    show(io, x)
    return String(io)
end
function sprint(f, args...)
    io = IOBuffer()
    f(io, args...)
    return String(io)
end
# base/errorshow.jl: the runtime shows its own exceptions; Base's and a program's exception
# types may have `showerror` methods, which an uncaught exception's report uses too.
showerror(io::IO, e) = print(io, Core._error_message(e))
# base/error.jl: what `@assert c` throws.
struct AssertionError <: Exception
    msg::String
end
showerror(io::IO, e::AssertionError) = print(io, "AssertionError: ", e.msg)
_showerror_string(e) = sprint(showerror, e)

# ----- Complex (base/complex.jl) ----------------------------------------------------------------

struct Complex{T<:Real} <: Number
    re::T
    im::T
end
Complex(x::Real, y::Real) = Complex(promote(x, y)...)
Complex(x::Real) = Complex(x, zero(x))
Complex(z::Complex) = z
Complex{T}(x::Real) where {T<:Real} = Complex{T}(x, 0)
Complex{T}(z::Complex) where {T<:Real} = Complex{T}(real(z), imag(z))
const im = Core._new(Complex{Bool}, false, true)
const ComplexF64 = Complex{Float64}
const ComplexF32 = Complex{Float32}
promote_rule(::Type{Complex{T}}, ::Type{S}) where {T<:Real, S<:Real} = Complex{promote_type(T, S)}
promote_rule(::Type{Complex{T}}, ::Type{Complex{S}}) where {T<:Real, S<:Real} = Complex{promote_type(T, S)}
real(z::Complex) = z.re
imag(z::Complex) = z.im
real(x::Real) = x
imag(x::Real) = zero(x)
reim(z) = (real(z), imag(z))
isreal(x::Real) = true
isreal(z::Complex) = iszero(imag(z))
isinteger(z::Complex) = isreal(z) & isinteger(real(z))
isfinite(z::Complex) = isfinite(real(z)) & isfinite(imag(z))
isnan(z::Complex) = isnan(real(z)) | isnan(imag(z))
isinf(z::Complex) = isinf(real(z)) | isinf(imag(z))
iszero(z::Complex) = iszero(real(z)) & iszero(imag(z))
complex(z::Complex) = z
complex(x::Real) = Complex(x)
complex(x::Real, y::Real) = Complex(x, y)
zero(::Type{Complex{T}}) where {T<:Real} = Complex{T}(zero(T), zero(T))
one(::Type{Complex{T}}) where {T<:Real} = Complex{T}(one(T), zero(T))
zero(z::Complex) = zero(typeof(z))
one(z::Complex) = one(typeof(z))
float(z::Complex) = Complex(float(real(z)), float(imag(z)))
signbit(x::Integer) = x < zero(x)
signbit(x::Bool) = false
function show(io::IO, z::Complex)
    r, i = reim(z)
    show(io, r)
    if signbit(i) && !isnan(i)
        print(io, " - ")
        show(io, -i)
    else
        print(io, " + ")
        show(io, i)
    end
    if !(isa(i, Integer) && !isa(i, Bool) || isa(i, AbstractFloat) && isfinite(i))
        print(io, "*")
    end
    print(io, "im")
end
show(io::IO, z::Complex{Bool}) = print(io, z == im ? "im" : string("Complex(", z.re, ",", z.im, ")"))
==(z::Complex, w::Complex) = (real(z) == real(w)) & (imag(z) == imag(w))
==(z::Complex, x::Real) = isreal(z) && real(z) == x
==(x::Real, z::Complex) = isreal(z) && real(z) == x
conj(z::Complex) = Complex(real(z), -imag(z))
abs2(z::Complex) = real(z) * real(z) + imag(z) * imag(z)
abs2(x::Real) = x * x
abs(z::Complex) = hypot(real(z), imag(z))
function +(z::Complex)
    return Complex(+real(z), +imag(z))
end
function -(z::Complex)
    return Complex(-real(z), -imag(z))
end
+(z::Complex, w::Complex) = Complex(real(z) + real(w), imag(z) + imag(w))
-(z::Complex, w::Complex) = Complex(real(z) - real(w), imag(z) - imag(w))
*(z::Complex, w::Complex) = Complex(real(z) * real(w) - imag(z) * imag(w), real(z) * imag(w) + imag(z) * real(w))
+(x::Bool, z::Complex) = Complex(x + real(z), imag(z))
+(z::Complex, x::Bool) = Complex(real(z) + x, imag(z))
-(x::Bool, z::Complex) = Complex(x - real(z), -imag(z))
-(z::Complex, x::Bool) = Complex(real(z) - x, imag(z))
*(x::Bool, z::Complex) = Complex(x * real(z), x * imag(z))
*(z::Complex, x::Bool) = Complex(real(z) * x, imag(z) * x)
+(x::Real, z::Complex) = Complex(x + real(z), imag(z))
+(z::Complex, x::Real) = Complex(x + real(z), imag(z))
function -(x::Real, z::Complex)
    re = x - real(z)
    return Complex(re, -convert(typeof(re), imag(z)))
end
-(z::Complex, x::Real) = Complex(real(z) - x, imag(z))
*(x::Real, z::Complex) = Complex(x * real(z), x * imag(z))
*(z::Complex, x::Real) = Complex(x * real(z), x * imag(z))
/(z::Complex, x::Real) = Complex(real(z) / x, imag(z) / x)
/(a::Real, z::Complex) = a * inv(complex(float(real(z)), float(imag(z))))
function inv(z::Complex)
    c, d = reim(z)
    (isinf(c) | isinf(d)) && return complex(copysign(zero(c), c), -copysign(zero(d), d))
    return complex(c, -d) / (c * c + d * d)
end
inv(x::Real) = one(x) / x
/(a::Complex{T}, b::Complex{T}) where {T<:Integer} = float(a) / float(b)
function /(a::Complex{T}, b::Complex{T}) where {T<:Real}
    are = real(a); aim = imag(a); bre = real(b); bim = imag(b)
    if isinf(bre) | isinf(bim)
        isfinite(a) && return complex(zero(T) * sign(are) * sign(bre), -zero(T) * sign(aim) * sign(bim))
        return Complex(T(NaN), T(NaN))
    end
    if abs(bre) <= abs(bim)
        r = bre / bim
        den = bim + r * bre
        return Complex((are * r + aim) / den, (aim * r - are) / den)
    end
    r = bim / bre
    den = bre + r * bim
    return Complex((are + aim * r) / den, (aim - are * r) / den)
end
# The robust division of two ComplexF64 (base/complex.jl, arxiv.1210.4539), without the
# rescaling Julia adds for operands near overflow or underflow.
function /(z::Complex{Float64}, w::Complex{Float64})
    a, b = reim(z)
    c, d = reim(w)
    if isinf(c) | isinf(d)
        isfinite(z) && return complex(0.0 * sign(a) * sign(c), -0.0 * sign(b) * sign(d))
        return Complex(NaN, NaN)
    end
    if abs(d) <= abs(c)
        p, q = _robust_cdiv1(a, b, c, d)
    else
        p, q = _robust_cdiv1(b, a, d, c)
        q = -q
    end
    return Complex(p, q)
end
function _robust_cdiv1(a::Float64, b::Float64, c::Float64, d::Float64)
    r = d / c
    t = 1.0 / (c + d * r)
    return (_robust_cdiv2(a, b, c, d, r, t), _robust_cdiv2(b, -a, c, d, r, t))
end
function _robust_cdiv2(a::Float64, b::Float64, c::Float64, d::Float64, r::Float64, t::Float64)
    if r != 0
        br = b * r
        return br != 0 ? (a + br) * t : a * t + (b * t) * r
    end
    return (a + d * (b / c)) * t
end
# base/intfuncs.jl `power_by_squaring`, in Julia's order of multiplications.
function power_by_squaring(x, p::Int64)
    p == 1 && return x
    p == 0 && return one(x)
    p == 2 && return x * x
    if p < 0
        isone(x) && return x
        isone(-x) && return iseven(p) ? one(x) : x
        throw_domerr_powbysq(x, p)
    end
    t = trailing_zeros(p) + 1
    p >>= t
    while (t -= 1) > 0
        x = x * x
    end
    y = x
    while p > 0
        t = trailing_zeros(p) + 1
        p >>= t
        while (t -= 1) >= 0
            x = x * x
        end
        y = y * x
    end
    return y
end
function trailing_zeros(x::Int64)
    x == 0 && return 64
    n = 0
    while (x & 1) == 0
        x >>= 1
        n += 1
    end
    return n
end
^(z::Complex{T}, n::Int64) where {T<:AbstractFloat} = n >= 0 ? power_by_squaring(z, n) : power_by_squaring(inv(z), -n)
^(z::Complex{T}, n::Int64) where {T<:Integer} = power_by_squaring(z, n)
^(z::Complex, n::Bool) = n ? z : one(z)
# base/math.jl `hypot`, with the correction for machines without a fused multiply-add (within
# one ulp of the correctly rounded result, which Julia's FMA branch gives on x86-64).
hypot(x::Real, y::Real) = hypot(promote(float(x), float(y))...)
function hypot(x::T, y::T) where {T<:AbstractFloat}
    ax = abs(x)
    ay = abs(y)
    (isinf(ax) | isinf(ay)) && return T(Inf)
    if ay > ax
        ax, ay = ay, ax
    end
    ay <= ax * sqrt(eps(T) / 2) && return ax
    scale = eps(T) * sqrt(floatmin(T))
    if ax > sqrt(floatmax(T) / 2)
        ax = ax * scale
        ay = ay * scale
        scale = inv(scale)
    elseif ay < sqrt(floatmin(T))
        ax = ax / scale
        ay = ay / scale
    else
        scale = one(T)
    end
    h = sqrt(ax * ax + ay * ay)
    if h <= 2 * ay
        delta = h - ay
        h -= (delta * (delta - 2 * (ax - ay)) + ax * (2 * delta - ax)) / (2 * h)
    else
        delta = h - ax
        h -= (delta * delta + (ay * (4 * delta - ay) + 2 * delta * (ax - 2 * ay))) / (2 * h)
    end
    return h * scale
end
floatmin(::Type{Float64}) = 2.2250738585072014e-308
floatmax(::Type{Float64}) = 1.7976931348623157e308
floatmin(::Type{Float32}) = 1.1754944f-38
floatmax(::Type{Float32}) = 3.4028235f38

# ----- Rational (base/rational.jl) --------------------------------------------------------------

struct Rational{T<:Integer} <: Real
    num::T
    den::T
end
# Julia's inner `unsafe_rational`: the struct without the checks of the constructors below.
_unsafe_rational(::Type{T}, num, den) where {T} = Core._new(Rational{T}, num, den)
function Rational{T}(num::Integer, den::Integer) where {T<:Integer}
    iszero(den) && iszero(num) && throw(ArgumentError(string("invalid rational: zero(", T, ")//zero(", T, ")")))
    g = gcd(den, num)
    num = div(num, g)
    den = div(den, g)
    if signbit(den)
        den = -den
        num = -num
    end
    return _unsafe_rational(T, T(num), T(den))
end
Rational(n::T, d::T) where {T<:Integer} = Rational{T}(n, d)
Rational(n::Integer, d::Integer) = Rational(promote(n, d)...)
Rational(n::Integer) = _unsafe_rational(typeof(n), n, one(n))
Rational{T}(x::Integer) where {T<:Integer} = _unsafe_rational(T, T(x), one(T))
Rational{T}(x::Rational) where {T<:Integer} = _unsafe_rational(T, T(x.num), T(x.den))
//(n::Integer, d::Integer) = Rational(n, d)
//(x::Rational, y::Integer) = Rational(x.num, x.den * y)
//(x::Integer, y::Rational) = Rational(x * y.den, y.num)
//(x::Rational, y::Rational) = x / y
numerator(x::Integer) = x
denominator(x::Integer) = one(x)
numerator(x::Rational) = x.num
denominator(x::Rational) = x.den
function show(io::IO, x::Rational)
    show(io, numerator(x))
    print(io, "//")
    show(io, denominator(x))
end
promote_rule(::Type{Rational{T}}, ::Type{S}) where {T<:Integer, S<:Integer} = Rational{promote_type(T, S)}
promote_rule(::Type{Rational{T}}, ::Type{Rational{S}}) where {T<:Integer, S<:Integer} = Rational{promote_type(T, S)}
promote_rule(::Type{Rational{T}}, ::Type{S}) where {T<:Integer, S<:AbstractFloat} = promote_type(T, S)
Float64(x::Rational) = Float64(x.num) / Float64(x.den)
Float32(x::Rational) = Float32(Float64(x))
float(x::Rational) = Float64(x)
zero(::Type{Rational{T}}) where {T<:Integer} = _unsafe_rational(T, zero(T), one(T))
one(::Type{Rational{T}}) where {T<:Integer} = _unsafe_rational(T, one(T), one(T))
zero(x::Rational) = zero(typeof(x))
one(x::Rational) = one(typeof(x))
iszero(x::Rational) = iszero(x.num)
isinteger(x::Rational) = x.den == 1
signbit(x::Rational) = signbit(x.num)
isfinite(x::Rational) = !iszero(x.den)
isnan(x::Rational) = false
function -(x::Rational)
    return _unsafe_rational(typeof(x.num), -x.num, x.den)
end
abs(x::Rational) = Rational(abs(x.num), x.den)
function +(x::Rational, y::Rational)
    xd, yd = _divgcd(x.den, y.den)
    return Rational(x.num * yd + y.num * xd, x.den * yd)
end
function -(x::Rational, y::Rational)
    xd, yd = _divgcd(x.den, y.den)
    return Rational(x.num * yd - y.num * xd, x.den * yd)
end
function *(x::Rational, y::Rational)
    xn, yd = _divgcd(x.num, y.den)
    xd, yn = _divgcd(x.den, y.num)
    return _unsafe_rational(typeof(xn), xn * yn, xd * yd)
end
function /(x::Rational, y::Rational)
    iszero(y.num) && iszero(x.num) && throw(ArgumentError("invalid rational: zero(Int64)//zero(Int64)"))
    return x * Rational(y.den, y.num)
end
_divgcd(x, y) = (g = gcd(x, y); (div(x, g), div(y, g)))
==(x::Rational, y::Rational) = (x.den == y.den) & (x.num == y.num)
==(x::Rational, y::Integer) = (x.den == 1) & (x.num == y)
==(x::Integer, y::Rational) = y == x
<(x::Rational, y::Rational) = x.den == y.den ? x.num < y.num : x.num * y.den < x.den * y.num
<=(x::Rational, y::Rational) = x.den == y.den ? x.num <= y.num : x.num * y.den <= x.den * y.num
function ^(x::Rational, n::Int64)
    n >= 0 && return power_by_squaring(x, n)
    return power_by_squaring(Rational(x.den, x.num), -n)
end
trunc(x::Rational) = Rational(div(x.num, x.den))
floor(x::Rational) = Rational(fld(x.num, x.den))
ceil(x::Rational) = Rational(cld(x.num, x.den))
# base/intfuncs.jl `gcd` (Euclid's algorithm here; Julia uses the binary one, same result).
function gcd(a::T, b::T) where {T<:Integer}
    while b != zero(T)
        a, b = b, rem(a, b)
    end
    return abs(a)
end
gcd(a::Integer, b::Integer) = gcd(promote(a, b)...)
lcm(a::T, b::T) where {T<:Integer} = a == zero(T) ? a : abs(div(a, gcd(a, b)) * b)

# base/int.jl `widen` and `widemul`: the next wider integer type, and the product in it.
widen(::Type{Int8}) = Int16
widen(::Type{Int16}) = Int32
widen(::Type{Int32}) = Int64
widen(::Type{Int64}) = Int128
widen(::Type{UInt8}) = UInt16
widen(::Type{UInt16}) = UInt32
widen(::Type{UInt32}) = UInt64
widen(::Type{UInt64}) = UInt128
widen(::Type{Float32}) = Float64
widen(x::Union{BitInteger, Float32}) = convert(widen(typeof(x)), x)
widemul(x, y) = widen(x) * widen(y)

# ----- generators, comprehensions, enumerate, zip, slices (base/generator.jl, base/array.jl,
# base/iterators.jl) ------------------------------------------------------------------------------

# `(f(x) for x in xs)` is `Generator(x -> f(x), xs)`; `if c` filters the iterable first
# (`Iterators.filter`); `[f(x) for x in xs]` is `collect` of the generator.
struct Generator{I, F}
    f::F
    iter::I
end
struct Filter{F, I}
    flt::F
    itr::I
end
function iterate(g::Generator)
    y = iterate(g.iter)
    y === nothing && return nothing
    return (g.f(getfield(y, 1)), getfield(y, 2))
end
function iterate(g::Generator, s)
    y = iterate(g.iter, s)
    y === nothing && return nothing
    return (g.f(getfield(y, 1)), getfield(y, 2))
end
length(g::Generator) = length(g.iter)
function _filter_from(f::Filter, y)
    while y !== nothing
        f.flt(getfield(y, 1)) && return y
        y = iterate(f.itr, getfield(y, 2))
    end
    return nothing
end
iterate(f::Filter) = _filter_from(f, iterate(f.itr))
iterate(f::Filter, s) = _filter_from(f, iterate(f.itr, s))

# base/array.jl `collect` of an iterator: the element type is the first element's, widened
# (`promote_typejoin`) when a later one does not fit, as `collect_to!` does.
collect(g::Union{Generator, Filter}) = _collect_iter(g)
collect(itr) = _collect_iter(itr)
collect(v::Vector) = copy(v)
function collect(::Type{T}, itr) where {T}
    out = _vector_new(T)
    for x in itr
        push!(out, convert(T, x))
    end
    return out
end
function _collect_iter(itr)
    y = iterate(itr)
    y === nothing && return _vector_new(Any)
    v1 = getfield(y, 1)
    T = typeof(v1)
    return _collect_rest!(_vector_new(T, v1), T, itr, getfield(y, 2))
end
function _collect_rest!(out, T, itr, st)
    while true
        y = iterate(itr, st)
        y === nothing && return out
        x = getfield(y, 1)
        st = getfield(y, 2)
        if !(x isa T)
            wider = _widen_push(out, T, x)
            return _collect_rest!(wider, eltype(wider), itr, st)
        end
        push!(out, x)
    end
end
function _foldl_iter(op, itr)
    y = iterate(itr)
    y === nothing && throw(ArgumentError(_EMPTY_REDUCE))
    acc = getfield(y, 1)
    y = iterate(itr, getfield(y, 2))
    while y !== nothing
        acc = op(acc, getfield(y, 1))
        y = iterate(itr, getfield(y, 2))
    end
    return acc
end
sum(g::Union{Generator, Filter}) = _foldl_iter(+, g)
prod(g::Union{Generator, Filter}) = _foldl_iter(*, g)
maximum(g::Union{Generator, Filter}) = _foldl_iter(max, g)
minimum(g::Union{Generator, Filter}) = _foldl_iter(min, g)

# base/iterators.jl `enumerate` and `zip` (of two iterables).
struct Enumerate{I}
    itr::I
end
enumerate(itr) = Enumerate(itr)
_enumerate_next(i, y) = y === nothing ? nothing : ((i, getfield(y, 1)), (i + 1, getfield(y, 2)))
iterate(e::Enumerate) = _enumerate_next(1, iterate(e.itr))
iterate(e::Enumerate, st) = _enumerate_next(getfield(st, 1), iterate(e.itr, getfield(st, 2)))
length(e::Enumerate) = length(e.itr)
struct Zip{A, B}
    a::A
    b::B
end
zip(a, b) = Zip(a, b)
function _zip_next(ya, yb)
    (ya === nothing || yb === nothing) && return nothing
    return ((getfield(ya, 1), getfield(yb, 1)), (getfield(ya, 2), getfield(yb, 2)))
end
iterate(z::Zip) = _zip_next(iterate(z.a), iterate(z.b))
iterate(z::Zip, st) = _zip_next(iterate(z.a, getfield(st, 1)), iterate(z.b, getfield(st, 2)))
length(z::Zip) = min(length(z.a), length(z.b))
collect(itr::Union{Enumerate, Zip}) = _collect_iter(itr)

# `v[2:4]`: a new vector of those elements (base/array.jl `getindex(A, I::AbstractUnitRange)`).
function getindex(v::Vector, r::UnitRange{Int64})
    if !isempty(r) && ((first(r) < 1) | (last(r) > length(v)))
        throw(BoundsError(v, (r,)))
    end
    out = _vector_new(eltype(v))
    for i in r
        push!(out, v[i])
    end
    return out
end
# base/reduce.jl `any(itr)`, `all(itr)`, `count(itr)` of Bools.
any(itr) = any(identity, itr)
all(itr) = all(identity, itr)
count(itr) = count(identity, itr)

# base/operators.jl `|>` and `∘` (`ComposedFunction`, shown as `f ∘ g`).
|>(x, f) = f(x)
struct ComposedFunction{O, I} <: Function
    outer::O
    inner::I
end
∘(f, g) = ComposedFunction(f, g)
(c::ComposedFunction)(xs...) = c.outer(c.inner(xs...))
function show(io::IO, c::ComposedFunction)
    show(io, c.outer)
    print(io, " ∘ ")
    show(io, c.inner)
end

# ----- Pair, isequal, Fix1/Fix2 (base/pair.jl, base/operators.jl) ------------------------------

struct Pair{A, B}
    first::A
    second::B
end
=>(a, b) = Pair(a, b)
first(p::Pair) = p.first
last(p::Pair) = p.second
==(p::Pair, q::Pair) = (p.first == q.first) & (p.second == q.second)
isequal(p::Pair, q::Pair) = isequal(p.first, q.first) & isequal(p.second, q.second)
function show(io::IO, p::Pair)
    show(io, p.first)
    print(io, " => ")
    show(io, p.second)
end
iterate(p::Pair, i::Int64=1) = i > 2 ? nothing : (getfield(p, i), i + 1)
length(p::Pair) = 2
getindex(p::Pair, i::Int64) = getfield(p, i)

# `isequal`: `==` but NaN equals NaN and -0.0 differs from 0.0 (what `Dict` and `Set` use).
isequal(x, y) = x == y
isequal(x::Float64, y::Float64) = (x === y) | (isnan(x) & isnan(y))
isequal(x::Float32, y::Float32) = (x === y) | (isnan(x) & isnan(y))
function isequal(a::Tuple, b::Tuple)
    nfields(a) == nfields(b) || return false
    for i in 1:nfields(a)
        isequal(getfield(a, i), getfield(b, i)) || return false
    end
    return true
end
function isequal(a::Vector, b::Vector)
    length(a) == length(b) || return false
    for i in 1:length(a)
        isequal(a[i], b[i]) || return false
    end
    return true
end

# `==(x)`, `isequal(x)`, `in(v)`: a function of one argument (base/operators.jl `Fix2`).
struct Fix1{F, T} <: Function
    f::F
    x::T
end
struct Fix2{F, T} <: Function
    f::F
    x::T
end
(f::Fix1)(y) = f.f(f.x, y)
(f::Fix2)(y) = f.f(y, f.x)
==(x) = Fix2(==, x)
!=(x) = Fix2(!=, x)
isequal(x) = Fix2(isequal, x)
<(x) = Fix2(<, x)
<=(x) = Fix2(<=, x)
>(x) = Fix2(>, x)
>=(x) = Fix2(>=, x)
in(x) = Fix2(in, x)
startswith(s) = Fix2(startswith, s)
endswith(s) = Fix2(endswith, s)
occursin(s) = Fix1(occursin, s)

# ----- named tuples (base/namedtuple.jl) ----------------------------------------------------------

NamedTuple() = Core._namedtuple((), ())
fieldnames(T::Type) = Core._fieldnames(T)
supertype(T::Type) = Core._supertype(T)
isconcretetype(T) = T isa Type && Core._isconcretetype(T)
isabstracttype(T) = T isa Type && Core._isabstracttype(T)
keys(nt::NamedTuple) = Core._fieldnames(typeof(nt))
values(nt::NamedTuple) = Core.tuple(_fieldvalues(nt)...)
_fieldvalues(nt::NamedTuple) = Any[getfield(nt, i) for i in 1:nfields(nt)]
length(nt::NamedTuple) = nfields(nt)
isempty(nt::NamedTuple) = nfields(nt) == 0
getindex(nt::NamedTuple, i::Int64) = getfield(nt, i)
getindex(nt::NamedTuple, s::Symbol) = getfield(nt, s)
iterate(nt::NamedTuple, i::Int64=1) = i > nfields(nt) ? nothing : (getfield(nt, i), i + 1)
haskey(nt::NamedTuple, k::Symbol) = k in keys(nt)
get(nt::NamedTuple, k::Symbol, default) = haskey(nt, k) ? getfield(nt, k) : default
function ==(a::NamedTuple, b::NamedTuple)
    keys(a) === keys(b) || return false
    for i in 1:nfields(a)
        getfield(a, i) == getfield(b, i) || return false
    end
    return true
end
function merge(a::NamedTuple, b::NamedTuple)
    names = Symbol[]
    vals = Any[]
    for k in keys(a)
        push!(names, k)
        push!(vals, haskey(b, k) ? getfield(b, k) : getfield(a, k))
    end
    for k in keys(b)
        haskey(a, k) || (push!(names, k); push!(vals, getfield(b, k)))
    end
    return Core._namedtuple(Core.tuple(names...), Core.tuple(vals...))
end
