# Broadcasting (base/broadcast.jl, base/refvalue.jl), loaded after collections.jl. Lowering
# turns `f.(a, b)`, `a .+ b` and their nesting into a lazy tree of `broadcasted(f, args...)`
# (crates/lower broadcast.rs); `materialize` evaluates it element by element, fused, into a
# vector (a tuple when only tuples and scalars take part, the value itself when only
# scalars do); `materialize!(x, tree)` is `x .= ...`. Vectors, ranges and tuples are
# one-dimensional; a length-1 one stretches; numbers, strings, chars, symbols, types,
# functions and `Ref`s are scalars. Integer ranges shifted or scaled by an integer stay ranges,
# as Julia's `broadcasted` methods for ranges return them.

abstract type Ref{T} end
mutable struct RefValue{T} <: Ref{T}
    x::T
end
Ref(x) = RefValue(x)
Ref{T}(x) where {T} = RefValue{T}(x)
getindex(r::RefValue) = r.x
setindex!(r::RefValue, v) = (r.x = v; r)

struct DimensionMismatch <: Exception
    msg::String
end
showerror(io::IO, e::DimensionMismatch) = print(io, "DimensionMismatch: ", e.msg)

struct Broadcasted{F, A}
    f::F
    args::A
end
broadcasted(f, args...) = Broadcasted(f, args)

# `v[inds] .= x` writes into those elements of `v` (base/broadcast.jl `dotview`).
struct _IndexView{A}
    parent::A
    indices::Vector{Int64}
end
_dotview(v::Vector, i::Int64) = _IndexView(v, [i])
_dotview(v::Vector, r::Union{UnitRange{Int64}, StepRange{Int64, Int64}, Vector{Int64}}) = _IndexView(v, collect(r))
_dotview(v::Vector, mask::Vector{Bool}) = _IndexView(v, findall(mask))
length(iv::_IndexView) = length(iv.indices)
getindex(iv::_IndexView, k::Int64) = iv.parent[iv.indices[k]]
setindex!(iv::_IndexView, x, k::Int64) = (iv.parent[iv.indices[k]] = x; iv)

# Ranges stay ranges (base/broadcast.jl's `broadcasted` methods on `AbstractRange`).
broadcasted(::typeof(+), r::UnitRange{Int64}, x::Int64) = (first(r) + x):(last(r) + x)
broadcasted(::typeof(+), x::Int64, r::UnitRange{Int64}) = (x + first(r)):(x + last(r))
broadcasted(::typeof(-), r::UnitRange{Int64}, x::Int64) = (first(r) - x):(last(r) - x)
broadcasted(::typeof(-), x::Int64, r::UnitRange{Int64}) = (x - first(r)):-1:(x - last(r))
broadcasted(::typeof(-), r::UnitRange{Int64}) = (-first(r)):-1:(-last(r))
broadcasted(::typeof(+), r::StepRange{Int64, Int64}, x::Int64) = (first(r) + x):step(r):(last(r) + x)
broadcasted(::typeof(+), x::Int64, r::StepRange{Int64, Int64}) = (x + first(r)):step(r):(x + last(r))
broadcasted(::typeof(-), r::StepRange{Int64, Int64}, x::Int64) = (first(r) - x):step(r):(last(r) - x)
broadcasted(::typeof(-), r::StepRange{Int64, Int64}) = (-first(r)):(-step(r)):(-last(r))
function broadcasted(::typeof(*), x::Int64, r::Union{UnitRange{Int64}, StepRange{Int64, Int64}})
    x == 0 && return Broadcasted(*, (x, r))
    isempty(r) && return Broadcasted(*, (x, r))
    return (x * first(r)):(x * step(r)):(x * last(r))
end
broadcasted(::typeof(*), r::Union{UnitRange{Int64}, StepRange{Int64, Int64}}, x::Int64) = broadcasted(*, x, r)

# What an argument is to broadcasting: a collection of some length (-1 for a scalar).
_bc_length(x) = -1
_bc_length(x::Union{Vector, AbstractRange, Tuple, _IndexView}) = length(x)
_bc_length(x::AbstractString) = -1
function _bc_length(bc::Broadcasted)
    n = -1
    for a in bc.args
        n = _bc_combine(n, _bc_length(a))
    end
    return n
