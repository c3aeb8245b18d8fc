# A call that inference knows throws (no method matches) cuts its block; the `||` after it
# reads a value only that block defined, in blocks that the cut leaves unreachable (the IR
# must still verify after dce). Found by the fuzzer (crates/fuzz).
function d4(x::String)
end
function f7()
    d4()
    println((x15 || true))
end
f7()

#= expect
--- stderr
ERROR: MethodError: no method matching d4()
Stacktrace:
 [1] f7()
   @ Main noreturn_call_before_branch.jl:7
 [2] top-level scope
   @ noreturn_call_before_branch.jl:10
=#
