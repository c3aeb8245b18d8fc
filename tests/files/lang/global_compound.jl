# `global x += e` declares `x` global in the enclosing scope and updates it.
i = 0
while i < 3
    global i += 1
end
println(i)
function bump()
    global i *= 10
    return i
end
println(bump(), " ", i)

#= expect
3
30 30
=#
