x = 1
begin
    x = 2
end
println(x)
let x = 10
    x += 5
    println(x)
end
println(x)
function shadow()
    local x = 100
    x -= 1
    return x
end
println(shadow(), " ", x)
function setglobal()
    global x = 42
end
setglobal()
println(x)
function counter()
    n = 0
    while n < 3
        n += 1
    end
    n
end
println(counter())

#= expect
2
15
2
99 2
42
3
=#
