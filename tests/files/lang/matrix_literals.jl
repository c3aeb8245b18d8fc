# Matrix literals as Julia parses them: `[a b]` is `hcat`, `[a; b]` is `vcat`, `[a b; c d]` is
# `hvcat((2, 2), a, b, c, d)`; a blank separates items (`[1 -2]` is two, `[1 - 2]` one).
# Numbers are promoted to one type; vectors concatenate, or become columns. Then the matrix
# arithmetic of base/arraymath.jl and LinearAlgebra's product.
A = [1 2; 3 4]
println(A, " ", size(A), " ", A[2, 1], " ", A[1, 2])
display(A)
display([1.5 2; 3 4])
display([1 2 3])
display([1; 2; 3])
println([1 -2], " ", [1 - 2], " ", [1 -2; 3 4], " ", [1; 2;])
x = 5
println([x x^2; 2x 3])
# A line break separates rows as `;` does (where no comma made the brackets a list).
M = [1 2 3
     4 5 6]
display(M)
println([
    10
    20
], " ", [1,
    2])
println(vcat([1, 2], [3]), " ", vcat(1, [2, 3]), " ", vcat(1, 2.5), " ", [[1, 2]; [3]])
display(hcat([1, 2], [3, 4]))
display([[1, 2] [3, 4]])
B = [5 6; 7 8]
println(A + B, " ", A - B, " ", -A, " ", 2A, " ", A * 2, " ", A / 2)
println(A * B, " ", A * [1, 1], " ", A == [1 2; 3 4], " ", A == B)
display(permutedims([1 2 3; 4 5 6]))
C = [1.5 2.5; 0.5 1.0]
display(C * C)
# The shapes that do not fit, as Julia reports them.
for bad in (() -> [1 2; 3], () -> hcat([1, 2], [3]), () -> A * [1 2 3], () -> A + [1 2 3])
    try
        bad()
    catch e
        println(sprint(showerror, e))
    end
end

#= expect
[1 2; 3 4] (2, 2) 3 2
2×2 Matrix{Int64}:
 1  2
 3  4
2×2 Matrix{Float64}:
 1.5  2.0
 3.0  4.0
1×3 Matrix{Int64}:
 1  2  3
3-element Vector{Int64}:
 1
 2
 3
[1 -2] [-1] [1 -2; 3 4] [1, 2]
[5 25; 10 3]
2×3 Matrix{Int64}:
 1  2  3
 4  5  6
[10, 20] [1, 2]
[1, 2, 3] [1, 2, 3] [1.0, 2.5] [1, 2, 3]
2×2 Matrix{Int64}:
 1  3
 2  4
2×2 Matrix{Int64}:
 1  3
 2  4
[6 8; 10 12] [-4 -4; -4 -4] [-1 -2; -3 -4] [2 4; 6 8] [2 4; 6 8] [0.5 1.0; 1.5 2.0]
[19 22; 43 50] [3, 7] true false
3×2 Matrix{Int64}:
 1  4
 2  5
 3  6
2×2 Matrix{Float64}:
 3.5   6.25
 1.25  2.25
ArgumentError: argument count does not match specified shape (expected 4, got 3)
DimensionMismatch: number of rows of each array must match (got (2, 1))
DimensionMismatch: matrix A has axes (Base.OneTo(2),Base.OneTo(2)), matrix B has axes (Base.OneTo(1),Base.OneTo(3))
DimensionMismatch: dimensions must match: a has dims (Base.OneTo(2), Base.OneTo(2)), b has dims (Base.OneTo(1), Base.OneTo(3)), mismatch at 1
=#
