# A top-level loop is compiled (as Julia compiles a thunk with loops); an error in it, or in a
# callee inlined into it, is reported at the line of the top-level statement that raised it.
pick(v, i) = v[i]
total = 0
for i in 1:4
    global total
    v = [10, 20, 30]
    total += i
    println(i, " ", total)
    total += pick(v, i)
end

#= expect
1 1
2 13
3 36
4 70
--- stderr
ERROR: BoundsError: attempt to access 3-element Vector{Int64} at index [4]
Stacktrace:
 [1] getindex
   @ Base prelude/base.jl:696 [inlined]
 [2] pick
   @ Main toplevel_loop_error.jl:3 [inlined]
 [3] top-level scope
   @ toplevel_loop_error.jl:10
=#
