//! What the optimizer needs to know about CodeInstances, as a small trait: the runtime's
//! `world::World` implements it (see `world_impl.rs`), tests implement it over a hand-made table.
//!
//! Deliberately not here: dispatch, inference, or any way to look up a *different* CodeInstance
//! than the one a call info names. The optimizer only ever reads the CI it was given (Julia
//! PR #60442; SEMANTICS.md §3.3): a plugin-owned target is never swapped for native code.

use ir::Body;
use types::{CodeInstanceId, ConstValue, Ty, TypeStore};

pub trait OptContext {
    /// The type store, for subtyping checks and `typeof` folding.
    fn types(&mut self) -> &mut TypeStore;

    /// The CI's typed, unoptimized body (what inference produced), if it has one.
    fn typed_body(&self, ci: CodeInstanceId) -> Option<&Body>;

    /// The CI's optimized body (Julia's `ci.inferred`), if it has one. The inliner copies this.
    fn inferred_body(&self, ci: CodeInstanceId) -> Option<&Body>;

    /// The cache owner: `nothing` is native, anything else a plugin token, compared with `===`
    /// (egal, which `ConstValue`'s `==` is).
    fn owner(&self, ci: CodeInstanceId) -> ConstValue;

    /// `specTypes` of the CI's MethodInstance, `Tuple{typeof(f), ...}`.
    fn spec_types(&self, ci: CodeInstanceId) -> Ty;

    /// `@inline` (`Some(true)`) / `@noinline` (`Some(false)`) on the CI's method.
    fn method_inline(&self, ci: CodeInstanceId) -> Option<bool>;

    /// The value of a constant global binding (`Base.:+`, a type, `const X`), so operands that
    /// name one have a known type. Default: unknown.
    fn global_constant(&self, _g: &ir::GlobalRef) -> Option<ConstValue> {
        None
    }

    /// The number of arguments (the function included) of the CI's method when it is a varargs
    /// method (`f(x, ys...)`): a direct call passes the trailing arguments as one tuple.
    fn vararg_nargs(&self, _ci: CodeInstanceId) -> Option<usize> {
        None
    }

    /// Whether the owner of `ci` lets its code be inlined (`PluginOwner(...; inlining=false)`
    /// says no). Native code always may.
    fn owner_allows_inlining(&self, _ci: CodeInstanceId) -> bool {
        true
    }

    /// Called once per CodeInstance whose body the inliner copied into `caller`: the caller must
    /// now be invalidated whenever `callee` is (a CodeInstance-identity edge, julia-invoke-notes
    /// §7 Q6), and its valid worlds must lie inside the callee's. Default: nothing to record.
    fn add_inlining_edge(&mut self, _caller: CodeInstanceId, _callee: CodeInstanceId) {}

    /// The function's name, for remarks and debugging.
    fn name(&self, ci: CodeInstanceId) -> String {
        format!("{ci}")
    }
}
