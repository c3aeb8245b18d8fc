//! Tail recursion modulo an accumulator, as LLVM's TailCallElim does it: a block that ends in
//! `%c = invoke self(args...); %r = op(x, %c); return %r` (pure instructions that do not read
//! `%c` may come between the two), where `op` is an associative and
//! commutative integer intrinsic (`add_int`, `mul_int`, `and_int`, `or_int`, `xor_int`), jumps
//! back to the top of the function with `args` as its new parameters and `acc = acc op x`
//! instead of calling; every `return v` then returns `acc op v`. The whole body sits in a wasm
//! `loop`. `fib(n) = n < 2 ? n : fib(n - 1) + fib(n - 2)` keeps `fib(n - 1)` as a call and turns
//! `fib(n - 2)` into an iteration: the loop rustc's fib gets from LLVM.
//!
//! Wrapping integer arithmetic makes the reassociation exact, and effects run in the same order
//! (`x`'s first, then the callee's). Julia's LLVM pipeline has no TailCallElim, so Julia runs out
//! of stack where a loop would not. To keep that, a block is rewritten only if it also makes
//! another self call before the tail call (fib's shape, not `down(n) = down(n + 1) + 1`'s): each
//! iteration then recurses through a real call, and the depth of the recursion is that of the
//! calls kept. (A recursion whose kept calls all return at once while its tail calls never end,
//! `g(n) = g(0) + g(n)`, becomes a loop that runs into the step budget instead of the stack.)
//! A bound on the iterations per activation would remove that case, but a counter live across
//! the kept call costs fib a fifth of its speed under Cranelift. Step charging is unchanged: an
//! iteration goes through the same charge points as the activation it replaces.
//!
//! It only rewrites the body being compiled (the IR the optimizer printed is unchanged).

use ir::{Block, BlockData, Builtin, CallInfo, Inst, InstKind, Operand, Terminator};
use rustc_hash::FxHashMap;
use walrus::ir::{BinaryOp, InstrSeqId};
use walrus::{LocalId, ValType as W};

use crate::abi::ValType;
use crate::emit::{Emitter, Rep, Result};

/// The accumulating operation: an associative, commutative i64 intrinsic with an identity.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Accumulate {
    Add,
    Mul,
    And,
    Or,
    Xor,
}

impl Accumulate {
    fn of(b: Builtin) -> Option<Accumulate> {
        Some(match b {
            Builtin::AddInt => Accumulate::Add,
            Builtin::MulInt => Accumulate::Mul,
            Builtin::AndInt => Accumulate::And,
            Builtin::OrInt => Accumulate::Or,
            Builtin::XorInt => Accumulate::Xor,
            _ => return None,
        })
    }

    fn identity(self) -> i64 {
        match self {
            Accumulate::Add | Accumulate::Or | Accumulate::Xor => 0,
            Accumulate::Mul => 1,
            Accumulate::And => -1,
        }
    }

    fn binop(self) -> BinaryOp {
        match self {
            Accumulate::Add => BinaryOp::I64Add,
            Accumulate::Mul => BinaryOp::I64Mul,
            Accumulate::And => BinaryOp::I64And,
            Accumulate::Or => BinaryOp::I64Or,
            Accumulate::Xor => BinaryOp::I64Xor,
        }
    }
}

/// A tail site: the block's instructions that still run (all but the tail self call and the
/// last one, which combines the call's result with `other` and is returned), then the call's
/// arguments.
#[derive(Clone, Debug)]
pub(crate) struct Site {
    pub before: Vec<Inst>,
    args: Vec<Operand>,
    other: Operand,
}

/// The rewrite in effect while a body is emitted.
pub(crate) struct TailLoop {
    /// The `loop` around the whole body: a tail site branches here.
    top: InstrSeqId,
    acc: LocalId,
    op: Accumulate,
    sites: FxHashMap<Block, Site>,
}

impl TailLoop {
    /// How many blocks end in a tail site (each has one tail self call).
    pub(crate) fn sites(&self) -> usize {
        self.sites.len()
    }
}

