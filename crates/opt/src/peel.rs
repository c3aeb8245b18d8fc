//! Pass `peel`: a self call's early return peeled into the caller (partial inlining, as LLVM's
//! PartialInlining pass does for functions that start with a guarded return). When the body
//! starts with a few pure intrinsics and a branch to a block that only returns (after pure
//! intrinsics too: `tailrec`'s `acc + n`), a self call evaluates that test on its arguments
//! first and produces the returned value without calling:
//!
//! ```text
//! %c = invoke f(args...)   =>   <the entry's test on args>; %t = not_int(<test>)
//!                               goto #base if not %t
//!                        #call: %d = invoke f(args...); goto #join(%d)
//!                        #base: $(Expr(:stack_check)); <the returned value on args>
//!                               goto #join(value)
//!                   #join(%c):  ...
//! ```
//!
//! `fib(n) = n < 2 ? n : fib(n - 1) + fib(n - 2)` then makes half as many calls: its base case,
//! half of its activations, runs inline. The callee repeats the test when it is called, which
//! costs a compare. The base case raises `StackOverflowError` where the call would have
//! (`stack_check`), so the depth at which a run stops is the same with or without this pass.
//! The copied instructions are the callee's code: they sit in an inline frame of the function.
//!
//! It is inlining (of part of the function into itself), so it follows the inlining policy:
//! nothing under `--inline never`.

use ir::{Block, BlockTarget, Body, Inst, InstData, InstKind, Operand, Terminator, Value, ValueDef};
use rustc_hash::FxHashMap;
use types::CodeInstanceId;

use crate::util::{insert_stack_check, self_invokes};
use crate::InlineMode;

/// The instructions peeled at most (the test and the returned value; the test is repeated by
/// every call that is made).
const MAX_PEELED_INSTS: usize = 4;

/// The body's early return, in terms of its own values: from the entry, the instructions of
/// the test (`test`, with the parameters of the blocks on the way bound in `params`), the
/// condition under which it returns, and the returning block's instructions and value.
struct EarlyReturn {
    params: Vec<(Value, Operand)>,
    test: Vec<Inst>,
    cond: Operand,
    returns_when: bool,
    returned: Vec<Inst>,
    value: Operand,
}

pub(crate) fn run(ci: CodeInstanceId, body: &mut Body, mode: InlineMode) -> bool {
    if mode == InlineMode::Never || body.is_vararg {
        return false;
    }
    let Some(early) = early_return(body) else { return false };
    let sites = self_invokes(body, ci);
    // From the last site backwards, so a split never moves a site still to come.
    for &(block, call) in sites.iter().rev() {
        peel_site(ci, body, &early, block, call);
    }
    !sites.is_empty()
}

/// The body's early return, if it has one: blocks from the entry (following plain jumps, at
/// most two blocks) of pure intrinsics, the last ending in a branch one of whose targets runs
/// pure intrinsics and returns; no block in a `try`.
fn early_return(body: &Body) -> Option<EarlyReturn> {
    let pure = |b: Block| {
        let data = &body.blocks[b];
        data.catch.is_none() && data.insts.iter().all(|&i| ir::steps::is_pure(body, i))
    };
    let bind = |params: &mut Vec<(Value, Operand)>, t: &BlockTarget| {
        params.extend(body.blocks[t.block].params.iter().copied().zip(t.args.iter().cloned()));
    };
    let mut params = Vec::new();
    let mut test = Vec::new();
    let mut b = body.entry();
    for hop in 0..2 {
        if !pure(b) {
            return None;
        }
        test.extend(body.blocks[b].insts.iter().copied());
        match &body.blocks[b].term {
            Terminator::Jump(t) if hop == 0 && t.block != body.entry() => {
                bind(&mut params, t);
                b = t.block;
            }
            Terminator::Branch { cond, then_dest, else_dest } => {
                let returns = |t: &BlockTarget| match &body.blocks[t.block].term {
                    Terminator::Return(v) if pure(t.block) && t.block != b => Some(v.clone()),
                    _ => None,
                };
                let (returns_when, dest, value) = match (returns(then_dest), returns(else_dest)) {
                    (Some(v), _) => (true, then_dest, v),
                    (_, Some(v)) => (false, else_dest, v),
                    _ => return None,
                };
                bind(&mut params, dest);
                let returned = body.blocks[dest.block].insts.clone();
                if test.len() + returned.len() > MAX_PEELED_INSTS {
                    return None;
                }
                return Some(EarlyReturn { params, test, cond: cond.clone(), returns_when, returned, value });
            }
            _ => return None,
        }
    }
    None
}

