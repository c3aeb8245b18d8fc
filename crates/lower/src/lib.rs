//! `lower`: the syntax tree -> slot-form IR (desugaring and Julia's scoping rules), and SSA
//! construction (slots -> values and block parameters).
//!
//! Invariants: lowering never fails and never panics. Each top-level statement becomes one
//! thunk; method bodies go to `LoweredProgram::methods`. A construct outside the subset is an
//! `Error` diagnostic with its span, lowered as `nothing` so the rest of the program is still
//! checked. This crate knows names, not bindings: every name that is not a local becomes a
//! `GlobalRef` in the current module and the world resolves it (`Main` -> `Base` -> `Core`) at
//! run time. It knows nothing of types, method tables or engines.
//!
//! The desugarings follow Julia's `src/julia-syntax.scm` where the subset allows; differences
//! are noted where they are made.

mod assign;
mod broadcast;
mod closure;
mod control;
mod cx;
mod expr;
mod func;
mod macros;
mod scope;
mod ssa;
mod test_macros;
mod text;
mod toplevel;

pub use ssa::construct_ssa;

/// How bad a diagnostic is.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Severity {
    Error,
    Warning,
}

/// A problem found while lowering, with the source range it is about.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Diagnostic {
    pub span: ir::Span,
    pub message: String,
    pub severity: Severity,
}

/// Lowers a parsed file. `module` is `"Main"` for user code and `"Base"` for the prelude.
pub fn lower_program(
    file: &syntax::SourceFile,
    file_id: u32,
    module: &str,
) -> (ir::LoweredProgram, Vec<Diagnostic>) {
    let (program, diags, _) = lower_file(file, file_id, module, 0, None);
    (program, diags)
}

/// `lower_program` for a session that has lowered other files: its closure types are numbered
/// from `first_closure` (so each has a new name); returns the number after the last.
/// `source` is the file's name and text, for the locations `@test` reports.
pub fn lower_file(
    file: &syntax::SourceFile,
    file_id: u32,
    module: &str,
    first_closure: u32,
    source: Option<(&str, &str)>,
) -> (ir::LoweredProgram, Vec<Diagnostic>, u32) {
    let mut global = cx::Global::new(file_id, module);
    global.closure_counter = first_closure;
    if let Some((name, text)) = source {
        global.file_name = name.into();
        global.line_starts = std::iter::once(0)
            .chain(text.bytes().enumerate().filter(|&(_, b)| b == b'\n').map(|(i, _)| i as u32 + 1))
            .collect();
    }
    for stmt in &file.stmts {
        toplevel::lower_toplevel(&mut global, stmt);
    }
    let next = global.closure_counter;
    (global.program, global.diags, next)
}
