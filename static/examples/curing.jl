# Curing (PR #56660's description; SEMANTICS §3.5). A CodeInstance can lose its native code, as
# when it went through precompilation; `drop_native_code!` does that on purpose. Its next call
# cures it: a native one is compiled again from its inferred IR, a plugin one is replaced by
# `typeinf(ci.owner, ci.def, SOURCE_MODE_ABI)`, valid in the current world. Julia can only cure
# native CodeInstances (it falls back to running the MethodInstance); for a plugin's it raises
# "Failed to invoke or compile external codeinst". invokelab implements the cure.
@noinline norm2(x, y) = x * x + y * y
hyp(p) = norm2(p[1], p[2])
println(hyp((3, 4)))

# A native CodeInstance: dropped, then called by `invoke`, by dispatch, and by a caller whose
# compiled code calls it directly. Codegen's call table makes this a slot reset.
native = code_instance(norm2, Int, Int)
drop_native_code!(native)
println(invoke(norm2, native, 5, 12))
drop_native_code!(native)
println(norm2(8, 15), " ", hyp((7, 24)))

# A plugin CodeInstance, cured through its owner's `typeinf`.
owner = SplitCacheOwner(9)
plugin = typeinf(owner, method_instance(norm2, 1, 1), SOURCE_MODE_ABI)
println(plugin.owner === owner, " ", invoke(norm2, plugin, 20, 21))
drop_native_code!(plugin)
println(invoke(norm2, plugin, 12, 35))
drop_native_code!(plugin)
println(with_new_compiler(hyp, (9, 40); owner=owner))

# Curing changes no world range: both are still valid until further notice.
println(native.max_world == typemax(UInt), " ", plugin.max_world == typemax(UInt))

#= expect
25
169
289 625
true 841
1369
1681
true true
=#
