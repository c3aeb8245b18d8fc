//! Pass `dce`: mark-and-sweep dead code elimination (Julia's Compiler/src/ssair/ir.jl
//! compaction drops unused effect-free statements; ssair/passes.jl `adce_pass!` removes dead
//! φ nodes). An instruction is removed only if its result is unused *and* its flags say it is
//! both effect-free and nothrow; unused block parameters are removed with their arguments.
//!
//! First, a block is cut after a call inferred `Union{}` (it never returns) and ends in
//! `unreachable`, as in Julia's IR; blocks no longer reachable from the entry leave the layout.
//!
//! Deliberately conservative: an instruction without flags is kept, and a direct `Invoke` of a
//! plugin-owned CodeInstance is always kept, whatever its flags, because that CI may have no
//! code at run time and then raises "Failed to invoke or compile external codeinst"
//! (julia-invoke-notes.md §7 Q2).

use ir::{Block, Body, Inst, InstKind, Operand, Terminator, Value, ValueDef};
use rustc_hash::{FxHashMap, FxHashSet};
use types::ConstValue;

use crate::util::reachable_blocks;
use crate::OptContext;

pub(crate) fn run<C: OptContext + ?Sized>(cx: &C, body: &mut Body) -> bool {
    let cut = cut_after_noreturn(body);
    if cut {
        // The blocks only the cut blocks led to are unreachable now, and they may read values
        // defined after the cut: they leave the layout with those definitions (simplify_cfg
        // would drop them too, but the IR must verify between passes).
        let reachable = reachable_blocks(body);
        body.layout.retain(|b| reachable.contains(b));
    }
    let live = mark(cx, body);
    sweep(body, &live) | cut
}

/// A call inferred `Union{}` never returns: what follows it in its block is dead and the block
/// ends in `unreachable` (Julia's IR has an `unreachable` after such a call; inference never
/// looked past it, so those instructions carry no real types).
fn cut_after_noreturn(body: &mut Body) -> bool {
    let mut changed = false;
    for b in body.layout.clone() {
        let insts = &body.blocks[b].insts;
        let Some(pos) = insts.iter().position(|&i| {
            let data = &body.insts[i];
            matches!(data.kind, InstKind::Call { .. } | InstKind::Invoke { .. })
                && data.result.and_then(|v| body.types.get(v)).is_some_and(|t| t.is_bottom())
        }) else {
            continue;
        };
        if pos + 1 == insts.len() && body.blocks[b].term == Terminator::Unreachable {
            continue;
        }
        body.blocks[b].insts.truncate(pos + 1);
        body.blocks[b].term = Terminator::Unreachable;
        changed = true;
    }
    changed
}

/// Whether an instruction must stay even if nobody reads its result.
fn has_effect<C: OptContext + ?Sized>(cx: &C, body: &Body, inst: Inst) -> bool {
    let data = &body.insts[inst];
    // A check of a local that is provably assigned can never throw.
    if let InstKind::UndefCheck { defined: Operand::Const(ConstValue::Bool(true)), .. } = &data.kind {
        return false;
    }
    // A `try`'s entry saves what its handler restores, read or not (`InstKind::Enter`).
    if data.result.is_none() || matches!(data.kind, InstKind::Enter { .. }) {
        return true;
    }
    if let InstKind::Invoke { ci, .. } = &data.kind {
        if cx.owner(*ci) != ConstValue::nothing() {
            return true;
        }
    }
    !body.flags.get(inst).is_some_and(|f| f.effect_free && f.nothrow)
}

struct Live {
    values: FxHashSet<Value>,
    insts: FxHashSet<Inst>,
}

