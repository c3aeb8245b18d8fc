# heap: 3670016
# A loop that makes far more garbage than the heap limit holds (3.5 MiB, 2 MiB of it the shadow
# and call-site stacks): 200,000 short strings and 3-element vectors, each dropped at once, and type-unstable
# calls that box their results. The collector frees them, so it never runs out of memory.
function strings(n)
    len = 0
    for i in 1:n
        s = string("item ", i)
        len += length(s)
    end
    len
end
function vectors(n)
    t = 0
    for i in 1:n
        v = [i, i + 1, i + 2]
        t += v[3]
    end
    t
end
unstable(x) = x > 0 ? x + 1 : 0.5
function boxes(n)
    s = 0
    for i in 1:n
        s += unstable(Base.inferencebarrier(i))
    end
    s
end
println(strings(200_000))
println(vectors(200_000))
println(boxes(200_000))

#= expect
2088895
20000500000
20000300000
=#
