t = (1, "a", 2.5)
println(t, " ", length(t), " ", t[2])
println((1,), " ", ())
a, b = (5, 6)
println(a + b)
swap(x, y) = (y, x)
println(swap(1, 2))

#= expect
(1, "a", 2.5) 3 a
(1,) ()
11
(2, 1)
=#
