//! Instructions: intrinsics inline on unboxed values, the cheap builtins inline when their
//! types are known (`===` on bits, `getfield` with a constant index, `tuple`, `%new`, `ifelse`,
//! `throw`, a no-op `typeassert`, results inference folded to constants), every other builtin
//! through `call_builtin`, static calls through the call table, dynamic calls through their
//! inline cache or `call_dynamic`. It does not decide control flow (`structure`).

use ir::{Builtin, CallInfo, Inst, InstKind, Operand};
use types::{CodeInstanceId, ConstValue, IntFormat, Lattice, Ty, TyKind};
use walrus::ir::{BinaryOp as B, InstrSeqId, LoadKind, StoreKind, UnaryOp as U};
use walrus::{LocalId, ValType as W};

use crate::abi::{self, imports, ErrorCode, MathOp, ValType};
use crate::emit::{mem_arg, wasm_type, Emitter, Rep, Result};
use crate::CodegenError;

impl Emitter<'_> {
    /// The type an operand denotes when it is a constant type (a literal or a constant global).
    fn constant_type(&self, op: &Operand) -> Option<Ty> {
        match op {
            Operand::Const(ConstValue::Type(t)) => Some(*t),
            Operand::Global(g) => match self.cx.global_constant(g) {
                Some(ConstValue::Type(t)) => Some(t),
                _ => None,
            },
            // A type inference computed (a closure's `Core.apply_type(F, typeof(x))`).
            Operand::Value(v) => match self.body.types.get(*v) {
                Some(Lattice::Const(ConstValue::Type(t))) => Some(*t),
                _ => None,
            },
            _ => None,
        }
    }

    /// Emits one instruction, recording whether it reached a safepoint (`gc::Site`).
    pub fn inst(&mut self, seq: InstrSeqId, inst: Inst) -> Result<()> {
        let outer = self.begin_site();
        let outer_weight = self.frame_weight;
        self.frame_weight = ir::steps::call_weight(self.body, inst).unwrap_or(0);
        let outer_site = self.call_site;
        self.call_site = self.position_of(inst, self.frame_weight);
        self.record_position(seq, inst);
        let emitted = self.inst_code(seq, inst);
        self.frame_weight = outer_weight;
        self.call_site = outer_site;
        self.end_site(crate::gc::Site::Inst(inst), outer);
        emitted
    }

    fn inst_code(&mut self, seq: InstrSeqId, inst: Inst) -> Result<()> {
        let body = self.body;
        let data = &body.insts[inst];
        let span = self.position_of(inst, 0);
        let pushed = match &data.kind {
            InstKind::Operand(op) => match (op, data.result.and_then(|v| body.types.get(v))) {
                (Operand::Global(_), Some(Lattice::Const(c))) => {
                    let rep = self.operand_rep(&Operand::Const(c.clone()));
                    self.constant(seq, c, rep)?;
                    rep
                }
                _ => {
                    let rep = self.operand_rep(op);
                    self.operand(seq, op, rep)?;
                    rep
                }
            },
            InstKind::Call { args } => match body.infos.get(inst).and_then(CallInfo::builtin) {
                Some(b) if !args.is_empty() => self.builtin(seq, inst, b, &args[1..], span)?,
                _ => self.dynamic_call(seq, args, span)?,
            },
            InstKind::Invoke { ci, args } => self.invoke(seq, *ci, args, span)?,
            InstKind::New { ty, args } => match self.constant_type(ty) {
                Some(t) => self.new_object(seq, t, args, span)?,
                // The type is known only when the code runs: the host makes the object.
                None => {
                    let operands: Vec<Operand> =
                        std::iter::once(ty.clone()).chain(args.iter().cloned()).collect();
                    self.call_builtin(seq, Builtin::NewStruct, &operands, span)?
                }
            },
            InstKind::SetGlobal { global, value, .. } => {
                let index = self.cx.global_index(global);
                let set = self.import(imports::GLOBAL_SET);
                self.fb.instr_seq(seq).i32_const(index as i32);
                let rep = self.boxed_rep(value);
                self.operand(seq, value, rep)?;
                // Assignment may convert the value (run code): a safepoint, conservatively.
                self.safepoint();
                self.fb.instr_seq(seq).call(set);
                return Ok(());
            }
            InstKind::DeclareGlobal { global } => {
                self.cx.global_index(global);
                return Ok(());
            }
            InstKind::UndefCheck { defined, name } => return self.undef_check(seq, defined, name, span),
            InstKind::SlotStore { .. } => {
                return Err(CodegenError::Unsupported("slot form (run SSA construction)".into()))
            }
            InstKind::Method(_) | InstKind::Type(_) => {
                return Err(CodegenError::Unsupported("method or type definitions (top-level thunks)".into()))
            }
            InstKind::Enter { .. } => {
                let (sp, depth) = self.try_state();
                let mem = self.mem;
                let load = LoadKind::I32 { atomic: false };
                self.fb
                    .instr_seq(seq)
                    .i32_const(0)
                    .load(mem, load, mem_arg(abi::SHADOW_SP_ADDR, 4))
                    .local_set(sp)
                    .i32_const(0)
                    .load(mem, load, mem_arg(abi::DEPTH_ADDR, 4))
                    .local_set(depth)
                    .i32_const(0)
                    .load(mem, load, mem_arg(abi::EXCEPTION_DEPTH_ADDR, 4))
                    .unop(U::I64ExtendUI32);
                Rep::INT
            }
            InstKind::PopException { token } => {
                self.fb.instr_seq(seq).i32_const(0);
                self.operand(seq, token, Rep::INT)?;
                let mem = self.mem;
                self.fb.instr_seq(seq).unop(U::I32WrapI64).store(
                    mem,
                    StoreKind::I32 { atomic: false },
                    mem_arg(abi::EXCEPTION_DEPTH_ADDR, 4),
                );
                return Ok(());
            }
            InstKind::TheException => {
                let f = self.import(imports::THE_EXCEPTION);
                self.safepoint();
                self.fb.instr_seq(seq).call(f);
                Rep::ANY
            }
            InstKind::StackCheck => {
                self.check_frames(seq, span);
                return Ok(());
            }
        };
        match data.result {
            Some(v) => self.set_value(seq, v, pushed),
            None if pushed.vt != ValType::Erased => {
                self.fb.instr_seq(seq).drop();
                Ok(())
            }
            None => Ok(()),
        }
    }

    /// The position id of `inst` (`CodegenContext::position_id`), for a call adding `frames`
    /// frames (0 when it is not a call).
    pub(crate) fn position_of(&mut self, inst: Inst, frames: u32) -> u32 {
        let body = self.body;
        let inlined: Vec<(CodeInstanceId, ir::Span)> =
            body.inline_chain(inst).map(|f| (f.callee, f.call_span)).collect();
        self.cx.position_id(body.spans.get(inst).copied().unwrap_or_default(), &inlined, frames)
    }

    /// The locals that hold the shadow stack pointer and call depth saved by `Enter`.
    pub(crate) fn try_state(&mut self) -> (LocalId, LocalId) {
        match self.try_state {
            Some(s) => s,
            None => {
                let s = (self.new_local(W::I32), self.new_local(W::I32));
                self.try_state = Some(s);
                s
            }
        }
    }

    /// The boxed representation of an operand (keeping its type for the box tag).
    pub(crate) fn boxed_rep(&self, op: &Operand) -> Rep {
        Rep { vt: ValType::Boxed, ty: self.operand_rep(op).ty }
    }

    fn undef_check(&mut self, seq: InstrSeqId, defined: &Operand, name: &str, span: u32) -> Result<()> {
        if *defined == Operand::Const(ConstValue::Bool(true)) {
            return Ok(());
        }
        let sym = self.cx.constant_box(&ConstValue::Symbol(name.into()));
        let throw = self.import(imports::THROW_UNDEF);
        self.operand(seq, defined, Rep::BOOL)?;
        self.fb.instr_seq(seq).unop(U::I32Eqz).if_else(
            None,
            |then| {
                then.i32_const(sym as i32).i32_const(span as i32).call(throw).unreachable();
            },
            |_| {},
        );
        Ok(())
    }

    /// Raises `TypeError` unless the box in `local` has tag `ty`.
    /// Throws the non-boolean `TypeError` unless the box in `local` is a `Bool`.
    pub fn check_bool(&mut self, seq: InstrSeqId, local: LocalId, span: u32) {
        let f = self.import(imports::THROW_NON_BOOLEAN);
        let position = self.position_store(span);
        let mem = self.mem;
        self.fb
            .instr_seq(seq)
            .local_get(local)
            .load(mem, LoadKind::I32 { atomic: false }, mem_arg(abi::TAG_OFFSET, 4))
            .i32_const(Ty::BOOL.0 as i32)
            .binop(B::I32Ne)
            .if_else(
                None,
                |then| {
                    if let Some(store) = &position {
                        store(then);
                    }
                    then.local_get(local).i32_const(span as i32).call(f).unreachable();
                },
                |_| {},
            );
    }

    /// The boxed operands in an array on the shadow stack (`gc::shadow_array`), which
    /// `args_release` pops after the call: the arguments are roots while the callee runs, and
    /// the call leaves no garbage (`abi`, "Decisions": argument arrays). `None` (address 0)
    /// for no arguments.
    fn args_array(&mut self, seq: InstrSeqId, args: &[Operand], span: u32) -> Result<Option<LocalId>> {
        if args.is_empty() {
            return Ok(None);
        }
        self.shadow_array(seq, args, span).map(Some)
    }

    fn push_array(&mut self, seq: InstrSeqId, arr: Option<LocalId>) {
        match arr {
            Some(a) => self.fb.instr_seq(seq).local_get(a),
            None => self.fb.instr_seq(seq).i32_const(0),
        };
    }

    fn args_release(&mut self, seq: InstrSeqId, arr: Option<LocalId>) {
        if let Some(a) = arr {
            // The result is on the stack; the store below it leaves it there.
            self.release(seq, a);
        }
    }

    /// A dynamic call through the site's inline cache (`abi`, "Inline caches of dynamic
    /// calls"): the argument array on the shadow stack, then, when the cache's epoch is current
    /// and its keys match the arguments, a `call_indirect` of the cached generic entry on that
    /// array; otherwise the `call_dynamic` import, which dispatches and fills the cache.
    fn dynamic_call(&mut self, seq: InstrSeqId, args: &[Operand], span: u32) -> Result<Rep> {
        if args.is_empty() {
            return Err(CodegenError::InvalidBody("a call with no callee".into()));
        }
        let arr = self.shadow_array(seq, args, span)?;
        let nargs = args.len() as u32;
        let cache = self.cx.call_site_cache(nargs);
        let varying: Vec<u32> =
            (0..nargs).filter(|&i| self.cache_key_varies(&args[i as usize], i == 0)).collect();
        let miss = self.import(imports::CALL_DYNAMIC);
        let generic = self.module.types.add(&[W::I32, W::I32], &[W::I32]);
        // The caller's own slot tells the runtime whose code calls (its cache owner).
        let caller = self.self_slot as i32;
        let (mem, table) = (self.mem, self.table);
        let ld = LoadKind::I32 { atomic: false };
        self.safepoint();
        self.enter_frames(seq, span);
        let mut b = self.fb.instr_seq(seq);
        b.i32_const(0)
            .load(mem, ld, mem_arg(cache + abi::CALL_CACHE_EPOCH, 4))
            .i32_const(0)
            .load(mem, ld, mem_arg(abi::CALL_EPOCH_ADDR, 4))
            .binop(B::I32Eq);
        for i in varying {
            // Argument 0 is keyed by its box's address, the others by their box's tag.
            b.local_get(arr).load(mem, ld, mem_arg(4 * i, 4));
            if i > 0 {
                b.load(mem, ld, mem_arg(abi::TAG_OFFSET, 4));
            }
            b.i32_const(0)
                .load(mem, ld, mem_arg(cache + abi::CALL_CACHE_KEYS + 4 * i, 4))
                .binop(B::I32Eq)
                .binop(B::I32And);
        }
        b.if_else(
            W::I32,
            |hit| {
                hit.local_get(arr)
                    .i32_const(nargs as i32)
                    .i32_const(0)
                    .load(mem, ld, mem_arg(cache + abi::CALL_CACHE_ENTRY, 4))
                    .call_indirect(generic, table);
            },
            |fill| {
                fill.local_get(arr)
                    .i32_const(nargs as i32)
                    .i32_const(span as i32)
                    .i32_const(caller)
                    .i32_const(cache as i32)
                    .call(miss);
            },
        );
        self.leave_frames(seq);
        // The result is on the stack; the store below it leaves it there.
        self.release(seq, arr);
        Ok(Rep::ANY)
    }

    /// Whether the inline-cache key of a call's argument may differ between two executions of
    /// the call (`abi`, "Inline caches of dynamic calls"). The function (`callee`) is keyed by
    /// its box, which is always the same one when it is a constant or a singleton; another
    /// argument by its tag, which is known when the argument is a constant or its type is
    /// concrete (bits values and singletons have one).
    fn cache_key_varies(&self, op: &Operand, callee: bool) -> bool {
        let constant = match op {
            Operand::Const(_) => true,
            Operand::Global(g) => self.cx.global_constant(g).is_some(),
            _ => false,
        };
        let rep = self.operand_rep(op);
        let known = match rep.vt {
            ValType::Erased => true,
            _ if callee => false,
            ValType::I64 | ValType::F64 | ValType::F32 | ValType::I32 => true,
            ValType::Boxed => self.cx.types().is_concrete(rep.ty),
        };
        !(constant || known)
    }

    pub(crate) fn call_builtin(
        &mut self,
        seq: InstrSeqId,
        b: Builtin,
        args: &[Operand],
        span: u32,
    ) -> Result<Rep> {
        let arr = self.args_array(seq, args, span)?;
        let f = self.import(imports::CALL_BUILTIN);
        self.fb.instr_seq(seq).i32_const(b.id().0 as i32);
        self.push_array(seq, arr);
        self.safepoint();
        self.enter_frames(seq, span);
        self.fb
            .instr_seq(seq)
            .i32_const(args.len() as i32)
            .i32_const(span as i32)
            .i32_const(self.self_slot as i32)
            .call(f);
        self.leave_frames(seq);
        self.args_release(seq, arr);
        Ok(Rep::ANY)
    }

    /// With an `i32` condition on the stack: when it holds, runs builtin `b` on `args` through
    /// the host, which raises the error an inline fast path found, and does not continue.
    pub(crate) fn raise_through_host_if(
        &mut self,
        seq: InstrSeqId,
        b: Builtin,
        args: &[Operand],
        span: u32,
    ) -> Result<()> {
        let raise = self.fb.dangling_instr_seq(None).id();
        self.call_builtin(raise, b, args, span)?;
        self.fb.instr_seq(raise).drop().unreachable();
        let empty = self.fb.dangling_instr_seq(None).id();
        self.fb.instr_seq(seq).instr(walrus::ir::IfElse { consequent: raise, alternative: empty });
        Ok(())
    }

    fn invoke(&mut self, seq: InstrSeqId, ci: CodeInstanceId, args: &[Operand], span: u32) -> Result<Rep> {
        let sig = self.cx.signature_of(ci);
        if sig.params.len() != args.len() {
            return Err(CodegenError::InvalidBody(format!("invoke of {ci} with {} arguments", args.len())));
        }
        let reps: Vec<Rep> = sig.params.iter().map(|&t| Rep::of(self.cx.types(), t)).collect();
        let ret = Rep::of(self.cx.types(), sig.ret);
        let slot = self.cx.slot_of(ci);
        self.push_operands(seq, args, &reps, span)?;
        self.safepoint();
        self.enter_frames(seq, span);
        if slot == self.self_slot {
            let f = self.self_func;
            self.fb.instr_seq(seq).call(f);
        } else {
            let params: Vec<W> = reps.iter().filter_map(|r| wasm_type(r.vt)).collect();
            let results: Vec<W> = wasm_type(ret.vt).into_iter().collect();
            let ty = self.module.types.add(&params, &results);
            let table = self.table;
            self.fb.instr_seq(seq).i32_const(slot as i32).call_indirect(ty, table);
        }
        self.leave_frames(seq);
        Ok(ret)
    }

    /// Allocates a tuple or struct box with tag `ty` and the boxed `fields`; pushes its address.
    /// The fields are boxed first, into a shadow-stack array (`gc::shadow_array`), so each is a
    /// root while the next one and the object are allocated; the object's header and fields
    /// are written right after its allocation, before any other safepoint (`abi`, "Garbage
    /// collection").
    fn alloc_object(&mut self, seq: InstrSeqId, ty: Ty, fields: &[Operand], span: u32) -> Result<Rep> {
        let arr = self.args_array(seq, fields, span)?;
        let obj = self.new_local(W::I32);
        self.alloc(seq, abi::HEADER_SIZE + 4 * fields.len() as u32);
        let mem = self.mem;
        let st = StoreKind::I32 { atomic: false };
        let ld = LoadKind::I32 { atomic: false };
        let mut b = self.fb.instr_seq(seq);
        b.local_tee(obj).i32_const(ty.0 as i32).store(mem, st, mem_arg(abi::TAG_OFFSET, 4));
        b.local_get(obj).i32_const(fields.len() as i32).store(mem, st, mem_arg(abi::AUX_OFFSET, 4));
        if let Some(arr) = arr {
            for i in 0..fields.len() as u32 {
                b.local_get(obj).local_get(arr).load(mem, ld, mem_arg(4 * i, 4)).store(
                    mem,
                    st,
                    mem_arg(abi::PAYLOAD_OFFSET + 4 * i, 4),
                );
            }
        }
        self.args_release(seq, arr);
        self.fb.instr_seq(seq).local_get(obj);
        Ok(Rep { vt: ValType::Boxed, ty })
    }

    fn new_object(&mut self, seq: InstrSeqId, ty: Ty, args: &[Operand], span: u32) -> Result<Rep> {
        let rep = Rep::of(self.cx.types(), ty);
        if rep.vt == ValType::Erased {
            return Ok(rep);
        }
        if rep.vt != ValType::Boxed {
            return Err(CodegenError::Unsupported(format!(
                "%new of the bits type {}",
                self.cx.types().display(ty)
            )));
        }
        self.alloc_object(seq, ty, args, span)
    }

    fn builtin(
        &mut self,
        seq: InstrSeqId,
        inst: Inst,
        b: Builtin,
        args: &[Operand],
        span: u32,
    ) -> Result<Rep> {
        if b.def().arity.is_some_and(|n| n != args.len()) {
            return self.call_builtin(seq, b, args, span);
        }
        let result = self.body.insts[inst].result;
        let result_type = result.and_then(|v| self.body.types.get(v)).cloned();
        let foldable = matches!(
            b,
            Builtin::Typeof
                | Builtin::Isa
                | Builtin::Issubtype
                | Builtin::Egal
                | Builtin::Nfields
                | Builtin::Fieldtype
        );
        if let (true, Some(Lattice::Const(c))) = (foldable, &result_type) {
            let rep = self.operand_rep(&Operand::Const(c.clone()));
            self.constant(seq, c, rep)?;
            return Ok(rep);
        }
        if b.is_intrinsic() {
            if let Some(rep) = self.intrinsic(seq, b, args, span)? {
                return Ok(rep);
            }
            return self.call_builtin(seq, b, args, span);
        }
        let inline = match b {
            Builtin::Egal => self.egal(seq, &args[0], &args[1])?,
            Builtin::Getfield => self.getfield(seq, &args[0], &args[1])?,
            Builtin::VectorLength => self.vector_length(seq, &args[0])?,
            Builtin::VectorRef => self.vector_ref(seq, args, span)?,
            Builtin::Tuple => match result.map(|v| self.rep(v)) {
                Some(r) if r.vt == ValType::Boxed && self.cx.types().is_concrete(r.ty) => {
                    Some(self.alloc_object(seq, r.ty, args, span)?)
                }
                Some(r) if r.vt == ValType::Erased => Some(r),
                _ => None,
            },
            Builtin::Ifelse => self.ifelse(seq, inst, args, span)?,
            Builtin::Throw => {
                let f = self.import(imports::THROW);
                let rep = self.boxed_rep(&args[0]);
                self.before_throw(|em| em.operand(seq, &args[0], rep))?;
                self.fb.instr_seq(seq).i32_const(span as i32).call(f).unreachable();
                // The stack is polymorphic now: claim a box, so any result local validates.
                Some(Rep { vt: ValType::Boxed, ty: Ty::BOTTOM })
            }
            Builtin::Typeassert => match &args[1] {
                Operand::Const(ConstValue::Type(t))
                    if self.cx.types().issubtype(self.operand_rep(&args[0]).ty, *t) =>
                {
                    let rep = self.operand_rep(&args[0]);
                    self.operand(seq, &args[0], rep)?;
                    Some(rep)
                }
                _ => None,
            },
            _ => None,
        };
        match inline {
            Some(rep) => Ok(rep),
            None => self.call_builtin(seq, b, args, span),
        }
    }

    fn egal(&mut self, seq: InstrSeqId, a: &Operand, b: &Operand) -> Result<Option<Rep>> {
        let (ra, rb) = (self.operand_rep(a), self.operand_rep(b));
        let bits = |vt| matches!(vt, ValType::I64 | ValType::F64 | ValType::F32 | ValType::I32);
        let op = match (ra.vt, rb.vt) {
            (ValType::I64, ValType::I64) if ra.ty == rb.ty => B::I64Eq,
            (ValType::I32, ValType::I32) => B::I32Eq,
            (ValType::F64, ValType::F64) => {
                for (x, r) in [(a, ra), (b, rb)] {
                    self.operand(seq, x, r)?;
                    self.fb.instr_seq(seq).unop(U::I64ReinterpretF64);
                }
                self.fb.instr_seq(seq).binop(B::I64Eq);
                return Ok(Some(Rep::BOOL));
            }
            (ValType::F32, ValType::F32) => {
                for (x, r) in [(a, ra), (b, rb)] {
                    self.operand(seq, x, r)?;
                    self.fb.instr_seq(seq).unop(U::I32ReinterpretF32);
                }
                self.fb.instr_seq(seq).binop(B::I32Eq);
                return Ok(Some(Rep::BOOL));
            }
            (x, y) if bits(x) && bits(y) || (ValType::Erased, ValType::Erased) == (x, y) => {
                // Different concrete types are never egal; the same singleton type always is.
                let same = x == ValType::Erased && ra.ty == rb.ty;
                self.fb.instr_seq(seq).i32_const(same as i32);
                return Ok(Some(Rep::BOOL));
            }
            // A singleton's box is interned: `===` is address equality.
            (ValType::Erased, ValType::Boxed) | (ValType::Boxed, ValType::Erased) => {
                self.operand(seq, a, Rep { vt: ValType::Boxed, ty: ra.ty })?;
                self.operand(seq, b, Rep { vt: ValType::Boxed, ty: rb.ty })?;
                self.fb.instr_seq(seq).binop(B::I32Eq);
                return Ok(Some(Rep::BOOL));
            }
            _ => return Ok(None),
        };
        self.operand(seq, a, ra)?;
        self.operand(seq, b, rb)?;
        self.fb.instr_seq(seq).binop(op);
        Ok(Some(Rep::BOOL))
    }

    fn getfield(&mut self, seq: InstrSeqId, x: &Operand, field: &Operand) -> Result<Option<Rep>> {
        let rx = self.operand_rep(x);
        if rx.vt != ValType::Boxed {
            return Ok(None);
        }
        if let TyKind::Union(members) = self.cx.types().kind(rx.ty).clone() {
            return self.getfield_of_union(seq, x, field, &members);
        }
        let Some((index, field_ty)) = self.field_slot(rx.ty, field) else { return Ok(None) };
        self.operand(seq, x, rx)?;
        let mem = self.mem;
        let offset = abi::PAYLOAD_OFFSET + 4 * index as u32;
        self.fb.instr_seq(seq).load(mem, LoadKind::I32 { atomic: false }, mem_arg(offset, 4));
        Ok(Some(Rep { vt: ValType::Boxed, ty: field_ty }))
    }

    /// `getfield` of a union where one member has the field and the others have no fields at
    /// all (`Union{Nothing, Tuple{Int64, Int64}}`, a `for` loop's `iterate` result): a tag
    /// check, then the load; any other tag takes the host's path, which raises.
    fn getfield_of_union(
        &mut self,
        seq: InstrSeqId,
        x: &Operand,
        field: &Operand,
        members: &[Ty],
    ) -> Result<Option<Rep>> {
        let store = self.cx.types();
        let fieldless = |t: Ty| store.is_singleton(t);
        let with_field: Vec<Ty> = members.iter().copied().filter(|&t| !fieldless(t)).collect();
        // The member must be concrete: its tag is then the object's, so any other tag is a
        // fieldless member's, whose `getfield` raises.
        let [member] = with_field.as_slice() else { return Ok(None) };
        let member = *member;
        if !store.is_concrete(member) {
            return Ok(None);
        }
        let Some((index, field_ty)) = self.field_slot(member, field) else { return Ok(None) };
        let obj = self.new_local(W::I32);
        self.operand(seq, x, Rep { vt: ValType::Boxed, ty: self.operand_rep(x).ty })?;
        let mem = self.mem;
        self.fb
            .instr_seq(seq)
            .local_tee(obj)
            .load(mem, LoadKind::I32 { atomic: false }, mem_arg(abi::TAG_OFFSET, 4))
            .i32_const(member.0 as i32)
            .binop(B::I32Ne);
        self.raise_through_host_if(seq, Builtin::Getfield, &[x.clone(), field.clone()], 0)?;
        let offset = abi::PAYLOAD_OFFSET + 4 * index as u32;
        self.fb.instr_seq(seq).local_get(obj).load(mem, LoadKind::I32 { atomic: false }, mem_arg(offset, 4));
        Ok(Some(Rep { vt: ValType::Boxed, ty: field_ty }))
    }

    /// Where field `field` of a concrete tuple or struct type is: its index and declared type.
    fn field_slot(&self, ty: Ty, field: &Operand) -> Option<(usize, Ty)> {
        let store = self.cx.types();
        let (index, field_ty) = match (store.kind(ty), field) {
            (TyKind::Tuple { elems, vararg: None }, Operand::Const(ConstValue::Int(i)))
                if *i >= 1 && (*i as usize) <= elems.len() =>
            {
                (*i as usize - 1, elems[*i as usize - 1])
            }
            (TyKind::Data { .. }, _)
                if matches!(store.def_data(ty).map(|d| d.kind), Some(types::DataKind::Struct { .. })) =>
            {
                let fields = store.fields(ty);
                let index = match field {
                    Operand::Const(ConstValue::Int(i)) if *i >= 1 && (*i as usize) <= fields.len() => {
                        *i as usize - 1
                    }
                    Operand::Const(ConstValue::Symbol(s)) => fields.iter().position(|f| f.name == *s)?,
                    _ => return None,
                };
                (index, fields[index].ty)
            }
            _ => return None,
        };
        Some((index, field_ty))
    }

    fn ifelse(&mut self, seq: InstrSeqId, inst: Inst, args: &[Operand], span: u32) -> Result<Option<Rep>> {
        let Some(v) = self.body.insts[inst].result else { return Ok(None) };
        let r = self.rep(v);
        if self.operand_rep(&args[0]).vt != ValType::I32 || r.vt == ValType::Erased {
            return Ok(None);
        }
        let ops = [args[1].clone(), args[2].clone(), args[0].clone()];
        self.push_operands(seq, &ops, &[r, r, Rep::BOOL], span)?;
        self.fb.instr_seq(seq).select(None);
        Ok(Some(r))
    }

    /// Pushes `args` in `rep`.
    fn push_all(&mut self, seq: InstrSeqId, args: &[Operand], rep: Rep) -> Result<()> {
        for a in args {
            self.operand(seq, a, rep)?;
        }
        Ok(())
    }

    /// An intrinsic inline; `None` when the operands are not the bits values it needs.
    fn intrinsic(&mut self, seq: InstrSeqId, b: Builtin, args: &[Operand], span: u32) -> Result<Option<Rep>> {
        use Builtin::*;
        let r0 = self.operand_rep(&args[0]);
        let int = |vt| if vt == ValType::I32 { Rep::BOOL } else { Rep::INT };
        match b {
            AddInt | SubInt | MulInt | AndInt | OrInt | XorInt | EqInt | NeInt | SltInt | SleInt | UltInt
            | UleInt => {
                if !matches!(r0.vt, ValType::I64 | ValType::I32) {
                    return Ok(None);
                }
                let wide = r0.vt == ValType::I64;
                let op = int_binop(b, wide);
                let rep = Rep { ty: r0.ty, ..int(r0.vt) };
                let format = r0.ty.int_format();
                for a in args {
                    self.operand(seq, a, rep)?;
                    // A signed comparison of narrow unsigned values reads them at their width.
                    if let (SltInt | SleInt, Some(f)) = (b, format) {
                        self.extend(seq, IntFormat { signed: true, ..f });
                    }
                }
                self.fb.instr_seq(seq).binop(op);
                let is_cmp = matches!(b, EqInt | NeInt | SltInt | SleInt | UltInt | UleInt);
                if let (AddInt | SubInt | MulInt, Some(f)) = (b, format) {
                    self.extend(seq, f);
                }
                Ok(Some(if is_cmp { Rep::BOOL } else { rep }))
            }
            NegInt | NotInt => {
                let rep = Rep { ty: r0.ty, ..int(r0.vt) };
                match (b, r0.vt) {
                    (NegInt, ValType::I64) => {
                        self.fb.instr_seq(seq).i64_const(0);
                        self.operand(seq, &args[0], rep)?;
                        self.fb.instr_seq(seq).binop(B::I64Sub);
                    }
                    (NotInt, ValType::I64) => {
                        self.operand(seq, &args[0], rep)?;
                        self.fb.instr_seq(seq).i64_const(-1).binop(B::I64Xor);
                    }
                    (NotInt, ValType::I32) => {
                        self.operand(seq, &args[0], rep)?;
                        self.fb.instr_seq(seq).i32_const(1).binop(B::I32Xor);
                    }
                    _ => return Ok(None),
                }
                if let Some(f) = r0.ty.int_format() {
                    self.extend(seq, f);
                }
                Ok(Some(rep))
            }
            ShlInt | LshrInt | AshrInt => self.shift(seq, b, args),
            CheckedSdivInt | CheckedSremInt | CheckedUdivInt | CheckedUremInt => {
                self.checked_div(seq, b, args, span)
            }
            AddFloat | SubFloat | MulFloat | DivFloat | CopysignFloat | EqFloat | NeFloat | LtFloat
            | LeFloat => {
                let single = r0.vt == ValType::F32;
                let rep = if single { Rep::FLOAT32 } else { Rep::FLOAT };
                self.push_all(seq, args, rep)?;
                let (op, op32, result) = match b {
                    AddFloat => (B::F64Add, B::F32Add, rep),
                    SubFloat => (B::F64Sub, B::F32Sub, rep),
                    MulFloat => (B::F64Mul, B::F32Mul, rep),
                    DivFloat => (B::F64Div, B::F32Div, rep),
                    CopysignFloat => (B::F64Copysign, B::F32Copysign, rep),
                    EqFloat => (B::F64Eq, B::F32Eq, Rep::BOOL),
                    NeFloat => (B::F64Ne, B::F32Ne, Rep::BOOL),
                    LtFloat => (B::F64Lt, B::F32Lt, Rep::BOOL),
                    _ => (B::F64Le, B::F32Le, Rep::BOOL),
                };
                self.fb.instr_seq(seq).binop(if single { op32 } else { op });
                Ok(Some(result))
            }
            NegFloat | AbsFloat | SqrtLlvm | FloorLlvm | CeilLlvm | TruncLlvm | RintLlvm => {
                let single = r0.vt == ValType::F32;
                let rep = if single { Rep::FLOAT32 } else { Rep::FLOAT };
                self.operand(seq, &args[0], rep)?;
                let (op, op32) = match b {
                    NegFloat => (U::F64Neg, U::F32Neg),
                    AbsFloat => (U::F64Abs, U::F32Abs),
                    SqrtLlvm => (U::F64Sqrt, U::F32Sqrt),
                    FloorLlvm => (U::F64Floor, U::F32Floor),
                    CeilLlvm => (U::F64Ceil, U::F32Ceil),
                    TruncLlvm => (U::F64Trunc, U::F32Trunc),
                    _ => (U::F64Nearest, U::F32Nearest),
                };
                self.fb.instr_seq(seq).unop(if single { op32 } else { op });
                Ok(Some(rep))
            }
            // The math imports compute in Float64; a Float32 goes through them exactly widened
            // and the result is rounded back (as Julia computes Float32 `^`, `sin`, ...).
            RemFloat | PowLibm | Atan2Libm => {
                let single = r0.vt == ValType::F32;
                let op = match b {
                    RemFloat => MathOp::Rem,
                    Atan2Libm => MathOp::Atan2,
                    _ => MathOp::Pow,
                };
                let f = self.import(imports::MATH2);
                self.fb.instr_seq(seq).i32_const(op as i32);
                for a in args {
                    self.operand(seq, a, if single { Rep::FLOAT32 } else { Rep::FLOAT })?;
                    if single {
                        self.fb.instr_seq(seq).unop(U::F64PromoteF32);
                    }
                }
                self.fb.instr_seq(seq).call(f);
                Ok(Some(self.round_to(seq, single)))
            }
            _ if b.libm_unary().is_some() => {
                let single = r0.vt == ValType::F32;
                let f = self.import(imports::MATH1);
                self.fb.instr_seq(seq).i32_const(b.id().0 as i32);
                self.operand(seq, &args[0], if single { Rep::FLOAT32 } else { Rep::FLOAT })?;
                if single {
                    self.fb.instr_seq(seq).unop(U::F64PromoteF32);
                }
                self.fb.instr_seq(seq).call(f);
                Ok(Some(self.round_to(seq, single)))
            }
            Sitofp | Uitofp | Fptosi | Fptoui | Bitcast | SextInt | ZextInt | TruncInt | Fpext | Fptrunc => {
                self.conversion(seq, b, args)
            }
            _ => Ok(None),
        }
    }

    /// A Float64 math result on the stack, rounded to Float32 when `single`.
    fn round_to(&mut self, seq: InstrSeqId, single: bool) -> Rep {
        if single {
            self.fb.instr_seq(seq).unop(U::F32DemoteF64);
            Rep::FLOAT32
        } else {
            Rep::FLOAT
        }
    }

    /// Re-establishes the form of an integer of `format` (`abi::ValType::I64`) from any 64 bits
    /// on the stack: wraps to the width, then sign- or zero-extends. Nothing for 64 bits.
    pub(crate) fn extend(&mut self, seq: InstrSeqId, format: IntFormat) {
        let mut s = self.fb.instr_seq(seq);
        match (format.bits, format.signed) {
            (8, true) => {
                s.unop(U::I64Extend8S);
            }
            (16, true) => {
                s.unop(U::I64Extend16S);
            }
            (32, true) => {
                s.unop(U::I64Extend32S);
            }
            (bits, _) if bits < 64 => {
                s.i64_const(((1u64 << bits) - 1) as i64).binop(B::I64And);
            }
            _ => {}
        }
    }

    /// Julia's shifts take the count as unsigned and saturate: `shl`/`lshr` by the width or
    /// more give 0, `ashr` gives the sign (wasm would take the count modulo 64). A narrow
    /// value is read at its width (zero-extended for `lshr`, sign-extended for `ashr`) and
    /// the result wrapped back.
    fn shift(&mut self, seq: InstrSeqId, b: Builtin, args: &[Operand]) -> Result<Option<Rep>> {
        let (r0, r1) = (self.operand_rep(&args[0]), self.operand_rep(&args[1]));
        if r0.vt != ValType::I64 || r1.vt != ValType::I64 {
            return Ok(None);
        }
        let format = r0.ty.int_format().unwrap_or(IntFormat { bits: 64, signed: true });
        let count_format = r1.ty.int_format().unwrap_or(IntFormat { bits: 64, signed: true });
        let width = i64::from(format.bits);
        let n = self.new_local(W::I64);
        self.operand(seq, &args[0], r0)?;
        match b {
            Builtin::LshrInt => self.extend(seq, IntFormat { signed: false, ..format }),
            Builtin::AshrInt => self.extend(seq, IntFormat { signed: true, ..format }),
            _ => {}
        }
        self.operand(seq, &args[1], r1)?;
        // The count is unsigned at its own width.
        self.extend(seq, IntFormat { signed: false, ..count_format });
        let mut s = self.fb.instr_seq(seq);
        s.local_set(n);
        match b {
            Builtin::AshrInt => {
                s.local_get(n).i64_const(63).local_get(n).i64_const(63).binop(B::I64LtU).select(None);
                s.binop(B::I64ShrS);
            }
            _ => {
                let op = if b == Builtin::ShlInt { B::I64Shl } else { B::I64ShrU };
                s.local_get(n)
                    .binop(op)
                    .i64_const(0)
                    .local_get(n)
                    .i64_const(width)
                    .binop(B::I64LtU)
                    .select(None);
            }
        }
        self.extend(seq, format);
        Ok(Some(r0))
    }

    /// Division with Julia's checks: a zero divisor, or `typemin ÷ -1`, raises `DivideError`.
    /// (`i64.rem_s` already gives 0 for `typemin % -1`, as Julia's `checked_srem_int` does.)
    fn checked_div(
        &mut self,
        seq: InstrSeqId,
        b: Builtin,
        args: &[Operand],
        span: u32,
    ) -> Result<Option<Rep>> {
        let r0 = self.operand_rep(&args[0]);
        if r0.vt != ValType::I64 || self.operand_rep(&args[1]).vt != ValType::I64 {
            return Ok(None);
        }
        let (x, y) = (self.new_local(W::I64), self.new_local(W::I64));
        self.operand(seq, &args[0], r0)?;
        self.fb.instr_seq(seq).local_set(x);
        self.operand(seq, &args[1], r0)?;
        self.fb.instr_seq(seq).local_set(y);
        let throw = self.import(imports::THROW_CODE);
        let code = ErrorCode::DivideError as i32;
        // `typemin(T)` of the operands' type (both are normalized, so a narrow one's typemin
        // is its sign-extended value, and its `typemin ÷ -1` fits an i64 but not the type).
        let typemin = match r0.ty.int_format() {
            Some(f) if f.bits < 64 => -(1i64 << (f.bits - 1)),
            _ => i64::MIN,
        };
        let mut s = self.fb.instr_seq(seq);
        s.local_get(y).unop(U::I64Eqz);
        if b == Builtin::CheckedSdivInt {
            s.local_get(x)
                .i64_const(typemin)
                .binop(B::I64Eq)
                .local_get(y)
                .i64_const(-1)
                .binop(B::I64Eq)
                .binop(B::I32And)
                .binop(B::I32Or);
        }
        s.if_else(
            None,
            |then| {
                then.i32_const(code).i32_const(span as i32).call(throw).unreachable();
            },
            |_| {},
        );
        let op = match b {
            Builtin::CheckedSdivInt => B::I64DivS,
            Builtin::CheckedSremInt => B::I64RemS,
            Builtin::CheckedUdivInt => B::I64DivU,
            _ => B::I64RemU,
        };
        s.local_get(x).local_get(y).binop(op);
        Ok(Some(r0))
    }

    /// `sitofp(Float64, x)` and friends: the target type is the first (constant) argument. A
    /// narrow integer source is read at its width and signedness as the intrinsic says; an
    /// integer result is wrapped to the target's width.
    fn conversion(&mut self, seq: InstrSeqId, b: Builtin, args: &[Operand]) -> Result<Option<Rep>> {
        let Operand::Const(ConstValue::Type(target)) = &args[0] else { return Ok(None) };
        let to = Rep::of(self.cx.types(), *target);
        let from = self.operand_rep(&args[1]);
        let from_format = from.ty.int_format();
        // How the source is read before the operation: sign- or zero-extended from its width.
        let read = match b {
            Builtin::Sitofp | Builtin::SextInt => from_format.map(|f| IntFormat { signed: true, ..f }),
            Builtin::Uitofp | Builtin::ZextInt | Builtin::Bitcast => {
                from_format.map(|f| IntFormat { signed: false, ..f })
            }
            _ => None,
        };
        use ValType::{F32, F64, I64};
        let ops: &[U] = match (b, from.vt, to.vt) {
            (Builtin::Sitofp, I64, F64) => &[U::F64ConvertSI64],
            (Builtin::Uitofp, I64, F64) => &[U::F64ConvertUI64],
            (Builtin::Sitofp, I64, F32) => &[U::F32ConvertSI64],
            (Builtin::Uitofp, I64, F32) => &[U::F32ConvertUI64],
            (Builtin::Fptosi, F64, I64) => &[U::I64TruncSSatF64],
            (Builtin::Fptoui, F64, I64) => &[U::I64TruncUSatF64],
            (Builtin::Fptosi, F32, I64) => &[U::I64TruncSSatF32],
            (Builtin::Fptoui, F32, I64) => &[U::I64TruncUSatF32],
            (Builtin::Fpext, F32, F64) => &[U::F64PromoteF32],
            (Builtin::Fptrunc, F64, F32) => &[U::F32DemoteF64],
            (Builtin::SextInt | Builtin::ZextInt | Builtin::TruncInt, I64, I64) => &[],
            (Builtin::Bitcast, I64, F64) => &[U::F64ReinterpretI64],
            (Builtin::Bitcast, F64, I64) => &[U::I64ReinterpretF64],
            (Builtin::Bitcast, I64, F32) => &[U::I32WrapI64, U::F32ReinterpretI32],
            (Builtin::Bitcast, F32, I64) => &[U::I32ReinterpretF32, U::I64ExtendUI32],
            (Builtin::Bitcast, x, y) if x == y && x != ValType::Boxed => &[],
            _ => return Ok(None),
        };
        self.operand(seq, &args[1], from)?;
        if let Some(f) = read {
            self.extend(seq, f);
        }
        for &op in ops {
            self.fb.instr_seq(seq).unop(op);
        }
        if let Some(f) = to.ty.int_format() {
            self.extend(seq, f);
        }
        Ok(Some(to))
    }
}

fn int_binop(b: Builtin, wide: bool) -> B {
    use Builtin::*;
    match (b, wide) {
        (AddInt, true) => B::I64Add,
        (SubInt, true) => B::I64Sub,
        (MulInt, true) => B::I64Mul,
        (AndInt, true) => B::I64And,
        (OrInt, true) => B::I64Or,
        (XorInt, true) => B::I64Xor,
        (EqInt, true) => B::I64Eq,
        (NeInt, true) => B::I64Ne,
        (SltInt, true) => B::I64LtS,
        (SleInt, true) => B::I64LeS,
        (UltInt, true) => B::I64LtU,
        (UleInt, true) => B::I64LeU,
        (AddInt, false) => B::I32Add,
        (SubInt, false) => B::I32Sub,
        (MulInt, false) => B::I32Mul,
        (AndInt, false) => B::I32And,
        (OrInt, false) => B::I32Or,
        (XorInt, false) => B::I32Xor,
        (EqInt, false) => B::I32Eq,
        (NeInt, false) => B::I32Ne,
        (SltInt, false) => B::I32LtS,
        (SleInt, false) => B::I32LeS,
        (UltInt, false) => B::I32LtU,
        _ => B::I32LeU,
    }
}
