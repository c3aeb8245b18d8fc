//! A tail-recursive function's remaining self calls inlined once (recursion unrolled by one
//! level, as GCC's recursive inlining does): under the tail-recursion rewrite (`tailrec`) a
//! self call that stays a call, fib's `fib(n - 1)`, becomes a copy of the body, with its own
//! locals, its own accumulator and `loop`, and its `return`s branching out of the copy with the
//! result. The copy's self calls are calls (peeled, `peel`). Every activation of the copy
//! charges its step as the call it replaces would, at the same charge points; half of fib's
//! activations then run without a call's entry and exit (Cranelift saves and restores
//! registers and checks the stack on each). Recursion is still recursion: one that never ends
//! still overflows the stack, after about twice as many levels (the copy's frame is larger).
//!
//! It only applies to small bodies (each kept call adds a copy of the body's code) and
//! only rewrites the body being compiled (the printed IR is unchanged).

use ir::{InstKind, Operand, ValueDef};
use rustc_hash::FxHashMap;
use walrus::ir::InstrSeqId;

use crate::emit::{wasm_type, Emitter, Rep, Result};
use ir::cfg::Cfg;

/// The most instructions the copies may add (the body's, once per kept self call).
const MAX_UNROLLED_INSTS: usize = 32;

/// Where a copy's `return` goes: the end of the `block` around it, with the result.
#[derive(Clone, Copy)]
pub(crate) struct Unrolled {
    pub exit: InstrSeqId,
    /// The frames of the self call the copy stands for: the copy's own calls add them to
    /// theirs (`ir::steps`, "Frames").
    pub frames: u32,
}

impl Emitter<'_> {
    /// Whether a self call made here becomes a copy of the body: the body is under the
    /// tail-recursion rewrite, small, and this is not a copy already.
    pub(crate) fn unrolls_self_calls(&mut self) -> bool {
        let Some(tail) = &self.tail else { return false };
        let tail_calls = tail.sites();
        let body = self.body;
        let insts: Vec<ir::Inst> =
            body.layout.iter().flat_map(|&b| body.blocks[b].insts.iter().copied()).collect();
        if self.unrolled.is_some() || insts.len() > MAX_UNROLLED_INSTS {
            return false;
        }
        let self_calls = insts
            .iter()
            .filter(|&&i| matches!(body.insts[i].kind, InstKind::Invoke { ci, .. } if self.is_self(ci)))
            .count();
        insts.len() * self_calls.saturating_sub(tail_calls) <= MAX_UNROLLED_INSTS
    }

    /// A self call with `args` (`reps` its parameters) as a copy of the body in a `block` with
    /// the result `ret`, which it pushes.
    pub(crate) fn unrolled_self_call(
        &mut self,
        seq: InstrSeqId,
        args: &[Operand],
        reps: &[Rep],
        ret: Rep,
        span: u32,
    ) -> Result<()> {
        let body = self.body;
        let arg_locals = self.args_into_fresh_locals(seq, args, reps, span)?;
        // The copy runs instead of a call: the depth limit is checked as the call would.
        self.check_frames(seq, span);
        // Every value of the copy gets a fresh local: the caller's stay live across it.
        let mut locals = FxHashMap::default();
        for (v, def) in body.values.iter() {
            let local = match def {
                ValueDef::Arg(n) => arg_locals.get(*n as usize).copied().flatten(),
                _ => wasm_type(self.rep(v).vt).map(|w| self.new_local(w)),
            };
            if let Some(l) = local {
                locals.insert(v, l);
            }
        }
        let exit = self.fb.dangling_instr_seq(wasm_type(ret.vt)).id();
        let saved_locals = std::mem::replace(&mut self.locals, locals);
        let saved_tail = self.tail.take();
        self.unrolled = Some(Unrolled { exit, frames: self.frame_weight });
        let emitted = self.emit_tree(&Cfg::new(body), exit);
        self.unrolled = None;
        self.tail = saved_tail;
        self.locals = saved_locals;
        emitted?;
        self.fb.instr_seq(seq).instr(walrus::ir::Block { seq: exit });
        Ok(())
    }
}
