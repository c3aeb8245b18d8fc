//! SSA construction (Braun, Buchwald, Hack, Leißa, Mallon, Zwinkau 2013, "Simple and
//! Efficient Construction of Static Single Assignment Form"): slots become values, φ nodes
//! become block parameters, trivial φs are removed on the fly (minimal SSA on the reducible
//! CFGs lowering makes). A slot that may be read before it is assigned gets a Bool companion
//! ("assigned") built by the same algorithm, and `UndefCheck` guards each such read; reads
//! that are definitely assigned get no check, because the companion folds to `true`.
//!
//! Also the two slot-form cleanups lowering runs on every body: dropping unreachable blocks
//! and dropping `x = #undef` resets (Julia's `NewvarNode`) that no read can observe.

use rustc_hash::{FxHashMap, FxHashSet};

use ir::{Block, Body, Inst, InstData, InstKind, Operand, Slot, Terminator, Value, ValueDef};
use types::ConstValue;

/// Removes blocks the entry cannot reach from the layout.
pub(crate) fn prune_unreachable(body: &mut Body) {
    let reachable = reachable(body);
    body.layout.retain(|b| reachable.contains(b));
}

fn reachable(body: &Body) -> FxHashSet<Block> {
    let mut seen = FxHashSet::default();
    let mut stack = vec![body.entry()];
    while let Some(b) = stack.pop() {
        if seen.insert(b) {
            stack.extend(body.blocks[b].successors().iter().map(|t| t.block));
        }
    }
    seen
}

/// Drops `SlotStore { value: Undef }` instructions from which no read of the slot is
/// reachable without an intervening store.
pub(crate) fn prune_unobserved_undef(body: &mut Body) {
    let mut dead = FxHashSet::default();
    for &b in &body.layout {
        for (i, &inst) in body.blocks[b].insts.iter().enumerate() {
            if let InstKind::SlotStore { slot, value: Operand::Undef } = body.insts[inst].kind {
                if !observed(body, slot, b, i + 1) {
                    dead.insert(inst);
                }
            }
        }
    }
    for &b in &body.layout.clone() {
        body.blocks[b].insts.retain(|i| !dead.contains(i));
    }
}

fn reads_slot(ops: &[&Operand], slot: Slot) -> bool {
    ops.iter().any(|op| **op == Operand::Slot(slot))
}

/// Whether a read of `slot` is reachable from instruction `start` of `block` before a store.
fn observed(body: &Body, slot: Slot, block: Block, start: usize) -> bool {
    let mut seen = FxHashSet::default();
    let mut work = vec![(block, start)];
    while let Some((b, from)) = work.pop() {
        let data = &body.blocks[b];
        let mut stored = false;
        for &inst in &data.insts[from.min(data.insts.len())..] {
            let kind = &body.insts[inst].kind;
            if reads_slot(&kind.operands(), slot) {
                return true;
            }
            if matches!(kind, InstKind::SlotStore { slot: s, .. } if *s == slot) {
                stored = true;
                break;
            }
        }
        if stored {
            continue;
        }
        if reads_slot(&data.term.operands(), slot) {
            return true;
        }
        for t in data.successors() {
            if seen.insert(t.block) {
                work.push((t.block, 0));
            }
        }
    }
    false
}

/// A variable of the construction: a slot's value, or whether it is assigned.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
enum Var {
    Value(Slot),
    Assigned(Slot),
}

struct Phi {
    block: Block,
    operands: Vec<Operand>,
    /// φs that use this one.
    users: Vec<Value>,
    live: bool,
}

struct Builder {
    body: Body,
    /// Incoming edges of each block: the predecessor, once per edge.
    preds: FxHashMap<Block, Vec<Block>>,
    defs: FxHashMap<(Var, Block), Operand>,
    sealed: FxHashSet<Block>,
    filled: FxHashSet<Block>,
    incomplete: FxHashMap<Block, Vec<(Var, Value)>>,
    phis: FxHashMap<Value, Phi>,
    /// φs found trivial, and what replaces them.
    replaced: FxHashMap<Value, Operand>,
    /// φ values in creation order per block.
    block_phis: FxHashMap<Block, Vec<Value>>,
}

