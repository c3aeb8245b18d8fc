# T6, T26, T27: with_new_compiler runs everything in the owner's partition, dynamic calls
# included; native dispatch never runs (or gets) a plugin-owned CodeInstance. (Which callees of
# `f1` are static is inference's decision; `kind` below is dynamic whatever inference does.)
do_work(x, y) = x + y
f1() = do_work(Base.inferencebarrier(1), Base.inferencebarrier(2))
owner = SplitCacheOwner(7)
println(length(code_instances(f1)), " ", length(code_instances(do_work)))
println(with_new_compiler(f1; owner=owner) === 3)
for c in code_instances(f1)
    println(c, " => ", c.owner)
end
# Native dispatch neither runs nor reuses the plugin's CodeInstances: it makes its own.
println(f1())
for c in code_instances(f1)
    println(c, " => ", c.owner)
end
println(with_new_compiler(sin, 1.0) == sin(1.0))
println(with_new_compiler(Core.tuple, 1, 2) === (1, 2))
println(with_new_compiler(getfield, (10, 20), 2) === 20)
println(with_new_compiler(getfield, (10, 20), 1; owner=owner))
twice(x) = 2 * x
println(with_new_compiler(twice, 21; owner=SplitCacheOwner(8)))
# A call that stays dynamic (four methods match `Any`): the runtime dispatches it within the
# owner of the code that makes it, so its CodeInstance lands in that owner's partition.
kind(x::Int) = 1
kind(x::Float64) = 2
kind(x::String) = 3
kind(x::Bool) = 4
usekind(x) = kind(Base.inferencebarrier(x)) + 10
println(with_new_compiler(usekind, 1.5; owner=SplitCacheOwner(9)))
for c in code_instances(kind)
    println(c, " => ", c.owner)
end
println(usekind("s"))
for c in code_instances(kind)
    println(c, " => ", c.owner)
end
# Splatting is `Core._apply_iterate`, a builtin that calls: it dispatches within the caller's
# owner too.
splatkind(t) = kind(Base.inferencebarrier(t)...) + 20
println(with_new_compiler(splatkind, (true,); owner=SplitCacheOwner(9)))
for c in code_instances(kind)
    println(c, " => ", c.owner)
end

#= expect
0 0
true
CodeInstance for MethodInstance for f1() => SplitCacheOwner(7)
3
CodeInstance for MethodInstance for f1() => SplitCacheOwner(7)
CodeInstance for MethodInstance for f1() => nothing
true
true
true
10
42
12
CodeInstance for MethodInstance for kind(::Float64) => SplitCacheOwner(9)
13
CodeInstance for MethodInstance for kind(::Float64) => SplitCacheOwner(9)
CodeInstance for MethodInstance for kind(::String) => nothing
24
CodeInstance for MethodInstance for kind(::Float64) => SplitCacheOwner(9)
CodeInstance for MethodInstance for kind(::String) => nothing
CodeInstance for MethodInstance for kind(::Bool) => SplitCacheOwner(9)
=#
