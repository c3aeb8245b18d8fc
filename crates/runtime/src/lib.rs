//! The session: top-level evaluation, world age of the running task, the call path (dispatch
//! with its cache, builtins, the engines), the compile driver, linking and the code table,
//! lazy-compile trampolines, curing, reflection, step and memory limits, and the `Host` trait
//! that the two hosts implement.
//!
//! Invariant: the runtime knows no engine (only `Host`) and no terminal or DOM.
//!
//! Layers, each using only those before it: the heap and its objects (`heap`, `objects`,
//! `show`, `errors`, `builtins`), the session's data (`options`, `host`, `session`, `code`,
//! `labels`, `invalidation_trees`), raising errors (`raise`), linking (`link`, `dump`, `inline_cache`), the compile
//! driver (`compile`), the call path (`call/`, one concept), the session's builtins (`plugin`,
//! `reflect_objects`, `reflect`), imports and the top level (`session_imports`, `toplevel`,
//! `bootstrap`). A test checks that no file uses a later layer.

mod bootstrap;
mod builtins;
mod call;
mod code;
mod compile;
mod dump;
mod errors;
mod float;
mod gc;
mod hashing;
mod heap;
pub mod host;
pub mod imports;
mod inline_cache;
mod interp_host;
mod invalidation_trees;
pub mod ir_view;
mod labels;
mod link;
mod objects;
mod options;
mod plugin;
mod prelude;
mod raise;
mod random;
mod reflect;
mod reflect_objects;
mod remarks;
pub mod session;
mod session_imports;
mod show;
mod show_methods;
mod toplevel;
mod ziggurat;

pub use bootstrap::Snapshot;
#[cfg(not(target_arch = "wasm32"))]
pub use interp_host::RUN_STACK_BYTES;
pub use interp_host::{monotonic_ns, on_big_stack, run_interpreted, InterpHost};
pub use options::{Dump, EmittedModule, EngineKind, Inlining, Options, OutputSink, RunOutput};
pub use session_imports::SessionImports;
pub use toplevel::{run_program, top_level_frames_only};

// The session API that the hosts, the CLI and the playground use.
pub use code::{CodeState, CodeTable, DispatchCache, OwnerId};
pub use compile::{drop_native_code, passes_of};
pub use dump::{ci_title, mi_title, typed_text, warntype_text, SessionPrint};
pub use invalidation_trees::{
    invalidation_trees, invalidations_text, InvalidationTree, TreeNode, TreeRoot, TreeRootKind,
};
pub use labels::{method_label, owner_repr};
pub use toplevel::run_file;
