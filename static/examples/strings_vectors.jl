# Strings with interpolation, vectors and tuples, printed the way Julia prints them.
name = "invokelab"
n = length(name)
println("Hello, $name! ($n letters)")

v = Float64[]
push!(v, 1.5)
push!(v, 2.25)
push!(v, 0.1 + 0.2)
println(v)
println(length(v), " ", v[2])

words = ["a", "b"]
println(words)

t = (1, 2.0, "three", :four)
println(t)
println(t[3])

s = string(1, " + ", 2.5, " = ", 1 + 2.5)
println(s)
println(1.0e20, " ", 1.0e-5, " ", 100000.0, " ", 1/3)

#= expect
Hello, invokelab! (9 letters)
[1.5, 2.25, 0.30000000000000004]
3 2.25
["a", "b"]
(1, 2.0, "three", :four)
three
1 + 2.5 = 3.5
1.0e20 1.0e-5 100000.0 0.3333333333333333
=#
