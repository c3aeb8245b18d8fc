function classify(x)
    if x < 0
        return "negative"
    elseif x == 0
        return "zero"
    else
        return "positive"
    end
end
println(classify(-2), " ", classify(0), " ", classify(7))

function first_square_over(limit)
    i = 1
    while true
        if i * i > limit
            break
        end
        i += 1
    end
    return i
end
println(first_square_over(50))

function odd_sum(n)
    s = 0
    for i in 1:n
        if i % 2 == 0
            continue
        end
        s += i
    end
    s
end
println(odd_sum(10))

let y = 5
    y *= 2
    println(y)
end

#= expect
negative zero positive
8
25
10
=#