impl Emitter<'_> {
    /// The tail sites of the body when its result is an i64 (all with the same operation: the
    /// accumulator has one). `None` when there are none.
    fn tail_sites(&mut self) -> Option<(Accumulate, FxHashMap<Block, Site>)> {
        let ret = Rep::of(self.cx.types(), self.sig.ret);
        // A handler's landing restores state saved in this activation's locals, which a
        // jump back to the top would keep from the previous one.
        if ret.vt != ValType::I64 || self.body.blocks.iter().any(|(_, d)| d.catch.is_some()) {
            return None;
        }
        let mut op = None;
        let mut sites = FxHashMap::default();
        for (b, data) in self.body.blocks.iter() {
            match self.tail_site_of(data, ret) {
                Some((this_op, site)) if op.is_none_or(|o| o == this_op) => {
                    op = Some(this_op);
                    sites.insert(b, site);
                }
                _ => {}
            }
        }
        op.map(|op| (op, sites))
    }

    /// The block's tail site, if it ends in one: `%r = op(x, %c)` (either order) returned, where
    /// `%c` is the block's last call, a self call with `ret`'s representation, followed only by
    /// pure instructions that do not read it (they can run before it), and the block makes
    /// another self call before it.
    fn tail_site_of(&mut self, data: &BlockData, ret: Rep) -> Option<(Accumulate, Site)> {
        let body = self.body;
        let (Terminator::Return(Operand::Value(r)), Some(&combine)) = (&data.term, data.insts.last()) else {
            return None;
        };
        let InstKind::Call { args: operands } = &body.insts[combine].kind else { return None };
        let op = body.infos.get(combine).and_then(CallInfo::builtin).and_then(Accumulate::of)?;
        let at = data.insts.iter().rposition(|&i| !crate::peel::is_pure(body, i))?;
        let call = data.insts[at];
        let InstKind::Invoke { ci, args } = &body.insts[call].kind else { return None };
        let c = Operand::Value(body.insts[call].result?);
        let other = match &operands[..] {
            [_, a, b] if *a == c && *b != c => b,
            [_, a, b] if *b == c && *a != c => a,
            _ => return None,
        };
        let between = &data.insts[at + 1..data.insts.len() - 1];
        let reads_c = |&i: &Inst| body.insts[i].kind.operands().contains(&&c);
        let typed =
            body.insts[combine].result == Some(*r) && self.operand_rep(&c) == ret && self.rep(*r) == ret;
        if !typed || args.len() != body.nargs() || between.iter().any(reads_c) {
            return None;
        }
        let kept_call = data.insts[..at].iter().any(|&i| match &body.insts[i].kind {
            InstKind::Invoke { ci, .. } => self.is_self(*ci),
            _ => false,
        });
        if !self.is_self(*ci) || !kept_call {
            return None;
        }
        let before = data.insts[..data.insts.len() - 1].iter().copied().filter(|&i| i != call).collect();
        Some((op, Site { before, args: args.clone(), other: other.clone() }))
    }

    /// The tail site ending block `b`, if the rewrite is on and the block has one.
    pub(crate) fn tail_site(&self, b: Block) -> Option<Site> {
        self.tail.as_ref()?.sites.get(&b).cloned()
    }

    pub(crate) fn is_self(&mut self, ci: types::CodeInstanceId) -> bool {
        self.cx.slot_of(ci) == self.self_slot
    }

    /// Starts the rewrite if the body has tail sites: the accumulator, then the `loop` the body
    /// goes into (returned; `seq` otherwise).
    pub(crate) fn begin_tail_loop(&mut self, seq: InstrSeqId) -> InstrSeqId {
        let Some((op, sites)) = self.tail_sites() else {
            return seq;
        };
        let acc = self.new_local(W::I64);
        self.fb.instr_seq(seq).i64_const(op.identity()).local_set(acc);
        let top = self.fb.dangling_instr_seq(None).id();
        self.fb.instr_seq(seq).instr(walrus::ir::Loop { seq: top });
        self.tail = Some(TailLoop { top, acc, op, sites });
        top
    }

    /// A tail site's jump, in place of its call, combination and `return` (after `site.before`
    /// ran): the accumulator takes `x`, the parameters take the call's arguments (all read
    /// before any is written), and control goes back to the top.
    pub(crate) fn jump_to_top(&mut self, seq: InstrSeqId, site: &Site, span: u32) -> Result<()> {
        let tail = self.tail.as_ref().ok_or_else(|| {
            crate::CodegenError::InvalidBody("a tail site outside the tail-recursion rewrite".into())
        })?;
        let (top, acc, op) = (tail.top, tail.acc, tail.op);
        let ret = Rep::of(self.cx.types(), self.sig.ret);
        self.fb.instr_seq(seq).local_get(acc);
        self.operand(seq, &site.other, ret)?;
        self.fb.instr_seq(seq).binop(op.binop()).local_set(acc);
        let params: Vec<(ir::Value, Option<LocalId>)> = (0..self.body.nargs())
            .map(|i| (self.body.arg(i), self.locals.get(&self.body.arg(i)).copied()))
            .collect();
        let reps: Vec<Rep> = params.iter().map(|&(v, _)| self.rep(v)).collect();
        self.push_operands(seq, &site.args, &reps, span)?;
        for &(v, param) in params.iter().rev() {
            if let Some(l) = param {
                self.set_local(seq, l, v);
            }
        }
        self.fb.instr_seq(seq).br(top);
        Ok(())
    }

    /// A `return` under the rewrite: the value pushed as the result, combined with the
    /// accumulator.
    pub(crate) fn accumulate_return(&mut self, seq: InstrSeqId) {
        if let Some(t) = &self.tail {
            let (acc, op) = (t.acc, t.op);
            self.fb.instr_seq(seq).local_get(acc).binop(op.binop());
        }
    }
}
