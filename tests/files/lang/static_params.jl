# A static parameter is one type only where the call's argument types pin it: `T` of
# `h(x::T) where T<:Real` for an `x::Real` is whatever the value's type is at run time, and a
# `where` method with other bounds is another method.
f(::Type{T}, x) where {T<:Number} = isa(x, T) ? x : T(x)
g(R, x) = f(R, x)
println(g(Float64, 1), " ", g(Int64, 2), " ", g(Real, 3))
h(x::T) where {T<:Real} = T
k(xs) = h(xs[1])
println(k(Real[1, 2.0]), " ", k(Real[2.0]), " ", k([1]))
lim(::Type{T}) where {T<:Signed} = "signed"
lim(::Type{T}) where {T<:Unsigned} = "unsigned"
println(lim(Int8), " ", lim(UInt16))
same(::Type{T}, ::Type{T}) where {T} = true
same(::Type, ::Type) = false
println(same(Int, Int64), " ", same(Int, Float64))
# A closure captures a static parameter as a value; a narrower bound is the more specific method.
fill_as(::Type{T}, n) where {T} = T[T(i) for i in 1:n]
convert_all(x::T, ys) where {T} = map(y -> T(y), ys)
println(fill_as(Float64, 3), " ", convert_all(1.5, [1, 2]))
kind(::Type{T}) where {T} = "any type"
kind(::Type{T}) where {T<:Union{Int8, UInt8}} = "a byte"
println(kind(UInt8), ", ", kind(String))

#= expect
1.0 2 3
Int64 Float64 Int64
signed unsigned
true false
[1.0, 2.0, 3.0] [1.0, 2.0]
a byte, any type
=#
