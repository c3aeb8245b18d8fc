//! Pass `tailrec`: tail recursion modulo an accumulator as a loop, as LLVM's TailCallElim does
//! it (llvm/lib/Transforms/Scalar/TailRecursionElimination.cpp, "accumulator recursion
//! elimination"). A block that ends in `%c = invoke self(args...); %r = op(x, %c); return %r`
//! (pure instructions that do not read `%c` may come between the two), where `op` is an
//! associative and commutative `Int64` intrinsic (`add_int`, `mul_int`, `and_int`, `or_int`,
//! `xor_int`), jumps back to the top of the function with `args` as its new arguments and
//! `acc op x` as the new accumulator instead of calling; every other `return v` returns
//! `acc op v`. The old entry block becomes the loop's header, with a parameter per argument
//! that a tail call changes and one for the accumulator; a new entry block jumps to it with the
//! arguments and `op`'s identity. `fib(n) = n < 2 ? n : fib(n - 1) + fib(n - 2)` keeps
//! `fib(n - 1)` as a call and turns `fib(n - 2)` into an iteration: the loop rustc's fib gets
//! from LLVM.
//!
//! Wrapping integer arithmetic makes the reassociation exact, and effects run in the same order
//! (`x`'s first, then the callee's). Julia's LLVM pipeline has no TailCallElim, so Julia runs out
//! of stack where a loop would not. To keep that, a block is rewritten only if it also makes
//! another self call before the tail call (fib's shape, not `down(n) = down(n + 1) + 1`'s): each
//! iteration then recurses through a real call, and the depth of the recursion is that of the
//! calls kept. (A recursion whose kept calls all return at once while its tail calls never end,
//! `g(n) = g(0) + g(n)`, becomes a loop that runs into the step budget instead of the stack.)
//!
//! Like LLVM's, this pass is not inlining: it runs whatever the inlining policy (`--inline
//! never` included; there, `+` is still a call of Base's `+`, not the intrinsic, so fib has no
//! tail site). It leaves bodies with a `try` alone (a handler's state is per activation) and
//! varargs bodies.

use ir::{Block, BlockTarget, Body, Builtin, CallInfo, Inst, InstKind, Operand, Terminator};
use rustc_hash::FxHashMap;
use types::{CodeInstanceId, ConstValue, Lattice, Ty};

use crate::util::{insert_inst, operand_const, replace_operand, replace_uses};
use crate::OptContext;

/// The accumulating operation: an associative, commutative `Int64` intrinsic with an identity.
fn identity(b: Builtin) -> Option<i64> {
    Some(match b {
        Builtin::AddInt | Builtin::OrInt | Builtin::XorInt => 0,
        Builtin::MulInt => 1,
        Builtin::AndInt => -1,
        _ => return None,
    })
}

/// A tail site: the block, its tail call and the instruction that combines the call's result
/// with `other` (the block's last), and the call's arguments.
struct Site {
    block: Block,
    call: Inst,
    combine: Inst,
    args: Vec<Operand>,
    other: Operand,
}

pub(crate) fn run<C: OptContext + ?Sized>(cx: &mut C, ci: CodeInstanceId, body: &mut Body) -> bool {
    if body.is_vararg || body.layout.iter().any(|&b| body.blocks[b].catch.is_some()) {
        return false;
    }
    let mut op = None;
    let mut sites = Vec::new();
    for &b in &body.layout {
        let Some((this_op, site)) = tail_site(cx, ci, body, b) else { continue };
        if op.is_some_and(|o| o != this_op) {
            return false;
        }
        op = Some(this_op);
        sites.push(site);
    }
    let Some(op) = op else { return false };
    // Every other `return` is combined with the accumulator: its value must be an `Int64`.
    let returns_int = body.layout.iter().all(|&b| match &body.blocks[b].term {
        Terminator::Return(v) => is_int(cx, body, v),
        _ => true,
    });
    let Some(varying) = varying_arguments(cx, body, &sites) else { return false };
    if !returns_int {
        return false;
    }
    rewrite(cx, body, op, &sites, &varying);
    true
}

/// Whether `op` is an `Int64`.
fn is_int<C: OptContext + ?Sized>(cx: &mut C, body: &Body, op: &Operand) -> bool {
    crate::util::operand_type(body, op, cx.types()) == Ty::INT64
}

