# The `Test` standard library (stdlib/Test/src/Test.jl), loaded after collections.jl. The
# macros (`@test`, `@test_throws`, `@test_broken`, `@test_skip`, `@testset`) are lowered to
# calls of these functions (crates/lower test_macros.rs). Outside a test set a failure prints
# its report and throws (Julia's `FallbackTestSet`); inside one it is recorded, and the
# outermost set prints Julia's summary table and throws `TestSetException` if anything failed.

struct _TestResult
    kind::Symbol          # :pass, :fail, :error, :broken
    test_type::Symbol     # :test, :test_throws, :test_throws_wrong, :test_throws_nothing,
                          # :test_nonbool, :test_error, :test_unbroken, :nontest_error, :skipped
    orig_expr::String
    data::String          # `Evaluated:`, the expected exception, or the error's report
    value::String
    source::String
end
mutable struct _TestSet
    description::String
    results::Vector{Any}
    n_passed::Int64
    anynonpass::Bool
    verbose::Bool
    showtiming::Bool
    time_start::Int64
    time_end::Int64
end
# The open test sets, innermost last (a global: constants here are immutable values).
_testsets = Core._vector_new(_TestSet)

struct FallbackTestSetException <: Exception
    msg::String
end
showerror(io::IO, e::FallbackTestSetException) = print(io, e.msg)
# Julia shows these two without a stack trace.
showerror(io::IO, e::FallbackTestSetException, bt) = showerror(io, e)
struct TestSetException <: Exception
    pass::Int64
    fail::Int64
    error::Int64
    broken::Int64
end
function showerror(io::IO, e::TestSetException)
    print(io, "Some tests did not pass: ", e.pass, " passed, ", e.fail, " failed, ", e.error, " errored, ",
        e.broken, " broken.")
end
showerror(io::IO, e::TestSetException, bt) = showerror(io, e)

function show(io::IO, t::_TestResult)
    if t.kind === :pass
        print(io, "Test Passed")
        t.test_type === :test_throws && print(io, "\n      Thrown: ", t.value)
    elseif t.kind === :fail
        print(io, "Test Failed at ", t.source, "\n")
        print(io, "  Expression: ", t.orig_expr)
        if t.test_type === :test_throws_wrong
            print(io, "\n    Expected: ", t.data, "\n      Thrown: ", t.value)
        elseif t.test_type === :test_throws_nothing
            print(io, "\n    Expected: ", t.data, "\n  No exception thrown")
        elseif !isempty(t.data) && t.data != t.orig_expr
            print(io, "\n   Evaluated: ", t.data)
        end
    elseif t.kind === :error
        print(io, "Error During Test at ", t.source, "\n")
        if t.test_type === :test_nonbool
            println(io, "  Expression evaluated to non-Boolean")
            println(io, "  Expression: ", t.orig_expr)
            print(io, "       Value: ", t.value)
        elseif t.test_type === :test_error
            println(io, "  Test threw exception")
            println(io, "  Expression: ", t.orig_expr)
            print(io, _indent_lines(t.data, "  "))
        elseif t.test_type === :test_unbroken
            println(io, " Unexpected Pass")
            println(io, " Expression: ", t.orig_expr)
            println(io, " Got correct result, please change to @test if no longer broken.")
        else
            println(io, "  Got exception outside of a @test")
            print(io, _indent_lines(t.data, "  "))
        end
    else
        print(io, "Test Broken\n")
        print(io, t.test_type === :skipped ? "  Skipped: " : "  Expression: ", t.orig_expr)
    end
end
_indent_lines(text::String, prefix::String) = join([string(prefix, l) for l in split(text, "\n") if !isempty(l)], "\n")

# What an exception thrown by a test prints: its message (Julia adds the stack trace, whose
# frames here would not be Julia's).
_error_report(e) = sprint(showerror, e)

function _test_record(t::_TestResult)
    if isempty(_testsets)
        t.kind === :fail || t.kind === :error || return t
        println(t)
        throw(FallbackTestSetException("There was an error during testing"))
    end
    ts = _testsets[end]
    if t.kind === :pass
        ts.n_passed += 1
        return t
    end
    if t.kind === :fail || t.kind === :error
        println()
        print(ts.description, ": ")
        print(t)
        t.kind === :fail && print("\nStacktrace:\n [1] top-level scope\n   @ ", t.source)
        println()
    end
    push!(ts.results, t)
    return t
end

# `Evaluated:` of a call: the callee as written and its arguments' values (base/show.jl shows
# the values inside the expression with `show`).
function _test_evaluated(labels, f, args, names, vals)
    callee = getfield(labels, 1)
    syntax = getfield(labels, 2)
    if syntax == "infix" && length(args) == 2 && isempty(names)
        return string(repr(args[1]), " ", callee, " ", repr(args[2]))
    elseif syntax == "unary" && length(args) == 1 && isempty(names)
        return string(callee, repr(args[1]))
    end
    io = IOBuffer()
    print(io, callee, "(")
    first = true
    for a in args
        first || print(io, ", ")
        print(io, repr(a))
        first = false
    end
    for i in 1:length(names)
        first || print(io, ", ")
        print(io, names[i], " = ", repr(vals[i]))
        first = false
    end
    print(io, ")")
    return String(io)
end