end
function _bc_combine(a::Int64, b::Int64)
    (a == -1 || a == b) && return b
    (b == -1) && return a
    a == 1 && return b
    b == 1 && return a
    throw(DimensionMismatch(string("arrays could not be broadcast to a common size; got a dimension with lengths ",
        a, " and ", b)))
end
# Whether any argument is a vector or range (else the result of tuples is a tuple).
_bc_array(x) = false
_bc_array(x::Union{Vector, AbstractRange, _IndexView}) = true
_bc_array(bc::Broadcasted) = any(_bc_array, bc.args)
# base/broadcast.jl `broadcastable`: iterators are collected first, `Ref`s are unwrapped.
_bc_prepare(x) = x
_bc_prepare(x::Union{Generator, Filter, Enumerate, Zip, Set, KeySet, ValueIterator}) = collect(x)
_bc_prepare(x::Dict) = throw(ArgumentError("broadcasting over dictionaries and `NamedTuple`s is reserved"))
_bc_prepare(bc::Broadcasted) = Broadcasted(bc.f, map(_bc_prepare, bc.args))

_bc_get(x, i::Int64) = x
_bc_get(r::RefValue, i::Int64) = r.x
_bc_get(x::Union{Vector, AbstractRange, Tuple, _IndexView}, i::Int64) = length(x) == 1 ? x[1] : x[i]
_bc_get(bc::Broadcasted, i::Int64) = _bc_call(bc.f, bc.args, i)
_bc_call(f, args::Tuple{Any}, i::Int64) = f(_bc_get(getfield(args, 1), i))
_bc_call(f, args::Tuple{Any, Any}, i::Int64) = f(_bc_get(getfield(args, 1), i), _bc_get(getfield(args, 2), i))
_bc_call(f, args::Tuple{Any, Any, Any}, i::Int64) =
    f(_bc_get(getfield(args, 1), i), _bc_get(getfield(args, 2), i), _bc_get(getfield(args, 3), i))
_bc_call(f, args::Tuple, i::Int64) = f(map(a -> _bc_get(a, i), args)...)

materialize(x) = x
function materialize(bc::Broadcasted)
    bc = _bc_prepare(bc)
    n = _bc_length(bc)
    n == -1 && return _bc_call(bc.f, bc.args, 1)
    if !_bc_array(bc)
        return Core.tuple(Any[_bc_call(bc.f, bc.args, i) for i in 1:n]...)
    end
    n == 0 && return _vector_new(_bc_eltype(bc))
    y = _bc_call(bc.f, bc.args, 1)
    T = typeof(y)
    return _bc_rest!(_vector_new(T, y), T, bc, 2, n)
end
# base/broadcast.jl `copyto_nonleaf!`: the element type widens (`promote_typejoin`) when a
# result does not fit, in a new call specialized on the wider vector.
function _bc_rest!(out, T, bc::Broadcasted, i::Int64, n::Int64)
    while i <= n
        y = _bc_call(bc.f, bc.args, i)
        if !(y isa T)
            wider = _widen_push(out, T, y)
            return _bc_rest!(wider, eltype(wider), bc, i + 1, n)
        end
        push!(out, y)
        i += 1
    end
    return out
end
# The element type of an empty broadcast: what inference says `f` returns for the arguments'
# element types (Julia's `combine_eltypes`).
_bc_argtype(x) = typeof(x)
_bc_argtype(r::RefValue) = typeof(r.x)
_bc_argtype(x::Union{Vector, AbstractRange, Tuple}) = eltype(x)
_bc_argtype(bc::Broadcasted) = _bc_eltype(bc)
function _bc_eltype(bc::Broadcasted)
    types = Core.tuple(map(_bc_argtype, bc.args)...)
    T = Union{}
    for t in _return_types(bc.f, types)
        T = T === Union{} ? t : typejoin(T, t)
    end
    return T === Union{} ? Any : T
end

function _materialize_into!(dest, bc::Broadcasted)
    bc = _bc_prepare(bc)
    n = length(dest)
    m = _bc_length(bc)
    (m == -1 || m == n || m == 1) || _bc_combine(n, m)
    for i in 1:n
        dest[i] = _bc_call(bc.f, bc.args, i)
    end
    return dest
