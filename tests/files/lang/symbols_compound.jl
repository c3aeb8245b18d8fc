s = :hello
println(s, " ", typeof(s), " ", s === :hello, " ", repr(s))
mutable struct Acc
    total::Float64
end
a = Acc(1)
a.total += 2.5
a.total *= 2
println(a.total)
v = [1, 2, 3]
v[2] += 10
v[3] *= v[2]
println(v)
n = 7
n -= 2; n ÷= 2; n ^= 3
println(n)

#= expect
hello Symbol true :hello
7.0
[1, 12, 36]
8
=#
