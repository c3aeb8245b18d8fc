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

/// Rewrites one operand through `map` (as `replace_uses` does), following chains.
pub(crate) fn replace_operand(op: &mut Operand, map: &FxHashMap<Value, Operand>) {
    resolve(op, map);
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

/// The `Invoke`s of `ci` itself in `body` (the body of `ci`), with their blocks, in layout
/// order: the self calls that `tailrec`, `unroll` and `peel` rewrite.
pub(crate) fn self_invokes(body: &Body, ci: types::CodeInstanceId) -> Vec<(Block, Inst)> {
    let mut sites = Vec::new();
    for &b in &body.layout {
        for &inst in &body.blocks[b].insts {
            if matches!(body.insts[inst].kind, ir::InstKind::Invoke { ci: callee, .. } if callee == ci) {
                sites.push((b, inst));
            }
        }
    }
    sites
}

/// A new instruction placed at `pos` in `block`, at source `span` inside the inline frame
/// `inlined_at`; it defines a value of type `ty` when `ty` is given.
pub(crate) fn insert_inst(
    body: &mut Body,
    (block, pos): (Block, usize),
    kind: ir::InstKind,
    (span, inlined_at): (ir::Span, Option<u32>),
    ty: Option<types::Lattice>,
) -> Inst {
    let inst = body.insts.push(ir::InstData { kind, result: None });
    if let Some(ty) = ty {
        let v = body.values.push(ir::ValueDef::Inst(inst));
        body.insts[inst].result = Some(v);
        body.types.set(v, ty);
    }
    body.spans.set(inst, span);
    if let Some(frame) = inlined_at {
        body.inlined_at.set(inst, frame);
    }
    body.blocks[block].insts.insert(pos, inst);
    inst
}

/// A `stack_check` (`InstKind::StackCheck`) placed at `pos` in `block`, standing for the call
/// `call` of the same body: at its source position and in its inline frame, so it weighs the
/// frames the call would (`ir::steps::call_weight`).
pub(crate) fn insert_stack_check(body: &mut Body, (block, pos): (Block, usize), call: Inst) -> Inst {
    let span = body.spans.get(call).copied().unwrap_or_default();
    let site = body.inlined_at.get(call).copied();
    insert_inst(body, (block, pos), ir::InstKind::StackCheck, (span, site), None)
}
