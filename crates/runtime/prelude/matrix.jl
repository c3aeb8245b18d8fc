# Two-dimensional arrays (base/array.jl, base/iterators.jl, base/arrayshow.jl), loaded after
# ranges.jl: `Matrix{T}` (column-major, Julia's `Array{T, 2}`), what a comprehension over two
# iterators makes (`[f(x, y) for x in a, y in b]`, `x` along the rows), and the iterators
# comprehensions use: `_product` (Julia's `Iterators.product`) and `_Flatten` (nested `for`
# clauses, `Iterators.flatten`).

abstract type AbstractMatrix{T} <: AbstractArray{T} end
mutable struct Matrix{T} <: AbstractMatrix{T}
    data::Vector{T}
    nrows::Int64
    ncols::Int64
end
_matrix(data::Vector{T}, m::Int64, n::Int64) where {T} = Matrix{T}(data, m, n)
Matrix{T}(::UndefInitializer, m::Integer, n::Integer) where {T} = _matrix(resize!(_vector_new(T), m * n), m, n)
zeros(m::Int64, n::Int64) = _matrix(fill(0.0, m * n), m, n)
ones(m::Int64, n::Int64) = _matrix(fill(1.0, m * n), m, n)
zeros(::Type{T}, m::Int64, n::Int64) where {T} = _matrix(fill(zero(T), m * n), m, n)
ones(::Type{T}, m::Int64, n::Int64) where {T} = _matrix(fill(one(T), m * n), m, n)
fill(x, m::Int64, n::Int64) = _matrix(fill(x, m * n), m, n)
function reshape(v::Vector, m::Int64, n::Int64)
    length(v) == m * n || throw(DimensionMismatch(string("new dimensions (", m, ", ", n, ") must be consistent with array size ", length(v))))
    return _matrix(v, m, n)
end
reshape(v::Vector, dims::Tuple{Int64, Int64}) = reshape(v, dims[1], dims[2])
vec(M::Matrix) = copy(M.data)
size(M::Matrix) = (M.nrows, M.ncols)
size(M::Matrix, d::Integer) = d == 1 ? M.nrows : d == 2 ? M.ncols : 1
length(M::Matrix) = M.nrows * M.ncols
isempty(M::Matrix) = length(M) == 0
ndims(M::Matrix) = 2
axes(M::Matrix) = (1:M.nrows, 1:M.ncols)
axes(M::Matrix, d::Integer) = 1:size(M, d)
eltype(::Matrix{T}) where {T} = T
eachindex(M::Matrix) = 1:length(M)
function getindex(M::Matrix, i::Integer, j::Integer)
    ((1 <= i <= M.nrows) & (1 <= j <= M.ncols)) || throw(BoundsError(M, (i, j)))
    return M.data[(j - 1) * M.nrows + i]
end
getindex(M::Matrix, k::Integer) = M.data[k]
function setindex!(M::Matrix, x, i::Integer, j::Integer)
    ((1 <= i <= M.nrows) & (1 <= j <= M.ncols)) || throw(BoundsError(M, (i, j)))
    M.data[(j - 1) * M.nrows + i] = x
    return M
end
setindex!(M::Matrix, x, k::Integer) = (M.data[k] = x; M)
getindex(M::Matrix, i::Integer, c::UnitRange{Int64}) = [M[i, j] for j in c]
getindex(M::Matrix, r::UnitRange{Int64}, j::Integer) = [M[i, j] for i in r]
iterate(M::Matrix, k::Int64=1) = k > length(M) ? nothing : (M.data[k], k + 1)
copy(M::Matrix) = _matrix(copy(M.data), M.nrows, M.ncols)
==(A::Matrix, B::Matrix) = size(A) == size(B) && A.data == B.data
collect(M::Matrix) = copy(M)
function permutedims(M::Matrix)
    out = Matrix{eltype(M)}(undef, M.ncols, M.nrows)
    for i in 1:M.nrows, j in 1:M.ncols
        out[j, i] = M[i, j]
    end
    return out
