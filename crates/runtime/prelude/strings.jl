# Strings (base/strings/*.jl), loaded after base.jl: indexing by byte with Julia's
# `StringIndexError`, `SubString`, search, `split`/`join`/`replace`/`strip`, padding, `parse`.
# A `String` is UTF-8; its characters start at the bytes that are not continuation bytes
# (`0b10xxxxxx`), and `s[i]` at any other byte raises `StringIndexError`.

# ----- indices (base/strings/basic.jl, base/strings/string.jl) --------------------------------

ncodeunits(s::String) = Core._string_sizeof(s)
codeunit(s::String, i::Int64) = Core._string_codeunit(s, i)
codeunit(s::AbstractString) = UInt8
sizeof(s::String) = Core._string_sizeof(s)
firstindex(s::AbstractString) = 1
lastindex(s::AbstractString) = thisind(s, ncodeunits(s))
isvalid(s::AbstractString, i::Int64) = (1 <= i <= ncodeunits(s)) && (codeunit(s, i) & 0xc0) != 0x80
eachindex(s::AbstractString) = _string_indices(s)
keys(s::AbstractString) = _string_indices(s)
function _string_indices(s::AbstractString)
    v = Int64[]
    i = 1
    n = ncodeunits(s)
    while i <= n
        push!(v, i)
        i = nextind(s, i)
    end
    return v
end

struct StringIndexError <: Exception
    string::AbstractString
    index::Int64
end
string_index_err(s::AbstractString, i::Int64) = throw(StringIndexError(s, i))
function showerror(io::IO, exc::StringIndexError)
    s = exc.string
    print(io, "StringIndexError: ", "invalid index [", exc.index, "]")
    if 1 <= exc.index <= ncodeunits(s)
        iprev = thisind(s, exc.index)
        inext = nextind(s, iprev)
        print(io, ", valid nearby indices [", iprev, "]=>", repr(s[iprev]))
        if inext <= ncodeunits(s)
            print(io, ", [", inext, "]=>", repr(s[inext]))
        end
    end
end

function thisind(s::AbstractString, i::Int64)
    z = ncodeunits(s) + 1
    i == z && return i
    0 <= i <= z || throw(BoundsError(s, i))
    while 1 < i && !isvalid(s, i)
        i -= 1
    end
    return i
end
function nextind(s::AbstractString, i::Int64, n::Int64=1)
    z = ncodeunits(s)
    0 <= i <= z || throw(BoundsError(s, i))
    n == 0 && return thisind(s, i) == i ? i : string_index_err(s, i)
    while n > 0 && i < z
        i += 1
        n -= isvalid(s, i)
    end
    return i + n
end
function prevind(s::AbstractString, i::Int64, n::Int64=1)
    z = ncodeunits(s) + 1
    0 < i <= z || throw(BoundsError(s, i))
    n == 0 && return thisind(s, i) == i ? i : string_index_err(s, i)
    while n > 0 && 1 < i
        i -= 1
        n -= isvalid(s, i)
    end
    return i - n
end

function getindex(s::String, i::Int64)
    1 <= i <= ncodeunits(s) || throw(BoundsError(s, i))
    isvalid(s, i) || string_index_err(s, i)
    return getfield(Core._string_iterate(s, i), 1)
end
function getindex(s::String, r::UnitRange{Int64})
    i = first(r)
    j = last(r)
    j < i && return ""
    (1 <= i) & (j <= ncodeunits(s)) || throw(BoundsError(s, r))
    isvalid(s, i) || string_index_err(s, i)
    isvalid(s, j) || string_index_err(s, j)
    return Core._string_substr(s, i, nextind(s, j) - 1)
end
getindex(s::AbstractString, v::Vector{Int64}) = String([s[i] for i in v])
length(s::AbstractString) = _count_chars(s)
function _count_chars(s::AbstractString)
    n = 0
    for _ in s
        n += 1
    end
    return n
end
isempty(s::AbstractString) = ncodeunits(s) == 0
first(s::AbstractString) = s[1]
last(s::AbstractString) = s[lastindex(s)]
first(s::AbstractString, n::Int64) = s[1:min(ncodeunits(s), nextind(s, 0, n))]
function last(s::AbstractString, n::Int64)
    i = max(1, prevind(s, ncodeunits(s) + 1, n))
    return s[i:lastindex(s)]
