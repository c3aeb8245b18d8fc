//! Counted loops, charged on entry: a loop whose number of iterations is known when it starts
//! is charged them all there, instead of counting its header visits (`emit::count_loop_step`),
//! which costs a tight loop up to a third of its speed (the sum loop of `invokelab bench`).
//!
//! A loop is counted when
//! - its only exit is one branch on `i < n` or `i <= n` (either operand order, either polarity),
//!   where `i` is an `Int64` parameter of the header (a φ) and `n` does not change in the loop
//!   (a constant, an argument, or a value defined outside it);
//! - every back edge passes `i + 1` for `i` (so `i` steps by one per iteration), and the
//!   branch dominates every back edge (each iteration tests `i` before stepping it);
//! - nothing in it can throw, print, run other generated code or return: its instructions are
//!   intrinsics that never throw, on unboxed values (some, like `sin`, are pure host calls),
//!   its conditions are unboxed `Bool`s, its operands need no lookup that may fail.
//!
//! Such a loop runs exactly `max(n - i₀, 0)` iterations (`<`) or `max(n - i₀ + 1, 0)` (`<=`;
//! without end when `n == typemax(Int)`: `i` never exceeds it), where `i₀` is `i` on entry.
//! It has no effect that outlives an error: when the budget cannot pay for all the iterations,
//! the step-limit error is raised at the loop's entry instead of part way through it, and
//! nothing the program prints differs. Nested loops charge for themselves.

use ir::{Block, Builtin, CallInfo, InstKind, Operand, Terminator, Value, ValueDef};
use rustc_hash::FxHashMap;
use types::ConstValue;
use walrus::ir::{BinaryOp, InstrSeqId};

use crate::abi::ValType;
use crate::cfg::Cfg;
use crate::emit::{Emitter, Rep, Result};

/// A counted loop: its header parameter `counter` steps by one until it reaches `bound`.
#[derive(Clone, Debug)]
pub(crate) struct CountedLoop {
    /// The header parameter stepped by one per iteration.
    counter: Value,
    /// The loop continues while `counter < bound` (`counter <= bound` when `inclusive`).
    bound: Operand,
    inclusive: bool,
}

