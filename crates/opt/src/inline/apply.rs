//! Inlining mechanics: copy a callee's optimized body into the caller at one `Invoke` site
//! (Julia's Compiler/src/ssair/inlining.jl `ir_inline_item!`, in block-parameter form).
//!
//! The caller's block is split at the call: the instructions after it move to a new
//! continuation block whose single parameter *is* the call's old result value (so no use needs
//! renaming); the callee's blocks are copied in between with fresh values, its arguments
//! replaced by the call's operands, and each `return x` becomes a jump to the continuation
//! with `x`. Spans, types, call infos and flags of copied instructions are kept.
//!
//! Deliberately not here: deciding whether to inline (`policy.rs`).

use ir::{
    Block, BlockTarget, Body, Builtin, CallInfo, Inst, InstData, InstFlags, InstKind, Operand, Terminator,
    Value, ValueDef,
};
use rustc_hash::FxHashMap;
use types::{ConstValue, Lattice};

/// Inlines `callee` at `inst`, an `Invoke` placed in `block` of `caller`. The policy has
/// checked the arity.
pub(crate) fn inline_site(caller: &mut Body, block: Block, inst: Inst, callee: &Body) {
    let InstKind::Invoke { ci, args } = caller.insts[inst].kind.clone() else { return };
    // Sites are applied last first, so the site is near its block's end: search from there
    // (a search from the start is quadratic in a block of many calls).
    let Some(pos) = caller.blocks[block].insts.iter().rposition(|&i| i == inst) else { return };
    let span = caller.spans.get(inst).copied().unwrap_or_default();

    // Split: everything after the call moves to the continuation.
    let cont = caller.new_block();
    let rest = caller.blocks[block].insts.split_off(pos + 1);
    caller.blocks[block].insts.pop();
    let old_term = std::mem::replace(&mut caller.blocks[block].term, Terminator::Unreachable);
    let old_span = caller.blocks[block].term_span;
    let old_frame = caller.term_inlined_at.get(block).copied();
    caller.blocks[cont].insts = rest;
    caller.set_term(cont, old_term, old_span);
    if let Some(f) = old_frame {
        caller.term_inlined_at.set(cont, f);
    }
    // The code after the call, and the callee's code outside its own `try`s, is in the
    // call's `try`, if any (its handler's arguments are defined before the call's block).
    let handler = caller.blocks[block].catch.clone();
    caller.blocks[cont].catch = handler.clone();
    // The call's result value becomes the continuation's parameter; the call itself is left
    // unplaced in the arena (compact drops it).
    if let Some(result) = caller.insts[inst].result.take() {
        caller.values[result] = ValueDef::Param(cont, 0);
        caller.blocks[cont].params.push(result);
    }

    // The call site becomes an inline frame, and the callee's own inline frames go under it.
    let site = caller.inlined_at.get(inst).copied();
    let frame = caller.inline_frames.len() as u32;
    caller.inline_frames.push(ir::InlineFrame { callee: ci, call_span: span, parent: site });
    for f in &callee.inline_frames {
        let parent = Some(f.parent.map_or(frame, |p| frame + 1 + p));
        caller.inline_frames.push(ir::InlineFrame { parent, ..f.clone() });
    }
    let mut values: FxHashMap<Value, Operand> = FxHashMap::default();
    bind_arguments(caller, block, callee, (&args, span, site), &mut values);
    let blocks = copy_blocks(caller, callee, frame, &mut values);
    for &b in &callee.layout {
        let term =
            remap_term(&callee.blocks[b].term, &values, &blocks, cont, caller.blocks[cont].params.len());
        caller.set_term(blocks[&b], term, callee.blocks[b].term_span);
        let at = callee.term_inlined_at.get(b).map_or(frame, |&f| frame + 1 + f);
        caller.term_inlined_at.set(blocks[&b], at);
        caller.blocks[blocks[&b]].catch = match &callee.blocks[b].catch {
            Some(own) => Some(remap_target(own, &values, &blocks)),
            None => handler.clone(),
        };
    }
    caller.set_term(
        block,
        Terminator::Jump(BlockTarget { block: blocks[&callee.entry()], args: vec![] }),
        span,
    );
    if let Some(f) = site {
        caller.term_inlined_at.set(block, f);
    }

    let at = caller.layout.iter().position(|&b| b == block).map_or(caller.layout.len(), |p| p + 1);
    let mut placed: Vec<Block> = callee.layout.iter().map(|b| blocks[b]).collect();
    placed.push(cont);
    caller.layout.splice(at..at, placed);
}

