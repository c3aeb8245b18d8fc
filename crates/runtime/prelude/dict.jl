# Hashing, `Dict` and `Set` (base/hashing.jl, base/dict.jl, base/set.jl, base/abstractdict.jl),
# loaded after strings.jl. Julia 1.12's hashes bit for bit and its open-addressing table
# (slot metadata, linear probing, its growth and `sizehint!` rules), so a `Dict` or `Set` of
# numbers, strings, chars or symbols iterates and prints in Julia's order.

# ----- hash (base/hashing.jl, base/char.jl, base/tuple.jl) ---------------------------------------

hash(x) = hash(x, 0x0000000000000000)
function hash_64_64(n::UInt64)
    a = n
    a = ~a + (a << 21)
    a = a ⊻ (a >> 24)
    a = a + (a << 3) + (a << 8)
    a = a ⊻ (a >> 14)
    a = a + (a << 2) + (a << 4)
    a = a ⊻ (a >> 28)
    a = a + (a << 31)
    return a
end
hash(x::Int64, h::UInt64) = hash_64_64(bitcast(UInt64, x)) - 3h
hash(x::UInt64, h::UInt64) = hash_64_64(x) - 3h
hash(x::Union{Bool, Int8, UInt8, Int16, UInt16, Int32, UInt32}, h::UInt64) = hash(Int64(x), h)
# `hash_64_64(0x7ff8000000000000)`, the hash of every NaN.
const _hx_NaN = 0x15d7d083d04ecb90
function hash(x::Float64, h::UInt64)
    if -9.223372036854775808e18 <= x < 9.223372036854775808e18
        xi = fptosi(Int64, x)
        xi == x && !(x == 0.0 && signbit(x)) && return hash(xi, h)
    elseif 0.0 <= x < 1.8446744073709551616e19
        xu = fptoui(UInt64, x)
        xu == x && return hash(xu, h)
    elseif isnan(x)
        return _hx_NaN ⊻ h
    end
    return hash_64_64(bitcast(UInt64, x)) - 3h
end
hash(x::Float32, h::UInt64) = hash(Float64(x), h)
hash(s::String, h::UInt64) = Core._string_hash(s, h)
hash(s::Symbol) = Core._string_hash(s, 0x0000000000000000)
hash(s::Symbol, h::UInt64) = hash_64_64(3h - Core._string_hash(s, h))
hash(::Nothing, h::UInt64) = hash_64_64(3h - 0x0000000000000000)
# A `Char` hashes its UTF-8 bytes, left-aligned in 32 bits (Julia's `Char` representation).
function hash(c::Char, h::UInt64)
    u = codepoint(c)
    bits = u < 0x80 ? u << 24 :
        u < 0x800 ? ((0xc0 | (u >> 6)) << 24) | ((0x80 | (u & 0x3f)) << 16) :
        u < 0x10000 ? ((0xe0 | (u >> 12)) << 24) | ((0x80 | ((u >> 6) & 0x3f)) << 16) | ((0x80 | (u & 0x3f)) << 8) :
        ((0xf0 | (u >> 18)) << 24) | ((0x80 | ((u >> 12) & 0x3f)) << 16) | ((0x80 | ((u >> 6) & 0x3f)) << 8) | (0x80 | (u & 0x3f))
    return hash_64_64(((bits + 0x00000000d4d64234) << 32) ⊻ h)
end
function hash(t::Tuple, h::UInt64)
    out = h + 0x77cfa1eef01bca90
    for i in nfields(t):-1:1
        out = hash(getfield(t, i), out)
    end
    return out
end
hash(p::Pair, h::UInt64) = hash(p.second, hash(p.first, h))
function hash(v::Vector, h::UInt64)
    out = h + 0x7f53e68ceb7a64c4
    for x in v
        out = hash(x, out)
    end
    return out
