# T27 (in the spirit of #58074): builtins have no MethodInstance to infer; `with_new_compiler`
# calls them directly.
println(with_new_compiler(Core.tuple, 1, 2))
println(with_new_compiler(Core.tuple, 1, 2) === (1, 2))
println(with_new_compiler(getfield, (10, 20), 2))
println(with_new_compiler(getfield, (10, 20), 2) === 20)
println(with_new_compiler(tuple, 1.5, "a"; owner=SplitCacheOwner(3)))

#= expect
(1, 2)
true
20
true
(1.5, "a")
=#