/// Maps the callee's argument values to the call's operands; a varargs callee's last argument
/// becomes a `Core.tuple(rest...)` built in the caller's block before the jump, at the call's
/// position (`span`, and `site`, the inline frame the call is in).
fn bind_arguments(
    caller: &mut Body,
    block: Block,
    callee: &Body,
    (args, span, site): (&[Operand], ir::Span, Option<u32>),
    values: &mut FxHashMap<Value, Operand>,
) {
    let fixed = if callee.is_vararg { callee.nargs() - 1 } else { callee.nargs() };
    for (i, arg) in args.iter().take(fixed).enumerate() {
        values.insert(callee.arg(i), arg.clone());
    }
    if !callee.is_vararg {
        return;
    }
    let mut tuple_args = vec![Operand::Const(ConstValue::Builtin(Builtin::Tuple.id()))];
    tuple_args.extend(args.iter().skip(fixed).cloned());
    let tuple = caller.push_inst(block, InstKind::Call { args: tuple_args }, span, true);
    if let Some(site) = site {
        caller.inlined_at.set(tuple, site);
    }
    caller.infos.set(tuple, CallInfo::Builtin(Builtin::Tuple));
    caller.flags.set(tuple, InstFlags { nothrow: true, effect_free: true, inline: None });
    let vararg = callee.arg(fixed);
    let ty = callee.types.get(vararg).cloned().unwrap_or(Lattice::ANY);
    let result = caller.result(tuple);
    caller.types.set(result, ty);
    values.insert(vararg, Operand::Value(result));
}

/// Creates the copies of the callee's blocks, parameters and instructions (operands still the
/// callee's), then rewrites their operands through `values` once every value has a copy.
/// `frame` is the call's inline frame; the callee's frames follow it in the caller's list.
fn copy_blocks(
    caller: &mut Body,
    callee: &Body,
    frame: u32,
    values: &mut FxHashMap<Value, Operand>,
) -> FxHashMap<Block, Block> {
    let mut blocks = FxHashMap::default();
    let mut copied = Vec::new();
    for &b in &callee.layout {
        let nb = caller.new_block();
        blocks.insert(b, nb);
        for &p in &callee.blocks[b].params {
            let np = caller.add_block_param(nb);
            copy_type(caller, callee, p, np);
            values.insert(p, Operand::Value(np));
        }
        for &i in &callee.blocks[b].insts {
            let data = &callee.insts[i];
            let ni = caller.insts.push(InstData { kind: data.kind.clone(), result: None });
            if let Some(r) = data.result {
                let nr = caller.values.push(ValueDef::Inst(ni));
                caller.insts[ni].result = Some(nr);
                copy_type(caller, callee, r, nr);
                values.insert(r, Operand::Value(nr));
            }
            copy_side_tables(caller, callee, i, ni);
            let at = callee.inlined_at.get(i).map_or(frame, |&f| frame + 1 + f);
            caller.inlined_at.set(ni, at);
            caller.blocks[nb].insts.push(ni);
            copied.push(ni);
        }
    }
    for ni in copied {
        for op in caller.insts[ni].kind.operands_mut() {
            remap(op, values);
        }
        if let InstKind::Enter { catch } = &mut caller.insts[ni].kind {
            *catch = blocks[catch];
        }
    }
    blocks
}

fn copy_type(caller: &mut Body, callee: &Body, from: Value, to: Value) {
    if let Some(t) = callee.types.get(from) {
        caller.types.set(to, t.clone());
    }
}

fn copy_side_tables(caller: &mut Body, callee: &Body, from: Inst, to: Inst) {
    if let Some(s) = callee.spans.get(from) {
        caller.spans.set(to, *s);
    }
    if let Some(info) = callee.infos.get(from) {
        caller.infos.set(to, info.clone());
    }
    if let Some(flags) = callee.flags.get(from) {
        caller.flags.set(to, *flags);
    }
}

fn remap(op: &mut Operand, values: &FxHashMap<Value, Operand>) {
    if let Operand::Value(v) = op {
        if let Some(new) = values.get(v) {
            *op = new.clone();
        }
    }
}

fn remap_target(
    t: &BlockTarget,
    values: &FxHashMap<Value, Operand>,
    blocks: &FxHashMap<Block, Block>,
) -> BlockTarget {
    let mut args = t.args.clone();
    args.iter_mut().for_each(|a| remap(a, values));
    BlockTarget { block: blocks[&t.block], args }
}

fn remap_term(
    term: &Terminator,
    values: &FxHashMap<Value, Operand>,
    blocks: &FxHashMap<Block, Block>,
    cont: Block,
    cont_params: usize,
) -> Terminator {
    let target = |t: &BlockTarget| remap_target(t, values, blocks);
    match term {
        Terminator::Jump(t) => Terminator::Jump(target(t)),
        Terminator::Branch { cond, then_dest, else_dest } => {
            let mut cond = cond.clone();
            remap(&mut cond, values);
            Terminator::Branch { cond, then_dest: target(then_dest), else_dest: target(else_dest) }
        }
        Terminator::Return(op) => {
            let mut op = op.clone();
            remap(&mut op, values);
            let args = if cont_params == 1 { vec![op] } else { vec![] };
            Terminator::Jump(BlockTarget { block: cont, args })
        }
        Terminator::Unreachable => Terminator::Unreachable,
    }
}
