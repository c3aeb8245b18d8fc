# More of base/math.jl, base/floatfuncs.jl and base/intfuncs.jl, loaded after collections.jl:
# the rest of libm's functions, rounding to digits and to a type, `nextfloat`, `factorial`,
# `binomial`. The transcendental functions are libm's (correctly rounded or within an ulp of
# Julia's own implementations).

_domain_error(f::Symbol, x) = throw(DomainError(x, string(f, " was called with a negative real argument but will only return a complex result if called with a complex argument. Try ", f, "(Complex(x)).")))
function log2(x::Float64)
    x < 0.0 && _domain_error(:log2, x)
    return log2_libm(x)
end
function log10(x::Float64)
    x < 0.0 && _domain_error(:log10, x)
    return log10_libm(x)
end
function log1p(x::Float64)
    x < -1.0 && throw(DomainError(x, "log1p was called with a real argument < -1 but will only return a complex result if called with a complex argument. Try log1p(Complex(x))."))
    return log1p_libm(x)
end
exp2(x::Float64) = exp2_libm(x)
exp10(x::Float64) = 10.0^x
expm1(x::Float64) = expm1_libm(x)
cbrt(x::Float64) = cbrt_libm(x)
function asin(x::Float64)
    abs(x) > 1.0 && throw(DomainError(x, "asin(x) is not defined for |x| > 1."))
    return asin_libm(x)
end
function acos(x::Float64)
    abs(x) > 1.0 && throw(DomainError(x, "acos(x) is not defined for |x| > 1."))
    return acos_libm(x)
end
atan(x::Float64) = atan_libm(x)
atan(y::Float64, x::Float64) = atan2_libm(y, x)
atan(y::Real, x::Real) = atan(float(y), float(x))
sinh(x::Float64) = sinh_libm(x)
cosh(x::Float64) = cosh_libm(x)
tanh(x::Float64) = tanh_libm(x)
log2(x::Union{BitInteger, Bool}) = log2(Float64(x))
log10(x::Union{BitInteger, Bool}) = log10(Float64(x))
log1p(x::Union{BitInteger, Bool}) = log1p(Float64(x))
exp2(x::Union{BitInteger, Bool}) = exp2(Float64(x))
exp10(x::Union{BitInteger, Bool}) = exp10(Float64(x))
expm1(x::Union{BitInteger, Bool}) = expm1(Float64(x))
cbrt(x::Union{BitInteger, Bool}) = cbrt(Float64(x))
asin(x::Union{BitInteger, Bool}) = asin(Float64(x))
acos(x::Union{BitInteger, Bool}) = acos(Float64(x))
atan(x::Union{BitInteger, Bool}) = atan(Float64(x))
sinh(x::Union{BitInteger, Bool}) = sinh(Float64(x))
cosh(x::Union{BitInteger, Bool}) = cosh(Float64(x))
tanh(x::Union{BitInteger, Bool}) = tanh(Float64(x))
log2(x::Float32) = Float32(log2(Float64(x)))
log10(x::Float32) = Float32(log10(Float64(x)))
exp2(x::Float32) = Float32(exp2(Float64(x)))
cbrt(x::Float32) = Float32(cbrt(Float64(x)))
atan(x::Float32) = Float32(atan(Float64(x)))
tanh(x::Float32) = Float32(tanh(Float64(x)))
log(b::Real, x::Real) = log(x) / log(b)
const ∛ = cbrt
sincos(x::Real) = (sin(x), cos(x))
deg2rad(x::Real) = float(x) * (pi / 180)
rad2deg(x::Real) = float(x) * (180 / pi)
sind(x::Real) = sin(deg2rad(x))
cosd(x::Real) = cos(deg2rad(x))

# base/float.jl `nextfloat`/`prevfloat`: the adjacent Float64 (NaN and the infinities in the
# direction of travel stay).
function nextfloat(x::Float64)
    (isnan(x) || x == Inf) && return x
    x == 0.0 && return 5.0e-324
    u = bitcast(UInt64, x)
    return bitcast(Float64, x > 0.0 ? u + 0x0000000000000001 : u - 0x0000000000000001)
end
function prevfloat(x::Float64)
    (isnan(x) || x == -Inf) && return x
    x == 0.0 && return -5.0e-324
    u = bitcast(UInt64, x)
    return bitcast(Float64, x > 0.0 ? u - 0x0000000000000001 : u + 0x0000000000000001)
