# A handler that rethrows reads no token of its `try`: the `try` must still restore the
# shadow stack and the call depth when it catches (its `enter` is never removed), so what
# runs after a caught deep recursion and a rethrow finds memory intact.
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
println(strict_sqrt(16.0))
depth(n) = depth(n + 1) + 1
x = try
    depth(1)
catch e
    typeof(e)
end
println("x is ", x)
words = map(i -> string("w", i), 1:3)
println(words, " ", length(words))
function many(n)
    caught = 0
    for i in 1:n
        try
            i % 2 == 0 && error("even")
        catch
            caught += 1
        end
    end
    caught
end
println(many(100000))

#= expect
logging a DomainError
DomainError(-4.0, "negative")
4.0
x is StackOverflowError
["w1", "w2", "w3"] 3
50000
=#
