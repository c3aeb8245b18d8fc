//! Small queries and rewrites over a `Body` that every pass shares: where values are used,
//! substituting operands for values, placement of instructions.
//!
//! Deliberately not here: anything that decides what to optimize (that is each pass's business).

use ir::{Block, Body, Inst, Operand, Value};
use rustc_hash::{FxHashMap, FxHashSet};

/// Replaces every use of the keys of `map` (in placed instructions and terminators) by their
/// operand, following chains (`a -> %b`, `b -> 1` gives `a -> 1`). Returns whether anything
/// changed. Values that are defined by the mapped instructions are left alone.
pub(crate) fn replace_uses(body: &mut Body, map: &FxHashMap<Value, Operand>) -> bool {
    if map.is_empty() {
        return false;
    }
    let mut changed = false;
    for b in body.layout.clone() {
        for i in 0..body.blocks[b].insts.len() {
            let inst = body.blocks[b].insts[i];
            changed |= replace_inst_uses(body, inst, map);
        }
        for op in body.blocks[b].edge_operands_mut() {
            changed |= resolve(op, map);
        }
    }
    changed
}

/// `replace_uses` for the operands of one instruction.
pub(crate) fn replace_inst_uses(body: &mut Body, inst: Inst, map: &FxHashMap<Value, Operand>) -> bool {
    let mut changed = false;
    for op in body.insts[inst].kind.operands_mut() {
        changed |= resolve(op, map);
    }
    changed
}

/// Rewrites `op` through `map`, following chains; whether it changed.
fn resolve(op: &mut Operand, map: &FxHashMap<Value, Operand>) -> bool {
    let mut changed = false;
    let mut guard = 0;
    while let Operand::Value(v) = op {
        let Some(new) = map.get(v) else { break };
        *op = new.clone();
        changed = true;
        // A cycle in the map would be a bug in the caller; stop rather than spin.
        guard += 1;
        if guard > map.len() {
            break;
        }
    }
    changed
}

/// Blocks reachable from the entry, following terminators.
pub(crate) fn reachable_blocks(body: &Body) -> FxHashSet<Block> {
    let mut seen = FxHashSet::default();
    let Some(&entry) = body.layout.first() else { return seen };
    let mut stack = vec![entry];
    while let Some(b) = stack.pop() {
        if !seen.insert(b) {
            continue;
        }
        for t in body.blocks[b].successors() {
            stack.push(t.block);
        }
    }
    seen
}

/// The widened type of an operand (`argextype`); a global or an untyped value is `Any`.
pub(crate) fn operand_type(body: &Body, op: &Operand, store: &mut types::TypeStore) -> types::Ty {
    body.operand_lattice(op).widen(store)
}

/// The constant an operand is known to hold: a literal, or a value inferred `Const`.
pub(crate) fn operand_const<'a>(body: &'a Body, op: &'a Operand) -> Option<&'a types::ConstValue> {
    match op {
        Operand::Const(c) => Some(c),
        Operand::Value(v) => body.types.get(*v).and_then(types::Lattice::as_const),
        _ => None,
    }
}