end
# Julia hashes any other value by its `objectid`, which for an immutable struct mixes its type
# and its fields' hashes; invokelab mixes the fields' hashes in order (equal structs hash alike,
# but the order of a `Dict` with struct keys is not Julia's).
function hash(x, h::UInt64)
    out = h + 0x1b873593cc9e2d51
    for i in 1:nfields(x)
        out = hash(getfield(x, i), out)
    end
    return out
end

# ----- Dict (base/dict.jl) ------------------------------------------------------------------------

abstract type AbstractDict{K, V} end
# `slots[i]`: 0x00 empty, 0x7f deleted, `0x80 | (7 high bits of the key's hash)` full.
mutable struct Dict{K, V} <: AbstractDict{K, V}
    slots::Vector{UInt8}
    keys::Vector{K}
    vals::Vector{V}
    ndel::Int64
    count::Int64
    age::UInt64
    idxfloor::Int64
    maxprobe::Int64
end
struct KeyError <: Exception
    key
end
showerror(io::IO, e::KeyError) = (print(io, "KeyError: key "); show(io, e.key); print(io, " not found"))

_undef_vector(T, n::Int64) = Core._vector_resize(_vector_new(T), n)
Dict{K, V}() where {K, V} = Dict{K, V}(UInt8[], _vector_new(K), _vector_new(V), 0, 0, 0x0000000000000000, 1, 0)
Dict() = Dict{Any, Any}()
function Dict{K, V}(ps::Pair...) where {K, V}
    h = Dict{K, V}()
    sizehint!(h, length(ps))
    for p in ps
        h[p.first] = p.second
    end
    return h
end
function Dict{K, V}(kv) where {K, V}
    h = Dict{K, V}()
    _haslength(kv) && sizehint!(h, length(kv))
    for (k, v) in kv
        h[k] = v
    end
    return h
end
function Dict(ps::Pair...)
    K = typeof(getfield(ps, 1).first)
    V = typeof(getfield(ps, 1).second)
    for p in ps
        K = promote_typejoin(K, typeof(p.first))
        V = promote_typejoin(V, typeof(p.second))
    end
    return Dict{K, V}(ps...)
end
# base/abstractdict.jl `dict_with_eltype`: the key and value types are those of the elements
# (`Pair`s or 2-tuples), widened as `grow_to!` widens.
function Dict(kv)
    elems = collect(kv)
    isempty(elems) && return Dict{Any, Any}()
    K = Union{}
    V = Union{}
    for (k, v) in elems
        K = K === Union{} ? typeof(k) : promote_typejoin(K, typeof(k))
        V = V === Union{} ? typeof(v) : promote_typejoin(V, typeof(v))
    end
    h = Dict{K, V}()
    _haslength(kv) && sizehint!(h, length(elems))
    for (k, v) in elems
        h[k] = v
    end
    return h
end
_haslength(x) = true
_haslength(x::Filter) = false
_haslength(g::Generator) = _haslength(g.iter)
copy(d::Dict{K, V}) where {K, V} = Dict{K, V}(copy(d.slots), copy(d.keys), copy(d.vals), d.ndel, d.count, d.age, d.idxfloor, d.maxprobe)
empty(d::Dict{K, V}) where {K, V} = Dict{K, V}()

function _tablesz(x::Int64)
    n = 16
    while n < x
        n = n << 1
    end
    return n
end
_shorthash7(hsh::UInt64) = UInt8(hsh >> 57) | 0x80
function hashindex(key, sz::Int64)
    hsh = hash(key)
    return (Int64(hsh & UInt64(sz - 1)) + 1, _shorthash7(hsh))
end
isslotempty(h::Dict, i::Int64) = h.slots[i] == 0x00
isslotfilled(h::Dict, i::Int64) = (h.slots[i] & 0x80) != 0x00
isslotmissing(h::Dict, i::Int64) = h.slots[i] == 0x7f