/// Peels the early return into the self call `call` in `block`.
fn peel_site(ci: CodeInstanceId, body: &mut Body, early: &EarlyReturn, block: Block, call: Inst) {
    let Some(pos) = body.blocks[block].insts.iter().position(|&i| i == call) else { return };
    let InstKind::Invoke { args, .. } = body.insts[call].kind.clone() else { return };
    let span = body.spans.get(call).copied().unwrap_or_default();
    let site = body.inlined_at.get(call).copied();
    let handler = body.blocks[block].catch.clone();

    // Split: the instructions after the call move to `join`, whose parameter is the call's
    // old result (no use needs renaming); the call moves to `call_block` with a new result.
    let join = body.new_block();
    let rest = body.blocks[block].insts.split_off(pos + 1);
    body.blocks[block].insts.pop();
    let old_term = std::mem::replace(&mut body.blocks[block].term, Terminator::Unreachable);
    let old_span = body.blocks[block].term_span;
    body.blocks[join].insts = rest;
    body.set_term(join, old_term, old_span);
    let call_block = body.new_block();
    body.blocks[call_block].insts.push(call);
    let mut results = vec![];
    if let Some(old) = body.insts[call].result {
        let ty = body.types.get(old).cloned();
        body.values[old] = ValueDef::Param(join, 0);
        body.blocks[join].params.push(old);
        let new = body.values.push(ValueDef::Inst(call));
        body.insts[call].result = Some(new);
        if let Some(ty) = ty {
            body.types.set(new, ty);
        }
        results.push(Operand::Value(new));
    }
    body.set_term(call_block, Terminator::Jump(BlockTarget { block: join, args: results }), span);

    // The callee's values on this call's arguments.
    let mut values: FxHashMap<Value, Operand> = FxHashMap::default();
    for (i, a) in args.iter().enumerate() {
        values.insert(body.arg(i), a.clone());
    }
    for (p, a) in &early.params {
        let a = substitute(a, &values);
        values.insert(*p, a);
    }
    // The copies sit in an inline frame of the function, called here.
    let frame = body.inline_frames.len() as u32;
    body.inline_frames.push(ir::InlineFrame { callee: ci, call_span: span, parent: site });
    let mut frames = FxHashMap::default();
    for &i in &early.test {
        copy_inst(body, block, i, frame, &mut values, &mut frames);
    }
    let cond = substitute(&early.cond, &values);
    let base = body.new_block();
    insert_stack_check(body, (base, 0), call);
    for &i in &early.returned {
        copy_inst(body, base, i, frame, &mut values, &mut frames);
    }
    let value = substitute(&early.value, &values);
    let args = if body.blocks[join].params.is_empty() { vec![] } else { vec![value] };
    body.set_term(base, Terminator::Jump(BlockTarget { block: join, args }), span);
    // The call is the branch's `then` (the arm Julia's lowering falls through to, which
    // codegen lays out right after the test, `structure`), so a test that returns when it
    // holds is negated.
    let cond = if early.returns_when { negate(body, block, cond, (span, site)) } else { cond };
    let to = |b: Block| BlockTarget { block: b, args: vec![] };
    body.set_term(block, Terminator::Branch { cond, then_dest: to(call_block), else_dest: to(base) }, span);
    for b in [base, call_block, join] {
        body.blocks[b].catch = handler.clone();
    }
    let at = body.layout.iter().position(|&b| b == block).map_or(body.layout.len(), |p| p + 1);
    body.layout.splice(at..at, [call_block, base, join]);
}

