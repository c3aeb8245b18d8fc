# Float ranges (base/twiceprecision.jl, base/range.jl), loaded after collections.jl:
# `0.0:0.1:1.0` and `range(a, b; length)` are `StepRangeLen`s whose reference value and step
# are kept to twice Float64's precision (`TwicePrecision`, Dekker's arithmetic), so that every
# element is Julia's (`collect(0.0:0.1:0.3)` is `[0.0, 0.1, 0.2, 0.3]`). The code follows
# Julia 1.12's line by line.

struct TwicePrecision{T}
    hi::T
    lo::T
end
TwicePrecision(hi::Float64, lo::Float64) = TwicePrecision{Float64}(hi, lo)
TwicePrecision(x::Float64) = TwicePrecision{Float64}(x, 0.0)
TwicePrecision{Float64}(x::Float64) = TwicePrecision{Float64}(x, 0.0)
TwicePrecision{Float64}(i::Integer) = TwicePrecision{Float64}(canonicalize2(splitprec(i)...)...)
function TwicePrecision{Float64}(nd::Tuple{Integer, Integer})
    n, d = nd
    return TwicePrecision{Float64}(n) / d
end
TwicePrecision{Float64}(nd::Tuple{Integer, Integer}, nb::Integer) = twiceprecision(TwicePrecision{Float64}(nd), nb)
Float64(x::TwicePrecision{Float64}) = x.hi + x.lo

function canonicalize2(big, little)
    h = big + little
    return (h, (big - h) + little)
end
function add12(x::Float64, y::Float64)
    if abs(y) > abs(x)
        x, y = y, x
    end
    return canonicalize2(x, y)
end
# Dekker's exact product: `p + e == x * y` exactly (Julia uses an FMA where it has one; the
# result is the same).
function _veltkamp(a::Float64)
    c = 134217729.0 * a
    hi = c - (c - a)
    return (hi, a - hi)
end
function mul12(x::Float64, y::Float64)
    p = x * y
    isfinite(p) || return (p, p)
    xh, xl = _veltkamp(x)
    yh, yl = _veltkamp(y)
    return (p, ((xh * yh - p) + xh * yl + xl * yh) + xl * yl)
end
truncbits(x::Float64, nb::Integer) = bitcast(Float64, bitcast(UInt64, x) & (0xffffffffffffffff << nb))
function splitprec(i::Integer)
    hi = truncbits(Float64(i), 27)
    ihi = oftype(i, hi)
    return (hi, Float64(i - ihi))
end
twiceprecision(val::Float64, nb::Integer) = (hi = truncbits(val, nb); TwicePrecision(hi, val - hi))
twiceprecision(val::TwicePrecision{Float64}, nb::Integer) =
    (hi = truncbits(val.hi, nb); TwicePrecision(hi, (val.hi - hi) + val.lo))
_top_set_bit(n::Integer) = n <= 0 ? 0 : 64 - leading_zeros(UInt64(n))
function leading_zeros(x::UInt64)
    n = 0
    while n < 64 && (x & (0x8000000000000000 >> n)) == 0x0000000000000000
        n += 1
    end
    return n
end
nbitslen(len::Integer, offset::Integer) = len < 2 ? 0 : _top_set_bit(max(offset - 1, len - offset) - 1) + 1
nbitslen(::Type{Float64}, len::Integer, offset::Integer) = min(27, nbitslen(len, offset))

-(x::TwicePrecision{Float64}) = TwicePrecision(-x.hi, -x.lo)
function +(x::TwicePrecision{Float64}, y::Float64)
    s_hi, s_lo = add12(x.hi, y)
    return TwicePrecision(canonicalize2(s_hi, s_lo + x.lo)...)
end
+(x::Float64, y::TwicePrecision{Float64}) = y + x
function +(x::TwicePrecision{Float64}, y::TwicePrecision{Float64})
    r = x.hi + y.hi
    s = abs(x.hi) > abs(y.hi) ? (((x.hi - r) + y.hi) + y.lo) + x.lo : (((y.hi - r) + x.hi) + x.lo) + y.lo
    return TwicePrecision(canonicalize2(r, s)...)
