//! The IR: ids, blocks with parameters, per-instruction side tables (type, call info, span,
//! flags), and the table of builtins.
//!
//! Invariant: this crate knows nothing of syntax trees, method tables, inference or wasm. It
//! defines the data every middle stage shares, prints it in Julia's `CodeInfo(...)` format,
//! checks it (the verifier), and runs it (the reference interpreter, through a trait the
//! runtime implements).

mod body;
mod builtins;
pub mod cfg;
pub mod entity;
pub mod exp;
mod exp_table;
mod float;
mod value;

pub use body::{
    Block, BlockData, BlockTarget, Body, CallInfo, GlobalRef, InlineFrame, Inst, InstData, InstFlags,
    InstKind, LoweredMethod, LoweredProgram, MethodDef, Operand, Slot, SlotData, Span, Terminator, TypeDef,
    Value, ValueDef,
};
pub use builtins::{Builtin, BuiltinDef, BuiltinKind, BUILTINS};
pub use value::RtValue;

// Tools over the IR: Julia-format printing, the verifier, intrinsic evaluation, the control-flow
// facts and the step rule both engines follow, the interpreter.
pub mod eval;
pub mod interp;
pub mod print;
mod print_code;
mod print_debuginfo;
mod print_raw;
pub mod steps;
pub mod verify;

pub use eval::{eval_intrinsic, fold_intrinsic, IntrinsicError};
pub use float::{format_float, format_float32};
pub use interp::{call_intrinsic, interpret, FrameRoots, Machine, Thrown};
pub use print::{PrintContext, StorePrintContext};
pub use print_code::{print_lowered, print_typed, print_typed_lines, print_warntype_ir, PrintedIr, StmtRef};
pub use print_debuginfo::SourceFrame;
pub use print_raw::print_raw;
pub use verify::{verify, verify_with, VerifyError, VerifyOptions};
