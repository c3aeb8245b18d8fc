//! Shared test helpers: parse, lower and print every thunk and method body, then the
//! diagnostics; SSA construction checked by the IR verifier.

#![allow(dead_code)] // each test binary uses a different subset of the helpers
use std::fmt::Write;

use ir::{print_lowered, Body, StorePrintContext};
use types::TypeStore;

fn print_body(out: &mut String, title: &str, body: &Body, store: &TypeStore) {
    let cx = StorePrintContext::new(store);
    let _ = writeln!(out, "{title}");
    out.push_str(&print_lowered(body, &cx));
    out.push('\n');
}

/// Lowers `src` as `Main` and prints thunks, methods and diagnostics.
pub fn lower_text(src: &str, with_thunks: bool) -> String {
    let parse = syntax::parse(src);
    let mut out = String::new();
    for e in &parse.errors {
        let _ = writeln!(out, "syntax error: {}", e.message);
    }
    let (program, diags) = lower::lower_program(&parse.file, 0, "Main");
    let store = TypeStore::new();
    if with_thunks {
        for (i, thunk) in program.thunks.iter().enumerate() {
            print_body(&mut out, &format!("thunk {}", i + 1), thunk, &store);
        }
    }
    for (i, m) in program.methods.iter().enumerate() {
        print_body(&mut out, &format!("method {} {}", i, m.name), &m.body, &store);
    }
    for d in &diags {
        let text = src.get(d.span.start as usize..d.span.end as usize).unwrap_or("?");
        let _ = writeln!(out, "{:?} {:?}: {}", d.severity, text, d.message);
    }
    out
}

/// Lowers `src`, builds SSA for every body, verifies both forms and prints the SSA bodies.
pub fn ssa_text(src: &str, with_thunks: bool) -> String {
    let parse = syntax::parse(src);
    let (program, _) = lower::lower_program(&parse.file, 0, "Main");
    let store = TypeStore::new();
    let mut out = String::new();
    let mut bodies: Vec<(String, &Body)> = Vec::new();
    if with_thunks {
        for (i, thunk) in program.thunks.iter().enumerate() {
            bodies.push((format!("thunk {}", i + 1), thunk));
        }
    }
    for (i, m) in program.methods.iter().enumerate() {
        bodies.push((format!("method {} {}", i, m.name), &m.body));
    }
    for (title, body) in bodies {
        if let Err(errors) = ir::verify(body, false) {
            // FIXME: the verifier rejects `x = #undef` (Julia's `NewvarNode`, which resets a
            // loop-local each iteration) in slot form; it is how lowering says it.
            let errors: Vec<_> = errors
                .into_iter()
                .filter(|e| {
                    !(e.message == "Undef outside a block argument" && is_undef_store(body, e.location))
                })
                .collect();
            if !errors.is_empty() {
                let _ = writeln!(out, "{title}: slot form fails verify: {errors:?}");
            }
        }
        let ssa = lower::construct_ssa(body);
        if let Err(errors) = ir::verify(&ssa, true) {
            let _ = writeln!(out, "{title}: SSA form fails verify: {errors:?}");
        }
        print_body(&mut out, &title, &ssa, &store);
    }
    out
}

fn is_undef_store(body: &Body, location: ir::verify::Location) -> bool {
    match location {
        ir::verify::Location::Inst(inst) => {
            matches!(body.insts[inst].kind, ir::InstKind::SlotStore { value: ir::Operand::Undef, .. })
        }
        _ => false,
    }
}
