# heap: 3145728
# A program that keeps allocating until the heap limit (3 MiB here, 2 MiB of it the shadow stack and the call-site stack) is reached gets Julia's
# OutOfMemoryError, with the output printed before it kept.
function hog()
    v = Any[]
    while true
        push!(v, string("item ", length(v)))
    end
end
println("allocating")
hog()

#= expect
allocating
--- stderr
ERROR: OutOfMemoryError()
Stacktrace:
 [1] top-level scope
   @ out_of_memory.jl:11
=#
