# ----- Printf (the stdlib Printf: `@printf` and `@sprintf`) ----------------------------------------
#
# `@sprintf(fmt, args...)` lowers to `_sprintf(fmt, args...)` and `@printf([io,] fmt, args...)` to
# `print([io,] _sprintf(fmt, args...))` (lower's macros.rs). A directive is
# `%[flags][width][.precision][length]conversion` as C's printf has it: flags `-+ 0#`, length
# modifiers accepted and ignored, conversions `d i u x X o c s f F e E g G` and `%%`. Numbers are
# written as C writes them (the float digits by the runtime, `Core._format_float`), `Inf` and
# `NaN` as Julia's Printf writes them, `%s` as `print` writes its argument.

_printf_flag(c::Char) = (c == '-') | (c == '+') | (c == ' ') | (c == '0') | (c == '#')
_printf_length(c::Char) = (c == 'h') | (c == 'l') | (c == 'L') | (c == 'z') | (c == 'j') | (c == 't') | (c == 'q')
_printf_conv(c::Char) = c in "diuxXocsfFeEgG"

function _printf_count(fmt::String, cs::Vector{Char})
    n = 0
    i = 1
    while i <= length(cs)
        if cs[i] == '%'
            i += 1
            i <= length(cs) || throw(ArgumentError(string("invalid format string: '", fmt, "', incomplete format specifier")))
            if cs[i] != '%'
                n += 1
            end
        end
        i += 1
    end
    return n
end

function _sprintf(fmt::String, args...)
    cs = collect(fmt)
    nspecs = _printf_count(fmt, cs)
    nspecs == length(args) || throw(ArgumentError(string(
        "mismatch between # of format specifiers and provided args: ", length(args), " != ", nspecs)))
    parts = String[]
    i = 1
    k = 0
    n = length(cs)
    while i <= n
        c = cs[i]
        if c != '%'
            push!(parts, string(c))
            i += 1
            continue
        end
        i += 1
        if cs[i] == '%'
            push!(parts, "%")
            i += 1
            continue
        end
        left = false
        plus = false
        space = false
        zero = false
        alt = false
        while i <= n && _printf_flag(cs[i])
            f = cs[i]
            left |= f == '-'
            plus |= f == '+'
            space |= f == ' '
            zero |= f == '0'
            alt |= f == '#'
            i += 1
        end
        width = 0
        while i <= n && isdigit(cs[i])
            width = 10 * width + (cs[i] - '0')
            i += 1
        end
        prec = -1
        if i <= n && cs[i] == '.'
            i += 1
            prec = 0
            while i <= n && isdigit(cs[i])
                prec = 10 * prec + (cs[i] - '0')
                i += 1
            end
        end
        while i <= n && _printf_length(cs[i])
            i += 1
        end
        i <= n || throw(ArgumentError(string("invalid format string: '", fmt, "', incomplete format specifier")))
        conv = cs[i]
        _printf_conv(conv) || throw(ArgumentError(string("invalid format string: '", fmt, "', invalid type specifier: '", conv, "'")))
        i += 1
        k += 1
        sign, prefix, digits, numeric = _printf_one(conv, args[k], prec, plus, space, alt)
        push!(parts, _printf_pad(sign * prefix, digits, width, left, zero & numeric))
    end
    return join(parts)
end

function _printf_pad(lead::String, digits::String, width::Int, left::Bool, zero::Bool)
    pad = width - length(lead) - length(digits)
    pad <= 0 && return lead * digits
    left && return lead * digits * repeat(" ", pad)
    zero && return lead * repeat("0", pad) * digits
    return repeat(" ", pad) * lead * digits
end

_printf_sign(negative::Bool, plus::Bool, space::Bool) = negative ? "-" : plus ? "+" : space ? " " : ""

# (sign, prefix, digits, whether the `0` flag pads it).
function _printf_one(conv::Char, x, prec::Int, plus::Bool, space::Bool, alt::Bool)
    if conv == 's'
        s = string(x)
        return ("", "", prec >= 0 ? first(s, prec) : s, false)
    elseif conv == 'c'
        return ("", "", string(Char(x)), false)
    elseif conv in "feEgGF"
        v = Float64(x)
        sign = _printf_sign(signbit(v) & !isnan(v), plus, space)
        isfinite(v) || return (sign, "", isnan(v) ? "NaN" : "Inf", false)
        return (sign, "", Core._format_float(abs(v), Int(codepoint(conv)), prec < 0 ? 6 : prec, alt), true)
    end
    v = x isa Integer ? x : Int(x)
    base = conv == 'x' || conv == 'X' ? 16 : conv == 'o' ? 8 : 10
    digits = string(abs(v); base = base)
    if conv == 'X'
        digits = uppercase(digits)
    end
    if prec >= 0
        digits = lpad(digits, prec, '0')
    end
    prefix = !alt || v == 0 ? "" : conv == 'x' ? "0x" : conv == 'X' ? "0X" : conv == 'o' ? "0" : ""
    return (_printf_sign(v < 0, plus, space), prefix, digits, prec < 0)
end