end
collect(s::AbstractString) = Char[c for c in s]
String(v::Vector{Char}) = _string(v...)
String(s::String) = s
String(s::AbstractString) = _string(s)
string(s::String) = s
convert(::Type{String}, s::AbstractString) = String(s)
Symbol(s::String) = Core._symbol(s)
Symbol(s::AbstractString) = Core._symbol(String(s))
Symbol(x...) = Core._symbol(string(x...))

# ----- SubString (base/strings/substring.jl) ----------------------------------------------------

struct SubString{T<:AbstractString} <: AbstractString
    string::T
    offset::Int64
    ncodeunits::Int64
end
function SubString(s::String, i::Int64, j::Int64)
    j < i && return SubString{String}(s, 0, 0)
    (1 <= i) & (j <= ncodeunits(s)) || throw(BoundsError(s, i:j))
    isvalid(s, i) || string_index_err(s, i)
    isvalid(s, j) || string_index_err(s, j)
    return SubString{String}(s, i - 1, nextind(s, j) - i)
end
SubString(s::String, i::Int64) = SubString(s, i, lastindex(s))
SubString(s::String, r::UnitRange{Int64}) = SubString(s, first(r), last(r))
SubString(s::String) = SubString{String}(s, 0, ncodeunits(s))
SubString(s::SubString{String}, i::Int64, j::Int64) = SubString(String(s), i, j)
SubString(s::SubString{String}) = s
eltype(::Type{SubString{String}}) = Char
ncodeunits(s::SubString) = s.ncodeunits
codeunit(s::SubString, i::Int64) = codeunit(s.string, s.offset + i)
function iterate(s::SubString{String}, i::Int64=1)
    i > s.ncodeunits && return nothing
    cj = Core._string_iterate(s.string, s.offset + i)
    return (getfield(cj, 1), getfield(cj, 2) - s.offset)
end
String(s::SubString{String}) = Core._string_substr(s.string, s.offset + 1, s.offset + s.ncodeunits)
string(s::SubString{String}) = String(s)
getindex(s::SubString{String}, i::Int64) = String(s)[i]
getindex(s::SubString{String}, r::UnitRange{Int64}) = String(s)[r]
print(io::IO, s::SubString{String}) = write(io, String(s))
show(io::IO, s::SubString{String}) = write(io, repr(String(s)))
==(a::AbstractString, b::AbstractString) = String(a) === String(b)
hash(s::AbstractString, h::UInt64) = hash(String(s), h)

# ----- comparison (base/strings/basic.jl `cmp`) --------------------------------------------------

function cmp(a::String, b::String)
    na = ncodeunits(a)
    nb = ncodeunits(b)
    for i in 1:min(na, nb)
        x = codeunit(a, i)
        y = codeunit(b, i)
        x == y || return x < y ? -1 : 1
    end
    return na < nb ? -1 : na > nb ? 1 : 0
end
cmp(a::AbstractString, b::AbstractString) = cmp(String(a), String(b))
isless(a::AbstractString, b::AbstractString) = cmp(a, b) < 0
# base/strings/basic.jl compares a Symbol's name with `strcmp`: by bytes, as `cmp` above.
cmp(a::Symbol, b::Symbol) = cmp(string(a), string(b))
isless(a::Symbol, b::Symbol) = cmp(a, b) < 0
<(a::AbstractString, b::AbstractString) = cmp(a, b) < 0
<=(a::AbstractString, b::AbstractString) = cmp(a, b) <= 0
>(a::AbstractString, b::AbstractString) = cmp(a, b) > 0
>=(a::AbstractString, b::AbstractString) = cmp(a, b) >= 0

# ----- concatenation and repetition ------------------------------------------------------------

*(a::Union{AbstractString, Char}, b::Union{AbstractString, Char}) = _string(a, b)
*(a::Union{AbstractString, Char}, b::Union{AbstractString, Char}, c::Union{AbstractString, Char}) =
    _string(a, b, c)
*(a::Union{AbstractString, Char}, b::Union{AbstractString, Char}, cs::Union{AbstractString, Char}...) =
    _string(a, b, cs...)
repeat(s::AbstractString, n::Int64) = repeat(String(s), n)
repeat(c::Char, n::Int64) = repeat(_string(c), n)
^(c::Char, n::Int64) = repeat(c, n)
^(s::AbstractString, n::Int64) = repeat(String(s), n)
string(c::Char) = _string(c)
function join(itr, delim="")
    io = IOBuffer()
    first = true
    for x in itr
        first || print(io, delim)
        print(io, x)
        first = false
    end
    return String(io)
