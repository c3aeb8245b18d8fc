//! Abstract interpretation (Julia's Compiler/src/typeinfer.jl and abstractinterpretation.jl):
//! the `Interp` trait, `typeinf` of a MethodInstance into a cached CodeInstance, call infos,
//! effects, edges and world ranges.
//!
//! Invariant: this crate knows nothing of wasm, syntax or the runtime's heap. It reads method
//! sources from `world`, writes CodeInstances (under the interpreter's cache owner only) back
//! into it, and never optimizes (that is `opt`'s job).

mod calls;
mod const_prop;
mod engine;
mod frame;
mod reflect;
mod tfuncs;
mod typelimits;

use types::{ConstValue, Lattice, MethodInstanceId, MethodTableId, Ty};
use world::World;

/// Knobs of inference (a subset of Julia's `InferenceParams`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InferParams {
    /// More matching methods than this makes a call's result `Any` (`max_methods`).
    pub max_methods: usize,
    /// Rounds of a recursive cycle before its return types are widened to `Any`.
    pub max_cycle_iterations: usize,
    /// Deepest inference stack; deeper calls are typed `Any` without inferring the callee.
    pub max_stack_depth: usize,
    /// How often one method may appear on the stack with different signatures (growing
    /// types in recursion) before its calls are typed `Any`.
    pub max_method_recursion: usize,
    /// Constant propagation re-infers only callees whose source has at most this many
    /// instructions (Julia bounds it by the inlining cost instead).
    pub const_prop_max_insts: usize,
    /// At most this many constant-propagation frames nest on the stack.
    pub max_const_prop_depth: usize,
}

impl InferParams {
    pub const DEFAULT: InferParams = InferParams {
        max_methods: 3,
        max_cycle_iterations: 8,
        max_stack_depth: 64,
        max_method_recursion: 3,
        const_prop_max_insts: 400,
        max_const_prop_depth: 6,
    };
}

impl Default for InferParams {
    fn default() -> Self {
        InferParams::DEFAULT
    }
}

/// Julia's `AbstractInterpreter`: the world and cache owner are required, every other hook
/// has a default. The owner partitions the CodeInstance cache: inference under owner O looks up
/// and fills only O's partition.
pub trait Interp {
    fn world(&self) -> u64;
    fn cache_owner(&self) -> ConstValue;
    /// The table lookups start in; an overlay table falls back to the global one.
    fn method_table(&self) -> MethodTableId {
        MethodTableId(0)
    }
    fn params(&self) -> &InferParams {
        &InferParams::DEFAULT
    }
    /// Whether the optimizer may inline this owner's code (`PluginOwner(...; inlining=false)`).
    fn inlining(&self) -> bool {
        true
    }
}

/// The native interpreter: owner `nothing`, the global method table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NativeInterp {
    pub world: u64,
}

impl Interp for NativeInterp {
    fn world(&self) -> u64 {
        self.world
    }
    fn cache_owner(&self) -> ConstValue {
        ConstValue::nothing()
    }
}

/// A plugin interpreter (issue 3): its own owner token, optionally an overlay table and
/// parameters. Its CodeInstances live in the owner's partition. Inference also uses it as the
/// snapshot of whatever interpreter it runs (so it can switch interpreters mid-inference).
#[derive(Clone, Debug, PartialEq)]
pub struct PluginInterp {
    pub world: u64,
    pub owner: ConstValue,
    pub method_table: MethodTableId,
    pub params: InferParams,
    /// Whether the optimizer may inline this owner's code.
    pub inlining: bool,
}

impl PluginInterp {
    /// The settings of any interpreter, as a value.
    pub fn snapshot(interp: &dyn Interp) -> PluginInterp {
        PluginInterp {
            world: interp.world(),
            owner: interp.cache_owner(),
            method_table: interp.method_table(),
            params: interp.params().clone(),
            inlining: interp.inlining(),
        }
    }
}

/// The interpreter a cache owner stands for, inferring in `world_age` (the contract between
/// inference and the runtime, SEMANTICS.md §1.3): `nothing` is the native interpreter;
/// `Base.SplitCacheOwner(v)` the global table with inlining; `Base.PluginOwner(name,
/// method_table, inlining)` its overlay table (`nothing` = global) and inlining flag; any other
/// value the global table with inlining. Decoding lives in `World::owner_settings`, so the
/// optimizer sees the same inlining flag for a CodeInstance of that owner.
pub fn interp_for_owner(world: &World, owner: &ConstValue, world_age: u64) -> PluginInterp {
    let settings = world.owner_settings(owner);
    PluginInterp {
        world: world_age,
        owner: owner.clone(),
        method_table: settings.method_table,
        params: InferParams::DEFAULT,
        inlining: settings.inlining,
    }
}

impl Interp for PluginInterp {
    fn world(&self) -> u64 {
        self.world
    }
    fn cache_owner(&self) -> ConstValue {
        self.owner.clone()
    }
    fn method_table(&self) -> MethodTableId {
        self.method_table
    }
    fn params(&self) -> &InferParams {
        &self.params
    }
    fn inlining(&self) -> bool {
        self.inlining
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InferError {
    /// No such MethodInstance in the world.
    UnknownMethodInstance(MethodInstanceId),
    /// The method's source does not fit its signature (a lowering bug, reported not panicked).
    MalformedSource(String),
}

impl std::fmt::Display for InferError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            InferError::UnknownMethodInstance(mi) => write!(f, "unknown method instance {mi}"),
            InferError::MalformedSource(msg) => write!(f, "malformed method source: {msg}"),
        }
    }
}

impl std::error::Error for InferError {}

/// Returns the CodeInstance of `mi` for the interpreter's owner valid in its world, inferring
/// (and caching) it and every callee it needs if there is none.
pub fn typeinf(
    world: &mut World,
    interp: &dyn Interp,
    mi: MethodInstanceId,
) -> Result<types::CodeInstanceId, InferError> {
    engine::Engine::new(world, interp).typeinf_root(mi)
}

/// The return type of a call with signature `Tuple{typeof(f), argtypes...}` (what
/// `Base.return_types` gives): the join over the matching methods, `Union{}` if none, `Any`
/// when inference fails.
pub fn return_type(world: &mut World, interp: &dyn Interp, sig: Ty) -> Lattice {
    engine::Engine::new(world, interp).return_type(sig)
}
