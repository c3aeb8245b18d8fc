# Julia 1.12's task-local xoshiro256++: seeding, scalar draws, the bulk path of rand(n) from 8 on,
# rand(a:b) by the nearly-division-less sampler; Iterators.take/product/flatten.
using Random
Random.seed!(42)
println(rand(), " ", rand(), " ", rand())
Random.seed!(42)
println(rand(UInt64), " ", rand(UInt32))
Random.seed!(42)
println(rand(Int))
Random.seed!(42)
println([rand(1:10) for _ = 1:10])
Random.seed!(42)
println(rand(5))
Random.seed!(42)
println(rand(8), " ", rand())
Random.seed!(42)
println(rand(10))
Random.seed!(1234)
println(rand(2), " ", rand(Bool), " ", rand([:a, :b, :c]), " ", length(randn(3)), " ", size(rand(2, 3)))
# Random's doctest: `randn(Xoshiro(123), Float32)` is -0.6457307f0; complex parts are √½ randn.
Random.seed!(123)
println(randn(Float32), " ", randn(ComplexF32))
# Narrow integers fill a vector with the bulk path's bytes, little-endian (two UInt32s from the
# word 0xa11cc311cb6acd70 that rand(UInt64) draws first after seed!(42)).
Random.seed!(42)
println(rand(UInt32, 2), " ", rand(Int8, 3), " ", rand(Bool, 4))
println(collect(Iterators.take(1:10, 3)), " ", collect(Iterators.product(1:2, 3:4)), " ", collect(Iterators.flatten([[1, 2], [3]])))

#= expect
0.6293451231426089 0.4503389405961936 0.47740714343281776
11609368420648930672 1934191021
-6837375653060620944
[7, 5, 5, 8, 7, 2, 7, 7, 5, 3]
[0.6293451231426089, 0.4503389405961936, 0.47740714343281776, 0.7031298490032014, 0.6733461456394962]
[0.1735745757945074, 0.32166161915780656, 0.25858546995315457, 0.16643864408566544, 0.5270150071089016, 0.48302213696845187, 0.3906633890864917, 0.802762551279973] 0.7219827350406843
[0.1735745757945074, 0.32166161915780656, 0.25858546995315457, 0.16643864408566544, 0.5270150071089016, 0.48302213696845187, 0.3906633890864917, 0.802762551279973, 0.7219827350406843, 0.3723466293304377]
[0.32597672886359486, 0.5490511363155669] false c 3 (2, 3)
-0.6457307 -1.0346749f0 - 1.1480612f0im
UInt32[0xcb6acd70, 0xa11cc311] Int8[12, 25, -41] Bool[1, 1, 1, 1]
[1, 2, 3] [(1, 3) (1, 4); (2, 3) (2, 4)] [1, 2, 3]
=#