/// A copy of the callee's pure instruction `inst` at the end of `block`, its operands read
/// through `values` (which then maps its result to the copy's). It keeps its span, call info
/// and flags, and sits in the inline frame `frame`, under copies of the frames it was inlined
/// through in the callee (`frames` maps each original frame to its copy), so its debuginfo
/// still reads `<` inlined into `fib` inlined into `fib`.
fn copy_inst(
    body: &mut Body,
    block: Block,
    inst: Inst,
    frame: u32,
    values: &mut FxHashMap<Value, Operand>,
    frames: &mut FxHashMap<u32, u32>,
) {
    let kind = body.insts[inst].kind.clone();
    let copy = body.insts.push(InstData { kind, result: None });
    if let Some(r) = body.insts[inst].result {
        let new = body.values.push(ValueDef::Inst(copy));
        body.insts[copy].result = Some(new);
        if let Some(ty) = body.types.get(r).cloned() {
            body.types.set(new, ty);
        }
        values.insert(r, Operand::Value(new));
    }
    if let Some(s) = body.spans.get(inst).copied() {
        body.spans.set(copy, s);
    }
    if let Some(info) = body.infos.get(inst).cloned() {
        body.infos.set(copy, info);
    }
    if let Some(flags) = body.flags.get(inst).copied() {
        body.flags.set(copy, flags);
    }
    let at = match body.inlined_at.get(inst).copied() {
        Some(own) => rehome_frame(body, own, frame, frames),
        None => frame,
    };
    body.inlined_at.set(copy, at);
    body.blocks[block].insts.push(copy);
    for op in body.insts[copy].kind.operands_mut() {
        *op = substitute(op, values);
    }
}

/// The copy of inline frame `own` (and of its parents) under `frame`.
fn rehome_frame(body: &mut Body, own: u32, frame: u32, frames: &mut FxHashMap<u32, u32>) -> u32 {
    if let Some(&copy) = frames.get(&own) {
        return copy;
    }
    let original = body.inline_frames[own as usize].clone();
    let parent = match original.parent {
        Some(p) => rehome_frame(body, p, frame, frames),
        None => frame,
    };
    let copy = body.inline_frames.len() as u32;
    body.inline_frames.push(ir::InlineFrame { parent: Some(parent), ..original });
    frames.insert(own, copy);
    copy
}

/// `Base.not_int(cond)` at the end of `block`.
fn negate(body: &mut Body, block: Block, cond: Operand, at: (ir::Span, Option<u32>)) -> Operand {
    let pos = body.blocks[block].insts.len();
    let not = ir::Builtin::NotInt;
    let args = vec![Operand::Const(types::ConstValue::Builtin(not.id())), cond];
    let bool_ = Some(types::Lattice::Type(types::Ty::BOOL));
    let inst = crate::util::insert_inst(body, (block, pos), InstKind::Call { args }, at, bool_);
    body.infos.set(inst, ir::CallInfo::Builtin(not));
    body.flags.set(inst, ir::InstFlags { nothrow: true, effect_free: true, inline: None });
    Operand::Value(body.result(inst))
}

/// `op` with a value of the callee replaced by what it is at the call. One step, not a chain:
/// the callee's values and the caller's are the same body's (`f(x, y)` calling `f(y, x)` maps
/// `x` to `y` and `y` to `x`).
fn substitute(op: &Operand, values: &FxHashMap<Value, Operand>) -> Operand {
    match op {
        Operand::Value(v) => values.get(v).cloned().unwrap_or_else(|| op.clone()),
        _ => op.clone(),
    }
}