end
function join(itr, delim, last)
    io = IOBuffer()
    xs = collect(itr)
    n = length(xs)
    for i in 1:n
        i > 1 && print(io, i == n ? last : delim)
        print(io, xs[i])
    end
    return String(io)
end
reverse(s::AbstractString) = String(reverse(collect(s)))
uppercase(s::AbstractString) = String(map(uppercase, collect(s)))
lowercase(s::AbstractString) = String(map(lowercase, collect(s)))
function uppercasefirst(s::AbstractString)
    isempty(s) && return String(s)
    return _string(uppercase(s[1]), SubString(String(s), nextind(s, 1)))
end
function lowercasefirst(s::AbstractString)
    isempty(s) && return String(s)
    return _string(lowercase(s[1]), SubString(String(s), nextind(s, 1)))
end
function titlecase(s::AbstractString)
    out = Char[]
    start = true
    for c in s
        push!(out, start ? uppercase(c) : lowercase(c))
        start = !isletter(c)
    end
    return String(out)
end
isascii(s::AbstractString) = all(isascii, s)

# ----- search (base/strings/search.jl) -----------------------------------------------------------

_search(s::AbstractString, t::AbstractString, i::Int64) = Core._string_search(String(s), String(t), i)
function startswith(s::AbstractString, prefix::AbstractString)
    n = ncodeunits(prefix)
    n <= ncodeunits(s) || return false
    for i in 1:n
        codeunit(s, i) == codeunit(prefix, i) || return false
    end
    return true
end
function endswith(s::AbstractString, suffix::AbstractString)
    n = ncodeunits(suffix)
    m = ncodeunits(s)
    n <= m || return false
    for i in 1:n
        codeunit(s, m - n + i) == codeunit(suffix, i) || return false
    end
    return true
end
startswith(s::AbstractString, c::Char) = !isempty(s) && s[1] == c
endswith(s::AbstractString, c::Char) = !isempty(s) && last(s) == c
occursin(needle::AbstractString, s::AbstractString) = _search(s, needle, 1) != 0
occursin(c::Char, s::AbstractString) = c in s
contains(s::AbstractString, needle) = occursin(needle, s)
in(c::Char, s::AbstractString) = findfirst(isequal(c), s) !== nothing
function findnext(t::AbstractString, s::AbstractString, i::Int64)
    j = _search(s, t, i)
    j == 0 && return nothing
    return j:(j + ncodeunits(t) - 1)
end
findfirst(t::AbstractString, s::AbstractString) = findnext(t, s, 1)
function findlast(t::AbstractString, s::AbstractString)
    found = nothing
    i = 1
    while true
        r = findnext(t, s, i)
        r === nothing && return found
        found = r
        i = first(r) + 1
    end
end
function findnext(pred::Function, s::AbstractString, i::Int64)
    n = ncodeunits(s)
    while i <= n
        pred(s[i]) && return i
        i = nextind(s, i)
    end
    return nothing
end
findfirst(pred::Function, s::AbstractString) = findnext(pred, s, 1)
function findprev(pred::Function, s::AbstractString, i::Int64)
    while i >= 1
        pred(s[i]) && return i
        i = prevind(s, i)
    end
    return nothing
end
findlast(pred::Function, s::AbstractString) = findprev(pred, s, lastindex(s))
findnext(c::Char, s::AbstractString, i::Int64) = findnext(isequal(c), s, i)
findfirst(c::Char, s::AbstractString) = findnext(isequal(c), s, 1)
findlast(c::Char, s::AbstractString) = findprev(isequal(c), s, lastindex(s))
function findall(t::AbstractString, s::AbstractString)
    found = UnitRange{Int64}[]
    i = 1
    while true
        r = findnext(t, s, i)
        r === nothing && return found
        push!(found, r)
        i = last(r) + 1
    end
end
function count(t::AbstractString, s::AbstractString)
    n = 0
    i = 1
    while true
        r = findnext(t, s, i)
        r === nothing && return n
        n += 1
        i = last(r) + 1
    end
end

# ----- replace, split, strip, pad (base/strings/util.jl) ----------------------------------------

