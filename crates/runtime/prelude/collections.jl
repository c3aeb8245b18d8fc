# Vectors and iterables (base/array.jl, base/abstractarray.jl, base/reduce.jl,
# base/accumulate.jl, base/sort.jl, base/set.jl, base/tuple.jl), loaded after dict.jl: the
# editing functions (`pop!`, `insert!`, `deleteat!`, ...), reductions over any iterable, search,
# and set operations on vectors.

# ----- editing vectors (base/array.jl) ------------------------------------------------------------

function pop!(v::Vector)
    n = length(v)
    n == 0 && throw(ArgumentError("array must be non-empty"))
    x = v[n]
    Core._vector_resize(v, n - 1)
    return x
end
function popfirst!(v::Vector)
    n = length(v)
    n == 0 && throw(ArgumentError("array must be non-empty"))
    x = v[1]
    Core._vector_move(v, 1, 2, n - 1)
    Core._vector_resize(v, n - 1)
    return x
end
function insert!(v::Vector, i::Integer, x)
    n = length(v)
    1 <= i <= n + 1 || throw(BoundsError(v, i))
    push!(v, x)
    Core._vector_move(v, i + 1, i, n - i + 1)
    v[i] = x
    return v
end
pushfirst!(v::Vector, x) = insert!(v, 1, x)
pushfirst!(v::Vector, xs...) = prepend!(v, xs)
push!(v::Vector, x, y, zs...) = append!(v, (x, y, zs...))
function deleteat!(v::Vector, i::Integer)
    n = length(v)
    1 <= i <= n || throw(BoundsError(v, i))
    Core._vector_move(v, i, i + 1, n - i)
    Core._vector_resize(v, n - 1)
    return v
end
function deleteat!(v::Vector, r::UnitRange{Int64})
    isempty(r) && return v
    n = length(v)
    (first(r) >= 1) & (last(r) <= n) || throw(BoundsError(v, r))
    k = length(r)
    Core._vector_move(v, first(r), last(r) + 1, n - last(r))
    Core._vector_resize(v, n - k)
    return v
end
function deleteat!(v::Vector, inds::Union{Vector, Tuple, StepRange{Int64, Int64}})
    keep = _vector_new(eltype(v))
    j = 1
    n = length(v)
    last_i = 0
    for i in inds
        (i > last_i) || throw(ArgumentError("indices must be unique and sorted"))
        1 <= i <= n || throw(BoundsError(v, i))
        last_i = i
    end
    drop = Set{Int64}(inds)
    for i in 1:n
        i in drop || push!(keep, v[i])
    end
    Core._vector_resize(v, 0)
    return append!(v, keep)
end
function splice!(v::Vector, i::Integer)
    x = v[i]
    deleteat!(v, i)
    return x
end
function splice!(v::Vector, r::UnitRange{Int64}, ins=_vector_new(eltype(v)))
    removed = v[r]
    deleteat!(v, r)
    at = first(r)
    for x in ins
        insert!(v, at, x)
        at += 1
    end
    return removed
end
function resize!(v::Vector, n::Integer)
    old = length(v)
    Core._vector_resize(v, n)
    # Julia leaves new elements of a bits type uninitialized (any value); invokelab zeroes them.
    T = eltype(v)
    if n > old && T <: Number
        for i in old+1:n
            v[i] = zero(T)
        end
    end
    return v
end
empty!(v::Vector) = Core._vector_resize(v, 0)
sizehint!(v::Vector, n::Integer) = v
function prepend!(v::Vector, items)
    xs = collect(items)
    for i in length(xs):-1:1
        insert!(v, 1, xs[i])
    end
    return v
end
function append!(v::Vector, a, b, rest...)
    for items in (a, b, rest...)
        append!(v, items)
    end
    return v
end
function fill!(v::Vector, x)
    for i in 1:length(v)
        v[i] = x
    end
    return v
end
function copyto!(dest::Vector, src)
    i = 1
    for x in src
        dest[i] = x
        i += 1
    end
    return dest
