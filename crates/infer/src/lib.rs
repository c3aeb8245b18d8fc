//! Abstract interpretation (Julia's Compiler/src/typeinfer.jl and abstractinterpretation.jl):
//! the `Interp` trait, `typeinf` of a MethodInstance into a cached CodeInstance, call infos,
//! effects, edges and world ranges.
//!
//! Invariant: this crate knows nothing of wasm, syntax or the runtime's heap. It reads method
//! sources from `world`, writes CodeInstances (under the interpreter's cache owner only) back
//! into it, and never optimizes (that is `opt`'s job).

mod calls;
mod engine;
mod frame;
mod tfuncs;

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
}

impl InferParams {
    pub const DEFAULT: InferParams =
        InferParams { max_methods: 3, max_cycle_iterations: 8, max_stack_depth: 64, max_method_recursion: 3 };
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
/// parameters. Its CodeInstances live in the owner's partition.
#[derive(Clone, Debug, PartialEq)]
pub struct PluginInterp {
    pub world: u64,
    pub owner: ConstValue,
    pub method_table: MethodTableId,
    pub params: InferParams,
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