fn mark<C: OptContext + ?Sized>(cx: &C, body: &Body) -> Live {
    let mut live = Live { values: FxHashSet::default(), insts: FxHashSet::default() };
    let mut work: Vec<Value> = Vec::new();
    let use_op = |op: &Operand, work: &mut Vec<Value>| {
        if let Operand::Value(v) = op {
            work.push(*v);
        }
    };
    for &b in &body.layout {
        for &inst in &body.blocks[b].insts {
            if has_effect(cx, body, inst) {
                live.insts.insert(inst);
                body.insts[inst].kind.operands().into_iter().for_each(|op| use_op(op, &mut work));
            }
        }
        // Conditions and returned values are always needed; jump arguments only when the
        // parameter they feed is (handled when that parameter becomes live).
        match &body.blocks[b].term {
            ir::Terminator::Branch { cond, .. } => use_op(cond, &mut work),
            ir::Terminator::Return(op) => use_op(op, &mut work),
            ir::Terminator::Jump(_) | ir::Terminator::Unreachable => {}
        }
    }
    let preds = body.predecessors();
    while let Some(v) = work.pop() {
        if !live.values.insert(v) {
            continue;
        }
        match body.values.get(v) {
            Some(ValueDef::Inst(inst)) => {
                if live.insts.insert(*inst) {
                    body.insts[*inst].kind.operands().into_iter().for_each(|op| use_op(op, &mut work));
                }
            }
            Some(ValueDef::Param(block, n)) => {
                for &pred in preds.get(*block).map(Vec::as_slice).unwrap_or(&[]) {
                    for t in body.blocks[pred].successors() {
                        if t.block == *block {
                            if let Some(arg) = t.args.get(*n as usize) {
                                use_op(arg, &mut work);
                            }
                        }
                    }
                }
            }
            Some(ValueDef::Arg(_)) | None => {}
        }
    }
    live
}

fn sweep(body: &mut Body, live: &Live) -> bool {
    let mut changed = false;
    for b in body.layout.clone() {
        let before = body.blocks[b].insts.len();
        body.blocks[b].insts.retain(|i| live.insts.contains(i));
        changed |= body.blocks[b].insts.len() != before;
    }
    let entry = body.entry();
    let mut dead_params: FxHashMap<Block, Vec<usize>> = FxHashMap::default();
    for &b in &body.layout {
        if b == entry {
            continue;
        }
        let dead: Vec<usize> = (body.blocks[b].params.iter().enumerate())
            .filter(|(_, p)| !live.values.contains(p))
            .map(|(i, _)| i)
            .collect();
        if !dead.is_empty() {
            dead_params.insert(b, dead);
        }
    }
    if dead_params.is_empty() {
        return changed;
    }
    // One sweep over the jumps for all blocks (a sweep per block is quadratic in big bodies).
    for b in body.layout.clone() {
        for t in body.blocks[b].successors_mut() {
            if let Some(dead) = dead_params.get(&t.block) {
                let args = std::mem::take(&mut t.args);
                t.args =
                    args.into_iter().enumerate().filter(|(i, _)| !dead.contains(i)).map(|(_, a)| a).collect();
            }
        }
    }
    for b in body.layout.clone() {
        if let Some(dead) = dead_params.get(&b) {
            remove_params(body, b, dead);
        }
    }
    true
}

/// Removes the parameters of `block` at the (ascending) positions `dead` (the arguments of
/// the jumps into it are already gone) and renumbers the surviving parameters' `ValueDef`s.
fn remove_params(body: &mut Body, block: Block, dead: &[usize]) {
    let keep = |i: usize| !dead.contains(&i);
    let params = std::mem::take(&mut body.blocks[block].params);
    let (kept, removed): (Vec<_>, Vec<_>) = params.into_iter().enumerate().partition(|(i, _)| keep(*i));
    for (n, &(_, p)) in kept.iter().enumerate() {
        body.values[p] = ValueDef::Param(block, n as u32);
    }
    body.blocks[block].params = kept.into_iter().map(|(_, p)| p).collect();
    // Every value must keep a consistent definition (the verifier checks the whole arena):
    // the removed parameters move to a block outside the layout, which compact drops.
    let detached = body.new_block();
    for (n, (_, p)) in removed.into_iter().enumerate() {
        body.values[p] = ValueDef::Param(detached, n as u32);
        body.blocks[detached].params.push(p);
    }
}
