# inlining: heuristic
# Invoking a CodeInstance (Julia 1.12, PR #56660). A CodeInstance is one cache entry: the
# compiled code of one MethodInstance, for one cache owner, valid in a range of worlds.
# `invoke(f, ci, args...)` runs exactly that code: no method lookup, no specialization.

@noinline area(r::Real) = 3.0 * r * r
println(area(2.0))

# The native CodeInstance (owner `nothing`) that the call above inferred and compiled.
const area_ci = code_instance(area, Float64)
println("owner ", area_ci.owner, ", returns ", area_ci.rettype, ", throws ", area_ci.exctype)
println("valid until further notice: ", area_ci.max_world == typemax(UInt))
println(invoke(area, area_ci, 1.0))

# A more specific method changes what dispatch selects, not what the CodeInstance runs. The old
# code is still a correct implementation of its own method, so it is not invalidated: only
# callers are, through their edges.
area(r::Float64) = 3.14159 * r * r
println(area(1.0), " vs ", invoke(area, area_ci, 1.0))
println("still valid: ", area_ci.max_world == typemax(UInt))

# With a constant CodeInstance, inference knows the result type (exactly `ci.rettype`), and the
# optimizer turns the builtin call into a direct call of that very CodeInstance (PR #60442):
# as fast as an ordinary call.
ring(r) = invoke(area, area_ci, r) - invoke(area, area_ci, r / 2.0)
println(ring(2.0))
@code_typed ring(2.0)

# The runtime checks the function and the argument types against the MethodInstance, and
# converts nothing: `invoke(area, area_ci, 1)` raises
#   TypeError: in invoke: argument type error, expected Tuple{typeof(area), Float64},
#   got a value of type Tuple{typeof(area), Int64}

#= expect
12.0
owner nothing, returns Float64, throws Union{}
valid until further notice: true
3.0
3.14159 vs 3.0
still valid: true
9.0
CodeInfo(
1 ─ %1 =    invoke area(r::Float64)::Float64
│   %2 = intrinsic Base.div_float(r, 2.0)::Float64
│   %3 =    invoke area(%2::Float64)::Float64
│   %4 = intrinsic Base.sub_float(%1, %3)::Float64
└──      return %4
) => Float64
=#
