const LIMIT = 10
counter = 0
function bump()
    global counter
    counter += 1
    return counter
end
bump()
bump()
println(counter, " ", LIMIT)
below(x) = x < LIMIT
println(below(3), " ", below(30))
local_shadow() = (counter = 100; counter)
println(local_shadow(), " ", counter)

#= expect
2 10
true false
100 2
=#