/// Turns a slot-form body into pure SSA form (see the module docs).
pub fn construct_ssa(body: &Body) -> Body {
    let mut body = body.clone();
    prune_unreachable(&mut body);
    let mut preds: FxHashMap<Block, Vec<Block>> = body.layout.iter().map(|&b| (b, vec![])).collect();
    for &b in &body.layout {
        for t in body.blocks[b].successors() {
            preds.entry(t.block).or_default().push(b);
        }
    }
    let order = reverse_postorder(&body);
    let mut builder = Builder {
        body,
        preds,
        defs: FxHashMap::default(),
        sealed: FxHashSet::default(),
        filled: FxHashSet::default(),
        incomplete: FxHashMap::default(),
        phis: FxHashMap::default(),
        replaced: FxHashMap::default(),
        block_phis: FxHashMap::default(),
    };
    for &b in &order {
        builder.try_seal(b);
        builder.fill(b);
        builder.filled.insert(b);
        let succs: Vec<Block> = builder.body.blocks[b].successors().iter().map(|t| t.block).collect();
        for s in succs {
            builder.try_seal(s);
        }
    }
    builder.finish()
}

fn reverse_postorder(body: &Body) -> Vec<Block> {
    let mut order = Vec::new();
    let mut seen = FxHashSet::default();
    // Iterative DFS: (block, next successor index).
    let mut stack = vec![(body.entry(), 0usize)];
    seen.insert(body.entry());
    while let Some((b, i)) = stack.pop() {
        let targets: Vec<Block> = body.blocks[b].successors().iter().map(|t| t.block).collect();
        if let Some(&next) = targets.get(i) {
            stack.push((b, i + 1));
            if seen.insert(next) {
                stack.push((next, 0));
            }
        } else {
            order.push(b);
        }
    }
    order.reverse();
    order
}

impl Builder {
    fn try_seal(&mut self, b: Block) {
        if self.sealed.contains(&b) {
            return;
        }
        let preds = self.preds.get(&b).cloned().unwrap_or_default();
        if preds.iter().all(|p| self.filled.contains(p)) {
            for (var, phi) in self.incomplete.remove(&b).unwrap_or_default() {
                self.add_phi_operands(var, phi);
            }
            self.sealed.insert(b);
        }
    }

    /// Rewrites one block: slot reads become values (with checks), slot stores disappear.
    fn fill(&mut self, b: Block) {
        let insts = std::mem::take(&mut self.body.blocks[b].insts);
        let mut out = Vec::with_capacity(insts.len());
        for inst in insts {
            let span = self.body.spans.get(inst).copied().unwrap_or_default();
            let mut kind = self.body.insts[inst].kind.clone();
            for op in kind.operands_mut() {
                if let Operand::Slot(slot) = *op {
                    *op = self.read_checked(slot, b, span, &mut out);
                }
            }
            if let InstKind::SlotStore { slot, value } = kind {
                let assigned = !matches!(value, Operand::Undef);
                if assigned {
                    self.body.slot_assignments.push((slot, value.clone()));
                }
                self.defs.insert((Var::Value(slot), b), value);
                self.defs.insert((Var::Assigned(slot), b), Operand::Const(ConstValue::Bool(assigned)));
                continue;
            }
            self.body.insts[inst].kind = kind;
            out.push(inst);
        }
        let mut term = self.body.blocks[b].term.clone();
        let span = self.body.blocks[b].term_span;
        for op in term.operands_mut() {
            if let Operand::Slot(slot) = *op {
                *op = self.read_checked(slot, b, span, &mut out);
            }
        }
        self.body.blocks[b].term = term;
        self.body.blocks[b].insts = out;
    }

