function total(xs)
    s = 0
    for x in xs
        s += x
    end
    return s
end
println(total([1, 2, 3]), " ", total((4, 5, 6)), " ", total(1:4))
for i in 1:2, j in 1:2
    println(i, " ", j)
end
for i in 3:2
    println("never")
end
r = 2:5
println(length(r), " ", first(r), " ", last(r))

#= expect
6 15 10
1 1
1 2
2 1
2 2
4 2 5
=#