end
similar(v::Vector) = resize!(_vector_new(eltype(v)), length(v))
similar(v::Vector, ::Type{T}) where {T} = resize!(_vector_new(T), length(v))
similar(v::Vector, ::Type{T}, n::Integer) where {T} = resize!(_vector_new(T), n)
empty(v::Vector) = _vector_new(eltype(v))
# `Vector{T}(undef, n)`: Julia leaves the elements uninitialized; invokelab zeroes numbers
# (other elements are undefined, `#undef`).
struct UndefInitializer end
const undef = Core._new(UndefInitializer)
Vector{T}(::UndefInitializer, n::Integer) where {T} = resize!(_vector_new(T), n)
Vector{T}() where {T} = _vector_new(T)
Vector(v::Vector) = copy(v)
Vector{T}(itr) where {T} = collect(T, itr)
zeros(::Type{T}, n::Integer) where {T} = fill(zero(T), n)
ones(::Type{T}, n::Integer) where {T} = fill(one(T), n)
function vcat(xs...)
    T = Union{}
    for x in xs
        S = x isa Vector ? eltype(x) : x isa AbstractRange ? eltype(collect(x)) : typeof(x)
        T = T === Union{} ? S : _promote_eltype(T, S)
    end
    out = _vector_new(T === Union{} ? Any : T)
    for x in xs
        if x isa Union{Vector, AbstractRange}
            append!(out, x)
        else
            push!(out, x)
        end
    end
    return out
end
vcat(v::Vector) = copy(v)
function reverse!(v::Vector)
    i = 1
    j = length(v)
    while i < j
        a = v[i]
        v[i] = v[j]
        v[j] = a
        i += 1
        j -= 1
    end
    return v
end
reverse(r::UnitRange{Int64}) = last(r):-1:first(r)
reverse(r::StepRange{Int64, Int64}) = last(r):-step(r):first(r)
reverse(t::Tuple) = Core.tuple(reverse(collect(t))...)
function circshift(v::Vector, k::Integer)
    n = length(v)
    out = similar(v)
    for i in 1:n
        out[mod(i - 1 + k, n) + 1] = v[i]
    end
    return out
end
first(v::Vector, n::Integer) = v[1:min(n, length(v))]
last(v::Vector, n::Integer) = v[max(1, length(v) - n + 1):length(v)]
first(r::Union{UnitRange{Int64}, StepRange{Int64, Int64}}, n::Integer) = collect(r)[1:min(n, length(r))]
firstindex(v::Vector) = 1
eachindex(v::Vector) = 1:length(v)
keys(v::Vector) = 1:length(v)
values(v::Vector) = v
axes(v::Vector) = (1:length(v),)
axes(v::Vector, d::Integer) = 1:length(v)
size(v::Vector) = (length(v),)
size(v::Vector, d::Integer) = d == 1 ? length(v) : 1
ndims(v::Vector) = 1
pairs(v::Vector) = [i => v[i] for i in 1:length(v)]
pairs(t::Tuple) = [i => t[i] for i in 1:nfields(t)]
checkbounds(::Type{Bool}, v::Vector, i::Integer) = 1 <= i <= length(v)
checkbounds(v::Vector, i::Integer) = (1 <= i <= length(v) || throw(BoundsError(v, i)); nothing)
isassigned(v::Vector, i::Integer) = 1 <= i <= length(v)
getindex(v::Vector, inds::Vector{Int64}) = [v[i] for i in inds]
getindex(v::Vector, r::StepRange{Int64, Int64}) = [v[i] for i in r]
function getindex(v::Vector, mask::Vector{Bool})
    length(mask) == length(v) || throw(BoundsError(v, (mask,)))
    out = _vector_new(eltype(v))
    for i in 1:length(v)
        mask[i] && push!(out, v[i])
    end
    return out
end
getindex(t::Tuple, r::UnitRange{Int64}) = Core.tuple([t[i] for i in r]...)
Tuple(v::Vector) = Core.tuple(v...)
Tuple(t::Tuple) = t
function ntuple(f, n::Integer)
    n == 0 && return ()
    return Core.tuple([f(i) for i in 1:n]...)
end

# ----- reductions over any iterable (base/reduce.jl) ----------------------------------------------

