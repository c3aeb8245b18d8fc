count_args(xs...) = length(xs)
println(count_args(), " ", count_args(1, 2, 3))

addall(x, rest...) = x + sum(rest)
println(addall(1, 2, 3, 4))

t = (10, 20)
plus(a, b) = a + b
println(plus(t...))

greet(name; greeting="Hello", punct="!") = string(greeting, ", ", name, punct)
println(greet("Ann"))
println(greet("Bob"; greeting="Hi"))
println(greet("Cy", punct="?"))

scale(x, factor=2) = x * factor
println(scale(5), " ", scale(5, 3))

#= expect
0 3
10
30
Hello, Ann!
Hi, Bob!
Hello, Cy?
10 15
=#
