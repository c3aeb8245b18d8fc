# Closures, lowered as Julia lowers them: `x -> x * k` is a struct of its captured variables
# (`var"#scale##0"{Int64}`, parametric on their types) with a call method, so inference
# specializes on it and the inliner inlines it. Open `scale` in the IR panes: the closure's
# call is gone, and `k` is read with `getfield`. A variable a closure assigns is shared through
# a `Core.Box` (see `make_counter`'s lowered code).
function scale(v, k)
    map(x -> x * k, v)
end
println(scale([1, 2, 3], 10))

function make_counter()
    count = 0
    () -> (count += 1)
end
tick = make_counter()
tick()
println("ticks: ", tick())

evens = filter(x -> iseven(x), [1, 2, 3, 4, 5, 6])
println(evens)

total = 0
foreach([10, 20, 30]) do x
    global total += x
end
println("total: ", total)

# A function defined in a function is a closure too; it may call itself.
function fib_local(n)
    fib(k) = k < 2 ? k : fib(k - 1) + fib(k - 2)
    fib(n)
end
println(fib_local(20))

#= expect
[10, 20, 30]
ticks: 2
[2, 4, 6]
total: 60
6765
=#
