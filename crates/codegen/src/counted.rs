//! Counted loops (`ir::steps::CountedLoop`), charged on entry: a loop whose number of
//! iterations is known when it starts is charged them all there, instead of counting its header
//! visits (`emit::count_loop_step`), which costs a tight loop up to a third of its speed (the sum
//! loop of `invokelab bench`). `ir::steps` decides which loops are counted and what they cost;
//! this emits that charge.

use walrus::ir::{BinaryOp, InstrSeqId};

use crate::emit::{Emitter, Rep, Result};

impl Emitter<'_> {
    /// Charges a counted loop's iterations (code before its `loop`, where its header
    /// parameters hold their values on entry), `ir::steps::iterations` computed in wasm: `k =
    /// max(n - i₀, 0)` for `i < n`, `max(n - i₀ + 1, 0)` for `i <= n`, all of `u64` when `n ==
    /// typemax(Int)` (the loop never ends), read as unsigned; `out_of_steps` when `k` exceeds
    /// the budget left.
    pub(crate) fn charge_iterations(
        &mut self,
        seq: InstrSeqId,
        counted: &ir::steps::CountedLoop,
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
