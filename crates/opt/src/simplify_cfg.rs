//! Pass `simplify_cfg`: branch folding and block merging (Julia's Compiler/src/ssair/passes.jl
//! `cfg_simplify!`, in block-parameter form). Repeated to a fixed point:
//! 1. a branch on a constant condition, or with two identical targets, becomes a jump;
//! 2. blocks unreachable from the entry are dropped from the layout;
//! 3. a block that is the only successor of its single predecessor (reached by a plain jump)
//!    is merged into it, its parameters replaced by the jump's arguments;
//! 4. an empty block that only jumps on is skipped by its predecessors, when its parameters
//!    are used nowhere but in that jump (never making both edges of a branch reach one block).
//!
//! Deliberately not here: constant folding (const_fold) and renumbering (compact).

use ir::{Block, BlockTarget, Body, Operand, Terminator, Value};
use rustc_hash::FxHashMap;
use types::ConstValue;

use crate::util::{reachable_blocks, replace_uses};

pub(crate) fn run(body: &mut Body) -> bool {
    let mut changed = false;
    loop {
        let round =
            fold_branches(body) | remove_unreachable(body) | merge_blocks(body) | skip_forwarders(body);
        if !round {
            return changed;
        }
        changed = true;
    }
}

fn fold_branches(body: &mut Body) -> bool {
    let mut changed = false;
    for b in body.layout.clone() {
        let Terminator::Branch { cond, then_dest, else_dest } = &body.blocks[b].term else { continue };
        let taken = match cond {
            Operand::Const(ConstValue::Bool(true)) => then_dest.clone(),
            Operand::Const(ConstValue::Bool(false)) => else_dest.clone(),
            _ if then_dest == else_dest => then_dest.clone(),
            _ => continue,
        };
        body.blocks[b].term = Terminator::Jump(taken);
        changed = true;
    }
    changed
}

fn remove_unreachable(body: &mut Body) -> bool {
    let reachable = reachable_blocks(body);
    let before = body.layout.len();
    body.layout.retain(|b| reachable.contains(b));
    body.layout.len() != before
}

/// Merges `succ` into `pred` when `pred` ends in `jump succ(args)` and has it as its only
/// successor, and `succ` has no other predecessor.
fn merge_blocks(body: &mut Body) -> bool {
    let preds = body.predecessors();
    let entry = body.entry();
    for &pred in &body.layout {
        let Terminator::Jump(BlockTarget { block: succ, args }) = &body.blocks[pred].term else { continue };
        let succ = *succ;
        let single = preds.get(succ).is_some_and(|p| p.len() == 1);
        if succ == entry || succ == pred || !single {
            continue;
        }
        let args = args.clone();
        // `succ` leaves the layout but keeps its (now unused) parameters, so their
        // definitions stay consistent until compact drops them.
        let params = body.blocks[succ].params.clone();
        let map: FxHashMap<Value, Operand> = params.into_iter().zip(args).collect();
        let insts = std::mem::take(&mut body.blocks[succ].insts);
        let term = std::mem::replace(&mut body.blocks[succ].term, Terminator::Unreachable);
        let span = body.blocks[succ].term_span;
        body.blocks[pred].insts.extend(insts);
        body.set_term(pred, term, span);
        body.layout.retain(|&b| b != succ);
        replace_uses(body, &map);
        return true;
    }
    false
}

/// Redirects jumps into an empty forwarding block straight to its successor.
fn skip_forwarders(body: &mut Body) -> bool {
    let entry = body.entry();
    for &fwd in &body.layout {
        let data = &body.blocks[fwd];
        let Terminator::Jump(target) = &data.term else { continue };
        if fwd == entry || !data.insts.is_empty() || target.block == fwd || !params_local(body, fwd) {
            continue;
        }
        let target = target.clone();
        let params = data.params.clone();
        let mut changed = false;
        for b in body.layout.clone() {
            // A branch whose two edges would reach one block (with different arguments) has
            // no structured form and no Julia equivalent: keep the forwarder on such edges.
            let targets: Vec<Block> = body.blocks[b].term.targets().iter().map(|t| t.block).collect();
            if targets.len() == 2 && targets.contains(&target.block) {
                continue;
            }
            for t in body.blocks[b].term.targets_mut() {
                if t.block != fwd {
                    continue;
                }
                let map: FxHashMap<Value, Operand> =
                    params.iter().copied().zip(t.args.iter().cloned()).collect();
                let args = target.args.iter().map(|a| substitute(a, &map)).collect();
                *t = BlockTarget { block: target.block, args };
                changed = true;
            }
        }
        if changed {
            return true;
        }
    }
    false
}

/// Whether the parameters of `block` are read only by its own terminator.
fn params_local(body: &Body, block: Block) -> bool {
    let params = &body.blocks[block].params;
    if params.is_empty() {
        return true;
    }
    body.layout.iter().filter(|&&b| b != block).all(|&b| {
        let data = &body.blocks[b];
        let ops = data.insts.iter().flat_map(|&i| body.insts[i].kind.operands()).chain(data.term.operands());
        ops.into_iter().all(|op| !matches!(op, Operand::Value(v) if params.contains(v)))
    })
}

fn substitute(op: &Operand, map: &FxHashMap<Value, Operand>) -> Operand {
    match op {
        Operand::Value(v) => map.get(v).cloned().unwrap_or_else(|| op.clone()),
        _ => op.clone(),
    }
}
