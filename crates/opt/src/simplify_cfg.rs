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

use ir::{Block, BlockTarget, Body, Operand, Terminator, Value, ValueDef};
use rustc_hash::{FxHashMap, FxHashSet};
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
/// successor, and `succ` has no other predecessor. One sweep merges every such pair (chains
/// included: the merged block's new jump is looked at again), then renames all the merged
/// parameters at once, so a function of n straight-line blocks costs O(n), not O(n²).
fn merge_blocks(body: &mut Body) -> bool {
    let preds = body.predecessors();
    let entry = body.entry();
    let mut merged: FxHashSet<Block> = FxHashSet::default();
    let mut map: FxHashMap<Value, Operand> = FxHashMap::default();
    for pred in body.layout.clone() {
        if merged.contains(&pred) {
            continue;
        }
        while let Terminator::Jump(BlockTarget { block: succ, args }) = &body.blocks[pred].term {
            let succ = *succ;
            let single = preds.get(succ).is_some_and(|p| p.len() == 1);
            // A block's handler arguments are read where it starts, so only blocks of one
            // `try` with the same ones merge.
            if succ == entry || succ == pred || !single || body.blocks[succ].catch != body.blocks[pred].catch
            {
                break;
            }
            let args = args.clone();
            // `succ` leaves the layout but keeps its (now unused) parameters, so their
            // definitions stay consistent until compact drops them.
            map.extend(body.blocks[succ].params.iter().copied().zip(args));
            let insts = std::mem::take(&mut body.blocks[succ].insts);
            let term = std::mem::replace(&mut body.blocks[succ].term, Terminator::Unreachable);
            let span = body.blocks[succ].term_span;
            let frame = body.term_inlined_at.get(succ).copied();
            body.blocks[pred].insts.extend(insts);
            body.set_term(pred, term, span);
            if let Some(f) = frame {
                body.term_inlined_at.set(pred, f);
            }
            merged.insert(succ);
        }
    }
    if merged.is_empty() {
        return false;
    }
    body.layout.retain(|b| !merged.contains(b));
    replace_uses(body, &map);
    true
}

/// Redirects jumps into an empty forwarding block straight to its successor, for every
/// forwarder in one sweep (predecessor lists kept up to date as edges move).
fn skip_forwarders(body: &mut Body) -> bool {
    let entry = body.entry();
    let used_elsewhere = params_used_elsewhere(body);
    let mut preds = body.predecessors();
    let handlers: FxHashSet<Block> =
        body.layout.iter().filter_map(|&b| body.blocks[b].catch.as_ref().map(|c| c.block)).collect();
    let mut changed = false;
    for fwd in body.layout.clone() {
        let data = &body.blocks[fwd];
        let Terminator::Jump(target) = &data.term else { continue };
        if fwd == entry || !data.insts.is_empty() || target.block == fwd || handlers.contains(&fwd) {
            continue;
        }
        if data.params.iter().any(|p| used_elsewhere.contains(p)) {
            continue;
        }
        let target = target.clone();
        let params = data.params.clone();
        let mut sources = preds.remove(fwd).unwrap_or_default();
        sources.dedup();
        let mut kept = Vec::new();
        for b in sources {
            // A branch whose two edges would reach one block (with different arguments) has
            // no structured form and no Julia equivalent: keep the forwarder on such edges.
            let targets: Vec<Block> = body.blocks[b].term.targets().iter().map(|t| t.block).collect();
            if targets.len() == 2 && targets.contains(&target.block) {
                kept.extend(targets.iter().filter(|&&t| t == fwd).map(|_| b));
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
                let mut list = preds.remove(target.block).unwrap_or_default();
                list.push(b);
                preds.set(target.block, list);
                changed = true;
            }
        }
        preds.set(fwd, kept);
    }
    changed
}

/// The block parameters read anywhere but in their own block's terminator (such a parameter
/// keeps its block from being skipped). A forwarder has no instructions, so reads by a
/// block's own instructions count as elsewhere too, which only matters for blocks that are
/// not forwarders.
fn params_used_elsewhere(body: &Body) -> FxHashSet<Value> {
    let mut used = FxHashSet::default();
    for &b in &body.layout {
        let data = &body.blocks[b];
        let ops = data.insts.iter().flat_map(|&i| body.insts[i].kind.operands()).chain(data.edge_operands());
        for op in ops {
            let Operand::Value(v) = op else { continue };
            if let Some(&ValueDef::Param(owner, _)) = body.values.get(*v) {
                if owner != b {
                    used.insert(*v);
                }
            }
        }
    }
    used
}

fn substitute(op: &Operand, map: &FxHashMap<Value, Operand>) -> Operand {
    match op {
        Operand::Value(v) => map.get(v).cloned().unwrap_or_else(|| op.clone()),
        _ => op.clone(),
    }
}