struct _NoInit end
function _foldl(op, itr, init)
    y = iterate(itr)
    if init isa _NoInit
        y === nothing && throw(ArgumentError(_EMPTY_REDUCE))
        acc = getfield(y, 1)
        y = iterate(itr, getfield(y, 2))
    else
        acc = init
    end
    while y !== nothing
        acc = op(acc, getfield(y, 1))
        y = iterate(itr, getfield(y, 2))
    end
    return acc
end
reduce(op, itr; init=_NoInit()) = _foldl(op, itr, init)
foldl(op, itr; init=_NoInit()) = _foldl(op, itr, init)
function foldr(op, itr; init=_NoInit())
    xs = reverse(collect(itr))
    return _foldl((acc, x) -> op(x, acc), xs, init)
end
mapreduce(f, op, itr; init=_NoInit()) = _foldl(op, Generator(f, itr), init)
mapfoldl(f, op, itr; init=_NoInit()) = _foldl(op, Generator(f, itr), init)
mapreduce(f, op, a, b; init=_NoInit()) = _foldl(op, Generator(t -> f(t...), zip(a, b)), init)
# `sum` adds small integers as `Int64`/`UInt64` (base/reduce.jl `add_sum`), left to right, as
# Julia does below 16 elements (longer Float64 vectors are summed pairwise with SIMD there,
# which can differ in the last bits).
_add_sum(x, y) = x + y
_add_sum(x::Union{Bool, Int8, Int16, Int32}, y::Union{Bool, Int8, Int16, Int32}) = Int64(x) + Int64(y)
_add_sum(x::Union{UInt8, UInt16, UInt32}, y::Union{UInt8, UInt16, UInt32}) = UInt64(x) + UInt64(y)
_mul_prod(x, y) = x * y
_mul_prod(x::Union{Int8, Int16, Int32}, y::Union{Int8, Int16, Int32}) = Int64(x) * Int64(y)
_mul_prod(x::Union{UInt8, UInt16, UInt32}, y::Union{UInt8, UInt16, UInt32}) = UInt64(x) * UInt64(y)
_reduce_first(x) = x
_reduce_first(x::Union{Bool, Int8, Int16, Int32}) = Int64(x)
_reduce_first(x::Union{UInt8, UInt16, UInt32}) = UInt64(x)
# `neutral` is `zero` or `one`: an empty collection of numbers sums to its type's zero.
function _sum(f, itr, op, init, neutral)
    y = iterate(itr)
    if y === nothing
        init isa _NoInit || return init
        T = _iter_eltype(itr)
        f === identity && T <: Number && T !== Union{} && return _reduce_first(neutral(T))
        throw(ArgumentError(_EMPTY_REDUCE))
    end
    acc = init isa _NoInit ? _reduce_first(f(getfield(y, 1))) : op(init, f(getfield(y, 1)))
    y = iterate(itr, getfield(y, 2))
    while y !== nothing
        acc = op(acc, f(getfield(y, 1)))
        y = iterate(itr, getfield(y, 2))
    end
    return acc
end
sum(itr; init=_NoInit()) = _sum(identity, itr, _add_sum, init, zero)
sum(f, itr; init=_NoInit()) = _sum(f, itr, _add_sum, init, zero)
prod(itr; init=_NoInit()) = _sum(identity, itr, _mul_prod, init, one)
prod(f, itr; init=_NoInit()) = _sum(f, itr, _mul_prod, init, one)
maximum(itr) = _foldl(max, itr, _NoInit())
minimum(itr) = _foldl(min, itr, _NoInit())
maximum(f, itr) = _foldl(max, Generator(f, itr), _NoInit())
minimum(f, itr) = _foldl(min, Generator(f, itr), _NoInit())
function extrema(itr)
    y = iterate(itr)
    y === nothing && throw(ArgumentError(_EMPTY_REDUCE))
    lo = getfield(y, 1)
    hi = lo
    y = iterate(itr, getfield(y, 2))
    while y !== nothing
        x = getfield(y, 1)
        lo = min(lo, x)
        hi = max(hi, x)
        y = iterate(itr, getfield(y, 2))
    end
    return (lo, hi)
