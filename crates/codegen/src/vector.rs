//! Vector reads inline: `_vector_length(v)` and `_vector_ref(v, i)` on a value known to be a
//! vector load its fields (`abi::VECTOR_*_OFFSET`) instead of calling the host, as Julia's
//! codegen emits `arraylen` and a bounds-checked load. An index out of bounds or an unassigned
//! element takes the host's path, which raises the error (`BoundsError`, `UndefRefError`).

use ir::{Builtin, Operand};
use walrus::ir::{BinaryOp as B, InstrSeqId, LoadKind, UnaryOp as U};
use walrus::ValType as W;

use crate::abi::{self, ValType};
use crate::emit::{mem_arg, Emitter, Rep, Result};

impl Emitter<'_> {
    /// The element type of `v` if it is known to be a vector.
    fn vector_elem(&self, v: &Operand) -> Option<types::Ty> {
        let rep = self.operand_rep(v);
        (rep.vt == ValType::Boxed).then(|| self.cx.types().vector_elem(rep.ty)).flatten()
    }

    /// `_vector_length(v)`: the length field, as an `Int64`.
    pub(crate) fn vector_length(&mut self, seq: InstrSeqId, v: &Operand) -> Result<Option<Rep>> {
        let Some(_) = self.vector_elem(v) else { return Ok(None) };
        let rep = self.operand_rep(v);
        self.operand(seq, v, rep)?;
        let mem = self.mem;
        self.fb
            .instr_seq(seq)
            .load(mem, LoadKind::I32 { atomic: false }, mem_arg(abi::VECTOR_LENGTH_OFFSET, 4))
            .unop(U::I64ExtendUI32);
        Ok(Some(Rep::of(self.cx.types(), types::Ty::INT64)))
    }

    /// `_vector_ref(v, i)` with an `Int64` index: the element's box, after checking `1 <= i <=
    /// length(v)` and that the element is assigned; otherwise the host raises the error.
    pub(crate) fn vector_ref(&mut self, seq: InstrSeqId, args: &[Operand], span: u32) -> Result<Option<Rep>> {
        let (v, i) = (&args[0], &args[1]);
        let Some(elem) = self.vector_elem(v) else { return Ok(None) };
        let ri = self.operand_rep(i);
        if ri.vt != ValType::I64 || ri.ty != types::Ty::INT64 {
            return Ok(None);
        }
        let (vaddr, k, b) = (self.new_local(W::I32), self.new_local(W::I64), self.new_local(W::I32));
        let rv = self.operand_rep(v);
        self.operand(seq, v, rv)?;
        self.fb.instr_seq(seq).local_set(vaddr);
        self.operand(seq, i, Rep::of(self.cx.types(), types::Ty::INT64))?;
        let mem = self.mem;
        // k = i - 1, out of bounds when k >= length (unsigned, so i < 1 is too).
        self.fb
            .instr_seq(seq)
            .i64_const(1)
            .binop(B::I64Sub)
            .local_tee(k)
            .local_get(vaddr)
            .load(mem, LoadKind::I32 { atomic: false }, mem_arg(abi::VECTOR_LENGTH_OFFSET, 4))
            .unop(U::I64ExtendUI32)
            .binop(B::I64GeU);
        self.raise_through_host_if(seq, Builtin::VectorRef, args, span)?;
        // The element's box: data[k].
        self.fb
            .instr_seq(seq)
            .local_get(vaddr)
            .load(mem, LoadKind::I32 { atomic: false }, mem_arg(abi::VECTOR_DATA_OFFSET, 4))
            .local_get(k)
            .unop(U::I32WrapI64)
            .i32_const(4)
            .binop(B::I32Mul)
            .binop(B::I32Add)
            .load(mem, LoadKind::I32 { atomic: false }, mem_arg(0, 4))
            .local_tee(b)
            .unop(U::I32Eqz);
        self.raise_through_host_if(seq, Builtin::VectorRef, args, span)?;
        self.fb.instr_seq(seq).local_get(b);
        Ok(Some(Rep { vt: ValType::Boxed, ty: elem }))
    }
}