end
-(x::TwicePrecision{Float64}, y::TwicePrecision{Float64}) = x + (-y)
function *(x::TwicePrecision{Float64}, v::Integer)
    v == 0 && return TwicePrecision(x.hi * v, x.lo * v)
    nb = _top_set_bit(abs(v) - 1)
    u = truncbits(x.hi, nb)
    return TwicePrecision(canonicalize2(u * v, ((x.hi - u) + x.lo) * v)...)
end
function *(x::TwicePrecision{Float64}, v::Float64)
    v == 0.0 && return TwicePrecision(x.hi * v, x.lo * v)
    return x * TwicePrecision(v)
end
*(x::TwicePrecision{Float64}, v::Real) = x * Float64(v)
function *(x::TwicePrecision{Float64}, y::TwicePrecision{Float64})
    zh, zl = mul12(x.hi, y.hi)
    (iszero(zh) | !isfinite(zh)) && return TwicePrecision(zh, zh)
    return TwicePrecision(canonicalize2(zh, (x.hi * y.lo + x.lo * y.hi) + zl)...)
end
/(x::TwicePrecision{Float64}, v::Integer) = x / TwicePrecision{Float64}(v)
/(x::TwicePrecision{Float64}, v::Float64) = x / TwicePrecision(v)
/(x::TwicePrecision{Float64}, v::Real) = x / Float64(v)
function /(x::TwicePrecision{Float64}, y::TwicePrecision{Float64})
    hi = x.hi / y.hi
    uh, ul = mul12(hi, y.hi)
    lo = ((((x.hi - uh) - ul) + x.lo) - hi * y.lo) / y.hi
    (iszero(hi) | !isfinite(hi)) && return TwicePrecision(hi, hi)
    return TwicePrecision(canonicalize2(hi, lo)...)
end

struct StepRangeLen{T, R, S, L} <: AbstractRange{T}
    ref::R
    step::S
    len::L
    offset::L
end
StepRangeLen(ref::TwicePrecision{Float64}, step::TwicePrecision{Float64}, len::Integer, offset::Integer=1) =
    StepRangeLen{Float64, TwicePrecision{Float64}, TwicePrecision{Float64}, Int64}(ref, step, Int64(len), Int64(offset))
steprangelen_hp(ref::Tuple{Integer, Integer}, step::Tuple{Integer, Integer}, nb::Integer, len::Integer, offset::Integer) =
    StepRangeLen(TwicePrecision{Float64}(ref), TwicePrecision{Float64}(step, nb), len, offset)
steprangelen_hp(ref::Float64, step::Float64, nb::Integer, len::Integer, offset::Integer) =
    StepRangeLen(TwicePrecision(ref), twiceprecision(TwicePrecision(step), nb), len, offset)
steprangelen_hp(ref::Tuple{Float64, Float64}, step::Tuple{Float64, Float64}, nb::Integer, len::Integer, offset::Integer) =
    StepRangeLen(TwicePrecision(ref...), twiceprecision(TwicePrecision(step...), nb), len, offset)

function floatrange(start_n::Integer, step_n::Integer, len::Integer, den::Integer)
    if len < 2 || step_n == 0
        return steprangelen_hp((start_n, den), (step_n, den), 0, len, 1)
    end
    imin = clamp(round(Int64, -start_n / step_n + 1), 1, len)
    ref_n = start_n + (imin - 1) * step_n
    nb = nbitslen(Float64, len, imin)
    return steprangelen_hp((ref_n, den), (step_n, den), nb, len, imin)
end

# base/twiceprecision.jl `rat`: a rational approximation as a pair of Ints.
function rat(x::Float64)
    y = x
    a = 1
    d = 1
    b = 0
    c = 0
    m = 16777216.0
    while abs(y) <= m
        f = trunc(Int64, y)
        y -= f
        a, c = f * a + c, a
        b, d = f * b + d, b
        max(abs(a), abs(b)) <= 16777216 || return (c, d)
        Float64(a) / Float64(b) == x && break
        y = inv(y)
    end
    return (a, b)
