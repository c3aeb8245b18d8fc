v = [1, 2, 3]
push!(v, 4)
v[1] = 10
println(v, " ", length(v), " ", v[end])
e = Float64[]
println(e, " ", length(e))
println([1.5, 2], " ", ["x"], " ", [true, false])
a = Any[1, "two"]
println(a)
function squares(n)
    out = Int64[]
    for i in 1:n
        push!(out, i * i)
    end
    out
end
println(squares(5))

#= expect
[10, 2, 3, 4] 4 4
Float64[] 0
[1.5, 2.0] ["x"] Bool[1, 0]
Any[1, "two"]
[1, 4, 9, 16, 25]
=#