function rehash!(h::Dict{K, V}, newsz::Int64) where {K, V}
    olds = h.slots
    oldk = h.keys
    oldv = h.vals
    sz = length(olds)
    newsz = _tablesz(newsz)
    h.age += 0x0000000000000001
    h.idxfloor = 1
    if h.count == 0
        h.slots = fill(0x00, newsz)
        h.keys = _undef_vector(K, newsz)
        h.vals = _undef_vector(V, newsz)
        h.ndel = 0
        h.maxprobe = 0
        return h
    end
    slots = fill(0x00, newsz)
    keys = _undef_vector(K, newsz)
    vals = _undef_vector(V, newsz)
    count = 0
    maxprobe = 0
    for i in 1:sz
        if (olds[i] & 0x80) != 0x00
            k = oldk[i]
            v = oldv[i]
            index, sh = hashindex(k, newsz)
            index0 = index
            while slots[index] != 0x00
                index = (index & (newsz - 1)) + 1
            end
            probe = (index - index0) & (newsz - 1)
            probe > maxprobe && (maxprobe = probe)
            slots[index] = olds[i]
            keys[index] = k
            vals[index] = v
            count += 1
        end
    end
    h.age += 0x0000000000000001
    h.slots = slots
    h.keys = keys
    h.vals = vals
    h.count = count
    h.ndel = 0
    h.maxprobe = maxprobe
    return h
end

function sizehint!(d::Dict, newsz::Integer; shrink::Bool=true)
    oldsz = length(d.slots)
    newsz = _tablesz(cld(3 * max(Int64(newsz), d.count), 2))
    return (shrink ? newsz == oldsz : newsz <= oldsz) ? d : rehash!(d, newsz)
end

# The slot of `key`, or -1.
function ht_keyindex(h::Dict, key)
    h.count == 0 && return -1
    sz = length(h.keys)
    iter = 0
    maxprobe = h.maxprobe
    index, sh = hashindex(key, sz)
    keys = h.keys
    while true
        isslotempty(h, index) && return -1
        if sh == h.slots[index]
            k = keys[index]
            (key === k || isequal(key, k)) && return index
        end
        index = (index & (sz - 1)) + 1
        iter += 1
        iter > maxprobe && return -1
    end
end

# The slot of `key` (> 0), or minus the slot to insert it at; and the key's short hash.
function ht_keyindex2_shorthash!(h::Dict, key)
    sz = length(h.keys)
    if sz == 0
        rehash!(h, 4)
        index, sh = hashindex(key, length(h.keys))
        return (-index, sh)
    end
    iter = 0
    maxprobe = h.maxprobe
    index, sh = hashindex(key, sz)
    avail = 0
    keys = h.keys
    while true
        if isslotempty(h, index)
            return (avail < 0 ? avail : -index, sh)
        end
        if isslotmissing(h, index)
            avail == 0 && (avail = -index)
        elseif h.slots[index] == sh
            k = keys[index]
            (key === k || isequal(key, k)) && return (index, sh)
        end
        index = (index & (sz - 1)) + 1
        iter += 1
        iter > maxprobe && break
    end
    avail < 0 && return (avail, sh)
    maxallowed = max(16, sz >> 6)
    while iter < maxallowed
        if !isslotfilled(h, index)
            h.maxprobe = iter
            return (-index, sh)
        end
        index = (index & (sz - 1)) + 1
        iter += 1
    end
    rehash!(h, h.count > 64000 ? sz * 2 : sz * 4)
    return ht_keyindex2_shorthash!(h, key)
end

function _setindex!(h::Dict, v, key, index::Int64, sh::UInt8)
    h.ndel -= isslotmissing(h, index)
    h.slots[index] = sh
    h.keys[index] = key
    h.vals[index] = v
    h.count += 1
    h.age += 0x0000000000000001
    index < h.idxfloor && (h.idxfloor = index)
    sz = length(h.keys)
    if (h.count + h.ndel) * 3 > sz * 2
        rehash!(h, h.count > 64000 ? h.count * 2 : max(h.count * 4, 4))
    end
    return nothing