end
materialize!(dest, bc::Broadcasted) = _materialize_into!(dest, bc)
materialize!(dest::_IndexView, bc::Broadcasted) = (_materialize_into!(dest, bc); dest.parent)
materialize!(dest, x) = materialize!(dest, Broadcasted(identity, (x,)))

-(r::UnitRange{Int64}) = (-first(r)):-1:(-last(r))
-(r::StepRange{Int64, Int64}) = (-first(r)):(-step(r)):(-last(r))

# ----- vector arithmetic (base/arraymath.jl) ----------------------------------------------------
# `a + b` and `a - b` of two vectors of one length, a vector times or over a number, and `-v`
# are their broadcasts (ranges keep their own `-` and stay ranges under a number, as the
# broadcasts above keep them).

function _same_axes(a::AbstractVector, b::AbstractVector)
    length(a) == length(b) || throw(DimensionMismatch(string("dimensions must match: a has dims (Base.OneTo(",
        length(a), "),), b has dims (Base.OneTo(", length(b), "),), mismatch at 1")))
    return nothing
end
+(a::AbstractVector, b::AbstractVector) = (_same_axes(a, b); a .+ b)
-(a::AbstractVector, b::AbstractVector) = (_same_axes(a, b); a .- b)
-(a::Vector) = .-a
*(x::Number, a::AbstractVector) = x .* a
*(a::AbstractVector, x::Number) = a .* x
/(a::AbstractVector, x::Number) = a ./ x

# ----- matrix arithmetic (base/arraymath.jl; LinearAlgebra's `*`) --------------------------------
# Elementwise `+` and `-` of matrices of one size, a matrix times or over a number, and the
# matrix product (accumulated in Julia's order for the 2×2 and 3×3 kernels: each entry the sum
# of its products left to right).

function _same_axes(a::Matrix, b::Matrix)
    size(a) == size(b) && return nothing
    mismatch = size(a, 1) == size(b, 1) ? 2 : 1
    throw(DimensionMismatch(string("dimensions must match: a has dims (Base.OneTo(", size(a, 1),
        "), Base.OneTo(", size(a, 2), ")), b has dims (Base.OneTo(", size(b, 1), "), Base.OneTo(",
        size(b, 2), ")), mismatch at ", mismatch)))
end
+(a::Matrix, b::Matrix) = (_same_axes(a, b); _matrix(a.data .+ b.data, a.nrows, a.ncols))
-(a::Matrix, b::Matrix) = (_same_axes(a, b); _matrix(a.data .- b.data, a.nrows, a.ncols))
-(a::Matrix) = _matrix(.-a.data, a.nrows, a.ncols)
*(x::Number, a::Matrix) = _matrix(x .* a.data, a.nrows, a.ncols)
*(a::Matrix, x::Number) = _matrix(a.data .* x, a.nrows, a.ncols)
/(a::Matrix, x::Number) = _matrix(a.data ./ x, a.nrows, a.ncols)
function *(a::Matrix, b::Matrix)
    size(a, 2) == size(b, 1) || throw(DimensionMismatch(string("matrix A has axes (Base.OneTo(", size(a, 1),
        "),Base.OneTo(", size(a, 2), ")), matrix B has axes (Base.OneTo(", size(b, 1), "),Base.OneTo(",
        size(b, 2), "))")))
    m, p, n = size(a, 1), size(a, 2), size(b, 2)
    T = promote_type(eltype(a), eltype(b))
    data = Vector{T}(undef, m * n)
    for j in 1:n
        for i in 1:m
            s = a.data[i] * b.data[(j - 1) * p + 1]
            for k in 2:p
                s += a.data[(k - 1) * m + i] * b.data[(j - 1) * p + k]
            end
            data[(j - 1) * m + i] = s
        end
    end
    return _matrix(data, m, n)
end
function *(a::Matrix, v::Vector)
    size(a, 2) == length(v) || throw(DimensionMismatch(string("matrix A has axes (Base.OneTo(", size(a, 1),
        "),Base.OneTo(", size(a, 2), ")), vector B has axes (Base.OneTo(", length(v), "),)")))
    m, p = size(a, 1), size(a, 2)
    T = promote_type(eltype(a), eltype(v))
    out = Vector{T}(undef, m)
    for i in 1:m
        s = a.data[i] * v[1]
        for k in 2:p
            s += a.data[(k - 1) * m + i] * v[k]
        end
        out[i] = s
    end
    return out
end
