//! The IR: ids, blocks with parameters, per-instruction side tables (type, call info, span,
//! flags), and the table of builtins.
//!
//! Invariant: this crate knows nothing of syntax trees, method tables, inference or wasm. It
//! defines the data every middle stage shares, prints it in Julia's `CodeInfo(...)` format,
//! checks it (the verifier), and runs it (the reference interpreter, through a trait the
//! runtime implements).

mod body;
mod builtins;
pub mod entity;
mod value;

pub use body::{
    Block, BlockData, BlockTarget, Body, CallInfo, GlobalRef, Inst, InstData, InstFlags, InstKind,
    LoweredMethod, LoweredProgram, MethodDef, Operand, Slot, SlotData, Span, Terminator, TypeDef, Value,
    ValueDef,
};
pub use builtins::{Builtin, BuiltinDef, BuiltinKind, BUILTINS};
pub use value::RtValue;
