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
            let invoke_args = match cx.vararg_nargs(ci) {
                Some(nargs) => pack_varargs(cx, body, b, inst, invoke_args, nargs),
                None => invoke_args,
            };
            body.insts[inst].kind = InstKind::Invoke { ci, args: invoke_args };
            changed = true;
        }
    }
    changed
}

/// A direct call of a varargs method passes its trailing arguments as one tuple (the callee's
/// last argument), built by a `Core.tuple` call inserted before the call.
fn pack_varargs<C: OptContext + ?Sized>(
    cx: &mut C,
    body: &mut Body,
    block: ir::Block,
    before: ir::Inst,
    mut args: Vec<Operand>,
    nargs: usize,
) -> Vec<Operand> {
    let fixed = nargs.saturating_sub(1).min(args.len());
    let rest = args.split_off(fixed);
    let elems = rest.iter().map(|a| arg_type(cx, body, a)).collect();
    let tuple_ty = cx.types().tuple(elems);
    let mut call = vec![Operand::Const(types::ConstValue::Builtin(ir::Builtin::Tuple.id()))];
    call.extend(rest);
    let span = body.spans.get(before).copied().unwrap_or_default();
    let tuple = body.push_inst(block, InstKind::Call { args: call }, span, true);
    // `push_inst` appended it; move it right before the call.
    let insts = &mut body.blocks[block].insts;
    insts.pop();
    let at = insts.iter().position(|&i| i == before).unwrap_or(insts.len());
    insts.insert(at, tuple);
    let value = body.result(tuple);
    body.types.set(value, types::Lattice::Type(tuple_ty));
    body.infos.set(tuple, CallInfo::Builtin(ir::Builtin::Tuple));
    body.flags.set(tuple, ir::InstFlags { nothrow: true, effect_free: true, inline: None });
    args.push(Operand::Value(value));
    args
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
    let tys = args.iter().map(|a| arg_type(cx, body, a)).collect();
    let store = cx.types();
    let tuple = store.tuple(tys);
    store.issubtype(tuple, spec)
}

/// An operand's type, seeing through constant globals (lowering leaves callees like
/// `Base.:<=` as global operands, as Julia's IR does).
fn arg_type<C: OptContext + ?Sized>(cx: &mut C, body: &Body, op: &Operand) -> types::Ty {
    if let Operand::Global(g) = op {
        if let Some(c) = cx.global_constant(g) {
            return c.type_of(cx.types());
        }
    }
    operand_type(body, op, cx.types())
}
