# `supertype`, `isconcretetype` and `isabstracttype` (base/reflection.jl), beside `fieldnames`.
abstract type Animal end
struct Dog <: Animal
    name::String
end
struct Box{T}
    x::T
end
println(supertype(Dog), " ", supertype(Int64), " ", supertype(Float64), " ", supertype(Any))
println(isconcretetype(Dog), " ", isconcretetype(Animal), " ", isconcretetype(Box), " ", isconcretetype(Box{Int}))
println(isabstracttype(Animal), " ", isabstracttype(Real), " ", isabstracttype(Dog), " ", isabstracttype(Union{Int, Float64}))
println(isconcretetype(1), " ", fieldnames(Dog), " ", supertype(Box{Int}))
T = Dog
while T !== Any
    print(T, " <: ")
    global T = supertype(T)
end
println(T)

#= expect
Animal Signed AbstractFloat Any
true false false true
true true false false
false (:name,) Any
Dog <: Animal <: Any
=#
