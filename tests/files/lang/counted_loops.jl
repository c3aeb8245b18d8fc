# Loops that run a known number of iterations (codegen charges them on entry: counted.rs),
# at the edges of their ranges, next to loops that are not counted.
function up_to(a, n)
    s = 0
    for i in a:n
        s += i
    end
    s
end

function below(i, n)
    k = 0
    while i < n
        k += 1
        i += 1
    end
    k
end

function reversed(i, n)
    k = 0
    while n >= i
        k += 2
        i = 1 + i
    end
    k
end

function branchy(n)
    evens = 0
    odds = 0
    i = 0
    while i < n
        if i % 2 == 0
            evens += i
        else
            odds += i
        end
        i += 1
    end
    (evens, odds)
end

function nested(n)
    s = 0.0
    for i in 1:n
        for j in i:n
            s += i / j
        end
    end
    s
end

function countdown(n)
    s = 0
    while n > 0
        s += n
        n -= 1
    end
    s
end

function first_square_above(x)
    i = 0
    while i < 100 && i * i <= x
        i += 1
    end
    i
end

println(up_to(1, 100))
println(up_to(5, 4))
println(up_to(-3, 3))
println(below(0, 10), " ", below(10, 0), " ", below(typemax(Int) - 3, typemax(Int)))
println(below(typemin(Int), typemin(Int) + 2))
println(reversed(1, 5), " ", reversed(7, 5), " ", reversed(typemax(Int) - 1, typemax(Int) - 1))
println(branchy(10))
println(nested(20))
println(countdown(100))
println(first_square_above(50), " ", first_square_above(100000))

#= expect
5050
0
0
10 0 3
2
10 0 2
(20, 25)
114.99999999999999
5050
8 100
=#