end
function nextfloat(x::Float64, n::Integer)
    for _ in 1:abs(n)
        x = n > 0 ? nextfloat(x) : prevfloat(x)
    end
    return x
end
eps(x::Float64) = isfinite(x) ? (abs(x) < 2.2250738585072014e-308 ? 5.0e-324 : nextfloat(abs(x)) - abs(x)) : NaN
eps() = eps(Float64)
issubnormal(x::Float64) = (x != 0.0) & (abs(x) < 2.2250738585072014e-308)

# base/floatfuncs.jl `round(x; digits, sigdigits, base)`: the value scaled by a power of the
# base, rounded, scaled back (`_round_invstep` / `_round_step`), the input unchanged when that
# overflows.
function _round_digits(f, x::Float64, digits::Integer, base::Integer)
    if digits >= 0
        invstep = Float64(base)^digits
        y = f(x * invstep) / invstep
        return isfinite(y) ? y : x
    end
    step = Float64(base)^(-digits)
    y = f(x / step) * step
    if !isfinite(y)
        x > 0.0 && return (f === ceil ? Inf : 0.0)
        x < 0.0 && return (f === floor ? -Inf : -0.0)
        return x
    end
    return y
end
function _round_sigdigits(f, x::Float64, sigdigits::Integer, base::Integer)
    (x == 0.0 || !isfinite(x)) && return x
    h = floor(Int64, log(Float64(base), abs(x))) + 1
    return _round_digits(f, x, sigdigits - h, base)
end
function _round_kw(f, x::Real, digits, sigdigits, base)
    digits === nothing && sigdigits === nothing && return f(x)
    fx = float(x)
    digits !== nothing && sigdigits !== nothing && throw(ArgumentError("`round` cannot use both `digits` and `sigdigits` arguments."))
    digits !== nothing && return _round_digits(f, Float64(fx), digits, base)
    return _round_sigdigits(f, Float64(fx), sigdigits, base)
end
round(x::Real; digits=nothing, sigdigits=nothing, base::Integer=10) = _round_kw(round, x, digits, sigdigits, base)
floor(x::Real; digits=nothing, sigdigits=nothing, base::Integer=10) = _round_kw(floor, x, digits, sigdigits, base)
ceil(x::Real; digits=nothing, sigdigits=nothing, base::Integer=10) = _round_kw(ceil, x, digits, sigdigits, base)
trunc(x::Real; digits=nothing, sigdigits=nothing, base::Integer=10) = _round_kw(trunc, x, digits, sigdigits, base)
# `round(T, x)`: round, then convert exactly (`InexactError: trunc(Int8, 300.0)` when it does
# not fit).
round(::Type{T}, x::Float64) where {T<:Integer} = _float_to_int(T, round(x))
floor(::Type{T}, x::Float64) where {T<:Integer} = _float_to_int(T, floor(x))
ceil(::Type{T}, x::Float64) where {T<:Integer} = _float_to_int(T, ceil(x))
trunc(::Type{T}, x::Float64) where {T<:Integer} = _float_to_int(T, trunc(x))
round(::Type{T}, x::Integer) where {T<:Integer} = convert(T, x)
floor(::Type{T}, x::Integer) where {T<:Integer} = convert(T, x)
ceil(::Type{T}, x::Integer) where {T<:Integer} = convert(T, x)
round(::Type{T}, x::Real) where {T<:Integer} = round(T, Float64(x))
floor(::Type{T}, x::Real) where {T<:Integer} = floor(T, Float64(x))
ceil(::Type{T}, x::Real) where {T<:Integer} = ceil(T, Float64(x))
round(x::Rational) = round(Float64(x))
round(::Type{Float64}, x::Real) = round(Float64(x))
# Rounding modes (base/rounding.jl): Julia's are `RoundingMode{:Nearest}()` and so on; types
# here have no value parameters, so each mode is a singleton type of its own.
abstract type RoundingMode end
struct _RoundNearest <: RoundingMode end
struct _RoundNearestTiesAway <: RoundingMode end
struct _RoundNearestTiesUp <: RoundingMode end
struct _RoundToZero <: RoundingMode end
struct _RoundUp <: RoundingMode end
struct _RoundDown <: RoundingMode end
const RoundNearest = Core._new(_RoundNearest)
const RoundNearestTiesAway = Core._new(_RoundNearestTiesAway)
const RoundNearestTiesUp = Core._new(_RoundNearestTiesUp)
const RoundToZero = Core._new(_RoundToZero)
const RoundUp = Core._new(_RoundUp)
const RoundDown = Core._new(_RoundDown)
round(x::Float64, ::_RoundNearest) = round(x)
round(x::Float64, ::_RoundNearestTiesAway) = (y = trunc(x); ifelse(x == y, y, trunc(2.0 * x - y)))
round(x::Float64, ::_RoundNearestTiesUp) = (y = floor(x); ifelse(x == y, y, copysign(floor(2.0 * x - y), x)))
round(x::Float64, ::_RoundToZero) = trunc(x)
round(x::Float64, ::_RoundUp) = ceil(x)
round(x::Float64, ::_RoundDown) = floor(x)
round(x::Real, r::RoundingMode) = round(Float64(x), r)
round(::Type{T}, x::Real, r::RoundingMode) where {T<:Integer} = _float_to_int(T, round(Float64(x), r))

