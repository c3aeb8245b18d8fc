//! Top-level statements: each becomes one thunk (a `Body` without arguments) that runs in
//! the global scope, in order. Also remembers which globals earlier statements defined, for
//! the soft-scope warning.

use ir::Body;
use syntax::ast::{Expr, ExprKind, FunctionName, VarDeclKind};

use crate::cx::{Cx, Global, Scope, ScopeKind, Want};
use crate::scope::ScopeNames;

pub(crate) fn lower_toplevel(g: &mut Global, stmt: &Expr) {
    let mut cx = Cx::new(g, Body::new(vec![]), Scope::new(ScopeKind::Global), false);
    cx.boxed = crate::closure::boxed_names(&[], std::slice::from_ref(stmt));
    cx.lower(stmt, Want::Tail);
    if cx.open {
        cx.ret(crate::cx::nothing(), stmt.span);
    }
    let mut body = cx.body;
    // The closures' definitions run first (`closure`).
    let hoisted = std::mem::take(&mut g.hoisted);
    if !hoisted.is_empty() {
        let entry = body.entry();
        let first = body.new_block();
        for (kind, span) in hoisted {
            body.push_inst(first, kind, g.span(span), false);
        }
        body.set_term(first, ir::Terminator::Jump(crate::cx::target(entry)), g.span(stmt.span));
        body.layout.insert(0, first);
    }
    crate::ssa::prune_unreachable(&mut body);
    crate::ssa::prune_unobserved_undef(&mut body);
    g.program.thunks.push(body);
    record_globals(g, stmt);
}

/// Adds the names `stmt` defines at top level to `g.defined_globals`.
fn record_globals(g: &mut Global, stmt: &Expr) {
    let names = ScopeNames::scan(std::slice::from_ref(stmt));
    for (name, _) in names.assigned {
        g.defined_globals.insert(name);
    }
    for name in names.globals {
        g.defined_globals.insert(name);
    }
    collect_definitions(g, stmt);
}

fn collect_definitions(g: &mut Global, stmt: &Expr) {
    match &stmt.kind {
        ExprKind::FunctionDef(def) => {
            if let FunctionName::Named { path, name } = &def.name {
                if path.is_empty() {
                    g.defined_globals.insert(name.name.clone());
                }
            }
        }
        ExprKind::StructDef(def) => {
            g.defined_globals.insert(def.name.name.clone());
        }
        ExprKind::AbstractTypeDef(def) => {
            g.defined_globals.insert(def.name.name.clone());
        }
        ExprKind::MacroCall(m) => {
            for arg in &m.args {
                collect_definitions(g, arg);
            }
            if m.name.name == "MethodTable" {
                if let Some(name) = m.args.first().and_then(Expr::as_ident) {
                    g.defined_globals.insert(name.to_string());
                }
            }
        }
        ExprKind::Block(b) => b.stmts.iter().for_each(|s| collect_definitions(g, s)),
        ExprKind::VarDecl { kind: VarDeclKind::Const | VarDeclKind::Global, targets } => {
            targets.iter().for_each(|t| collect_definitions(g, t));
        }
        _ => {}
    }
}