end

function setindex!(h::Dict{K, V}, v0, key0) where {K, V}
    key = key0 isa K ? key0 : convert(K, key0)
    isequal(key, key0) || throw(ArgumentError(string(repr(key0), " is not a valid key for type ", K)))
    v = v0 isa V ? v0 : convert(V, v0)
    index, sh = ht_keyindex2_shorthash!(h, key)
    _store!(h, v, key, index, sh)
    return h
end
# Writes `key => v` where `ht_keyindex2_shorthash!` said: over the key found at `index`, or
# into the free slot `-index`.
function _store!(h::Dict, v, key, index::Int64, sh::UInt8)
    if index > 0
        h.age += 0x0000000000000001
        h.keys[index] = key
        h.vals[index] = v
    else
        _setindex!(h, v, key, -index, sh)
    end
    return nothing
end

function getindex(h::Dict, key)
    index = ht_keyindex(h, key)
    index < 0 && throw(KeyError(key))
    return h.vals[index]
end
function get(h::Dict, key, default)
    index = ht_keyindex(h, key)
    return index < 0 ? default : h.vals[index]
end
function get(default::Function, h::Dict, key)
    index = ht_keyindex(h, key)
    return index < 0 ? default() : h.vals[index]
end
haskey(h::Dict, key) = ht_keyindex(h, key) >= 0
in(p::Pair, h::Dict) = (index = ht_keyindex(h, p.first); index > 0 && isequal(h.vals[index], p.second))
get!(h::Dict, key, default) = get!(() -> default, h, key)
function get!(default::Function, h::Dict{K, V}, key0) where {K, V}
    key = key0 isa K ? key0 : convert(K, key0)
    index, sh = ht_keyindex2_shorthash!(h, key)
    index > 0 && return h.vals[index]
    age0 = h.age
    v = default()
    v isa V || (v = convert(V, v))
    if h.age != age0
        index, sh = ht_keyindex2_shorthash!(h, key)
    end
    _store!(h, v, key, index, sh)
    return v
end
getkey(h::Dict, key, default) = (index = ht_keyindex(h, key); index < 0 ? default : h.keys[index])

function _delete!(h::Dict, index::Int64)
    slots = h.slots
    sz = length(slots)
    ndel = 1
    nxt = (index & (sz - 1)) + 1
    if isslotempty(h, nxt)
        while true
            ndel -= 1
            slots[index] = 0x00
            index = ((index - 2) & (sz - 1)) + 1
            isslotmissing(h, index) || break
        end
    else
        slots[index] = 0x7f
    end
    h.ndel += ndel
    h.count -= 1
    h.age += 0x0000000000000001
    return h
end
function delete!(h::Dict, key)
    index = ht_keyindex(h, key)
    index > 0 && _delete!(h, index)
    return h
end
function pop!(h::Dict, key)
    index = ht_keyindex(h, key)
    index < 0 && throw(KeyError(key))
    v = h.vals[index]
    _delete!(h, index)
    return v
end
function pop!(h::Dict, key, default)
    index = ht_keyindex(h, key)
    index < 0 && return default
    v = h.vals[index]
    _delete!(h, index)
    return v
end
function pop!(h::Dict)
    h.count == 0 && throw(ArgumentError("dict must be non-empty"))
    idx = skip_deleted(h, h.idxfloor)
    h.idxfloor = idx
    key = h.keys[idx]
    val = h.vals[idx]
    _delete!(h, idx)
    return key => val
end
function empty!(h::Dict)
    sz = length(h.slots)
    for i in 1:sz
        h.slots[i] = 0x00
    end
    h.ndel = 0
    h.count = 0
    h.maxprobe = 0
    h.age += 0x0000000000000001
    h.idxfloor = max(1, sz)
    return h
end

length(h::Dict) = h.count
isempty(h::Dict) = h.count == 0
keytype(::Dict{K, V}) where {K, V} = K
valtype(::Dict{K, V}) where {K, V} = V
eltype(::Dict{K, V}) where {K, V} = Pair{K, V}

