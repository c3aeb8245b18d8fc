# What `display(x)` prints when a script runs (base/multimedia.jl's `TextDisplay` on stdout):
# `x`'s `text/plain` form and a newline. That form is `show`'s, except for the collections
# (base/arrayshow.jl `print_matrix`, base/show.jl for dicts and sets): a summary line, then one
# row per element (per matrix row), numbers right-aligned on their decimal point, other values
# left-aligned. A script's display is not limited to the terminal's size (only the REPL sets
# `:limit`), so nothing is elided. `MIME` types are not modelled: `_show_text_plain(io, x)` is
# what `show(io, MIME"text/plain"(), x)` would be.

display(x) = (_show_text_plain(stdout, x); println(stdout); nothing)
display(io::IO, x) = (_show_text_plain(io, x); println(io); nothing)

_show_text_plain(io::IO, x) = show(io, x)
function _show_text_plain(io::IO, f::Function)
    n = length(methods(f))
    print(io, f, " (generic function with ", n, n == 1 ? " method)" : " methods)")
end

# base/show.jl `summary`: what a collection is, for the first line of its display.
summary(x) = sprint(summary, x)
summary(io::IO, x) = print(io, typeof(x))
summary(io::IO, v::AbstractVector) = print(io, length(v), "-element ", typeof(v))
summary(io::IO, M::Matrix) = print(io, size(M, 1), "×", size(M, 2), " ", typeof(M))
function summary(io::IO, d::Dict)
    n = length(d)
    print(io, typeof(d), " with ", n, n == 1 ? " entry" : " entries")
end
function summary(io::IO, s::Set)
    n = length(s)
    print(io, typeof(s), " with ", n, n == 1 ? " element" : " elements")
end

# base/arrayshow.jl `alignment`: the widths of an element's text left and right of where
# its column aligns: a real number's decimal point (or exponent), an integer's end, and the
# start of anything else.
_alignment(s::String, x) = (0, length(s))
_alignment(s::String, x::Number) = (length(s), 0)
function _alignment(s::String, x::Real)
    cs = collect(s)
    for i in 1:length(cs)
        c = cs[i]
        if c == '.' || c == 'e' || c == 'E' || c == 'f' || c == 'F'
            return (i - 1, length(cs) - i + 1)
        end
    end
    return (length(cs), 0)
end
_alignment(s::String, x::Integer) = (length(s), 0)

# The text of one element of a collection whose element type is `T` (`:typeinfo`): a Bool as
# 1 or 0 and a Float32 without its `f0` when `T` says what they are; `:compact` (six
# significant digits for floats) in a matrix of more than one column.
_element_text(x, T, compact::Bool) = sprint(show, x)
_element_text(x::Bool, T, compact::Bool) = T === Bool ? (x ? "1" : "0") : sprint(show, x)
_element_text(x::Float32, T, compact::Bool) = T === Float32 ? sprint(print, x) : sprint(show, x)
function _element_text(x::Float64, T, compact::Bool)
    compact || return sprint(show, x)
    (isnan(x) || isinf(x) || x == 0) && return sprint(show, x)
    # Julia's compact form is the shortest one of at most six significant digits, in
    # scientific notation where `%g` would use it.
    s = _sprintf("%.6g", x)
    mantissa, exponent = s, ""
    for i in 1:length(s)
        if s[i] == 'e'
            mantissa, exponent = s[1:i-1], s[i+1:end]
            break
        end
    end
    occursin('.', mantissa) || (mantissa = string(mantissa, ".0"))
    exponent == "" && return mantissa
    e = parse(Int, exponent)
    return string(mantissa, "e", e)
end

