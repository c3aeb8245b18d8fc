# Dynamic call sites and their inline caches (codegen's abi.rs, "Inline caches of dynamic
# calls"): a site that sees alternating types, a method replaced or added between calls (a new
# world), a call in an older world, native code dropped and cured, a varargs callee, a builtin,
# a type as the callee and as an argument, a plugin owner's overlay, a collection while a callee
# runs, and a miss that is a MethodError. Every call gives what dispatch in the caller's world
# and owner gives.
describe(x::Int) = x + 1
describe(x::Float64) = x * 2.0
describe(x::String) = string(x, "!")
describe(x) = :other
function describe_all(xs)
    out = Any[]
    for x in xs
        push!(out, describe(x))
    end
    out
end
println(describe_all(Any[1, 2.5, "a", 3, 4.5, "b", :c, 5, 6]))

# A method replaced, then a method added for a type the generic method handled.
kind(x) = "any"
kind(x::Int) = "int v1"
callkind(x) = kind(Base.inferencebarrier(x))
println(callkind(1), " ", callkind(1.5), " ", callkind(2))
w = Base.get_world_counter()
kind(x::Int) = "int v2"
println(callkind(1), " ", callkind(1.5))
kind(x::Float64) = "float"
println(callkind(1), " ", callkind(1.5))
# The same site in the world before both: the answers of that world, then the newest again.
println(Base.invoke_in_world(w, callkind, 1), " ", Base.invoke_in_world(w, callkind, 1.5))
println(callkind(1), " ", callkind(1.5), " ", Base.invokelatest(callkind, 3))

# Native code dropped under a site that calls it: the next call cures it.
sq(x::Int) = x * x
callsq(x) = sq(Base.inferencebarrier(x))
println(callsq(3), " ", callsq(4))
drop_native_code!(code_instance(sq, Int))
println(callsq(5), " ", callsq(6))
drop_native_code!(code_instance(callsq, Int))
println(callsq(7))

# A varargs callee (its trailing arguments are packed for each call) beside a fixed one.
count_args(xs...) = length(xs)
count_args(x::Float64, y) = -1
function call_counts(n)
    s = 0
    for i in 1:n
        x = Base.inferencebarrier(isodd(i) ? i : 0.5)
        s += count_args(x, i, i)
        s += count_args(x, i)
    end
    s
end
println(call_counts(6))

# A builtin called dynamically, and types: as the callee, and as an argument.
f = Base.inferencebarrier(isa)
println(f(1, Int), " ", f(1.5, Int))
function convert_all(ts, x)
    out = Any[]
    for T in ts
        push!(out, T(x))
    end
    out
end
println(convert_all(Any[Float64, Int64, Float64], 2))
pick(::Type{Int64}, x) = "Int64 $x"
pick(::Type{Float64}, x) = "Float64 $x"
function pick_all(ts)
    out = Any[]
    for T in ts
        push!(out, pick(T, 1))
    end
    out
end
println(pick_all(Any[Int64, Float64, Int64]))

# A plugin owner's code dispatches in its own partition, whose overlay answers differently;
# native code's site keeps the native answer.
Base.Experimental.@MethodTable SiteMT
Base.Experimental.@overlay SiteMT bump(x::Int) = x + 1000
bump(x::Int) = x + 1
callbump(x) = bump(Base.inferencebarrier(x))
owner = PluginOwner(:sites; method_table=SiteMT)
println(callbump(1), " ", with_new_compiler(callbump, 1; owner=owner), " ", callbump(2))
println(with_new_compiler(callbump, 3; owner=owner), " ", callbump(4))

# A collection while a callee reached through a site runs: its argument and the caller's values
# survive.
mutable struct Node
    val::Int
    next::Any
end
function chain(n)
    head = nothing
    for i in 1:n
        head = Node(i, head)
    end
    head
end
function churn(l::Node)
    for k in 1:20
        chain(50)
    end
    GC.gc()
    s = 0
    while l !== nothing
        s += l.val
        l = l.next
    end
    s
end
churn(x) = -1
function churn_all(n)
    kept = chain(10)
    total = 0
    for i in 1:n
        total += churn(Base.inferencebarrier(chain(i)))
    end
    (total, churn(Base.inferencebarrier(kept)))
end
println(churn_all(5))

# A site that hits, then meets a type no method takes.
only_ints(x::Int) = x
call_only(x) = only_ints(Base.inferencebarrier(x))
println(call_only(1), " ", call_only(2))
call_only(1.5)

#= expect
Any[2, 5.0, "a!", 4, 9.0, "b!", :other, 6, 7]
int v1 any int v1
int v2 any
int v2 float
int v1 any
int v2 float int v2
9 16
25 36
49
21
true false
Any[2.0, 2, 2.0]
Any["Int64 1", "Float64 1", "Int64 1"]
2 1001 3
1003 5
(35, 55)
1 2
--- stderr
ERROR: MethodError: no method matching only_ints(::Float64)
Stacktrace:
 [1] call_only(x::Float64)
   @ Main dynamic_call_sites.jl:127
 [2] top-level scope
   @ dynamic_call_sites.jl:129
=#
