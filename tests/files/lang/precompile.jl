# `precompile(f, types)` and `precompile(Tuple{typeof(f), types...})` infer ahead of the first
# call and return whether exactly one method matched (base/loading.jl, src/gf.c
# `jl_compile_hint`).
area(r::Float64) = 3.0 * r * r
println(precompile(area, (Float64,)))
println(precompile(Tuple{typeof(area), Float64}))
println(precompile(area, (Int64,)))
println(precompile(area, (Float64, Float64)))
shape(x::Int) = :int
shape(x::String) = :string
println(precompile(shape, (Int,)))
println(precompile(shape, (Any,)))
println(precompile(println, (String,)))
println(area(2.0))

#= expect
true
true
false
false
true
false
true
12.0
=#