function skip_deleted(h::Dict, i::Int64)
    L = length(h.slots)
    while i <= L
        isslotfilled(h, i) && return i
        i += 1
    end
    return 0
end
function iterate(h::Dict{K, V}, i::Int64=h.idxfloor) where {K, V}
    i = skip_deleted(h, i)
    i == 0 && return nothing
    return (Pair{K, V}(h.keys[i], h.vals[i]), i + 1)
end
pairs(h::Dict) = h

# `keys(d)` and `values(d)` iterate in the table's order (base/abstractdict.jl `KeySet`,
# `ValueIterator`), printed as vectors.
struct KeySet{K, D}
    dict::D
end
struct ValueIterator{V, D}
    dict::D
end
keys(h::Dict{K, V}) where {K, V} = KeySet{K, Dict{K, V}}(h)
values(h::Dict{K, V}) where {K, V} = ValueIterator{V, Dict{K, V}}(h)
length(k::Union{KeySet, ValueIterator}) = length(k.dict)
isempty(k::Union{KeySet, ValueIterator}) = isempty(k.dict)
eltype(::KeySet{K, D}) where {K, D} = K
eltype(::ValueIterator{V, D}) where {V, D} = V
function iterate(k::KeySet, i::Int64=k.dict.idxfloor)
    i = skip_deleted(k.dict, i)
    i == 0 && return nothing
    return (k.dict.keys[i], i + 1)
end
function iterate(v::ValueIterator, i::Int64=v.dict.idxfloor)
    i = skip_deleted(v.dict, i)
    i == 0 && return nothing
    return (v.dict.vals[i], i + 1)
end
in(x, k::KeySet) = haskey(k.dict, x)
collect(k::KeySet{K, D}) where {K, D} = collect(K, k)
collect(v::ValueIterator{V, D}) where {V, D} = collect(V, v)
collect(h::Dict{K, V}) where {K, V} = collect(Pair{K, V}, h)
show(io::IO, k::Union{KeySet, ValueIterator}) = show(io, collect(k))

# base/dict.jl `show(io, d::AbstractDict)`: `Dict(k => v, ...)`, with the type parameters
# when the key or value type is not one a literal would give.
# base/arrayshow.jl `typeinfo_implicit`: the runtime printer's rule.
_typeinfo_implicit(T) = Core._typeinfo_implicit(T)
function show(io::IO, d::Dict{K, V}) where {K, V}
    if !isempty(d) && _typeinfo_implicit(K) && _typeinfo_implicit(V)
        print(io, "Dict")
    else
        print(io, "Dict{", K, ", ", V, "}")
    end
    print(io, '(')
    first = true
    for p in d
        first || print(io, ", ")
        first = false
        show(io, p)
    end
    print(io, ')')
end

function merge!(d::Dict, others::Dict...)
    for other in others
        sizehint!(d, length(d) + length(other); shrink=false)
        for (k, v) in other
            d[k] = v
        end
    end
    return d
end
function merge(d::Dict{K, V}, others::Dict...) where {K, V}
    Kn = K
    Vn = V
    for o in others
        Kn = promote_type(Kn, keytype(o))
        Vn = promote_type(Vn, valtype(o))
    end
    out = Dict{Kn, Vn}()
    merge!(out, d)
    return merge!(out, others...)
end
function mergewith(combine, d::Dict{K, V}, other::Dict) where {K, V}
    out = copy(d)
    for (k, v) in other
        out[k] = haskey(out, k) ? combine(out[k], v) : v
    end
    return out
end
function filter(f, d::Dict{K, V}) where {K, V}
    out = Dict{K, V}()
    for p in d
        f(p) && (out[p.first] = p.second)
    end
    return out
end
function filter!(f, d::Dict)
    for i in 1:length(d.slots)
        if isslotfilled(d, i) && !f(Pair(d.keys[i], d.vals[i]))
            _delete!(d, i)
        end
    end
    return d
