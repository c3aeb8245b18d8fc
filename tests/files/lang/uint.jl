m = typemax(UInt)
println(m)
println(m + 1)
println(typeof(m))
println(UInt(5) + UInt(7))

#= expect
18446744073709551615
0
UInt64
12
=#