    /// The value of `slot` in `b`, emitting an `UndefCheck` into `out` unless it is
    /// definitely assigned.
    fn read_checked(&mut self, slot: Slot, b: Block, span: ir::Span, out: &mut Vec<Inst>) -> Operand {
        let value = self.read(Var::Value(slot), b);
        let defined = self.read(Var::Assigned(slot), b);
        if defined != Operand::Const(ConstValue::Bool(true)) {
            let name = self.body.slots[slot].name.clone();
            let check =
                self.body.insts.push(InstData { kind: InstKind::UndefCheck { defined, name }, result: None });
            self.body.spans.set(check, span);
            out.push(check);
        }
        value
    }

    fn resolve(&self, mut op: Operand) -> Operand {
        while let Operand::Value(v) = op {
            match self.replaced.get(&v) {
                Some(next) => op = next.clone(),
                None => break,
            }
        }
        op
    }

    fn read(&mut self, var: Var, b: Block) -> Operand {
        if let Some(op) = self.defs.get(&(var, b)).cloned() {
            return self.resolve(op);
        }
        let preds = self.preds.get(&b).cloned().unwrap_or_default();
        let value = if !self.sealed.contains(&b) {
            let phi = self.new_phi(b);
            self.incomplete.entry(b).or_default().push((var, phi));
            Operand::Value(phi)
        } else if preds.is_empty() {
            match var {
                Var::Value(_) => Operand::Undef,
                Var::Assigned(_) => Operand::Const(ConstValue::Bool(false)),
            }
        } else if let [single] = preds.as_slice() {
            self.read(var, *single)
        } else {
            let phi = self.new_phi(b);
            self.defs.insert((var, b), Operand::Value(phi));
            self.add_phi_operands(var, phi)
        };
        self.defs.insert((var, b), value.clone());
        value
    }

    fn new_phi(&mut self, b: Block) -> Value {
        let v = self.body.add_block_param(b);
        self.phis.insert(v, Phi { block: b, operands: vec![], users: vec![], live: true });
        self.block_phis.entry(b).or_default().push(v);
        v
    }

    fn add_phi_operands(&mut self, var: Var, phi: Value) -> Operand {
        let Some(block) = self.phis.get(&phi).map(|p| p.block) else { return Operand::Value(phi) };
        let preds = self.preds.get(&block).cloned().unwrap_or_default();
        let mut operands = Vec::with_capacity(preds.len());
        for p in preds {
            let op = self.read(var, p);
            if let Operand::Value(q) = op {
                if let Some(user) = self.phis.get_mut(&q) {
                    user.users.push(phi);
                }
            }
            operands.push(op);
        }
        if let Some(p) = self.phis.get_mut(&phi) {
            p.operands = operands;
        }
        self.try_remove_trivial(phi)
    }

    fn try_remove_trivial(&mut self, phi: Value) -> Operand {
        let Some(p) = self.phis.get(&phi) else { return Operand::Value(phi) };
        if !p.live {
            return self.resolve(Operand::Value(phi));
        }
        let operands = p.operands.clone();
        let mut same: Option<Operand> = None;
        for op in operands {
            let op = self.resolve(op);
            if op == Operand::Value(phi) || same.as_ref() == Some(&op) {
                continue;
            }
            if same.is_some() {
                return Operand::Value(phi);
            }
            same = Some(op);
        }
        let same = same.unwrap_or(Operand::Undef);
        self.replaced.insert(phi, same.clone());
        let users = match self.phis.get_mut(&phi) {
            Some(p) => {
                p.live = false;
                std::mem::take(&mut p.users)
            }
            None => vec![],
        };
        for user in users {
            if user != phi {
                self.try_remove_trivial(user);
            }
        }
        same
    }