end
function ==(a::Dict, b::Dict)
    length(a) == length(b) || return false
    for (k, v) in a
        index = ht_keyindex(b, k)
        (index > 0 && b.vals[index] == v) || return false
    end
    return true
end
isless(p::Pair, q::Pair) = isequal(p.first, q.first) ? isless(p.second, q.second) : isless(p.first, q.first)

# ----- Set (base/set.jl, base/abstractset.jl) ---------------------------------------------------

abstract type AbstractSet{T} end
struct Set{T} <: AbstractSet{T}
    dict::Dict{T, Nothing}
end
# base/set.jl `_Set`: `Set{T}(itr)` takes any iterable, so the struct is made directly.
_Set(d::Dict{T, Nothing}) where {T} = Core._new(Set{T}, d)
Set{T}() where {T} = _Set(Dict{T, Nothing}())
function Set{T}(itr) where {T}
    s = Set{T}()
    union!(s, itr)
    return s
end
Set() = Set{Any}()
Set(itr) = Set{_iter_eltype(itr)}(itr)
Set(s::AbstractString) = Set{Char}(s)
_iter_eltype(v::Vector) = eltype(v)
_iter_eltype(r::Union{UnitRange{Int64}, StepRange{Int64, Int64}}) = Int64
_iter_eltype(s::Set{T}) where {T} = T
_iter_eltype(k::Union{KeySet, ValueIterator}) = eltype(k)
function _iter_eltype(itr)
    T = Union{}
    for x in itr
        T = T === Union{} ? typeof(x) : promote_typejoin(T, typeof(x))
    end
    return T === Union{} ? Any : T
end
function union!(s::Set, itr)
    _haslength(itr) && sizehint!(s.dict, length(s) + length(itr); shrink=false)
    for x in itr
        push!(s, x)
    end
    return s
end
push!(s::Set, x) = (s.dict[x] = nothing; s)
delete!(s::Set, x) = (delete!(s.dict, x); s)
in(x, s::Set) = haskey(s.dict, x)
length(s::Set) = length(s.dict)
isempty(s::Set) = isempty(s.dict)
empty!(s::Set) = (empty!(s.dict); s)
eltype(::Set{T}) where {T} = T
copy(s::Set{T}) where {T} = _Set(copy(s.dict))
function pop!(s::Set)
    p = pop!(s.dict)
    return p.first
end
function pop!(s::Set, x)
    haskey(s.dict, x) || throw(KeyError(x))
    delete!(s.dict, x)
    return x
end
function iterate(s::Set, i::Int64=s.dict.idxfloor)
    i = skip_deleted(s.dict, i)
    i == 0 && return nothing
    return (s.dict.keys[i], i + 1)
end
collect(s::Set{T}) where {T} = collect(T, s)
function show(io::IO, s::Set{T}) where {T}
    if isempty(s)
        print(io, "Set{", T, "}()")
    else
        print(io, "Set(")
        show(io, collect(s))
        print(io, ')')
    end
end
function ==(a::Set, b::Set)
    length(a) == length(b) || return false
    for x in a
        x in b || return false
    end
    return true
end
issubset(a, b) = all(x -> x in b, a)
const ⊆ = issubset
⊇(a, b) = issubset(b, a)
union(a::Set{T}, b) where {T} = union!(copy(a), b)
function intersect(a::Set{T}, b) where {T}
    out = Set{T}()
    for x in a
        x in b && push!(out, x)
    end
    return out
end
function setdiff(a::Set{T}, b) where {T}
    out = Set{T}()
    for x in a
        x in b || push!(out, x)
    end
    return out
end
setdiff!(a::Set, b) = (for x in b; delete!(a, x); end; a)
intersect!(a::Set, b) = (for x in collect(a); x in b || delete!(a, x); end; a)
const ∪ = union
const ∩ = intersect
