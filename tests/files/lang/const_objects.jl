# A constant bound to a mutable object (a vector, a Dict): the object is shared and mutated in
# place, code reading it knows its type, defining it again rebinds it in a new world, and plain
# assignment to any constant is Julia's error.
const K = [1, 2]
push!(K, 3)
total() = sum(K)
println(total(), " ", K)
const TABLE = Dict("a" => 1, "b" => 2)
lookup(k) = TABLE[k] + 1
TABLE["c"] = 10
println(lookup("a"), " ", lookup("c"), " ", length(TABLE))
const K = [5]
println(total())
const LIMIT = 3
LIMIT = 4

#= expect
6 [1, 2, 3]
2 11 3
5
--- stderr
ERROR: invalid assignment to constant Main.LIMIT. This redefinition may be permitted using the `const` keyword.
Stacktrace:
 [1] top-level scope
   @ const_objects.jl:15
=#
