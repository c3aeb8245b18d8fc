# `@info`, `@warn` and `@error` print as Julia's default logger does, on standard error
# (base/logging/ConsoleLogger.jl): the message in a box drawn down the left, each
# `key = value` under it (a value of several lines as `display` shows it), and for warnings
# and errors where they came from. `@debug` is below the default level: nothing is printed
# and its arguments are not evaluated. `stderr` is an `IO` like `stdout`.
x = 1
@info "hello"
@info "with values" x y = 2 x + 1
@warn "careful"
function f(v)
    @error "bad thing" v
    @debug "hidden" error("never evaluated")
    return length(v)
end
println(f([1, 2]))
@info "two\nlines"
@info 42
n = 3
@info "interpolated $n"
println(stderr, "to stderr")
print(stderr, "no newline")
println("stdout")
@warn "value" e = ErrorException("boom") s = "text"

#= expect
2
stdout
--- stderr
[ Info: hello
┌ Info: with values
│   x = 1
│   y = 2
└   x + 1 = 2
┌ Warning: careful
└ @ Main logging.jl:9
┌ Error: bad thing
│   v =
│    2-element Vector{Int64}:
│     1
│     2
└ @ Main logging.jl:11
┌ Info: two
└ lines
[ Info: 42
[ Info: interpolated 3
to stderr
no newline┌ Warning: value
│   e = boom
│   s = "text"
└ @ Main logging.jl:23
=#
