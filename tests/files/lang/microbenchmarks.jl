# engines: wasm
# The scalar kernels of JuliaLang/Microbenchmarks (julia/perf.jl) as they are, without their
# `@timeit` lines; perfutil.jl seeds the generator with 1776 when it is included.
import Test
import Random
Random.seed!(1776)

## recursive fib ##

fib(n) = n < 2 ? n : fib(n-1) + fib(n-2)

Test.@test fib(20) == 6765

## parse integer ##

function parseintperf(t)
    local n, m
    for i=1:t
        n = rand(UInt32)
        s = string(n, base = 16)
        m = parse(UInt32, s, base = 16)
        @assert m == n
    end
    return n
end

parseintperf(1000)

## mandelbrot set: complex arithmetic and comprehensions ##

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
Test.@test sum(mandelperf()) == 14791

## numeric vector sort ##

function qsort!(a,lo,hi)
    i, j = lo, hi
    while i < hi
        pivot = a[(lo+hi)>>>1]
        while i <= j
            while a[i] < pivot; i += 1; end
            while a[j] > pivot; j -= 1; end
            if i <= j
                a[i], a[j] = a[j], a[i]
                i, j = i+1, j-1
            end
        end
        if lo < j; qsort!(a,lo,j); end
        lo, j = i, hi
    end
    return a
end

sortperf(n) = qsort!(rand(n), 1, n)
Test.@test issorted(sortperf(5000))

## slow pi series ##

function pisum()
    sum = 0.0
    for j = 1:500
        sum = 0.0
        for k = 1:10000
            sum += 1.0/(k*k)
        end
    end
    sum
end

Test.@test abs(pisum()-1.644834071848065) < 1e-12

println(parseintperf(3), " ", sortperf(10)[1:3], " ", pisum())

#= expect
4006764718 [0.07779635818009001, 0.09335806421858606, 0.2660327578869853] 1.6448340718480652
=#
