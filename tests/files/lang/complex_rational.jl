# Complex and Rational, written in Base as base/complex.jl and base/rational.jl write them:
# construction and promotion, arithmetic, printing through their `show` methods.
z = 1 + 2im
println(z, " ", typeof(z))
println(z * z, " ", z + 1, " ", z - 2.5, " ", conj(z), " ", abs2(z), " ", abs(3 + 4im))
w = 1.5 - 0.5im
println(w, " ", typeof(w), " ", z * w, " ", z / w, " ", real(w), " ", imag(w))
println(im * im, " ", im, " ", (1 + 2im)^3, " ", (1.0 + 2.0im)^2, " ", 2.0im)
println([1 + 2im, 3 - 4im], " ", [1.0 + 0im], " ", (z, 1))
println(complex(1, 2), " ", Complex(1.0), " ", z == 1 + 2im, " ", Complex(3, 0) == 3, " ", isreal(z))
println(Complex{Float64}(1), " ", typeof(Complex(1, 2.0)), " ", promote_type(ComplexF64, Int64))
println(string(z), " ", repr(w), " ", "z = $z")
println(1.0 + NaN * im, " ", complex(-0.0, -1.0), " ", abs(1.0 + 1.0im))
r = 1 // 3
println(r, " ", typeof(r), " ", r + 1 // 6, " ", r * 3, " ", r - 1, " ", 2 // 4, " ", 3 // -6)
println(float(r), " ", r < 1 // 2, " ", r == 2 // 6, " ", numerator(6 // 4), " ", denominator(6 // 4))
println([1 // 2, 1 // 3], " ", (1 // 2)^2, " ", 1 // 2 + 0.5, " ", 1 // 2 + 1, " ", (2 // 3) / (4 // 9))
println(try 0 // 0 catch e; e end)
println(gcd(12, 18), " ", lcm(4, 6), " ", gcd(-4, 6))
function mandel(z)
    c = z
    maxiter = 80
    for n = 1:maxiter
        if abs(z) > 2
            return n-1
        end
        z = z^2 + c
    end
    return maxiter
end
println(mandel(complex(0.1, 0.2)), " ", mandel(complex(-0.75, 0.1)), " ", mandel(complex(1.0, 1.0)))

#= expect
1 + 2im Complex{Int64}
-3 + 4im 2 + 2im -1.5 + 2.0im 1 - 2im 5 5.0
1.5 - 0.5im ComplexF64 2.5 + 2.5im 0.2 + 1.4000000000000001im 1.5 -0.5
-1 + 0im im -11 - 2im -3.0 + 4.0im 0.0 + 2.0im
Complex{Int64}[1 + 2im, 3 - 4im] ComplexF64[1.0 + 0.0im] (1 + 2im, 1)
1 + 2im 1.0 + 0.0im true true false
1.0 + 0.0im ComplexF64 ComplexF64
1 + 2im 1.5 - 0.5im z = 1 + 2im
1.0 + NaN*im -0.0 - 1.0im 1.4142135623730951
1//3 Rational{Int64} 1//2 1//1 -2//3 1//2 -1//2
0.3333333333333333 true true 3 2
Rational{Int64}[1//2, 1//3] 1//4 1.0 3//2 3//2
ArgumentError("invalid rational: zero(Int64)//zero(Int64)")
6 12 2
80 32 1
=#
