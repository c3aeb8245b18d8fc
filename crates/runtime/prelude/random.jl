# Random numbers (stdlib/Random), loaded after matrix.jl: the task-local xoshiro256++ of Julia
# 1.12 lives in the runtime (crates/runtime random.rs, its streams Julia's bit for bit), and
# these functions turn its words into numbers as Random does: `rand()` from the top 53 bits,
# `rand(UInt32)` the top 32, `rand(a:b)` by the nearly-division-less sampler; `rand(n)` takes
# Julia's bulk path (another stream than `n` scalar draws from 8 on). `Random.seed!(n)` is
# Julia's seeding (`Random.x` resolves to Base's `x`); a session starts as after `seed!(0)` (Julia: from the OS's entropy).

seed!(seed::Integer) = (Core._rand_seed(seed); nothing)
seed!() = (Core._rand_seed(Core._rand_u64()); nothing)
_u64_to_float(u::UInt64) = Float64(u >>> 11) * 1.1102230246251565e-16
rand() = _u64_to_float(Core._rand_u64())
rand(::Type{Float64}) = rand()
rand(::Type{Float32}) = Float32(UInt32(Core._rand_u64() >>> 40)) * 5.9604645f-8
rand(::Type{UInt64}) = Core._rand_u64()
rand(::Type{Int64}) = bitcast(Int64, Core._rand_u64())
rand(::Type{UInt128}) = (a = Core._rand_u64(); b = Core._rand_u64(); UInt128(b) + (UInt128(a) << 64))
rand(::Type{Int128}) = rand(UInt128) % Int128
rand(::Type{Bool}) = (Core._rand_u64() >>> 63) == 0x0000000000000001
rand(::Type{T}) where {T<:Union{Int8, UInt8, Int16, UInt16, Int32, UInt32}} =
    (Core._rand_u64() >>> (64 - 8 * sizeof(T))) % T
# base/Random generation.jl `SamplerRangeNDL` (Lemire's nearly division-less method) on an
# Int64 range: the high word of `u * s`, redrawn while the low word is below `(2^64 - s) % s`.
function rand(r::Union{UnitRange{Int64}, StepRange{Int64, Int64}})
    isempty(r) && throw(ArgumentError("collection must be non-empty"))
    step(r) == 1 || return r[rand(1:length(r))]
    s = bitcast(UInt64, last(r) - first(r)) + 0x0000000000000001
    x = UInt128(Core._rand_u64())
    m = x * s
    l = m % UInt64
    if s != 0x0000000000000000 && l < s
        t = (0x0000000000000000 - s) % s
        while l < t
            x = UInt128(Core._rand_u64())
            m = x * s
            l = m % UInt64
        end
    end
    return s == 0x0000000000000000 ? bitcast(Int64, x % UInt64) : first(r) + bitcast(Int64, (m >> 64) % UInt64)
end
rand(v::Union{Vector, Tuple}) = v[rand(1:length(v))]
rand(s::AbstractString) = collect(s)[rand(1:length(s))]
rand(n::Integer) = Float64[_u64_to_float(u) for u in Core._rand_bulk(8 * n)]
rand(::Type{Float64}, n::Integer) = rand(n)
rand(::Type{UInt64}, n::Integer) = Core._rand_bulk(8 * n)
rand(::Type{Int64}, n::Integer) = Int64[bitcast(Int64, u) for u in Core._rand_bulk(8 * n)]
# A vector of narrower integers (or Bools, each a byte's low bit) is filled with the bytes of
# the bulk path's words, little-endian, as `xoshiro_bulk` writes them over its memory.
function rand(::Type{T}, n::Integer) where {T<:Union{Bool, Int8, UInt8, Int16, UInt16, Int32, UInt32}}
    s = T === Bool ? 1 : sizeof(T)
    words = Core._rand_bulk(s * n)
    v = Vector{T}(undef, n)
    for i in 0:n-1
        b = (words[(i * s) >>> 3 + 1] >>> (8 * ((i * s) & 7)))
        v[i + 1] = T === Bool ? (b & 0x0000000000000001) == 0x0000000000000001 : b % T
    end
    return v
end
rand(::Type{T}, n::Integer) where {T} = T[rand(T) for _ in 1:n]
rand(r::Union{UnitRange{Int64}, StepRange{Int64, Int64}, Vector}, n::Integer) = [rand(r) for _ in 1:n]
rand(m::Integer, n::Integer) = reshape(rand(m * n), m, n)
rand(r, m::Integer, n::Integer) = reshape(rand(r, m * n), m, n)
function rand!(v::Vector{Float64})
    words = Core._rand_bulk(8 * length(v))
    for i in 1:length(v)
        v[i] = _u64_to_float(words[i])
    end
    return v
end
# `randn()`: standard normal, by Random's ziggurat (normal.jl) in the runtime (crates/runtime
# random.rs), so its values are Julia's. A complex one has variance 1: each part `√½ randn`.
randn() = Core._randn()
randn(::Type{Float64}) = randn()
randn(::Type{Float32}) = Float32(randn())
randn(::Type{Complex{T}}) where {T<:Union{Float32, Float64}} =
    Complex{T}(T(0.7071067811865476) * randn(T), T(0.7071067811865476) * randn(T))
randn(n::Integer) = randn(Float64, n)
randn(::Type{T}, n::Integer) where {T} = T[randn(T) for _ in 1:n]
randn(m::Integer, n::Integer) = reshape(randn(m * n), m, n)
function shuffle!(v::Vector)
    for i in length(v):-1:2
        j = rand(1:i)
        v[i], v[j] = v[j], v[i]
    end
    return v
end
shuffle(v::Vector) = shuffle!(copy(v))
randperm(n::Integer) = shuffle!(collect(1:n))

# `Iterators.product`, `flatten` (matrix.jl), `take`, `drop`, `countfrom` (base/iterators.jl);
# `Iterators.x` resolves to Base's `x` (crates/lower expr.rs `TRANSPARENT_MODULES`).
product(a, b) = _product(a, b)
flatten(it) = _Flatten(it)
# `Iterators.take`, `drop`, `countfrom` (base/iterators.jl).
struct _Take{I}
    it::I
    n::Int64
end
take(it, n::Integer) = _Take(it, Int64(n))
function iterate(t::_Take, s=(t.n, nothing))
    s[1] <= 0 && return nothing
    y = s[2] === nothing ? iterate(t.it) : iterate(t.it, something(s[2]))
    y === nothing && return nothing
    return (y[1], (s[1] - 1, Some(y[2])))
end
struct _Drop{I}
    it::I
    n::Int64
end
drop(it, n::Integer) = _Drop(it, Int64(n))
function iterate(d::_Drop)
    y = iterate(d.it)
    for _ in 1:d.n
        y === nothing && return nothing
        y = iterate(d.it, y[2])
    end
    return y
end
iterate(d::_Drop, s) = iterate(d.it, s)
struct _CountFrom
    start::Int64
    step::Int64
end
countfrom(start::Integer=1, step::Integer=1) = _CountFrom(start, step)
iterate(c::_CountFrom, x=c.start) = (x, x + c.step)
collect(p::_Product) = _matrix(_collect_iter(p), length(p.a), length(p.b))