end
extrema(f, itr) = extrema(Generator(f, itr))
# The first extreme element and its index; `better(x, y)` says `x` beats `y`. NaN wins at
# once, as base/reduce.jl's `findmax`/`findmin` do.
function _findextreme(better, itr)
    best = nothing
    bi = 0
    i = 0
    for x in itr
        i += 1
        if best === nothing || better(x, something(best)) || (x != x)
            best = Some(x)
            bi = i
            x != x && break
        end
    end
    best === nothing && throw(ArgumentError(_EMPTY_REDUCE))
    return (something(best), bi)
end
findmax(itr) = _findextreme((x, y) -> isless(y, x), itr)
findmin(itr) = _findextreme(isless, itr)
# `findmax(f, itr)` is `(f(x), index)`; `argmax(f, itr)` is the `x` itself.
findmax(f, itr) = findmax(Generator(f, itr))
findmin(f, itr) = findmin(Generator(f, itr))
argmax(itr) = getfield(findmax(itr), 2)
argmin(itr) = getfield(findmin(itr), 2)
argmax(f, itr) = collect(itr)[getfield(findmax(f, itr), 2)]
argmin(f, itr) = collect(itr)[getfield(findmin(f, itr), 2)]
struct Some{T}
    value::T
end
something(x::Some) = x.value
something(x) = x
something(x::Nothing, ys...) = something(ys...)
something(x::Some, ys...) = x.value
something(x, ys...) = x
function accumulate(op, v; init=_NoInit())
    out = []
    acc = init
    first = init isa _NoInit
    for x in v
        acc = first ? x : op(acc, x)
        first = false
        push!(out, acc)
    end
    isempty(out) && return _vector_new(_iter_eltype(v))
    return collect(_promote_all(out), out)
end
function _promote_all(v::Vector)
    T = typeof(v[1])
    for x in v
        T = promote_typejoin(T, typeof(x))
    end
    return T
end
cumsum(v) = accumulate(_add_sum, v)
cumprod(v) = accumulate(_mul_prod, v)
function diff(v::Vector)
    out = _vector_new(typeof(v[1] - v[1]))
    for i in 2:length(v)
        push!(out, v[i] - v[i - 1])
    end
    return out
end
minmax(x, y) = isless(y, x) ? (y, x) : (x, y)
clamp(x, lo, hi) = x > hi ? convert(typeof(x), hi) : x < lo ? convert(typeof(x), lo) : x
clamp(x::Integer, lo::Integer, hi::Integer) = x > hi ? hi : x < lo ? lo : x
clamp!(v::Vector, lo, hi) = (for i in 1:length(v); v[i] = clamp(v[i], lo, hi); end; v)

# base/tuple.jl: tuples compare lexicographically.
function isless(a::Tuple, b::Tuple)
    n = min(nfields(a), nfields(b))
    for i in 1:n
        x = getfield(a, i)
        y = getfield(b, i)
        isequal(x, y) || return isless(x, y)
    end
    return nfields(a) < nfields(b)
end
function <(a::Tuple, b::Tuple)
    n = min(nfields(a), nfields(b))
    for i in 1:n
        x = getfield(a, i)
        y = getfield(b, i)
        x == y || return x < y
    end
    return nfields(a) < nfields(b)
end
<=(a::Tuple, b::Tuple) = !(b < a)
>(a::Tuple, b::Tuple) = b < a
>=(a::Tuple, b::Tuple) = !(a < b)

# ----- map, filter, search (base/abstractarray.jl, base/array.jl) ------------------------------

map(f, itr) = _collect_iter(Generator(f, itr))
map(f, s::AbstractString) = String(Char[f(c) for c in s])
map(f, t::Tuple) = Core.tuple(Any[f(x) for x in t]...)
map(f, a, b) = _collect_iter(Generator(t -> f(getfield(t, 1), getfield(t, 2)), zip(a, b)))
function map!(f, dest::Vector, src)
    i = 1
    for x in src
        dest[i] = f(x)
        i += 1
    end
    return dest
