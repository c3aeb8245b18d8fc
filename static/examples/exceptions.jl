# Exceptions: `try`/`catch`/`finally` in compiled code. Errors raised anywhere below a `try`
# (a `throw`, a failed bounds check, a dynamic call with no method) unwind
# to its handler as wasm exceptions; `finally` runs on every way out.
struct Account
    balance::Float64
end

function withdraw(a::Account, amount)
    amount > a.balance && throw(ArgumentError("insufficient funds"))
    Account(a.balance - amount)
end

function try_withdraw(a, amount)
    try
        withdraw(a, amount)
    catch e
        println("refused: ", e.msg)
        a
    finally
        println("audit: asked for ", amount)
    end
end

a = Account(100.0)
a = try_withdraw(a, 30)
a = try_withdraw(a, 500)
println(a)

# Runtime errors are exceptions too; `e isa T` picks them apart.
for f in (() -> [1, 2, 3][4], () -> 1 ÷ 0, () -> sqrt("x"), () -> error("plain"))
    try
        f()
    catch e
        println(typeof(e), ": ", e isa ErrorException ? e.msg : "raised by the runtime")
    end
end

# `try` is an expression, and `rethrow` passes the exception on, as it is.
function strict_sqrt(x)
    try
        x < 0 && throw(DomainError(x, "negative"))
        sqrt(x)
    catch e
        println("logging a ", typeof(e))
        rethrow()
    end
end
r = try
    strict_sqrt(-4.0)
catch e
    e
end
println(r)

# An error nobody catches prints Julia's report with the callee frames.
check(x) = x > 0 ? x : error("x must be positive, got $x")
check(-5)

#= expect
audit: asked for 30
refused: insufficient funds
audit: asked for 500
Account(70.0)
BoundsError: raised by the runtime
DivideError: raised by the runtime
MethodError: raised by the runtime
ErrorException: plain
logging a DomainError
DomainError(-4.0, "negative")
--- stderr
ERROR: x must be positive, got -5
Stacktrace:
 [1] error
   @ Base prelude/base.jl:642 [inlined]
 [2] check(x::Int64)
   @ Main exceptions.jl:56
 [3] top-level scope
   @ exceptions.jl:57
=#