end
lcm_unchecked(a::Int64, b::Int64) = a * div(b, gcd(a, b))
isbetween(a, x, b) = a <= x <= b || b <= x <= a

(:)(start::Float64, step::Float64, stop::Float64) = _floatcolon(start, step, stop)
function _floatcolon(start::Float64, step::Float64, stop::Float64)
    step == 0.0 && throw(ArgumentError("range step cannot be zero"))
    step_n, step_d = rat(step)
    if step_d != 0 && step_n / step_d == step
        start_n, start_d = rat(start)
        stop_n, stop_d = rat(stop)
        if start_d != 0 && stop_d != 0 && start_n / start_d == start && stop_n / stop_d == stop
            den = lcm_unchecked(start_d, step_d)
            m = 9.007199254740992e15
            if den != 0 && abs(start * den) <= m && abs(step * den) <= m && rem(den, start_d) == 0 && rem(den, step_d) == 0
                start_n = round(Int64, start * den)
                step_n = round(Int64, step * den)
                len = max(0, div(den * stop_n - stop_d * start_n + step_n * stop_d, step_n * stop_d))
                if isbetween(start, start + (len - 1) * step, stop + step / 2) && !isbetween(start, start + len * step, stop)
                    return floatrange(start_n, step_n, len, den)
                end
            end
        end
    end
    lf = (stop - start) / step
    if lf < 0
        len = 0
    elseif lf == 0
        len = 1
    else
        len = round(Int64, lf) + 1
        stop2 = start + (len - 1) * step
        len -= (start < stop < stop2) + (start > stop > stop2)
    end
    return steprangelen_hp(start, step, 0, len, 1)
end
(:)(start::Float64, stop::Float64) = (:)(start, 1.0, stop)
(:)(a::Real, b::AbstractFloat, c::Real) = (:)(promote(a, b, c)...)
(:)(a::AbstractFloat, b::Real, c::Real) = (:)(promote(a, b, c)...)
(:)(a::Real, b::Real, c::AbstractFloat) = (:)(promote(a, b, c)...)
(:)(a::AbstractFloat, b::AbstractFloat, c::AbstractFloat) = (:)(promote(a, b, c)...)
(:)(a::AbstractFloat, b::Real) = (:)(promote(a, b)...)
(:)(a::Real, b::AbstractFloat) = (:)(promote(a, b)...)

length(r::StepRangeLen) = r.len
isempty(r::StepRangeLen) = r.len == 0
step(r::StepRangeLen{Float64, TwicePrecision{Float64}, TwicePrecision{Float64}, Int64}) = Float64(r.step)
function unsafe_getindex(r::StepRangeLen{Float64, TwicePrecision{Float64}, TwicePrecision{Float64}, Int64}, i::Integer)
    u = i - r.offset
    shift_hi = u * r.step.hi
    shift_lo = u * r.step.lo
    x_hi, x_lo = add12(r.ref.hi, shift_hi)
    return x_hi + (x_lo + (shift_lo + r.ref.lo))
end
first(r::StepRangeLen) = unsafe_getindex(r, 1)
last(r::StepRangeLen) = unsafe_getindex(r, r.len)
function getindex(r::StepRangeLen, i::Integer)
    1 <= i <= r.len || throw(BoundsError(r, i))
    return unsafe_getindex(r, i)
end
getindex(r::StepRangeLen, s::UnitRange{Int64}) = [r[i] for i in s]
function iterate(r::StepRangeLen, i::Int64=0)
    i += 1
    r.len < i && return nothing
    return (unsafe_getindex(r, i), i)
