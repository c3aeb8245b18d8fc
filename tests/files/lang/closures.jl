# Anonymous functions and closures, lowered as Julia lowers them: a struct of the captured
# variables with a call method; a captured variable assigned after it is captured is shared
# through a `Core.Box`.
inc = x -> x + 1
sub = (a, b) -> a - b
answer = () -> 42
sq = function (x)
    x^2
end
println(inc(2), " ", sub(10, 3), " ", answer(), " ", sq(4))

make_adder(n) = x -> x + n
add5 = make_adder(5)
println(add5(10), " ", make_adder(1.5)(1))

function scale(v, k)
    map(x -> x * k, v)
end
println(scale([1, 2, 3], 10))
println(map(x -> x > 1 ? 1.5 : 1, [1, 2, 3]))
println(filter(x -> x % 2 == 0, [1, 2, 3, 4, 5, 6]))
println(map(x -> x^2, 1:5))
foreach(x -> println("item ", x), ["a", "b"])

function counter()
    n = 0
    bump() = (n += 1)
    bump()
    bump()
    n
end
println(counter())

function make_counter()
    count = 0
    () -> (count += 1)
end
c = make_counter()
c()
c()
println(c())

function fact(n)
    f(k) = k <= 1 ? 1 : k * f(k - 1)
    f(n)
end
println(fact(10))

adders = []
for i in 1:3
    push!(adders, x -> x + i)
end
for f in adders
    print(f(10), " ")
end
println()

h = let a = 5
    y -> y * a
end
println(h(3))

nargs = (xs...) -> length(xs)
println(nargs(1, 2, 3), " ", nargs())
double = (x::Int) -> 2x
println(double(21))

function collect_into(v)
    add!(x) = push!(v, x)
    add!(1)
    add!(2)
    v
end
println(collect_into(Int[]))

function shadow(x)
    g = x -> x * 2
    g(x + 1)
end
println(shadow(4))

function twice(f, x)
    f(f(x))
end
println(twice(x -> x * 3, 2))

squares = map([1, 2, 3]) do x
    x * x
end
println(squares)
foreach([4, 5]) do x
    println("got ", x)
end
println(twice(2) do x
    x + 100
end)

#= expect
3 7 42 16
15 2.5
[10, 20, 30]
Real[1, 1.5, 1.5]
[2, 4, 6]
[1, 4, 9, 16, 25]
item a
item b
2
3
3628800
11 12 13 
15
3 0
42
[1, 2]
10
18
[1, 4, 9]
got 4
got 5
202
=#