_replacement(rep::Union{AbstractString, Char}, found) = rep
_replacement(rep, found) = rep(found)
function replace(s::AbstractString, pat_rep::Pair; count::Integer=typemax(Int64))
    pat = pat_rep.first
    rep = pat_rep.second
    str = String(s)
    io = IOBuffer()
    i = 1
    n = ncodeunits(str)
    done = 0
    while done < count
        r = _find_pattern(pat, str, i)
        r === nothing && break
        a = first(r)
        b = last(r)
        print(io, Core._string_substr(str, i, a - 1))
        print(io, _replacement(rep, SubString(str, a, b)))
        if b < a
            # An empty match: keep the next character and search after it.
            a > n && (i = a; done += 1; break)
            print(io, str[a])
            i = nextind(str, a)
        else
            i = nextind(str, b)
        end
        done += 1
    end
    i <= n && print(io, Core._string_substr(str, i, n))
    return String(io)
end
function replace(s::AbstractString, p1::Pair, p2::Pair, ps::Pair...)
    str = String(s)
    pairs = (p1, p2, ps...)
    io = IOBuffer()
    i = 1
    n = ncodeunits(str)
    while i <= n
        matched = false
        for p in pairs
            r = _match_at(p.first, str, i)
            if r !== nothing
                print(io, _replacement(p.second, SubString(str, first(r), last(r))))
                i = nextind(str, last(r))
                matched = true
                break
            end
        end
        if !matched
            print(io, str[i])
            i = nextind(str, i)
        end
    end
    return String(io)
end
_find_pattern(pat::AbstractString, s::String, i::Int64) = findnext(pat, s, i)
function _find_pattern(pat, s::String, i::Int64)
    j = findnext(_char_predicate(pat), s, i)
    return j === nothing ? nothing : j:j
end
_char_predicate(c::Char) = isequal(c)
_char_predicate(f::Function) = f
_char_predicate(cs::Union{Tuple, Vector, AbstractString}) = in(cs)
function _match_at(pat::AbstractString, s::String, i::Int64)
    m = ncodeunits(pat)
    i + m - 1 <= ncodeunits(s) || return nothing
    for k in 1:m
        codeunit(s, i + k - 1) == codeunit(pat, k) || return nothing
    end
    return i:(i + m - 1)
end
_match_at(pat, s::String, i::Int64) = _char_predicate(pat)(s[i]) ? (i:i) : nothing

# base/strings/util.jl `_split`.
function split(s::AbstractString, delim; limit::Integer=0, keepempty::Bool=true)
    str = String(s)
    parts = SubString{String}[]
    i = 1
    n = lastindex(str)
    r = _find_pattern(delim, str, 1)
    if r !== nothing
        j = first(r)
        k = nextind(str, last(r))
        while 0 < j <= n && length(parts) != limit - 1
            if i < k
                (keepempty || i < j) && push!(parts, SubString(str, i, prevind(str, j)))
                i = k
            end
            k <= j && (k = nextind(str, j))
            r = _find_pattern(delim, str, k)
            r === nothing && break
            j = first(r)
            k = nextind(str, last(r))
        end
    end
    (keepempty || i <= ncodeunits(str)) && push!(parts, SubString(str, i))
    return parts
end
split(s::AbstractString; limit::Integer=0, keepempty::Bool=false) =
    split(s, isspace; limit=limit, keepempty=keepempty)
function rsplit(s::AbstractString, delim; limit::Integer=0, keepempty::Bool=true)
    limit == 0 && return split(s, delim; keepempty=keepempty)
    parts = split(s, delim; keepempty=keepempty)
    length(parts) <= limit && return parts
    str = String(s)
    head = join(parts[1:(length(parts) - limit + 1)], delim)
    return vcat([SubString(head)], parts[(length(parts) - limit + 2):end])
end

_default_strip(c::Char) = isspace(c)
function lstrip(pred, s::AbstractString)
    str = String(s)
    n = ncodeunits(str)
    i = 1
    while i <= n && pred(str[i])
        i = nextind(str, i)
    end
    return SubString(str, i, n)
end
function rstrip(pred, s::AbstractString)
    str = String(s)
    j = lastindex(str)
    while j >= 1 && pred(str[j])
        j = prevind(str, j)
    end
    return SubString(str, 1, j)
end
strip(pred, s::AbstractString) = rstrip(pred, lstrip(pred, s))
lstrip(s::AbstractString) = lstrip(_default_strip, s)
rstrip(s::AbstractString) = rstrip(_default_strip, s)
strip(s::AbstractString) = strip(_default_strip, s)
lstrip(s::AbstractString, chars) = lstrip(_char_predicate(chars), s)
rstrip(s::AbstractString, chars) = rstrip(_char_predicate(chars), s)
strip(s::AbstractString, chars) = strip(_char_predicate(chars), s)
function chomp(s::AbstractString)
    str = String(s)
    endswith(str, "\r\n") && return SubString(str, 1, ncodeunits(str) - 2)
    endswith(str, "\n") && return SubString(str, 1, ncodeunits(str) - 1)
    return SubString(str)