# base/intfuncs.jl, base/combinatorics.jl.
mod1(x::T, y::T) where {T<:Integer} = (m = mod(x, y); m == zero(T) ? y : m)
mod1(x::Integer, y::Integer) = mod1(promote(x, y)...)
mod1(x::Float64, y::Float64) = (m = mod(x, y); m == 0.0 ? y : m)
fld1(x::T, y::T) where {T<:Integer} = (m = mod1(x, y); fld(x - m, y) + one(T))
function isqrt(x::Integer)
    x < 0 && throw(DomainError(x, "isqrt: argument must be non-negative"))
    r = trunc(typeof(x), sqrt(Float64(x)))
    while r * r > x
        r -= one(r)
    end
    while (r + one(r)) * (r + one(r)) <= x
        r += one(r)
    end
    return r
end
const _FACTORIALS = (1, 2, 6, 24, 120, 720, 5040, 40320, 362880, 3628800, 39916800, 479001600, 6227020800,
    87178291200, 1307674368000, 20922789888000, 355687428096000, 6402373705728000, 121645100408832000,
    2432902008176640000)
function factorial(n::Integer)
    n < 0 && throw(DomainError(n, "`n` must not be negative."))
    n == 0 && return one(n)
    n > 20 && throw(OverflowError(string(n, " is too large to look up in the table; consider using `factorial(big(", n, "))` instead")))
    return oftype(n, _FACTORIALS[n])
end
function binomial(n::T, k::T) where {T<:Integer}
    n0 = n
    k0 = k
    k < zero(T) && return zero(T)
    sgn = one(T)
    if n < zero(T)
        n = -n + k - one(T)
        isodd(k) && (sgn = -sgn)
    end
    k > n && return zero(T)
    (k == zero(T) || k == n) && return sgn
    k == one(T) && return sgn * n
    if k > (n >> 1)
        k = n - k
    end
    x = n - k + one(T)
    nn = x + one(T)
    rr = 2
    while rr <= k
        xt = div(widemul(x, nn), widen(T(rr)))
        x = xt % T
        x == xt || throw(OverflowError(string("binomial(", n0, ", ", k0, ") overflows")))
        rr += 1
        nn += one(T)
    end
    return copysign(x, sgn)
end
binomial(n::Integer, k::Integer) = binomial(promote(n, k)...)
oftype(x, y) = convert(typeof(x), y)
copysign(x::Integer, y::Integer) = y < zero(y) ? -abs(x) : abs(x)
function powermod(x::Integer, p::Integer, m::Integer)
    p < 0 && throw(DomainError(p, "powermod: exponent must be non-negative"))
    r = one(m)
    b = mod(x, m)
    while p > 0
        isodd(p) && (r = mod(widemul(r, b), m) % typeof(m))
        b = mod(widemul(b, b), m) % typeof(m)
        p >>= 1
    end
    return mod(r, m)
end
ispow2(x::Integer) = x > zero(x) && (x & (x - one(x))) == zero(x)
function nextpow(a::Integer, x::Integer)
    p = one(x)
    while p < x
        p *= a
    end
    return p
end
function prevpow(a::Integer, x::Integer)
    p = one(x)
    while p * a <= x
        p *= a
    end
    return p
end
