# The compiler-plugin API (SEMANTICS.md §1.3, §3), written in the subset on top of the session's
# reflection builtins (`Core._method_instance`, `Core._typeinf`, ...). Loaded into Base after
# base.jl. Names resolve with or without the `Base.`, `Core.`, `Compiler.` and
# `Core.OptimizedGenerics.CompilerPlugins.` prefixes (lowering maps those modules to Base).
# What it deliberately does not do: `AbstractInterpreter` subtypes, `typeinf_ext`, ABIOverride.

# ----- worlds (base/essentials.jl, base/reflection.jl) -----------------------------------------

get_world_counter() = _get_world_counter()
tls_world_age() = _tls_world_age()
# base/Base.jl: a monotonic clock in nanoseconds (for timing; output that prints it is not reproducible).
time_ns() = _time_ns()
# base/essentials.jl: `invoke_in_world(world::UInt, f, args...)` (Core._call_in_world clamps the
# world to the newest one).
invoke_in_world(world::UInt64, f, args...) = Core._invoke_in_world(world, f, args...)
invokelatest(f, args...) = Core._invokelatest(f, args...)
# base/essentials.jl: returns `x`, and inference sees `Any`.
inferencebarrier(x) = Core._inferencebarrier(x)

# ----- reflection (base/reflection.jl, base/runtime_internals.jl) ------------------------------

# `jl_method_lookup`: the MethodInstance a call with these values dispatches to.
method_instance(f, args...) = Core._method_instance(f, args...)

# Julia's `Core.MethodMatch`, cut down to what `specialize_method` needs.
struct MethodMatch
    spec_types
    method
end

# `Base._which(tt)`: the match of the most specific method for the signature `tt`.
_which(tt::Type) = MethodMatch(tt, Core._which(tt))
# `Base.specialize_method(match)`: its MethodInstance; `.cache` is the native CodeInstance.
specialize_method(match::MethodMatch) = Core._specialize_method(match.method, match.spec_types)
specialize_method(m::Method, tt::Type) = Core._specialize_method(m, tt)

which(f, types::Tuple) = Core._which(Tuple{typeof(f), types...})
methods(f) = Core._methods(f)

# The cached CodeInstance of `owner`'s partition (inferring and compiling it if needed), like
# `Base.specialize_method(...).cache` for the native cache.
code_instance(f, types...; owner=nothing) = Core._code_instance(f, types, owner)
# Every CodeInstance of `f`'s methods, every owner and world.
code_instances(f) = Core._code_instances(f)

# Forget `ci`'s compiled module, as if it went through precompilation: its next call cures it.
function drop_native_code!(ci::CodeInstance)
    Core._drop_native_code(ci)
    return nothing
end

# ----- typeinf (base/optimized_generics.jl CompilerPlugins; Compiler/src/typeinfer.jl) --------

const SOURCE_MODE_NOT_REQUIRED = 0
const SOURCE_MODE_ABI = 1

# `Core.OptimizedGenerics.CompilerPlugins.typeinf(owner, mi, source_mode)`: a CodeInstance of
# `mi` for `owner` valid in the current world. Inference folds it to a constant when its
# arguments are constant (the mid-inference interpreter switch of PR #56660).
const typeinf = Core._typeinf

# ----- cache owners (Compiler/extras/CompilerDevTools) ----------------------------------------

# The owner `with_new_compiler` uses: the global method table, inlining on. Use a non-zero
# version for a cache of your own.
struct SplitCacheOwner
    version::Int64
end
SplitCacheOwner(; version=0) = SplitCacheOwner(version)

# An owner whose interpreter looks methods up in `method_table` (an overlay made with
# `Base.Experimental.@MethodTable`; `nothing` is the global table) and inlines if `inlining`.
struct PluginOwner
    name::Symbol
    method_table
    inlining::Bool
end
PluginOwner(name::Symbol; method_table=nothing, inlining=true) = PluginOwner(name, method_table, inlining)

const _default_owner = Core._new(SplitCacheOwner, 0)

# `with_new_compiler(f, args...; owner=SplitCacheOwner())` runs `f(args...)` with everything
# inferred and compiled in `owner`'s partition (PR #56660, #57193): `f`'s CodeInstance comes from
# the owner's `typeinf`, and the runtime keeps the owner on every dynamic call that code makes.
_with_new_compiler(owner, f, args...) = invoke(f, typeinf(owner, method_instance(f, args...), SOURCE_MODE_ABI), args...)
# #58074: builtins have no MethodInstance; they run directly.
_with_new_compiler(owner, f::Builtin, args...) = f(args...)
function with_new_compiler(f, args...; owner=_default_owner)
    return _with_new_compiler(owner, f, args...)
end
# The positional method (replacing the one the keyword form defines) names the constant default
# owner in its body, so inference can fold `method_instance` and `typeinf` and the optimizer
# leaves a single `invoke` of the plugin's CodeInstance (SEMANTICS §3.4).
with_new_compiler(f, args...) = invoke(f, typeinf(_default_owner, method_instance(f, args...), SOURCE_MODE_ABI), args...)
with_new_compiler(f::Builtin, args...) = f(args...)

# ----- memory (base/gcutils.jl, base/timing.jl) ------------------------------------------------

# `GC.gc()` (lowering maps the `GC` module to Base): a full collection.
gc(full::Bool=true) = Core._gc_collect()
# Bytes of live objects after the last collection plus bytes allocated since.
gc_live_bytes() = getfield(Core._gc_stats(), 1)
gc_total_bytes() = getfield(Core._gc_stats(), 2)
