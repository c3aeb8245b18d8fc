# try/catch/finally: handlers in compiled code catch errors raised at any depth (a throw, a
# failed check, a dynamic call, a stack overflow); `finally` runs on every way out; `rethrow`
# and `try` as an expression.
function f(x)
    try
        x > 0 || error("negative: $x")
        sqrt(x)
    catch e
        println("caught: ", e.msg)
        -1.0
    end
end
println(f(4.0))
println(f(-1.0))
r = try
    [1,2,3][5]
catch e
    e
end
println(r)
println(typeof(r))
function g(n)
    s = 0
    for i in 1:n
        try
            i % 3 == 0 && throw(DomainError(i))
            s += i
        catch err
            s -= 100
        finally
            s += 1000
        end
    end
    s
end
println(g(7))
function h()
    try
        return 1
    finally
        println("finally runs")
    end
end
println(h())
try
    error("boom")
catch
    println("caught without a name")
end
x = try
    div(1, 0)
catch e
    e isa DivideError
end
println(x)
function k()
    try
        try
            error("inner")
        catch e
            println("inner caught ", e.msg)
            rethrow()
        end
    catch e2
        println("outer caught ", e2.msg)
    end
end
k()
# runtime errors caught from depth, through dynamic calls
struct Box1; x::Any; end
f1(b) = b.x + 1
function safe(b)
    try
        f1(b)
    catch e
        string(typeof(e))
    end
end
println(safe(Box1(1)))
println(safe(Box1("a")))
deep(n) = n == 0 ? error("bottom") : deep(n - 1) + 1
println(try deep(100) catch e; e.msg end)
rec(n) = rec(n + 1) + 1
println(try rec(1) catch e; typeof(e) end)
v = Any[1, "two", 3.0]
for x in v
    try
        println(x + 1)
    catch e
        println("MethodError? ", e isa MethodError)
    end
end
function withloop()
    out = Int[]
    for i in 1:5
        try
            i == 2 && continue
            i == 4 && break
            push!(out, i)
        finally
            push!(out, 10i)
        end
    end
    out
end
println(withloop())
e = try; throw(42); catch ex; ex; end
println(e)
println(try; Int64(2.5); catch ex; ex; end)
function nested_finally()
    try
        try
            error("x")
        finally
            println("inner finally")
        end
    catch e
        println("outer catch: ", e.msg)
    finally
        println("outer finally")
    end
end
nested_finally()
y = 10
try
    global y = 20
    error("z")
catch
end
println(y)
function undefvar()
    try
        return undefined_thing + 1
    catch e
        return e.var
    end
end
println(undefvar())
# The value of a variable assigned in the `try` before the error is what the handler sees.
function progress()
    stage = 0
    try
        stage = 1
        stage = 2
        error("at stage 2")
        stage = 3
    catch
        return stage
    end
end
println(progress())
println(current_exceptions())
println(try rethrow() catch e; e.msg end)

#= expect
2.0
caught: negative: -1.0
-1.0
BoundsError([1, 2, 3], (5,))
BoundsError
6819
finally runs
1
caught without a name
true
inner caught inner
outer caught inner
2
MethodError
bottom
StackOverflowError
2
MethodError? true
4.0
[1, 10, 20, 3, 30, 40]
42
InexactError(:Int64, Int64, 2.5)
inner finally
outer catch: x
outer finally
20
undefined_thing
2
Any[]
rethrow() not allowed outside a catch block
=#
