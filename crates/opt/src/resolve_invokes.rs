//! Pass `resolve_invokes`: a call whose info names a CodeInstance becomes a direct `Invoke` of
//! exactly that CodeInstance (Julia's `Expr(:invoke)`; Compiler/src/ssair/inlining.jl
//! `handle_invoke_expr!`, and PR #60442 for `invoke(f, ci, args...)`).
//!
//! A `Core._apply_iterate([iterate,] f, tuples...)` call whose info is `ApplyIterate` (inference
//! saw tuples of known length) first becomes the call `f(Core.getfield(t, 1), ...)` with the
//! flattened call's info (Julia's inlining.jl `rewrite_apply_exprargs!`), then is resolved like
//! any call; one that cannot be flattened keeps the plain builtin info.
//!
//! A call resolved by dispatch whose argument types are not all concrete becomes a direct invoke
//! only when the inliner will copy the callee in, or when inference limited its signature
//! (`limited`); otherwise it stays a dynamic call, as in Julia, so that run-time dispatch
//! specializes it (and, under a plugin owner, in that owner's partition). An `invoke(f, ci, ...)` always targets exactly `ci` once its argument types are
//! proven.
//!
//! Deliberately not done: choosing any other CodeInstance (the native cache's, a fresher one).
//! A call whose argument types are not proven to lie inside the target's `specTypes` stays a
//! call, because the builtin's run-time type check (SEMANTICS.md §3.1 step 1) is then still
//! needed; builtin calls always stay calls.

use ir::{Body, Builtin, CallInfo, GlobalRef, InstFlags, InstKind, Operand};
use types::{CodeInstanceId, ConstValue, Lattice, TyKind};

use crate::util::{operand_const, operand_type};
use crate::OptContext;

