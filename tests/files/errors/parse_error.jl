println("fine")
x = (1 +
y = f(x

#= expect
fine
--- stderr
ERROR: ParseError:
# Error @ parse_error.jl:3:8
x = (1 +
y = f(x
#      └ ── Expected `)`
=#