impl Emitter<'_> {
    /// The counted loops of the body, by header.
    pub(crate) fn counted_loops(&self, cfg: &Cfg) -> FxHashMap<Block, CountedLoop> {
        cfg.loop_headers.iter().filter_map(|&h| Some((h, self.counted_loop(cfg, h)?))).collect()
    }

    fn counted_loop(&self, cfg: &Cfg, header: Block) -> Option<CountedLoop> {
        let body = self.body;
        let blocks = cfg.loop_blocks(header);
        let mut exit = None;
        for &b in &blocks {
            let data = &body.blocks[b];
            let term_ok = match &data.term {
                Terminator::Jump(_) => true,
                Terminator::Branch { cond, .. } => self.operand_rep(cond) == Rep::BOOL,
                Terminator::Return(_) | Terminator::Unreachable => false,
            };
            let params_unboxed = data.params.iter().all(|&p| self.rep(p).vt != ValType::Boxed);
            if !term_ok || !params_unboxed || !data.insts.iter().all(|&i| self.runs_freely(i)) {
                return None;
            }
            for t in data.term.targets() {
                if !blocks.contains(&t.block) && exit.replace(b).is_some() {
                    return None;
                }
            }
        }
        let test = exit?;
        let Terminator::Branch { cond: Operand::Value(cond), then_dest, .. } = &body.blocks[test].term else {
            return None;
        };
        let continues_when = blocks.contains(&then_dest.block);
        let ValueDef::Inst(compare) = body.value_def(*cond) else { return None };
        let InstKind::Call { args } = &body.insts[compare].kind else { return None };
        let builtin = body.infos.get(compare).and_then(CallInfo::builtin)?;
        let [_, a, b] = &args[..] else { return None };
        let is_counter = |op: &Operand| match op {
            Operand::Value(v) => matches!(body.value_def(*v), ValueDef::Param(h, _) if h == header),
            _ => false,
        };
        // Normalized to `counter < bound` or `counter <= bound` while the loop continues.
        let (counter, bound, inclusive) = match (builtin, continues_when) {
            (Builtin::SltInt, true) if is_counter(a) => (a, b, false),
            (Builtin::SleInt, true) if is_counter(a) => (a, b, true),
            (Builtin::SltInt, false) if is_counter(b) => (b, a, true),
            (Builtin::SleInt, false) if is_counter(b) => (b, a, false),
            _ => return None,
        };
        let Operand::Value(counter) = *counter else { return None };
        let ValueDef::Param(_, index) = body.value_def(counter) else { return None };
        let invariant = match bound {
            Operand::Value(v) => match body.value_def(*v) {
                ValueDef::Arg(_) => true,
                ValueDef::Param(b, _) => !blocks.contains(&b),
                ValueDef::Inst(i) => !blocks.iter().any(|&b| body.blocks[b].insts.contains(&i)),
            },
            Operand::Const(ConstValue::Int(_)) => true,
            Operand::Global(_) => self.operand_rep(bound) == Rep::INT,
            _ => false,
        };
        if !invariant || self.rep(counter) != Rep::INT || self.operand_rep(bound) != Rep::INT {
            return None;
        }
        let latches: Vec<Block> =
            cfg.preds[&header].iter().copied().filter(|&p| blocks.contains(&p)).collect();
        let steps_by_one = latches.iter().all(|&latch| {
            let mut back_edges = body.blocks[latch].term.targets().into_iter().filter(|t| t.block == header);
            let args_step =
                back_edges.all(|t| t.args.get(index as usize).is_some_and(|a| self.is_successor(a, counter)));
            cfg.dominates(test, latch) && args_step
        });
        steps_by_one.then(|| CountedLoop { counter, bound: bound.clone(), inclusive })
    }

    /// Whether `inst` runs without calling generated code, throwing or allocating: an
    /// intrinsic that never throws, on unboxed values (`inst::intrinsic` emits it inline; on a
    /// boxed value, or with the wrong number of arguments, it would go to the host, which may
    /// throw), or an operand; reading only values, constants and constant globals.
    fn runs_freely(&self, inst: ir::Inst) -> bool {
        let body = self.body;
        let kind = &body.insts[inst].kind;
        let reads_ok = kind.operands().into_iter().all(|op| match op {
            Operand::Value(_) | Operand::Const(_) | Operand::Undef => true,
            Operand::Global(g) => self.cx.global_constant(g).is_some(),
            Operand::Slot(_) => false,
        });
        let inline = match kind {
            InstKind::Call { args } => {
                let builtin = body.infos.get(inst).and_then(CallInfo::builtin);
                let arity_ok = builtin.is_some_and(|b| b.def().arity.is_none_or(|n| n + 1 == args.len()));
                let bits = |op: &Operand| {
                    matches!(self.operand_rep(op).vt, ValType::I64 | ValType::F64 | ValType::I32)
                };
                arity_ok && args.iter().skip(1).all(bits)
            }
            _ => true,
        };
        let result_unboxed = body.insts[inst].result.is_none_or(|r| self.rep(r).vt != ValType::Boxed);
        let computes = matches!(kind, InstKind::Operand(_)) || crate::peel::is_pure(body, inst);
        reads_ok && inline && result_unboxed && computes
    }

    /// Whether `op` is `add_int(counter, 1)` or `add_int(1, counter)`.
    fn is_successor(&self, op: &Operand, counter: Value) -> bool {
        let body = self.body;
        let Operand::Value(v) = op else { return false };
        let ValueDef::Inst(inst) = body.value_def(*v) else { return false };
        let InstKind::Call { args } = &body.insts[inst].kind else { return false };
        let one = Operand::Const(ConstValue::Int(1));
        let c = Operand::Value(counter);
        body.infos.get(inst).and_then(CallInfo::builtin) == Some(Builtin::AddInt)
            && matches!(&args[..], [_, a, b] if (*a == c && *b == one) || (*a == one && *b == c))
    }

    /// Charges a counted loop's iterations (code before its `loop`, where its header
    /// parameters hold their values on entry): `k = max(n - i₀, 0)` for `i < n`, `max(n - i₀ +
    /// 1, 0)` for `i <= n`, all of `u64` when `n == typemax(Int)` (the loop never ends), read as
    /// unsigned; `out_of_steps` when `k` exceeds the budget left.
    pub(crate) fn charge_iterations(
        &mut self,
        seq: InstrSeqId,
        counted: &CountedLoop,
        span: u32,
    ) -> Result<()> {
        let k = self.new_local(walrus::ValType::I64);
        let n = self.new_local(walrus::ValType::I64);
        let start = self.locals[&counted.counter];
        self.operand(seq, &counted.bound, Rep::INT)?;
        let mut code = self.fb.instr_seq(seq);
        code.local_tee(n).local_get(start).binop(BinaryOp::I64Sub);
        if counted.inclusive {
            code.i64_const(1).binop(BinaryOp::I64Add);
        }
        // select(n - i₀ (+ 1), 0, n > i₀ (n >= i₀))
        code.i64_const(0).local_get(n).local_get(start);
        code.binop(if counted.inclusive { BinaryOp::I64GeS } else { BinaryOp::I64GtS });
        code.instr(walrus::ir::Select { ty: None });
        if counted.inclusive {
            // select(-1, k, n == typemax)
            code.local_set(k).i64_const(-1).local_get(k).local_get(n).i64_const(i64::MAX);
            code.binop(BinaryOp::I64Eq).instr(walrus::ir::Select { ty: None });
        }
        code.local_set(k);
        self.charge_unsigned(seq, k, span);
        Ok(())
    }
}
