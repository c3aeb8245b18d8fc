//! Pass `const_fold`: replace computations with their constant results (Julia's optimizer gets
//! this from inference's `Const` results, Compiler/src/optimize.jl `ir_to_codeinf!` /
//! ssair/passes.jl; invokelab also evaluates intrinsics here).
//!
//! - an intrinsic call whose arguments are all constants becomes its value, unless evaluating
//!   it would throw (then the call stays, to throw at run time);
//! - `===`, `isa`, `typeof` and `Core.getfield` of a constant tuple fold when their arguments
//!   decide the answer;
//! - `Core.getfield(t, i)` of a tuple built by `Core.tuple(a, b, ...)` here is that element
//!   (the tuple case of Julia's ssair/passes.jl `sroa_pass!`), which unpacks inlined varargs;
//! - a value inferred `Const` is replaced by the constant in its uses; its instruction stays
//!   (dce removes it when it is effect-free and nothrow, never otherwise, so a throw is kept).
//!
//! Deliberately not here: branches on constants (simplify_cfg) and removing instructions (dce).

use ir::{Body, Builtin, CallInfo, Inst, InstFlags, InstKind, Operand, ValueDef};
use rustc_hash::FxHashMap;
use types::ConstValue;

use crate::util::{operand_const, replace_inst_uses, replace_uses};
use crate::OptContext;
use ir::fold_intrinsic;

pub(crate) fn run<C: OptContext + ?Sized>(cx: &mut C, body: &mut Body) -> bool {
    let mut changed = false;
    // Folding one instruction can make another's arguments constant: iterate to a fixed point.
    loop {
        let mut map = FxHashMap::default();
        let mut round = false;
        for b in body.layout.clone() {
            for inst in body.blocks[b].insts.clone() {
                // What this round has found so far is substituted before looking at an
                // instruction, so a chain of foldable instructions (`1 + 1 + ... + 1`) folds in
                // one round rather than one round per link.
                round |= replace_inst_uses(body, inst, &map);
                let Some(result) = body.insts[inst].result else { continue };
                if let Some(value) = fold_call(cx, body, inst) {
                    // The call was evaluated without error, so it is pure and cannot throw.
                    mark_pure(body, inst);
                    body.types.set(result, types::Lattice::Const(value.clone()));
                    map.insert(result, Operand::Const(value));
                } else if let Some(g) = source_global(body, inst) {
                    map.insert(result, Operand::Global(g));
                } else if let Some(c) = inferred_const(body, result) {
                    map.insert(result, Operand::Const(c));
                } else if let Some(op) = forward_tuple_field(body, inst) {
                    map.insert(result, op);
                }
            }
            for &p in &body.blocks[b].params.clone() {
                if let Some(c) = inferred_const(body, p) {
                    map.insert(p, Operand::Const(c));
                }
            }
        }
        round |= replace_uses(body, &map);
        if !round {
            return changed;
        }
        changed = true;
    }
}

/// `%1 = Main.f` where the binding is a function or builtin: uses keep the global reference,
/// as Julia's optimized IR does (`builtin Main.invoke(...)`); other constants become literals,
/// types included (`Base.sitofp(Float64, %1)`, `%new(Point, ...)`), which is also what lets
/// codegen emit intrinsics with a type argument inline.
fn source_global(body: &Body, inst: Inst) -> Option<ir::GlobalRef> {
    let InstKind::Operand(Operand::Global(g)) = &body.insts[inst].kind else { return None };
    let c = body.types.get(body.insts[inst].result?)?.as_const()?;
    match c {
        ConstValue::Singleton(_) | ConstValue::Builtin(_) => Some(g.clone()),
        _ => None,
    }
}

/// A value's constant from inference, when it is safe to embed in the IR as a literal.
fn inferred_const(body: &Body, v: ir::Value) -> Option<ConstValue> {
    let c = body.types.get(v)?.as_const()?;
    // Arguments keep their identity (Julia never substitutes them either).
    if matches!(body.values.get(v)?, ValueDef::Arg(_)) {
        return None;
    }
    Some(c.clone())
}

fn mark_pure(body: &mut Body, inst: Inst) {
    let inline = body.flags.get(inst).and_then(|f| f.inline);
    body.flags.set(inst, InstFlags { nothrow: true, effect_free: true, inline });
}

/// `getfield(%t, i)` where `%t = Core.tuple(args...)` and `i` a constant in range: `args[i]`.
fn forward_tuple_field(body: &Body, inst: Inst) -> Option<Operand> {
    let InstKind::Call { args } = &body.insts[inst].kind else { return None };
    let [_, Operand::Value(t), index] = args.as_slice() else { return None };
    if called_builtin(body, inst, args)? != Builtin::Getfield {
        return None;
    }
    let ConstValue::Int(i) = operand_const(body, index)? else { return None };
    let ValueDef::Inst(def) = *body.values.get(*t)? else { return None };
    let InstKind::Call { args: elems } = &body.insts[def].kind else { return None };
    if called_builtin(body, def, elems)? != Builtin::Tuple {
        return None;
    }
    // `elems[0]` is `Core.tuple` itself, so field `i` (1-based) is `elems[i]`.
    let i = usize::try_from(*i).ok().filter(|&i| i >= 1)?;
    elems.get(i).cloned()
}

/// The builtin a call calls, from its info or its constant callee.
fn called_builtin(body: &Body, inst: Inst, args: &[Operand]) -> Option<Builtin> {
    match body.infos.get(inst) {
        Some(CallInfo::Builtin(b)) => Some(*b),
        _ => match operand_const(body, args.first()?)? {
            ConstValue::Builtin(id) => Builtin::from_id(*id),
            _ => None,
        },
    }
}

/// The constant result of a builtin call on constant arguments, if it has one.
fn fold_call<C: OptContext + ?Sized>(cx: &mut C, body: &Body, inst: Inst) -> Option<ConstValue> {
    let InstKind::Call { args } = &body.insts[inst].kind else { return None };
    let builtin = called_builtin(body, inst, args)?;
    let consts: Option<Vec<ConstValue>> = args[1..].iter().map(|a| operand_const(body, a).cloned()).collect();
    let consts = consts?;
    if builtin.is_intrinsic() {
        return fold_intrinsic(builtin, &consts);
    }
    fold_builtin(cx, builtin, &consts)
}

fn fold_builtin<C: OptContext + ?Sized>(cx: &mut C, b: Builtin, args: &[ConstValue]) -> Option<ConstValue> {
    match (b, args) {
        (Builtin::Egal, [x, y]) => Some(ConstValue::Bool(x == y)),
        (Builtin::Typeof, [x]) => Some(ConstValue::Type(x.type_of(cx.types()))),
        (Builtin::Isa, [x, ConstValue::Type(t)]) => {
            let store = cx.types();
            let ty = x.type_of(store);
            Some(ConstValue::Bool(store.issubtype(ty, *t)))
        }
        (Builtin::Getfield, [ConstValue::Tuple(elems), ConstValue::Int(i)]) => {
            let index = usize::try_from(*i).ok()?.checked_sub(1)?;
            elems.get(index).cloned()
        }
        (Builtin::Tuple, elems) => Some(ConstValue::Tuple(elems.iter().cloned().collect())),
        _ => None,
    }
}