/// The tail site ending block `b`, if it ends in one (see the module documentation).
fn tail_site<C: OptContext + ?Sized>(
    cx: &mut C,
    ci: CodeInstanceId,
    body: &Body,
    b: Block,
) -> Option<(Builtin, Site)> {
    let data = &body.blocks[b];
    let (Terminator::Return(Operand::Value(r)), Some(&combine)) = (&data.term, data.insts.last()) else {
        return None;
    };
    let InstKind::Call { args: operands } = &body.insts[combine].kind else { return None };
    let op = body.infos.get(combine).and_then(CallInfo::builtin).filter(|&b| identity(b).is_some())?;
    let at = data.insts.iter().rposition(|&i| !ir::steps::is_pure(body, i))?;
    let call = data.insts[at];
    let InstKind::Invoke { ci: callee, args } = &body.insts[call].kind else { return None };
    let c = Operand::Value(body.insts[call].result?);
    let other = match &operands[..] {
        [_, a, x] if *a == c && *x != c => x,
        [_, x, a] if *a == c && *x != c => x,
        _ => return None,
    };
    let between = &data.insts[at + 1..data.insts.len() - 1];
    let reads_c = between.iter().any(|&i| body.insts[i].kind.operands().contains(&&c));
    let kept_call = data.insts[..at]
        .iter()
        .any(|&i| matches!(body.insts[i].kind, InstKind::Invoke { ci: k, .. } if k == ci));
    let typed = body.insts[combine].result == Some(*r)
        && is_int(cx, body, &c)
        && is_int(cx, body, &Operand::Value(*r))
        && is_int(cx, body, other);
    if *callee != ci || !kept_call || !typed || reads_c || args.len() != body.nargs() {
        return None;
    }
    Some((op, Site { block: b, call, combine, args: args.clone(), other: other.clone() }))
}

/// The arguments some tail call changes (which become the loop header's parameters), or `None`
/// when one of them cannot change: an argument inference knows as a constant (`#self#` of a
/// function) must be passed unchanged.
fn varying_arguments<C: OptContext + ?Sized>(cx: &mut C, body: &Body, sites: &[Site]) -> Option<Vec<usize>> {
    let mut varying = Vec::new();
    for i in 0..body.nargs() {
        let arg = body.arg(i);
        let known = body.types.get(arg).and_then(Lattice::as_const).cloned();
        let unchanged = |op: &Operand| match op {
            Operand::Value(v) => *v == arg,
            Operand::Global(g) => known.is_some() && cx.global_constant(g) == known,
            _ => known.is_some() && operand_const(body, op) == known.as_ref(),
        };
        if sites.iter().all(|s| unchanged(&s.args[i])) {
            continue;
        }
        if known.is_some() {
            return None;
        }
        varying.push(i);
    }
    Some(varying)
}

fn rewrite<C: OptContext + ?Sized>(
    cx: &mut C,
    body: &mut Body,
    op: Builtin,
    sites: &[Site],
    varying: &[usize],
) {
    let header = body.entry();
    let int = Lattice::Type(Ty::INT64);
    // The header's parameters replace the arguments that change in the whole body.
    let mut params = FxHashMap::default();
    for &i in varying {
        let arg = body.arg(i);
        let ty = body.operand_lattice(&Operand::Value(arg)).widen(cx.types());
        let p = body.add_block_param(header);
        body.types.set(p, Lattice::Type(ty));
        params.insert(arg, Operand::Value(p));
    }
    replace_uses(body, &params);
    let acc = body.add_block_param(header);
    body.types.set(acc, int.clone());
    // The callee operand of the accumulating intrinsic, as the first site wrote it.
    let callee = match &body.insts[sites[0].combine].kind {
        InstKind::Call { args } => args[0].clone(),
        _ => Operand::Const(ConstValue::Builtin(op.id())),
    };
    let flags = body.flags.get(sites[0].combine).copied().unwrap_or_default();
    let accumulate = |body: &mut Body, b: Block, x: Operand, span| {
        let pos = body.blocks[b].insts.len();
        let kind = InstKind::Call { args: vec![callee.clone(), Operand::Value(acc), x] };
        let inst = insert_inst(body, (b, pos), kind, (span, None), Some(int.clone()));
        body.infos.set(inst, CallInfo::Builtin(op));
        body.flags.set(inst, flags);
        body.result(inst)
    };
    for site in sites {
        // The call and the combination go; the instructions between them stay, in order.
        let span = body.blocks[site.block].term_span;
        body.blocks[site.block].insts.retain(|&i| i != site.call && i != site.combine);
        let mut other = site.other.clone();
        replace_operand(&mut other, &params);
        let next = accumulate(body, site.block, other, span);
        let mut args: Vec<Operand> = varying
            .iter()
            .map(|&i| {
                let mut a = site.args[i].clone();
                replace_operand(&mut a, &params);
                a
            })
            .collect();
        args.push(Operand::Value(next));
        body.set_term(site.block, Terminator::Jump(BlockTarget { block: header, args }), span);
    }
    for b in body.layout.clone() {
        let Terminator::Return(v) = body.blocks[b].term.clone() else { continue };
        let span = body.blocks[b].term_span;
        let r = accumulate(body, b, v, span);
        body.set_term(b, Terminator::Return(Operand::Value(r)), span);
    }
    // The new entry passes the arguments and the accumulator's identity.
    let entry = body.new_block();
    let mut args: Vec<Operand> = varying.iter().map(|&i| Operand::Value(body.arg(i))).collect();
    args.push(Operand::Const(ConstValue::Int(identity(op).unwrap_or(0))));
    let span = body.block_span(header);
    body.set_term(entry, Terminator::Jump(BlockTarget { block: header, args }), span);
    body.layout.insert(0, entry);
}
