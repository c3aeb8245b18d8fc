a = true
b = false
println(a && b, " ", a || b, " ", !a, " ", a === true, " ", 1 !== 2)
f(x) = x > 0 && x < 10
println(f(5), " ", f(-1), " ", f(20))
println(3 > 2 ? "yes" : "no")
println(1 < 2 < 3, " ", 3 < 2 < 4)

#= expect
false true false true true
true false false
yes
true false
=#