end
filter(f, itr) = _collect_iter(Filter(f, itr))
filter(f, s::AbstractString) = String(Char[c for c in s if f(c)])
function filter!(f, v::Vector)
    j = 0
    for i in 1:length(v)
        x = v[i]
        if f(x)
            j += 1
            v[j] = x
        end
    end
    Core._vector_resize(v, j)
    return v
end
function foreach(f, a, b)
    for (x, y) in zip(a, b)
        f(x, y)
    end
    return nothing
end
function findall(f, v)
    out = Int64[]
    i = 0
    for x in v
        i += 1
        f(x) && push!(out, i)
    end
    return out
end
findall(v::Vector{Bool}) = findall(identity, v)
findfirst(v::Vector{Bool}) = findfirst(identity, v)
function findfirst(f, itr)
    i = 0
    for x in itr
        i += 1
        f(x) && return i
    end
    return nothing
end
function findnext(f, v::Vector, start::Integer)
    for i in start:length(v)
        f(v[i]) && return i
    end
    return nothing
end
function findlast(f, v::Vector)
    for i in length(v):-1:1
        f(v[i]) && return i
    end
    return nothing
end
function findprev(f, v::Vector, start::Integer)
    for i in start:-1:1
        f(v[i]) && return i
    end
    return nothing
end
function in(x, itr)
    for y in itr
        y == x && return true
    end
    return false
end

# ----- sort (base/sort.jl) ------------------------------------------------------------------------

function sortperm(v::Vector; lt=isless, by=identity, rev::Bool=false)
    p = collect(1:length(v))
    return sort!(p; lt=lt, by=i -> by(v[i]), rev=rev)
end
sort(r::UnitRange{Int64}) = r
sort(t::Tuple) = Core.tuple(sort(collect(t))...)
partialsort(v::Vector, k::Integer) = sort(v)[k]
function unique(itr)
    out = _vector_new(_iter_eltype(itr))
    seen = Set{_iter_eltype(itr)}()
    for x in itr
        if !(x in seen)
            push!(seen, x)
            push!(out, x)
        end
    end
    return out
end
function unique(f, itr)
    out = _vector_new(_iter_eltype(itr))
    seen = Set()
    for x in itr
        k = f(x)
        if !(k in seen)
            push!(seen, k)
            push!(out, x)
        end
    end
    return out
end
function unique!(v::Vector)
    u = unique(v)
    Core._vector_resize(v, 0)
    return append!(v, u)
end
allunique(itr) = length(unique(itr)) == length(collect(itr))
function union(a::Vector, bs...)
    out = unique(a)
    seen = Set{Any}(out)
    for b in bs
        for x in b
            x in seen || (push!(seen, x); push!(out, x))
        end
    end
    return out
end
function intersect(a::Vector, b)
    s = Set{Any}(b)
    return unique(filter(x -> x in s, a))
end
function setdiff(a::Vector, b)
    s = Set{Any}(b)
    return unique(filter(x -> !(x in s), a))
end
function symdiff(a::Vector, b::Vector)
    return vcat(setdiff(a, b), setdiff(b, a))
end

# ----- approximate equality (base/floatfuncs.jl `isapprox`) ----------------------------------

_rtoldefault(x) = 0
_rtoldefault(x::Float64) = 1.4901161193847656e-8
_rtoldefault(x::Float32) = 0.00034526698f0
function isapprox(x::Number, y::Number; atol::Real=0, rtol::Real=atol > 0 ? 0 : max(_rtoldefault(real(x)), _rtoldefault(real(y))), nans::Bool=false)
    x == y && return true
    (isfinite(x) && isfinite(y)) || return nans && isnan(x) && isnan(y)
    return abs(x - y) <= max(atol, rtol * max(abs(x), abs(y)))
end
function isapprox(a::Vector, b::Vector; atol::Real=0, rtol::Real=atol > 0 ? 0 : 1.4901161193847656e-8)
    d = sqrt(sum(abs2, [a[i] - b[i] for i in 1:length(a)]; init=0.0))
    return d <= max(atol, rtol * max(sqrt(sum(abs2, a; init=0.0)), sqrt(sum(abs2, b; init=0.0))))
end
const ≈ = isapprox
≉(x, y) = !isapprox(x, y)
