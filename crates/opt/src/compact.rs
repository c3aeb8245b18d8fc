//! Pass `compact`: rebuild the body with dense numbering, so printing and codegen see a tidy
//! body (the role of Julia's Compiler/src/ssair/ir.jl `compact!`). Blocks are numbered in
//! layout order; values as arguments first, then per block its parameters and instruction
//! results in order; instructions in order. Side-table entries of dropped ids go away.
//!
//! Deliberately not here: deciding what is dead (dce, simplify_cfg decide; this only renumbers
//! what is placed).

use ir::{
    Block, BlockData, BlockTarget, Body, Inst, InstData, InstKind, Operand, Terminator, Value, ValueDef,
};
use rustc_hash::FxHashMap;

pub(crate) fn run(body: &mut Body) -> bool {
    let compacted = compact(body);
    let changed = compacted != *body;
    *body = compacted;
    changed
}

struct Renumber {
    values: FxHashMap<Value, Value>,
    blocks: FxHashMap<Block, Block>,
}

impl Renumber {
    fn operand(&self, op: &Operand) -> Operand {
        match op {
            Operand::Value(v) => Operand::Value(self.values.get(v).copied().unwrap_or(*v)),
            _ => op.clone(),
        }
    }

    fn target(&self, t: &BlockTarget) -> BlockTarget {
        let block = self.blocks.get(&t.block).copied().unwrap_or(t.block);
        BlockTarget { block, args: t.args.iter().map(|a| self.operand(a)).collect() }
    }

    fn term(&self, term: &Terminator) -> Terminator {
        match term {
            Terminator::Jump(t) => Terminator::Jump(self.target(t)),
            Terminator::Branch { cond, then_dest, else_dest } => Terminator::Branch {
                cond: self.operand(cond),
                then_dest: self.target(then_dest),
                else_dest: self.target(else_dest),
            },
            Terminator::Return(op) => Terminator::Return(self.operand(op)),
            Terminator::Unreachable => Terminator::Unreachable,
        }
    }
}

fn compact(old: &Body) -> Body {
    let mut new = Body {
        arg_names: old.arg_names.clone(),
        is_vararg: old.is_vararg,
        slots: old.slots.clone(),
        arg_types: old.arg_types.clone(),
        inline_frames: old.inline_frames.clone(),
        ..Body::default()
    };
    let mut map = Renumber { values: FxHashMap::default(), blocks: FxHashMap::default() };
    for i in 0..old.nargs() {
        let v = new.values.push(ValueDef::Arg(i as u32));
        map.values.insert(old.arg(i), v);
        copy_type(old, &mut new, old.arg(i), v);
    }
    // First pass: ids for every block and value, so forward references (loops) resolve.
    let mut insts: Vec<Inst> = Vec::new();
    for &b in &old.layout {
        let nb = new.blocks.push(BlockData {
            params: vec![],
            insts: vec![],
            term: Terminator::Unreachable,
            term_span: old.blocks[b].term_span,
            catch: None,
        });
        new.layout.push(nb);
        map.blocks.insert(b, nb);
        for &p in &old.blocks[b].params {
            let np = new.add_block_param(nb);
            map.values.insert(p, np);
            copy_type(old, &mut new, p, np);
        }
        for &i in &old.blocks[b].insts {
            let ni = new.insts.push(InstData { kind: old.insts[i].kind.clone(), result: None });
            if let Some(r) = old.insts[i].result {
                let nr = new.values.push(ValueDef::Inst(ni));
                new.insts[ni].result = Some(nr);
                map.values.insert(r, nr);
                copy_type(old, &mut new, r, nr);
            }
            copy_inst_tables(old, &mut new, i, ni);
            new.blocks[nb].insts.push(ni);
            insts.push(ni);
        }
    }
    // Second pass: rewrite operands and terminators through the maps.
    for &ni in &insts {
        for op in new.insts[ni].kind.operands_mut() {
            *op = map.operand(op);
        }
        if let InstKind::Enter { catch } = &mut new.insts[ni].kind {
            *catch = map.blocks.get(catch).copied().unwrap_or(*catch);
        }
    }
    for &b in &old.layout {
        let nb = map.blocks[&b];
        new.blocks[nb].term = map.term(&old.blocks[b].term);
        if let Some(&frame) = old.term_inlined_at.get(b) {
            new.term_inlined_at.set(nb, frame);
        }
        new.blocks[nb].catch = old.blocks[b].catch.as_ref().map(|t| map.target(t));
    }
    new
}

fn copy_type(old: &Body, new: &mut Body, from: Value, to: Value) {
    if let Some(t) = old.types.get(from) {
        new.types.set(to, t.clone());
    }
}

fn copy_inst_tables(old: &Body, new: &mut Body, from: Inst, to: Inst) {
    if let Some(s) = old.spans.get(from) {
        new.spans.set(to, *s);
    }
    if let Some(info) = old.infos.get(from) {
        new.infos.set(to, info.clone());
    }
    if let Some(f) = old.flags.get(from) {
        new.flags.set(to, *f);
    }
    if let Some(&frame) = old.inlined_at.get(from) {
        new.inlined_at.set(to, frame);
    }
}
