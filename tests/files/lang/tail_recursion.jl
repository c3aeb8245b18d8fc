# Recursions whose last call is combined with an integer `+`, `*`, `|`, `&` or `xor`: the
# optimizer runs that call as an iteration of a loop (pass `tailrec`), which must not change a
# result (wrapping included) or the order of effects, on either engine.
fib(n) = n < 2 ? n : fib(n - 1) + fib(n - 2)
trib(n) = n < 3 ? 1 : trib(n - 1) + trib(n - 2) + trib(n - 3)
wraps(n) = n < 1 ? 7 : wraps(n - 1) * 3 * wraps(n - 2)
mix(n) = n < 1 ? n + 5 : xor(mix(n - 1), mix(n - 2) + n, mix(n - 3))
orrec(n) = n < 1 ? n + 7 : (orrec(n - 1) * 2) | orrec(n - 2)
andrec(n) = n < 1 ? n - 9 : (andrec(n - 1) + 3) & andrec(n - 2)
two(x, y) = x < 2 ? x + y : two(x - 1, y + 1) + two(x - 2, y - x)

function walk(n)
    n < 1 && return n
    left = walk(n - 1)
    print(n, " ")
    return left + n + walk(n - 2)
end

println(fib(20))
println(trib(15))
println(wraps(20))
println(mix(12))
println(orrec(12), " ", andrec(12))
println(two(14, 3))
println(walk(5))

#= expect
6765
4063
-6608771217260472961
10
32767 -15
-12480
1 2 3 1 4 1 2 5 1 2 3 1 21
=#