end
function chop(s::AbstractString; head::Integer=0, tail::Integer=1)
    str = String(s)
    isempty(str) && return SubString(str)
    return SubString(str, nextind(str, 1, head), prevind(str, lastindex(str), tail))
end
# base/strings/unicode.jl `textwidth`: the columns a character takes in a terminal (utf8proc's
# width: 2 for East Asian wide and fullwidth characters and emoji, 0 for controls, combining
# marks and zero-width spaces), and a string's sum of them. Approximated by the main blocks.
function textwidth(c::Char)
    u = codepoint(c)
    (u < 0x20 || 0x7f <= u < 0xa0) && return 0
    if (0x0300 <= u <= 0x036f) || (0x1ab0 <= u <= 0x1aff) || (0x1dc0 <= u <= 0x1dff) ||
       (0x20d0 <= u <= 0x20ff) || (0xfe20 <= u <= 0xfe2f) || (0x200b <= u <= 0x200f)
        return 0
    end
    if (0x1100 <= u <= 0x115f) || (0x2e80 <= u <= 0x303e) || (0x3041 <= u <= 0x33ff) ||
       (0x3400 <= u <= 0x4dbf) || (0x4e00 <= u <= 0x9fff) || (0xa000 <= u <= 0xa4cf) ||
       (0xac00 <= u <= 0xd7a3) || (0xf900 <= u <= 0xfaff) || (0xfe30 <= u <= 0xfe4f) ||
       (0xff00 <= u <= 0xff60) || (0xffe0 <= u <= 0xffe6) || (0x1f300 <= u <= 0x1f64f) ||
       (0x1f900 <= u <= 0x1f9ff) || (0x20000 <= u <= 0x2fffd) || (0x30000 <= u <= 0x3fffd)
        return 2
    end
    return 1
end
function textwidth(s::AbstractString)
    n = 0
    for c in s
        n += textwidth(c)
    end
    return n
end

function lpad(s, n::Integer, p::Union{AbstractString, Char}=' ')
    str = string(s)
    m = n - textwidth(str)
    m <= 0 && return str
    pad = string(p)
    k = length(pad)
    return _string(repeat(pad, div(m, k)), first(pad, rem(m, k)), str)
end
function rpad(s, n::Integer, p::Union{AbstractString, Char}=' ')
    str = string(s)
    m = n - textwidth(str)
    m <= 0 && return str
    pad = string(p)
    k = length(pad)
    return _string(str, repeat(pad, div(m, k)), first(pad, rem(m, k)))
end

# ----- numbers to strings and back (base/intfuncs.jl `string(n; base, pad)`, base/parse.jl) ----

function string(n::Integer; base::Integer=10, pad::Integer=1)
    2 <= base <= 62 || throw(ArgumentError(string("base must be ≥ 2 and ≤ 62, got ", base)))
    neg = n < 0
    x = neg ? -widen(n) : widen(n)
    b = oftype(x, base)
    bytes = UInt8[]
    while x != 0
        d = Int64(rem(x, b))
        push!(bytes, UInt8(d < 10 ? 48 + d : d < 36 ? 87 + d : 29 + d))
        x = div(x, b)
    end
    while length(bytes) < pad
        push!(bytes, 0x30)
    end
    neg && push!(bytes, 0x2d)
    return Core._string_from_codeunits(reverse!(bytes))
end
bitstring(n::Integer) = string(reinterpret_unsigned(n); base=2, pad=8 * sizeof(n))
reinterpret_unsigned(n::Unsigned) = n
reinterpret_unsigned(n::Int64) = bitcast(UInt64, n)
reinterpret_unsigned(n::Signed) = unsigned(n)
function digits(n::Integer; base::Integer=10, pad::Integer=1)
    v = Int64[]
    x = abs(n)
    while x != 0
        push!(v, Int64(rem(x, base)))
        x = div(x, base)
    end
    while length(v) < pad
        push!(v, 0)
    end
    return v
end
ndigits(n::Integer; base::Integer=10) = max(length(digits(n; base=base)), 1)

function _digit_value_byte(u::UInt8)
    (0x30 <= u <= 0x39) && return Int64(u) - 48
    (0x61 <= u <= 0x7a) && return Int64(u) - 87
    (0x41 <= u <= 0x5a) && return Int64(u) - 55
    return 99