    /// Writes the surviving φs as block parameters and jump arguments, and resolves every
    /// operand through the replacements.
    fn finish(mut self) -> Body {
        let layout = self.body.layout.clone();
        // Block parameters: keep live φs, renumbered.
        let mut live_params: FxHashMap<Block, Vec<Value>> = FxHashMap::default();
        for &b in &layout {
            let live: Vec<Value> = self
                .block_phis
                .get(&b)
                .map(|vs| vs.iter().copied().filter(|v| self.phis.get(v).is_some_and(|p| p.live)).collect())
                .unwrap_or_default();
            for (i, &v) in live.iter().enumerate() {
                self.body.values[v] = ValueDef::Param(b, i as u32);
            }
            self.body.blocks[b].params = live.clone();
            live_params.insert(b, live);
        }
        // Jump arguments, edge by edge in predecessor order.
        let mut edge_index: FxHashMap<Block, usize> = FxHashMap::default();
        for &p in &layout {
            let mut term = self.body.blocks[p].term.clone();
            let mut catch = self.body.blocks[p].catch.clone();
            for t in term.targets_mut().into_iter().chain(catch.as_mut()) {
                let k = edge_index.entry(t.block).or_default();
                let params = live_params.get(&t.block).cloned().unwrap_or_default();
                t.args = params
                    .iter()
                    .map(|v| {
                        let op = self
                            .phis
                            .get(v)
                            .and_then(|phi| phi.operands.get(*k))
                            .cloned()
                            .unwrap_or(Operand::Undef);
                        self.resolve(op)
                    })
                    .collect();
                *k += 1;
            }
            match &mut term {
                Terminator::Branch { cond: op, .. } | Terminator::Return(op) => {
                    *op = self.resolve_use(op.clone())
                }
                Terminator::Jump(_) | Terminator::Unreachable => {}
            }
            self.body.blocks[p].term = term;
            self.body.blocks[p].catch = catch;
        }
        // Instruction operands; checks of definitely assigned slots disappear.
        for &b in &layout {
            let insts = std::mem::take(&mut self.body.blocks[b].insts);
            let mut kept = Vec::with_capacity(insts.len());
            for inst in insts {
                let mut kind = self.body.insts[inst].kind.clone();
                for op in kind.operands_mut() {
                    *op = self.resolve_use(op.clone());
                }
                if matches!(
                    &kind,
                    InstKind::UndefCheck { defined: Operand::Const(ConstValue::Bool(true)), .. }
                ) {
                    continue;
                }
                self.body.insts[inst].kind = kind;
                kept.push(inst);
            }
            self.body.blocks[b].insts = kept;
        }
        let assignments = std::mem::take(&mut self.body.slot_assignments);
        self.body.slot_assignments =
            assignments.into_iter().map(|(slot, op)| (slot, self.resolve_use(op))).collect();
        compact_values(&mut self.body);
        self.body
    }

    /// A use outside block arguments: an `Undef` there is only reachable after an
    /// `UndefCheck` that throws, so any placeholder will do.
    fn resolve_use(&self, op: Operand) -> Operand {
        match self.resolve(op) {
            Operand::Undef => Operand::Const(ConstValue::nothing()),
            other => other,
        }
    }
}

/// Renumbers values, dropping block parameters that no block lists any more (the trivial
/// φs), so every value in the arena is defined where it says.
fn compact_values(body: &mut Body) {
    let listed: FxHashSet<Value> =
        body.layout.iter().flat_map(|&b| body.blocks[b].params.iter().copied()).collect();
    let mut values = ir::entity::Arena::default();
    let mut map: FxHashMap<Value, Value> = FxHashMap::default();
    for (v, def) in body.values.iter() {
        if matches!(def, ValueDef::Param(..)) && !listed.contains(&v) {
            continue;
        }
        map.insert(v, values.push(*def));
    }
    let remap = |op: &mut Operand| {
        if let Operand::Value(v) = op {
            if let Some(new) = map.get(v) {
                *v = *new;
            }
        }
    };
    for inst in body.insts.ids() {
        let data = &mut body.insts[inst];
        data.result = data.result.and_then(|v| map.get(&v).copied());
        data.kind.operands_mut().into_iter().for_each(remap);
    }
    for block in body.blocks.ids() {
        let data = &mut body.blocks[block];
        data.params = data.params.iter().filter_map(|v| map.get(v).copied()).collect();
        data.edge_operands_mut().into_iter().for_each(remap);
    }
    body.slot_assignments.iter_mut().for_each(|(_, op)| remap(op));
    body.values = values;
}