function _print_matrix_rows(io::IO, rows::Int, cols::Int, at, T, compact::Bool)
    # Column by column, as a matrix is stored: element `k` is row `i` of column `j`.
    texts = String[]
    lefts = Int[]
    rights = Int[]
    widths = [(0, 0) for j in 1:cols]
    for j in 1:cols
        for i in 1:rows
            x = at(i, j)
            t = _element_text(x, T, compact)
            a = _alignment(t, x)
            push!(texts, t)
            push!(lefts, a[1])
            push!(rights, a[2])
            widths[j] = (max(widths[j][1], a[1]), max(widths[j][2], a[2]))
        end
    end
    for i in 1:rows
        print(io, "\n ")
        for j in 1:cols
            k = (j - 1) * rows + i
            print(io, " "^(widths[j][1] - lefts[k]), texts[k])
            if j < cols
                print(io, " "^(widths[j][2] - rights[k]), "  ")
            end
        end
    end
end

function _show_text_plain(io::IO, v::Vector)
    isempty(v) && return show(io, v)
    summary(io, v)
    print(io, ":")
    _print_matrix_rows(io, length(v), 1, (i, j) -> v[i], eltype(v), false)
end

function _show_text_plain(io::IO, M::Matrix)
    summary(io, M)
    isempty(M) && return
    print(io, ":")
    _print_matrix_rows(io, size(M, 1), size(M, 2), (i, j) -> M[i, j], eltype(M), size(M, 2) > 1)
end

function _show_text_plain(io::IO, d::Dict{K, V}) where {K, V}
    isempty(d) && return show(io, d)
    summary(io, d)
    print(io, ":")
    keys_text = String[]
    values_text = String[]
    for (k, v) in d
        push!(keys_text, _element_text(k, K, false))
        push!(values_text, _element_text(v, V, false))
    end
    width = maximum(textwidth, keys_text)
    for i in 1:length(keys_text)
        print(io, "\n  ", rpad(keys_text[i], width), " => ", values_text[i])
    end
end

function _show_text_plain(io::IO, s::Set{T}) where {T}
    isempty(s) && return show(io, s)
    summary(io, s)
    print(io, ":")
    for x in s
        print(io, "\n  ", _element_text(x, T, false))
    end
end

# base/logging/ConsoleLogger.jl: how the default logger prints `@info`, `@warn` and `@error`
# (`level` 0, 1000, 2000) on standard error. The message's lines, then each `key = value`
# (a value of several lines under its key), in a box drawn down the left; a warning or error
# ends with where it came from. Values show as `display` shows them, without the logger's
# limit to the terminal's height (long vectors are not elided).
function _log(level::Int64, message, mod::String, source::String, keys::Tuple, values...)
    lines = Tuple{Int64, String}[]
    for l in split(chomp(string(message)), '\n')
        push!(lines, (0, String(l)))
    end
    for i in 1:length(keys)
        text = sprint(_show_log_value, values[i])
        vlines = split(text, '\n')
        if length(vlines) == 1
            push!(lines, (2, string(keys[i], " = ", vlines[1])))
        else
            push!(lines, (2, string(keys[i], " =")))
            for v in vlines
                push!(lines, (3, String(v)))
            end
        end
    end
    prefix = level >= 2000 ? "Error:" : level >= 1000 ? "Warning:" : "Info:"
    suffix = level >= 1000 ? string("@ ", mod, " ", source) : ""
    # The logger right-justifies the location on the last line when it fits in no width
    # (`right_justify = 0`): it always gets a line of its own.
    suffix == "" || push!(lines, (0, ""))
    io = IOBuffer()
    n = length(lines)
    for i in 1:n
        indent, msg = lines[i]
        print(io, n == 1 ? "[ " : i == 1 ? "┌ " : i < n ? "│ " : "└ ")
        i == 1 && print(io, prefix, " ")
        print(io, " "^indent, msg)
        i == n && print(io, suffix)
        print(io, "\n")
    end
    write(stderr, String(io))
    return nothing
end
_show_log_value(io::IO, x) = _show_text_plain(io, x)
_show_log_value(io::IO, e::Exception) = showerror(io, e)
