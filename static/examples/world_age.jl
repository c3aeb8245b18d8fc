# World age. Every method definition makes a new world; running code sees the methods of one
# world; a CodeInstance is valid for a range of worlds. Redefining a callee caps its callers'
# CodeInstances at the world before, and dispatch re-infers them; the old world stays reachable.
worlds = UInt[]
price(x) = 2 * x
total(x) = price(x) + 1
current_world() = Base.tls_world_age()

println(total(10))
old = code_instance(total, Int)
push!(worlds, Base.get_world_counter())
price(x) = 3 * x
push!(worlds, Base.get_world_counter())
println("worlds made by one definition: ", worlds[2] - worlds[1])

# `total` inlined or called `price`: its CodeInstance has an edge to it, and was capped.
println("old total valid until the world before: ", old.max_world == worlds[2] - 1)
println("new total: ", total(10))
println("in the old world: ", Base.invoke_in_world(worlds[1], total, 10))
println("the old CodeInstance, there: ", Base.invoke_in_world(worlds[1], invoke, total, old, 10))

# A task runs in a fixed world: the latest one when a top-level statement starts.
println(current_world() == Base.get_world_counter())
println(Base.invoke_in_world(worlds[1], current_world) == worlds[1])
println(Base.invokelatest(total, 10))

# Adding a method that dispatch does not select for `price(::Int)` invalidates nothing.
fresh = code_instance(total, Int)
price(x::String) = "free"
println(fresh.max_world == typemax(UInt), " ", total(10))

#= expect
21
worlds made by one definition: 1
old total valid until the world before: true
new total: 31
in the old world: 21
the old CodeInstance, there: 21
true
true
31
true 31
=#