pub(crate) fn run<C: OptContext + ?Sized>(
    cx: &mut C,
    caller: CodeInstanceId,
    body: &mut Body,
    mode: crate::InlineMode,
) -> bool {
    let mut changed = false;
    for b in body.layout.clone() {
        for inst in body.blocks[b].insts.clone() {
            if let Some(CallInfo::ApplyIterate { call, iterate }) = body.infos.get(inst).cloned() {
                match flatten_apply(cx, body, b, inst, &call, iterate) {
                    Some(args) => {
                        body.insts[inst].kind = InstKind::Call { args };
                        body.infos.set(inst, *call);
                        changed = true;
                    }
                    None => {
                        body.infos.set(inst, CallInfo::Builtin(Builtin::ApplyIterate));
                        continue;
                    }
                }
            }
            let InstKind::Call { args } = &body.insts[inst].kind else { continue };
            let Some((ci, invoke_args)) = target(body.infos.get(inst), args) else { continue };
            if !args_proven(cx, body, ci, &invoke_args) {
                continue;
            }
            let by_dispatch = matches!(body.infos.get(inst), Some(CallInfo::Static { .. }));
            if by_dispatch && !args_concrete(cx, body, &invoke_args) && !limited(cx, body, ci, &invoke_args) {
                // Julia compiles a direct call only for concrete argument types
                // (inlining.jl `compileable_specialization`): otherwise the call stays dynamic
                // and dispatch specializes on the run-time types, unless the body is inlined.
                let call = std::mem::replace(
                    &mut body.insts[inst].kind,
                    InstKind::Invoke { ci, args: invoke_args.clone() },
                );
                if !crate::inline::would_inline(cx, caller, body, inst, ci, mode) {
                    body.insts[inst].kind = call;
                    continue;
                }
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

/// What `run` makes of an `invoke(f, ci, args...)` call (the remarks ask, after the fact).
#[derive(Clone, PartialEq, Debug)]
pub enum InvokeDecision {
    /// It becomes a direct `Invoke` of `ci`.
    Direct(CodeInstanceId),
    /// It stays a call of the builtin, whose run-time check is still needed: the arguments'
    /// types `args` (a tuple, the function first) are not proven to lie in `ci`'s `spec`.
    Unproven { ci: CodeInstanceId, args: types::Ty, spec: types::Ty },
    /// It stays a call of the builtin: the CodeInstance operand is not a constant (its type is
    /// the `Ty`, which may be `Any`).
    NotConstant(types::Ty),
    /// Inference found it always throws (the arguments cannot match, or `ci` is not valid in
    /// the caller's world).
    Throws(CodeInstanceId),
}

/// The decision for the call at `inst` of `body`, if it calls `Core.invoke` with a
/// CodeInstance (a constant, or a value of type `CodeInstance`).
pub fn invoke_decision<C: OptContext + ?Sized>(
    cx: &mut C,
    body: &Body,
    inst: ir::Inst,
) -> Option<InvokeDecision> {
    let InstKind::Call { args } = &body.insts[inst].kind else { return None };
    let info = body.infos.get(inst);
    let builtin_invoke = info.and_then(CallInfo::builtin) == Some(Builtin::Invoke)
        || matches!(info, Some(CallInfo::InvokeCodeInstance { .. } | CallInfo::Throws));
    let is_invoke = args.first().is_some_and(|f| match f {
        Operand::Global(g) => &*g.name == "invoke",
        op => operand_const(body, op) == Some(&ConstValue::Builtin(Builtin::Invoke.id())),
    });
    if !builtin_invoke || !is_invoke {
        return None;
    }
    let target = args.get(2)?;
    let constant = operand_const(body, target).and_then(|c| match c {
        ConstValue::CodeInstance(ci) => Some(*ci),
        _ => None,
    });
    match (info, constant) {
        (Some(CallInfo::InvokeCodeInstance { ci }), _) => {
            let (ci, direct) = target_of(*ci, args);
            if args_proven(cx, body, ci, &direct) {
                return Some(InvokeDecision::Direct(ci));
            }
            let spec = cx.spec_types(ci);
            let tys = direct.iter().map(|a| arg_type(cx, body, a)).collect();
            let args = cx.types().tuple(tys);
            Some(InvokeDecision::Unproven { ci, args, spec })
        }
        (Some(CallInfo::Throws), Some(ci)) => Some(InvokeDecision::Throws(ci)),
        // `invoke(f, T::Type, args...)` names a signature, not a CodeInstance.
        (_, None) if !matches!(operand_const(body, target), Some(ConstValue::Type(_))) => {
            let ty = operand_type(body, target, cx.types());
            let may_be_ci = cx.types().intersect(ty, types::Ty::CODE_INSTANCE) != types::Ty::BOTTOM;
            may_be_ci.then_some(InvokeDecision::NotConstant(ty))
        }
        _ => None,
    }
}

/// `invoke(f, ci, args...)` as the direct call `f(args...)` of `ci`.
fn target_of(ci: CodeInstanceId, args: &[Operand]) -> (CodeInstanceId, Vec<Operand>) {
    let mut direct = vec![args[1].clone()];
    direct.extend(args[3..].iter().cloned());
    (ci, direct)
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
    let value = insert_builtin_before(body, block, before, Builtin::Tuple, call, Lattice::Type(tuple_ty));
    args.push(Operand::Value(value));
    args
}

/// Inserts a nothrow, effect-free builtin call right before `before` and returns its value.
fn insert_builtin_before(
    body: &mut Body,
    block: ir::Block,
    before: ir::Inst,
    builtin: Builtin,
    args: Vec<Operand>,
    ty: Lattice,
) -> ir::Value {
    let span = body.spans.get(before).copied().unwrap_or_default();
    let inst = body.push_inst(block, InstKind::Call { args }, span, true);
    // `push_inst` appended it; move it right before the call.
    let insts = &mut body.blocks[block].insts;
    insts.pop();
    let at = insts.iter().position(|&i| i == before).unwrap_or(insts.len());
    insts.insert(at, inst);
    let value = body.result(inst);
    body.types.set(value, ty);
    body.infos.set(inst, CallInfo::Builtin(builtin));
    body.flags.set(inst, InstFlags { nothrow: true, effect_free: true, inline: None });
    if let Some(&frame) = body.inlined_at.get(before) {
        body.inlined_at.set(inst, frame);
    }
    value
}

/// The arguments of `f(elements...)` for `_apply_iterate([iterate,] f, tuples...)` at `inst`:
/// a constant tuple gives its elements, any other tuple of known length `Core.getfield(t, i)`
/// calls inserted before the call. `None` (the call stays as it is) when a collection is not
/// such a tuple, or the flattened call always throws.
fn flatten_apply<C: OptContext + ?Sized>(
    cx: &mut C,
    body: &mut Body,
    block: ir::Block,
    inst: ir::Inst,
    call: &CallInfo,
    iterate: bool,
) -> Option<Vec<Operand>> {
    if matches!(call, CallInfo::Throws) {
        return None;
    }
    let InstKind::Call { args } = &body.insts[inst].kind else { return None };
    let skip = if iterate { 2 } else { 1 };
    let (f, collections) = args.get(skip..)?.split_first()?;
    let (f, collections) = (f.clone(), collections.to_vec());
    // Check every collection before inserting anything.
    let mut plans = Vec::with_capacity(collections.len());
    for c in &collections {
        if let Some(ConstValue::Tuple(vals)) = operand_const(body, c) {
            plans.push(Err(vals.clone()));
            continue;
        }
        let ty = operand_type(body, c, cx.types());
        match cx.types().kind(ty) {
            TyKind::Tuple { elems, vararg: None } => plans.push(Ok(elems.clone())),
            _ => return None,
        }
    }
    let mut flat = vec![f];
    for (c, plan) in collections.into_iter().zip(plans) {
        match plan {
            Err(vals) => flat.extend(vals.iter().cloned().map(Operand::Const)),
            Ok(elems) => {
                for (i, e) in elems.into_iter().enumerate() {
                    let getfield = Operand::Global(GlobalRef::new("Core", "getfield"));
                    let index = Operand::Const(ConstValue::Int(i as i64 + 1));
                    let args = vec![getfield, c.clone(), index];
                    let v =
                        insert_builtin_before(body, block, inst, Builtin::Getfield, args, Lattice::Type(e));
                    flat.push(Operand::Value(v));
                }
            }
        }
    }
    Some(flat)
}

/// The CodeInstance a call info names and the arguments of the direct call (`f, args...`).
fn target(info: Option<&CallInfo>, args: &[Operand]) -> Option<(CodeInstanceId, Vec<Operand>)> {
    match info? {
        CallInfo::Static { ci: Some(ci), .. } => Some((*ci, args.to_vec())),
        // `Core.invoke(f, ci, args...)`: drop the builtin and the CodeInstance operand.
        CallInfo::InvokeCodeInstance { ci } if args.len() >= 3 => Some(target_of(*ci, args)),
        _ => None,
    }
}

/// Whether every argument (the function included) has a concrete type or is a constant type.
fn args_concrete<C: OptContext + ?Sized>(cx: &mut C, body: &Body, args: &[Operand]) -> bool {
    args.iter().all(|a| {
        let t = arg_type(cx, body, a);
        let store = cx.types();
        store.is_concrete(t) || store.type_param(t).is_some()
    })
}

/// Whether inference widened the call's signature to reach `ci` (the target's `specTypes` is
/// strictly wider than the arguments' types, which a call resolved by dispatch only gets from
/// the recursion limit of Compiler/src/typelimits.jl). Such a call invokes the widened
/// instance, as Julia's `compileable_specialization` invokes a compileable signature: run-time
/// dispatch would specialize again on the ever-growing types, one compilation per level.
fn limited<C: OptContext + ?Sized>(cx: &mut C, body: &Body, ci: CodeInstanceId, args: &[Operand]) -> bool {
    let spec = cx.spec_types(ci);
    let tys = args.iter().map(|a| arg_type(cx, body, a)).collect();
    let store = cx.types();
    let tuple = store.tuple(tys);
    !store.issubtype(spec, tuple)
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
/// A constant type `T` is seen as `Type{T}`, as dispatch sees it (Julia's `argextype`).
fn arg_type<C: OptContext + ?Sized>(cx: &mut C, body: &Body, op: &Operand) -> types::Ty {
    let constant = match op {
        Operand::Global(g) => cx.global_constant(g),
        _ => operand_const(body, op).cloned(),
    };
    match constant {
        Some(ConstValue::Type(t)) => cx.types().type_type(t),
        Some(c) => c.type_of(cx.types()),
        None => operand_type(body, op, cx.types()),
    }
}