end
transpose(M::Matrix) = permutedims(M)
map(f, M::Matrix) = _matrix(map(f, M.data), M.nrows, M.ncols)
# base/arrayshow.jl `show(io, ::AbstractMatrix)`: `[1 2; 3 4]`, the element type first unless
# a literal would give it.
function show(io::IO, M::Matrix{T}) where {T}
    if isempty(M)
        print(io, "Matrix{", T, "}(undef, ", M.nrows, ", ", M.ncols, ")")
        return
    end
    _typeinfo_implicit(T) || print(io, T)
    print(io, "[")
    for i in 1:M.nrows
        i > 1 && print(io, "; ")
        for j in 1:M.ncols
            j > 1 && print(io, " ")
            print(io, _show_elem(M[i, j]))
        end
    end
    print(io, "]")
end
_show_elem(x) = repr(x)
_show_elem(x::Bool) = x ? "1" : "0"

# `Iterators.product(a, b)` of two iterables: tuples `(x, y)`, `x` fastest.
struct _Product{A, B}
    a::A
    b::B
end
_product(a, b) = _Product(collect(a), collect(b))
length(p::_Product) = length(p.a) * length(p.b)
function iterate(p::_Product, k::Int64=1)
    n = length(p.a)
    k > n * length(p.b) && return nothing
    return ((p.a[(k - 1) % n + 1], p.b[div(k - 1, n) + 1]), k + 1)
end
collect(g::Generator{I, F}) where {I<:_Product, F} = _collect_product(g)
function _collect_product(g)
    m = length(g.iter.a)
    n = length(g.iter.b)
    v = m * n == 0 ? _vector_new(Any) : _collect_iter(g)
    return _matrix(v, m, n)
end

# `Iterators.flatten`: the elements of each iterable an iterable yields, in order.
struct _Flatten{I}
    it::I
end
function _flatten_next(f::_Flatten, o)
    while o !== nothing
        inner = getfield(o, 1)
        y = iterate(inner)
        y !== nothing && return (getfield(y, 1), (getfield(o, 2), inner, getfield(y, 2)))
        o = iterate(f.it, getfield(o, 2))
    end
    return nothing
end
iterate(f::_Flatten) = _flatten_next(f, iterate(f.it))
function iterate(f::_Flatten, s)
    y = iterate(getfield(s, 2), getfield(s, 3))
    y !== nothing && return (getfield(y, 1), (getfield(s, 1), getfield(s, 2), getfield(y, 2)))
    return _flatten_next(f, iterate(f.it, getfield(s, 1)))
end
collect(f::_Flatten) = _collect_iter(f)

# base/abstractarray.jl: the concatenations the brackets write, `[a b]` (`hcat`), `[a; b]`
# (`vcat`) and `[a b; c d]` (`hvcat`, the rows' lengths first), of numbers (promoted to one
# type, as `[a, b]` promotes) and of vectors (as columns, or one after the other).
vcat(xs::Number...) = [xs...]
function vcat(xs...)
    elements = Any[]
    for x in xs
        if x isa AbstractVector
            append!(elements, x)
        else
            push!(elements, x)
        end
    end
    return [elements...]
end
vcat(vs::Vector{T}...) where {T} = _vcat_same(T, vs)
function _vcat_same(T, vs)
    out = T[]
    for v in vs
        append!(out, v)
    end
    return out
end
hcat(xs::Number...) = _matrix([xs...], 1, length(xs))
function hcat(vs::Vector...)
    m = length(vs[1])
    for v in vs
        length(v) == m || throw(DimensionMismatch(string("number of rows of each array must match (got ",
            _dims_text(map(length, vs)), ")")))
    end
    return _matrix(vcat(vs...), m, length(vs))
end
_dims_text(ns) = length(ns) == 1 ? string("(", ns[1], ",)") : string(ns)
function hvcat(rows::Tuple, xs::Number...)
    nr = length(rows)
    nc = rows[1]
    values = [xs...]
    nr * nc == length(values) || throw(ArgumentError(string(
        "argument count does not match specified shape (expected ", nr * nc, ", got ", length(values), ")")))
    data = similar(values)
    for i in 1:nr
        nc == rows[i] || throw(DimensionMismatch(string(
            "row ", i, " has mismatched number of columns (expected ", nc, ", got ", rows[i], ")")))
        for j in 1:nc
            data[(j - 1) * nr + i] = values[(i - 1) * nc + j]
        end
    end
    return _matrix(data, nr, nc)
end