end
lastindex(r::StepRangeLen) = r.len
eltype(::StepRangeLen{T, R, S, L}) where {T, R, S, L} = T
collect(r::StepRangeLen) = Float64[unsafe_getindex(r, i) for i in 1:r.len]
==(a::StepRangeLen, b::StepRangeLen) = length(a) == length(b) && (isempty(a) || (first(a) == first(b) && last(a) == last(b)))
function show(io::IO, r::StepRangeLen)
    if step(r) != 0
        print(io, repr(first(r)), ':', repr(step(r)), ':', repr(last(r)))
    else
        print(io, "StepRangeLen(", repr(first(r)), ", ", repr(step(r)), ", ", repr(length(r)), ")")
    end
end
sumpair(n::Integer) = iseven(n) ? (n + 1, n >> 1) : (n, (n + 1) >> 1)
function sum(r::StepRangeLen{Float64, TwicePrecision{Float64}, TwicePrecision{Float64}, Int64})
    l = length(r)
    np = l - r.offset
    nn = r.offset - 1
    sp = sumpair(np)
    sn = sumpair(nn)
    tp = (r.step * sp[1]) * sp[2]
    tn = (r.step * sn[1]) * sn[2]
    s_hi, s_lo = add12(tp.hi, -tn.hi)
    s_lo += tp.lo - tn.lo
    ref = r.ref * l
    sm_hi, sm_lo = add12(s_hi, ref.hi)
    return getfield(add12(sm_hi, sm_lo + ref.lo), 1)
end
reverse(r::StepRangeLen) = StepRangeLen(r.ref, -r.step, r.len, r.len - r.offset + 1)

# `range(start, stop; length)`, `range(start; stop, length)`, `range(start, stop; step)`,
# `range(start; step, length)` (base/range.jl `_range`).
range(start, stop; length=nothing, step=nothing) = _range(start, step, stop, length)
range(start; stop=nothing, length=nothing, step=nothing) = _range(start, step, stop, length)
range(start, stop, length::Integer) = _range(start, nothing, stop, length)
_range(start, step::Nothing, stop, len::Integer) = range_start_stop_length(start, stop, len)
_range(start, step, stop::Nothing, len::Integer) = range_start_step_length(start, step, len)
_range(start, step, stop, len::Nothing) = start:step:stop
_range(start, step::Nothing, stop, len::Nothing) = start:stop
_range(start::Integer, step::Integer, stop::Nothing, len::Integer) = start:step:(start + (len - 1) * step)
_range(start::Integer, step::Nothing, stop::Nothing, len::Integer) = start:(start + len - 1)
range_start_stop_length(start::Integer, stop::Integer, len::Integer) = _linspace(start, stop, len, 1)
range_start_stop_length(start::Real, stop::Real, len::Integer) = range_start_stop_length(Float64(start), Float64(stop), len)
function range_start_stop_length(start::Float64, stop::Float64, len::Integer)
    len < 2 && return _linspace1(start, stop, len)
    start == stop && return steprangelen_hp(start, 0.0, 0, len, 1)
    _, start_d = rat(start)
    _, stop_d = rat(stop)
    if start_d != 0 && stop_d != 0
        den = lcm_unchecked(start_d, stop_d)
        m = 9.007199254740992e15
        if den != 0 && abs(den * start) <= m && abs(den * stop) <= m
            start_n = round(Int64, den * start)
            stop_n = round(Int64, den * stop)
            if start_n / den == start && stop_n / den == stop
                return _linspace(start_n, stop_n, len, den)
            end
        end
    end
    return _linspace_float(start, stop, len)
end
function _linspace(start_n::Integer, stop_n::Integer, len::Integer, den::Integer)
    len < 2 && return _linspace1(start_n / den, stop_n / den, len)
    start_n == stop_n && return steprangelen_hp((start_n, den), (0, den), 0, len, 1)
    tmin = -start_n / (Float64(stop_n) - Float64(start_n))
    imin = clamp(round(Int64, tmin * (len - 1) + 1), 1, len)
    ref_num = Int128(len - imin) * Int128(start_n) + Int128(imin - 1) * Int128(stop_n)
    ref_denom = Int128(len - 1) * den
    return steprangelen_hp((ref_num, ref_denom), (Int128(stop_n) - Int128(start_n), ref_denom), nbitslen(Float64, len, imin), len, imin)
