# Comprehensions over two iterators make a Matrix (the first iterator along the rows); nested
# `for` clauses flatten; Microbenchmarks' mandel kernel over float ranges sums to 14791.
M = [x * 10 + y for x in 1:2, y in 1:3]
println(M, " ", size(M), " ", M[2, 3], " ", sum(M), " ", typeof(M), " ", length(M))
println([(i, j) for i in 1:3 for j in 1:i], " ", [x + y for x in 1:2 for y in 1:2 if x != y], " ", [i for i in 1:3, j in 1:2 if i > 1])
function myabs2(z)
    return real(z)*real(z) + imag(z)*imag(z)
end
function mandel(z)
    c = z
    maxiter = 80
    for n = 1:maxiter
        if myabs2(z) > 4
            return n-1
        end
        z = z^2 + c
    end
    return maxiter
end
mandelperf() = [ mandel(complex(r,i)) for i=-1.:.1:1., r=-2.0:.1:0.5 ]
m = mandelperf()
println(sum(m), " ", size(m), " ", m[1, 1], " ", m[11, 21])
println(zeros(2, 2), " ", fill(1.5, 1, 2), " ", permutedims([i + j for i in 1:2, j in 1:3]))

#= expect
[11 12 13; 21 22 23] (2, 3) 23 102 Matrix{Int64} 6
[(1, 1), (2, 1), (2, 2), (3, 1), (3, 2), (3, 3)] [3, 3] [2, 3, 2, 3]
14791 (21, 26) 0 80
[0.0 0.0; 0.0 0.0] [1.5 1.5] [2 3; 3 4; 4 5]
=#
