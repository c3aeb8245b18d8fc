//! Typed, optimized IR -> one wasm module per CodeInstance (with walrus).
//!
//! Invariant: codegen knows nothing of who runs its modules (no engine, no host types); it
//! knows the ABI in `abi`, which every host implements. It never re-infers: every type it needs
//! comes from the body's `types` side table and the `CodegenContext`.
//!
//! Layout: `structure` (Ramsey's dominator-tree translation to `block`/`loop`/`br`, over
//! `ir::cfg`), `emit` (locals, representations, boxing, imports, the step charges of
//! `ir::steps`), `counted` (a counted loop's charge), `inst` (instructions, intrinsics, builtins,
//! calls), `gc` (GC roots on the shadow stack: argument arrays and GC frames), `module`
//! (entries and trampolines). It translates the IR it is given as it is: every rewrite of a
//! body (tail recursion as a loop, a self call unrolled or its base case peeled) is an
//! optimizer pass, shown in the pass view and run by the reference interpreter too.

pub mod abi;
mod counted;
mod emit;
mod gc;
mod inst;
mod module;
mod structure;
mod vector;

use ir::{GlobalRef, Span};
use types::{CodeInstanceId, ConstValue, Ty, TypeStore};

pub use module::{compile, trampoline, trampoline_at, trampolines_at};

/// The types of a CodeInstance's specialized entry. `params` includes argument 0 (the function
/// itself; usually a singleton, hence erased); for a vararg method the last one is the tuple.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Signature {
    pub params: Vec<Ty>,
    pub ret: Ty,
}

/// What codegen asks of the runtime while it compiles one body.
pub trait CodegenContext {
    fn types(&self) -> &TypeStore;
    /// The call-table slot of a CodeInstance (allocated on first request).
    fn slot_of(&mut self, ci: CodeInstanceId) -> u32;
    fn signature_of(&mut self, ci: CodeInstanceId) -> Signature;
    /// The address of the constant's (interned) box in the heap.
    fn constant_box(&mut self, c: &ConstValue) -> u32;
    /// A new inline cache for one dynamic call site whose call has `nargs` arguments (the
    /// function included): the address of a zeroed cell that lives, unmoved, as long as the
    /// code may run (`abi`, "Inline caches of dynamic calls").
    fn call_site_cache(&mut self, nargs: u32) -> u32;
    /// The index of a non-constant global binding, for the `global_get`/`global_set` imports.
    fn global_index(&mut self, g: &GlobalRef) -> u32;
    /// The value of a constant global binding (a type, a function, `const X = ...`), which
    /// generated code embeds instead of reading it through the host.
    fn global_constant(&self, _g: &GlobalRef) -> Option<ConstValue> {
        None
    }
    /// Whether generated code counts steps against the budget (a run with no step limit omits
    /// the counters, for measuring raw speed).
    fn count_steps(&self) -> bool {
        true
    }
    /// The most frames the calls in progress may take (`ir::steps`, "Frames"); a call past it
    /// raises `StackOverflowError`.
    fn max_depth(&self) -> u32 {
        u32::MAX
    }
    /// Whether the body is top-level code (a compiled thunk), which records the statement it
    /// is running at `abi::POSITION_ADDR`.
    fn tracks_position(&self) -> bool {
        false
    }
    /// An id for a source span, passed to throwing imports; 0 means "no location".
    fn span_id(&mut self, _span: Span) -> u32 {
        0
    }
    /// An id for a position of the body being compiled: `span`, inside the inlined calls
    /// `inlined` (innermost first: the callee's CodeInstance and the span of the call that was
    /// inlined), at a call that adds `frames` frames (0 elsewhere). Throwing imports get it as
    /// their span, and calls write it to the call-site stack (`abi::CALL_SITES_ADDR`).
    fn position_id(&mut self, span: Span, _inlined: &[(CodeInstanceId, Span)], _frames: u32) -> u32 {
        self.span_id(span)
    }
    /// Where the heap starts in the linear memory the modules import. Addresses in generated
    /// code are heap offsets; every load and store carries this base in its static offset, so
    /// a host may place the heap inside a larger memory (the browser host uses its own) at no
    /// cost. wasmtime's dedicated memory uses 0.
    fn heap_base(&self) -> u32 {
        0
    }
}

#[derive(Clone, PartialEq, Eq, Debug)]
pub enum CodegenError {
    /// The body uses something codegen does not lower (slot form, top-level definitions, a
    /// `New` of a non-constant type, ...): what it was.
    Unsupported(String),
    /// The body is malformed (a value without a type, an operand with no definition, ...).
    InvalidBody(String),
}

impl std::fmt::Display for CodegenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CodegenError::Unsupported(what) => write!(f, "codegen does not support {what}"),
            CodegenError::InvalidBody(what) => write!(f, "invalid body: {what}"),
        }
    }
}

impl std::error::Error for CodegenError {}

/// The wat text of a module (for `--dump wat` and `@code_wasm`); the printer's error message if
/// the bytes are not a module.
pub fn wat(bytes: &[u8]) -> String {
    match wasmprinter::print_bytes(bytes) {
        Ok(text) => text,
        Err(e) => format!(";; invalid module: {e}"),
    }
}
