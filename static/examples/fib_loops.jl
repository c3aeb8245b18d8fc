# Recursion and loops: inference proves fib(::Int64)::Int64 through the recursive cycle, so the
# compiled module does plain i64 arithmetic.
fib(n) = n < 2 ? n : fib(n - 1) + fib(n - 2)

function sum_to(n)
    s = 0
    for i in 1:n
        s += i
    end
    return s
end

function collatz_steps(n)
    steps = 0
    while n != 1
        n = n % 2 == 0 ? n ÷ 2 : 3n + 1
        steps += 1
    end
    return steps
end

println(fib(20))
println(sum_to(1000))
println(collatz_steps(27))

fibs = Int64[]
for i in 1:10
    push!(fibs, fib(i))
end
println(fibs)

#= expect
6765
500500
111
[1, 1, 2, 3, 5, 8, 13, 21, 34, 55]
=#