function _test(thunk, shape::Int64, labels, text::String, src::String, mode::Symbol)
    if mode === :skip
        return _test_record(_TestResult(:broken, :skipped, text, "", "", src))
    end
    local value
    local data = ""
    try
        if shape == 1
            parts = thunk()
            f, args, names, vals = parts
            data = _test_evaluated(labels, f, args, names, vals)
            value = isempty(names) ? f(args...) : Core.kwcall(names, vals, f, args...)
        elseif shape == 2
            ops, operands = thunk()
            io = IOBuffer()
            value = true
            print(io, repr(operands[1]))
            for i in 1:length(ops)
                print(io, " ", labels[i], " ", repr(operands[i + 1]))
                value = value && ops[i](operands[i], operands[i + 1])
            end
            data = String(io)
        else
            value = thunk()
        end
    catch e
        mode === :broken && return _test_record(_TestResult(:broken, :test, text, "", "", src))
        return _test_record(_TestResult(:error, :test_error, text, _error_report(e), "", src))
    end
    if !(value isa Bool)
        return _test_record(_TestResult(:error, :test_nonbool, text, data, repr(value), src))
    end
    if mode === :broken
        value && return _test_record(_TestResult(:error, :test_unbroken, text, data, "", src))
        return _test_record(_TestResult(:broken, :test, text, data, "", src))
    end
    return _test_record(_TestResult(value ? :pass : :fail, :test, text, data, "", src))
end

function _test_throws(expected, thunk, text::String, src::String)
    try
        thunk()
    catch e
        ok = expected isa Type ? e isa expected :
            expected isa AbstractString ? sprint(showerror, e) == expected : isequal(e, expected)
        ok && return _test_record(_TestResult(:pass, :test_throws, text, "", string(typeof(e)), src))
        return _test_record(_TestResult(:fail, :test_throws_wrong, text, sprint(show, expected), sprint(show, e), src))
    end
    return _test_record(_TestResult(:fail, :test_throws_nothing, text, sprint(show, expected), "", src))
end

function _testset_begin(description, verbose::Bool, showtiming::Bool)
    push!(_testsets, _TestSet(string(description), Any[], 0, false, verbose, showtiming, Core._time_ns(), 0))
    return nothing
end
function _testset_error(e, src::String)
    e isa TestSetException && isempty(_testsets) && throw(e)
    _test_record(_TestResult(:error, :nontest_error, "", _error_report(e), "", src))
    return nothing
end
function _testset_end()
    ts = pop!(_testsets)
    ts.time_end = Core._time_ns()
    if !isempty(_testsets)
        push!(_testsets[end].results, ts)
        return ts
    end
    passes, fails, errors, broken = _test_counts(ts)
    _print_test_results(ts)
    if fails + errors > 0
        throw(TestSetException(passes, fails, errors, broken))
    end
    return ts
end

# (passes, fails, errors, broken) of a set and the sets inside it.
function _test_counts(ts::_TestSet)
    p = ts.n_passed
    f = 0
    e = 0
    b = 0
    for t in ts.results
        if t isa _TestSet
            cp, cf, ce, cb = _test_counts(t)
            p += cp
            f += cf
            e += ce
            b += cb
        else
            t.kind === :fail && (f += 1)
            t.kind === :error && (e += 1)
            t.kind === :broken && (b += 1)
        end
    end
    ts.anynonpass = f + e > 0
    return (p, f, e, b)
end
function _format_duration(ts::_TestSet)
    dur_s = (ts.time_end - ts.time_start) / 1e9
    dur_s < 60 && return string(round(dur_s; digits=1), "s")
    m, s = divrem(dur_s, 60)
    return string(round(Int, m), "m", lpad(string(round(s; digits=1)), 4, "0"), "s")
end
function _test_alignment(ts::_TestSet, depth::Int64)
    width = 2 * depth + length(ts.description)
    (!ts.verbose && !ts.anynonpass) && return width
    for t in ts.results
        t isa _TestSet && (width = max(width, _test_alignment(t, depth + 1)))
    end
    return width
end
# base Test.jl `print_test_results` and `print_counts`.
function _print_test_results(ts::_TestSet)
    passes, fails, errors, broken = _test_counts(ts)
    total = passes + fails + errors + broken
    width(n, header) = n > 0 ? max(length(header), ndigits(n)) : 0
    pass_width = width(passes, "Pass")
    fail_width = width(fails, "Fail")
    error_width = width(errors, "Error")
    broken_width = width(broken, "Broken")
    total_width = max(length("Total"), total > 0 ? ndigits(total) : 0)
    duration = _format_duration(ts)
    duration_width = max(length("Time"), length(duration))
    align = max(_test_alignment(ts, 0), length("Test Summary:"))
    print(rpad("Test Summary:", align, " "), " |", " ")
    pass_width > 0 && print(lpad("Pass", pass_width, " "), "  ")
    fail_width > 0 && print(lpad("Fail", fail_width, " "), "  ")
    error_width > 0 && print(lpad("Error", error_width, " "), "  ")
    broken_width > 0 && print(lpad("Broken", broken_width, " "), "  ")
    print(lpad("Total", total_width, " "), "  ")
    ts.showtiming && print(lpad("Time", duration_width, " "))
    println()
    widths = (pass_width, fail_width, error_width, broken_width, total_width, duration_width)
    _print_counts(ts, 0, align, widths, ts.showtiming)
end
function _print_counts(ts::_TestSet, depth::Int64, align::Int64, widths, showtiming::Bool)
    passes, fails, errors, broken = _test_counts(ts)
    subtotal = passes + fails + errors + broken
    print(rpad(string("  "^depth, ts.description), align, " "), " | ")
    counts = (passes, fails, errors, broken)
    for i in 1:4
        n = counts[i]
        if n > 0
            print(lpad(string(n), widths[i], " "), "  ")
        elseif widths[i] > 0
            print(lpad(" ", widths[i], " "), "  ")
        end
    end
    print(lpad(string(subtotal), widths[5], " "), "  ")
    showtiming && print(lpad(_format_duration(ts), widths[6], " "))
    println()
    if passes + broken != subtotal || ts.verbose
        for t in ts.results
            t isa _TestSet && _print_counts(t, depth + 1, align, widths, ts.showtiming)
        end
    end
end
