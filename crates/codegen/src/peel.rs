//! Self calls with the callee's early return peeled into the caller (partial inlining, as
//! LLVM's PartialInlining pass does for functions that start with a guarded return): when the
//! body starts with a few pure intrinsics and a branch to a block that only returns, a self call
//! evaluates that test on its arguments first and produces the returned value without calling.
//! `fib(n) = n < 2 ? n : fib(n - 1) + fib(n - 2)` then makes half as many calls: its base case,
//! half of its activations, runs inline. The callee repeats the test when it is called, which
//! costs a compare. It does not inline anything else, and only ever peels the function being
//! compiled (the one body codegen has).

use ir::{Block, Body, Operand, Terminator, Value};
use walrus::ir::InstrSeqId;
use walrus::LocalId;

use crate::emit::{wasm_type, Emitter, Rep, Result};

/// The entry block's instructions peeled at most (the test is repeated by every non-base call).
const MAX_PEELED_INSTS: usize = 4;

/// A body's early return: the entry block tests `cond`; when it is `returns_when`, control goes
/// to a block that returns `value` at once.
#[derive(Clone)]
pub(crate) struct EarlyReturn {
    cond: Operand,
    returns_when: bool,
    value: Operand,
}

/// The body's early return, if its entry block is peelable: up to `MAX_PEELED_INSTS` intrinsics
/// that cannot throw, then a branch to an empty block without parameters that returns.
pub(crate) fn early_return(body: &Body) -> Option<EarlyReturn> {
    let entry = &body.blocks[body.entry()];
    if !entry.params.is_empty() || entry.insts.len() > MAX_PEELED_INSTS {
        return None;
    }
    if !entry.insts.iter().all(|&inst| is_pure(body, inst)) {
        return None;
    }
    let Terminator::Branch { cond, then_dest, else_dest } = &entry.term else {
        return None;
    };
    let returns = |dest: Block| {
        let data = &body.blocks[dest];
        match &data.term {
            Terminator::Return(value) if data.params.is_empty() && data.insts.is_empty() => {
                Some(value.clone())
            }
            _ => None,
        }
    };
    let (returns_when, value) = match (returns(then_dest.block), returns(else_dest.block)) {
        (Some(value), _) if then_dest.args.is_empty() => (true, value),
        (_, Some(value)) if else_dest.args.is_empty() => (false, value),
        _ => return None,
    };
    Some(EarlyReturn { cond: cond.clone(), returns_when, value })
}

pub(crate) use ir::steps::is_pure;

impl Emitter<'_> {
    /// A self call with `args` (already checked against the signature, `reps` its parameters):
    /// the entry block's test on the arguments, then either the early-return value or the call.
    /// Pushes the result as `ret`.
    pub(crate) fn peeled_self_call(
        &mut self,
        seq: InstrSeqId,
        early: &EarlyReturn,
        args: &[Operand],
        reps: &[Rep],
        ret: Rep,
        span: u32,
    ) -> Result<()> {
        let body = self.body;
        // The test reads the arguments, so does the call.
        let arg_locals = self.args_into_fresh_locals(seq, args, reps, span)?;
        // The entry block's values get fresh locals while its instructions run here: the
        // caller's own copies of them (and of its arguments) stay live.
        let mut saved: Vec<(Value, Option<LocalId>)> = Vec::new();
        for (i, local) in arg_locals.iter().enumerate() {
            let v = body.arg(i);
            saved.push((v, self.locals.get(&v).copied()));
            match local {
                Some(l) => self.locals.insert(v, *l),
                None => self.locals.remove(&v),
            };
        }
        let entry = body.entry();
        for &inst in &body.blocks[entry].insts {
            if let Some(v) = body.insts[inst].result {
                saved.push((v, self.locals.get(&v).copied()));
                if let Some(w) = wasm_type(self.rep(v).vt) {
                    let l = self.new_local(w);
                    self.locals.insert(v, l);
                }
            }
        }
        let emitted = self.peeled_test_and_call(seq, early, &arg_locals, ret);
        for (v, local) in saved.into_iter().rev() {
            match local {
                Some(l) => self.locals.insert(v, l),
                None => self.locals.remove(&v),
            };
        }
        emitted
    }

    /// Evaluates a call's `args` (as `reps`) once, into fresh locals (`None` for erased ones),
    /// which stand for the body's arguments (a slot each if those are rooted, `gc`).
    pub(crate) fn args_into_fresh_locals(
        &mut self,
        seq: InstrSeqId,
        args: &[Operand],
        reps: &[Rep],
        span: u32,
    ) -> Result<Vec<Option<LocalId>>> {
        self.push_operands(seq, args, reps, span)?;
        let locals: Vec<Option<LocalId>> =
            reps.iter().map(|r| wasm_type(r.vt).map(|w| self.new_local(w))).collect();
        for (i, local) in locals.iter().enumerate().rev() {
            if let Some(l) = *local {
                let v = self.body.arg(i);
                self.set_local(seq, l, v);
            }
        }
        Ok(locals)
    }

    fn peeled_test_and_call(
        &mut self,
        seq: InstrSeqId,
        early: &EarlyReturn,
        arg_locals: &[Option<LocalId>],
        ret: Rep,
    ) -> Result<()> {
        let body = self.body;
        let entry = body.entry();
        for &inst in &body.blocks[entry].insts {
            self.inst(seq, inst)?;
        }
        let span = self.span_id(body.blocks[entry].term_span);
        self.condition(seq, &early.cond, span)?;
        let result = wasm_type(ret.vt);
        let early_seq = self.fb.dangling_instr_seq(result).id();
        // The base case runs here instead of in a call: the depth limit is checked as the call
        // would check it (`ir::steps`, "Frames").
        self.check_frames(early_seq, span);
        self.operand(early_seq, &early.value, ret)?;
        let call_seq = self.fb.dangling_instr_seq(result).id();
        for &l in arg_locals.iter().flatten() {
            self.fb.instr_seq(call_seq).local_get(l);
        }
        let f = self.self_func;
        self.safepoint();
        self.enter_frames(call_seq, span);
        self.fb.instr_seq(call_seq).call(f);
        self.leave_frames(call_seq);
        let (consequent, alternative) =
            if early.returns_when { (early_seq, call_seq) } else { (call_seq, early_seq) };
        self.fb.instr_seq(seq).instr(walrus::ir::IfElse { consequent, alternative });
        Ok(())
    }
}
