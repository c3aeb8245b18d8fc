s = 0
for i in 1:3
    s = s + i
end
println(s)

#= expect
--- stderr
┌ Warning: Assignment to `s` in soft scope is ambiguous because a global variable by the same name exists: `s` will be treated as a new local. Disambiguate by using `local s` to suppress this warning or `global s` to assign to the existing global variable.
└ @ soft_scope.jl:3
ERROR: UndefVarError: `s` not defined in local scope
Stacktrace:
 [1] top-level scope
   @ soft_scope.jl:3
=#
