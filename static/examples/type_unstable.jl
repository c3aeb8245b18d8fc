# Type-unstable code: the return type is a Union, and a loop variable changes type from Int64
# to Float64. Inference reports what it knows; the runtime boxes what it must.
function unstable(x)
    if x > 0
        return x
    else
        return "negative"
    end
end

function halves(n)
    acc = 0
    for i in 1:n
        acc = acc + i / 2
    end
    return acc
end

println(unstable(3))
println(unstable(-1))
println(typeof(unstable(3)), " ", typeof(unstable(-3)))
println(halves(4))
println(typeof(halves(0)), " ", typeof(halves(1)))

#= expect
3
negative
Int64 String
5.0
Int64 Float64
=#