end
function _digit_value(c::Char)
    '0' <= c <= '9' && return Int64(c) - Int64('0')
    'a' <= c <= 'z' && return Int64(c) - Int64('a') + 10
    'A' <= c <= 'Z' && return Int64(c) - Int64('A') + 10
    return 99
end
# base/parse.jl `tryparse_internal`: surrounding whitespace, a sign, a `0x`/`0o`/`0b` prefix
# when no base is given; `raise` says whether a malformed input throws or gives `nothing`.
function _parse_int(::Type{T}, s::AbstractString, base::Integer, given::Bool, raise::Bool) where {T<:Integer}
    str = String(s)
    n = ncodeunits(str)
    i = 1
    while i <= n && isspace(str[i])
        i = nextind(str, i)
    end
    if i > n
        raise && throw(ArgumentError("input string is empty or only contains whitespace"))
        return nothing
    end
    neg = false
    c = str[i]
    if c == '-' || c == '+'
        neg = c == '-'
        i += 1
    end
    if !given && i + 1 <= n && str[i] == '0'
        p = str[i + 1]
        base = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : base
        base != 10 && (i += 2)
    end
    if i > n
        raise && throw(ArgumentError(string("premature end of integer: ", repr(str))))
        return nothing
    end
    if neg && T <: Unsigned
        raise && throw(ArgumentError(string("invalid base ", base, " digit '-' in ", repr(str))))
        return nothing
    end
    x = zero(T)
    b = T(base)
    limit = neg ? typemin(T) : typemax(T)
    while i <= n
        u = codeunit(str, i)
        # An ASCII digit or letter: its value from the byte (no `Char` to build).
        if (u < 0x80) & (u > 0x20)
            d = _digit_value_byte(u)
            if d >= base
                raise && throw(ArgumentError(string("invalid base ", base, " digit ", repr(str[i]), " in ", repr(str))))
                return nothing
            end
            ok, x = _push_digit(x, T(d), b, neg, limit)
            ok || return _parse_overflow(str, raise)
            i += 1
            continue
        end
        c = str[i]
        if isspace(c)
            j = i
            while j <= n && isspace(str[j])
                j = nextind(str, j)
            end
            if j <= n
                raise && throw(ArgumentError(string("extra characters after whitespace in ", repr(str))))
                return nothing
            end
            break
        end
        d = _digit_value(c)
        if d >= base
            raise && throw(ArgumentError(string("invalid base ", base, " digit ", repr(c), " in ", repr(str))))
            return nothing
        end
        ok, x = _push_digit(x, T(d), b, neg, limit)
        ok || return _parse_overflow(str, raise)
        i = nextind(str, i)
    end
    return x
end
# `(true, x * b ± d)`, or `(false, x)` when that passes `limit` (`typemin` for a negative
# number).
function _push_digit(x::T, d::T, b::T, neg::Bool, limit::T) where {T}
    if neg
        x < div(limit + d, b) && return (false, x)
        return (true, x * b - d)
    end
    x > div(limit - d, b) && return (false, x)
    return (true, x * b + d)
end
function _parse_overflow(str::String, raise::Bool)
    raise && throw(OverflowError(string("overflow parsing ", repr(str))))
    return nothing
end
parse(::Type{T}, s::AbstractString; base::Integer=10) where {T<:Integer} =
    _parse_int(T, s, base, base != 10, true)
tryparse(::Type{T}, s::AbstractString; base::Integer=10) where {T<:Integer} =
    _parse_int(T, s, base, base != 10, false)
function parse(::Type{Float64}, s::AbstractString)
    x = Core._parse_float(String(s))
    x === nothing && throw(ArgumentError(string("cannot parse ", repr(String(s)), " as Float64")))
    return x
end
tryparse(::Type{Float64}, s::AbstractString) = Core._parse_float(String(s))
parse(::Type{Float32}, s::AbstractString) = Float32(parse(Float64, s))
function tryparse(::Type{Float32}, s::AbstractString)
    x = tryparse(Float64, s)
    return x === nothing ? nothing : Float32(x)
end
function parse(::Type{Bool}, s::AbstractString)
    t = strip(s)
    t == "true" && return true
    t == "false" && return false
    return parse(Int64, s) != 0
end

_print_string(x) = sprint(print, x)
String(v::Vector{UInt8}) = Core._string_from_codeunits(v)
codeunits(s::AbstractString) = UInt8[codeunit(s, i) for i in 1:ncodeunits(s)]