end
function _linspace1(start::Float64, stop::Float64, len::Integer)
    len >= 0 || throw(ArgumentError(string("range(", start, ", stop=", stop, ", length=", len, "): negative length")))
    len == 1 && start != stop && throw(ArgumentError(string("range(", start, ", stop=", stop, ", length=", len, "): endpoints differ")))
    return StepRangeLen(TwicePrecision(start, 0.0), TwicePrecision(start, -stop), len, 1)
end
function _linspace_float(start::Float64, stop::Float64, len::Integer)
    (isfinite(start) && isfinite(stop)) || throw(ArgumentError(string("start and stop must be finite, got ", start, " and ", stop)))
    delta = stop - start
    tmin = -(start / delta)
    lenn1 = len - 1
    imin = round(Int64, tmin * lenn1 + 1)
    if 1 < imin < len
        t = (imin - 1) / lenn1
        ref = (1 - t) * start + t * stop
        step = imin - 1 < len - imin ? (ref - start) / (imin - 1) : (stop - ref) / (len - imin)
    elseif imin <= 1
        imin = 1
        ref = start
        step = delta / lenn1
    else
        imin = len
        ref = stop
        step = delta / lenn1
    end
    nb = nbitslen(Float64, len, imin)
    step_hi = truncbits(step, nb)
    x1_hi, x1_lo = add12((1 - imin) * step_hi, ref)
    x2_hi, x2_lo = add12((len - imin) * step_hi, ref)
    a = (start - x1_hi) - x1_lo
    b = (stop - x2_hi) - x2_lo
    step_lo = (b - a) / (len - 1)
    ref_lo = a - (1 - imin) * step_lo
    return steprangelen_hp((ref, ref_lo), (step_hi, step_lo), 0, len, imin)
end
function range_start_step_length(a::Float64, st::Float64, len::Integer)
    start_n, start_d = rat(a)
    step_n, step_d = rat(st)
    if start_d != 0 && step_d != 0 && start_n / start_d == a && step_n / step_d == st
        den = lcm_unchecked(start_d, step_d)
        m = 9.007199254740992e15
        if abs(den * a) <= m && abs(den * st) <= m && rem(den, start_d) == 0 && rem(den, step_d) == 0
            return floatrange(round(Int64, den * a), round(Int64, den * st), len, den)
        end
    end
    return steprangelen_hp(a, st, 0, len, 1)
end
range_start_step_length(a::Real, st::Real, len::Integer) = range_start_step_length(Float64(a), Float64(st), len)

# Broadcasting shifts and scales a float range into a float range (base/broadcast.jl).
broadcasted(::typeof(+), r::StepRangeLen, x::Real) = StepRangeLen(r.ref + Float64(x), r.step, r.len, r.offset)
broadcasted(::typeof(+), x::Real, r::StepRangeLen) = broadcasted(+, r, x)
broadcasted(::typeof(-), r::StepRangeLen, x::Real) = StepRangeLen(r.ref + (-Float64(x)), r.step, r.len, r.offset)
broadcasted(::typeof(-), r::StepRangeLen) = StepRangeLen(-r.ref, -r.step, r.len, r.offset)
# base/twiceprecision.jl: a scaled step is split again, so `(0:len-1) * step.hi` stays exact.
nbitslen(r::StepRangeLen) = nbitslen(Float64, r.len, r.offset)
broadcasted(::typeof(*), r::StepRangeLen, x::Real) =
    StepRangeLen(r.ref * x, twiceprecision(r.step * x, nbitslen(r)), r.len, r.offset)
broadcasted(::typeof(/), r::StepRangeLen, x::Real) =
    StepRangeLen(r.ref / x, twiceprecision(r.step / x, nbitslen(r)), r.len, r.offset)
broadcasted(::typeof(*), x::Real, r::StepRangeLen) = broadcasted(*, r, x)
