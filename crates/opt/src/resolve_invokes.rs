//! Pass `resolve_invokes`: a call whose info names a CodeInstance becomes a direct `Invoke` of
//! exactly that CodeInstance (Julia's `Expr(:invoke)`; Compiler/src/ssair/inlining.jl
//! `handle_invoke_expr!`, and PR #60442 for `invoke(f, ci, args...)`).
//!
//! Deliberately not done: choosing any other CodeInstance (the native cache's, a fresher one).
//! A call whose argument types are not proven to lie inside the target's `specTypes` stays a
//! call, because the builtin's run-time type check (SEMANTICS.md §3.1 step 1) is then still
//! needed; builtin calls always stay calls.

use ir::{Body, CallInfo, InstKind, Operand};
use types::CodeInstanceId;

use crate::util::operand_type;
use crate::OptContext;

pub(crate) fn run<C: OptContext + ?Sized>(cx: &mut C, body: &mut Body) -> bool {
    let mut changed = false;
    for b in body.layout.clone() {
        for inst in body.blocks[b].insts.clone() {
            let InstKind::Call { args } = &body.insts[inst].kind else { continue };
            let Some((ci, invoke_args)) = target(body.infos.get(inst), args) else { continue };
            if !args_proven(cx, body, ci, &invoke_args) {
                continue;
            }
            body.insts[inst].kind = InstKind::Invoke { ci, args: invoke_args };
            changed = true;
        }
    }
    changed
}

/// The CodeInstance a call info names and the arguments of the direct call (`f, args...`).
fn target(info: Option<&CallInfo>, args: &[Operand]) -> Option<(CodeInstanceId, Vec<Operand>)> {
    match info? {
        CallInfo::Static { ci: Some(ci), .. } => Some((*ci, args.to_vec())),
        // `Core.invoke(f, ci, args...)`: drop the builtin and the CodeInstance operand.
        CallInfo::InvokeCodeInstance { ci } if args.len() >= 3 => {
            let mut direct = vec![args[1].clone()];
            direct.extend(args[3..].iter().cloned());
            Some((*ci, direct))
        }
        _ => None,
    }
}

/// Whether `Tuple{types of args...} <: ci.def.specTypes`, so the direct call needs no check.
fn args_proven<C: OptContext + ?Sized>(
    cx: &mut C,
    body: &Body,
    ci: CodeInstanceId,
    args: &[Operand],
) -> bool {
    let spec = cx.spec_types(ci);
    let store = cx.types();
    let tys = args.iter().map(|a| operand_type(body, a, store)).collect();
    let tuple = store.tuple(tys);
    store.issubtype(tuple, spec)
}
