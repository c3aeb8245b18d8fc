# get_world_counter, tls_world_age, invoke_in_world (clamped to the newest world), invokelatest.
add(x, y) = x + y
f() = 1
w = Base.get_world_counter()
println(Base.tls_world_age() == w)
f() = 2
println(Base.get_world_counter() > w)
println(f(), " ", Base.invoke_in_world(w, f), " ", Base.invokelatest(f))
println(Base.invoke_in_world(typemax(UInt), f))
println(Base.tls_world_age() == Base.get_world_counter())
callold(w) = Base.invoke_in_world(w, f)
println(callold(w))
println(Base.invoke_in_world(w, add, 1, 2), " ", Base.invokelatest(add, 3, 4))
println(Base.inferencebarrier(41) + 1)
Base.invoke_in_world(1, f)

#= expect
true
true
2 1 2
2
true
1
3 7
42
--- stderr
ERROR: MethodError: no method matching invoke_in_world(::Int64, ::typeof(f))
Stacktrace:
 [1] top-level scope
   @ worlds.jl:15
=#
