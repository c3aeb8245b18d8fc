//! The session: top-level evaluation, world age of the running task, linking and the shared call
//! table, lazy-compile trampolines, curing, dynamic dispatch, builtins and reflection, step and
//! memory limits, and the `Host` trait that the two hosts implement.
//!
//! Invariant: the runtime knows no engine (only `Host`) and no terminal or DOM.

pub mod bootstrap;
pub mod builtins;
pub mod call;
pub mod dump;
pub mod errors;
pub mod float;
pub mod heap;
pub mod host;
pub mod imports;
pub mod interp_host;
pub mod link;
pub mod machine;
pub mod objects;
mod options;
pub mod plugin;
pub mod reflect;
pub mod reflect_objects;
pub mod session;
pub mod session_imports;
pub mod show;
pub mod toplevel;

pub use interp_host::{monotonic_ns, on_big_stack, run_interpreted, InterpHost};
pub use options::{Dump, EmittedModule, EngineKind, Inlining, Options, RunOutput};
pub use session_imports::SessionImports;
pub use toplevel::run_program;
