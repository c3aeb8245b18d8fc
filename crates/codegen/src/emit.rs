//! The per-function emitter: one wasm local per SSA value, value representations (`Rep`), and
//! the conversions between them (boxing, unboxing, singleton boxes), constants, operands,
//! imports (declared on first use), and the module-local helpers (bump allocation, boxing).
//! It does not decide control flow (`structure`) or lower instructions (`inst`).

use ir::{Body, Operand, Value, ValueDef};
use rustc_hash::FxHashMap;
use types::{ConstValue, Lattice, Ty, TyKind, TypeStore};
use walrus::ir::{BinaryOp, InstrSeqId, LoadKind, MemArg, StoreKind};
use walrus::{
    FunctionBuilder, FunctionId, InstrSeqBuilder, LocalId, MemoryId, Module, TableId, ValType as W,
};

use crate::abi::{self, imports, ValType};
use crate::{CodegenContext, CodegenError, Signature};

pub(crate) type Result<T> = std::result::Result<T, CodegenError>;

/// How a value is held: its wasm representation and its (widened) type. For bits types `ty`
/// is exact (it picks the box tag); for boxed values it may be abstract.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) struct Rep {
    pub vt: ValType,
    pub ty: Ty,
}

impl Rep {
    pub const ANY: Rep = Rep { vt: ValType::Boxed, ty: Ty::ANY };
    pub const BOOL: Rep = Rep { vt: ValType::I32, ty: Ty::BOOL };
    pub const INT: Rep = Rep { vt: ValType::I64, ty: Ty::INT64 };
    pub const FLOAT: Rep = Rep { vt: ValType::F64, ty: Ty::FLOAT64 };
    pub const FLOAT32: Rep = Rep { vt: ValType::F32, ty: Ty::FLOAT32 };

    pub fn of(store: &TypeStore, ty: Ty) -> Rep {
        Rep { vt: ValType::of(store, ty), ty }
    }
}

/// The wasm type of a representation (`None` when erased).
pub(crate) fn wasm_type(vt: ValType) -> Option<W> {
    match vt {
        ValType::I64 => Some(W::I64),
        ValType::F64 => Some(W::F64),
        ValType::F32 => Some(W::F32),
        ValType::I32 | ValType::Boxed => Some(W::I32),
        ValType::Erased => None,
    }
}

/// The type a lattice element stands for, without interning (a constant tuple's type is
/// approximated by `Tuple`; only its representation, boxed, matters here).
pub(crate) fn lattice_type(store: &TypeStore, l: &Lattice) -> Ty {
    match l {
        Lattice::Type(t) => *t,
        // A constant tuple's exact type is not needed: its representation is boxed either way.
        Lattice::Const(c) => c.known_type(store).unwrap_or(Ty::TUPLE),
    }
}

/// The wasm signature of every import of `abi::imports`.
pub(crate) fn import_signature(name: &str) -> (&'static [W], &'static [W]) {
    match name {
        imports::ALLOC | imports::GLOBAL_GET => (&[W::I32], &[W::I32]),
        imports::CALL_DYNAMIC => (&[W::I32, W::I32, W::I32, W::I32, W::I32], &[W::I32]),
        imports::CALL_BUILTIN => (&[W::I32, W::I32, W::I32, W::I32, W::I32], &[W::I32]),
        imports::THROW
        | imports::THROW_CODE
        | imports::THROW_UNDEF
        | imports::THROW_NON_BOOLEAN
        | imports::GLOBAL_SET => (&[W::I32, W::I32], &[]),
        imports::MATH1 => (&[W::I32, W::F64], &[W::F64]),
        imports::THE_EXCEPTION => (&[], &[W::I32]),
        imports::MATH2 => (&[W::I32, W::F64, W::F64], &[W::F64]),
        // OUT_OF_STEPS, COMPILE_SLOT
        _ => (&[W::I32], &[]),
    }
}

/// A memory argument; `align` in bytes.
pub(crate) fn mem_arg(offset: u32, align: u32) -> MemArg {
    MemArg { align, offset: offset as u64 }
}

/// Imports declared on first use; shared by all functions of one module.
#[derive(Default)]
pub(crate) struct ModuleImports {
    funcs: FxHashMap<&'static str, FunctionId>,
    tag: Option<walrus::TagId>,
}

impl ModuleImports {
    /// The exception tag (`abi::EXCEPTION_TAG_IMPORT`).
    pub fn tag(&mut self, module: &mut Module) -> walrus::TagId {
        *self.tag.get_or_insert_with(|| {
            let ty = module.types.add(&[W::I32], &[]);
            module.add_import_tag(abi::IMPORT_MODULE, abi::EXCEPTION_TAG_IMPORT, ty).0
        })
    }

    pub fn get(&mut self, module: &mut Module, name: &'static str) -> FunctionId {
        *self.funcs.entry(name).or_insert_with(|| {
            let (params, results) = import_signature(name);
            let ty = module.types.add(params, results);
            let f = module.add_import_func(abi::IMPORT_MODULE, name, ty).0;
            module.funcs.get_mut(f).name = Some(name.to_string());
            f
        })
    }
}

/// Module-local helper functions, built on first use.
#[derive(Default)]
pub(crate) struct Helpers {
    alloc: Option<FunctionId>,
    box_i64: Option<FunctionId>,
    box_f64: Option<FunctionId>,
}

pub(crate) struct Emitter<'a> {
    pub cx: &'a mut dyn CodegenContext,
    pub module: &'a mut Module,
    pub body: &'a Body,
    pub sig: &'a Signature,
    pub fb: FunctionBuilder,
    pub mem: MemoryId,
    pub table: TableId,
    pub imports: &'a mut ModuleImports,
    pub helpers: &'a mut Helpers,
    pub locals: FxHashMap<Value, LocalId>,
    pub reps: FxHashMap<Value, Rep>,
    pub self_func: FunctionId,
    pub self_slot: u32,
    /// Where the body is charged against the step budget (`ir::steps`); empty until `emit_body`
    /// computes it, and when steps are not counted.
    pub steps: ir::steps::StepPlan,
    /// The frames the call being emitted adds while it runs (`ir::steps::call_weight`; those
    /// a `stack_check` checks); 0 when it makes no call.
    pub frame_weight: u32,
    depth_tmp: Option<LocalId>,
    /// The header-visit count of each batched loop emitted so far (`enter_loop`): a nested
    /// batched loop maps to the count of the nest's outermost loop.
    loop_visits: FxHashMap<ir::Block, LocalId>,
    /// What the GC frame needs to know of the emitted code (`gc`).
    pub gc: crate::gc::GcState,
    tmp_i32: Option<LocalId>,
    tmp_i64: Option<LocalId>,
    /// `CodegenContext::tracks_position`.
    positions: bool,
    /// The shadow stack pointer and the call depth saved by the body's `Enter`s, restored
    /// where a handler catches (see `abi`, "Exceptions").
    pub(crate) try_state: Option<(LocalId, LocalId)>,
    /// A branch condition already computed into this local (inside its block's `try_table`).
    pub(crate) branch_condition: Option<LocalId>,
    /// The position id of the call being emitted (`Emitter::position_of`), which it writes to
    /// the call-site stack.
    pub(crate) call_site: u32,
}

impl<'a> Emitter<'a> {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        cx: &'a mut dyn CodegenContext,
        module: &'a mut Module,
        body: &'a Body,
        sig: &'a Signature,
        fb: FunctionBuilder,
        (mem, table): (MemoryId, TableId),
        (imports, helpers): (&'a mut ModuleImports, &'a mut Helpers),
        (self_func, self_slot): (FunctionId, u32),
    ) -> Result<Emitter<'a>> {
        let mut reps = FxHashMap::default();
        for (v, def) in body.values.iter() {
            let rep = match def {
                ValueDef::Arg(n) => {
                    let ty = sig.params.get(*n as usize).copied().ok_or_else(|| {
                        CodegenError::InvalidBody(format!("argument {n} is not in the signature"))
                    })?;
                    Rep::of(cx.types(), ty)
                }
                _ => match body.types.get(v) {
                    Some(l) => Rep::of(cx.types(), lattice_type(cx.types(), l)),
                    None => return Err(CodegenError::InvalidBody(format!("{v:?} has no type"))),
                },
            };
            reps.insert(v, rep);
        }
        let mut locals = FxHashMap::default();
        for v in body.values.ids() {
            if let Some(w) = wasm_type(reps[&v].vt) {
                locals.insert(v, module.locals.add(w));
            }
        }
        let positions = cx.tracks_position();
        Ok(Emitter {
            cx,
            module,
            body,
            sig,
            fb,
            mem,
            table,
            imports,
            helpers,
            locals,
            reps,
            self_func,
            self_slot,
            steps: Default::default(),
            frame_weight: 0,
            depth_tmp: None,
            loop_visits: FxHashMap::default(),
            gc: Default::default(),
            tmp_i32: None,
            tmp_i64: None,
            positions,
            try_state: None,
            branch_condition: None,
            call_site: 0,
        })
    }

    pub fn rep(&self, v: Value) -> Rep {
        self.reps.get(&v).copied().unwrap_or(Rep::ANY)
    }

    pub fn import(&mut self, name: &'static str) -> FunctionId {
        self.imports.get(self.module, name)
    }

    /// The position id of `span` of the body, outside any instruction (a branch, a charge).
    pub fn span_id(&mut self, span: ir::Span) -> u32 {
        self.cx.position_id(span, &[], 0)
    }

    pub fn new_local(&mut self, w: W) -> LocalId {
        self.module.locals.add(w)
    }

    pub fn tmp_i32(&mut self) -> LocalId {
        let l = self.tmp_i32.unwrap_or_else(|| self.module.locals.add(W::I32));
        self.tmp_i32 = Some(l);
        l
    }

    fn tmp_i64(&mut self) -> LocalId {
        let l = self.tmp_i64.unwrap_or_else(|| self.module.locals.add(W::I64));
        self.tmp_i64 = Some(l);
        l
    }

    /// Pops the value on the stack into `v`'s local (or drops it if `v` is erased).
    pub fn set_value(&mut self, seq: InstrSeqId, v: Value, from: Rep) -> Result<()> {
        let to = self.rep(v);
        self.coerce(seq, from, to)?;
        if let Some(&l) = self.locals.get(&v) {
            self.set_local(seq, l, v);
        }
        Ok(())
    }

    /// Pushes `op` in representation `to`.
    pub fn operand(&mut self, seq: InstrSeqId, op: &Operand, to: Rep) -> Result<()> {
        match op {
            Operand::Value(v) => {
                let from = self.rep(*v);
                match self.locals.get(v) {
                    Some(&l) => {
                        self.fb.instr_seq(seq).local_get(l);
                        self.coerce(seq, from, to)
                    }
                    None => self.singleton(seq, from.ty, to),
                }
            }
            Operand::Const(c) => self.constant(seq, c, to),
            Operand::Global(g) => {
                if let Some(c) = self.cx.global_constant(g) {
                    return self.constant(seq, &c, to);
                }
                let index = self.cx.global_index(g);
                let get = self.import(imports::GLOBAL_GET);
                self.safepoint();
                self.fb.instr_seq(seq).i32_const(index as i32).call(get);
                self.coerce(seq, Rep::ANY, to)
            }
            Operand::Undef => {
                self.zero(seq, to.vt);
                Ok(())
            }
            Operand::Slot(s) => {
                Err(CodegenError::Unsupported(format!("slot operand {s:?} (run SSA construction)")))
            }
        }
    }

    /// The representation an operand has on its own (what `operand` pushes with no conversion).
    pub fn operand_rep(&self, op: &Operand) -> Rep {
        match op {
            Operand::Value(v) => self.rep(*v),
            Operand::Const(c) => {
                Rep::of(self.cx.types(), lattice_type(self.cx.types(), &Lattice::Const(c.clone())))
            }
            Operand::Global(g) => match self.cx.global_constant(g) {
                Some(c) => self.operand_rep(&Operand::Const(c)),
                None => Rep::ANY,
            },
            Operand::Slot(_) | Operand::Undef => Rep::ANY,
        }
    }

    pub fn zero(&mut self, seq: InstrSeqId, vt: ValType) {
        let mut b = self.fb.instr_seq(seq);
        match vt {
            ValType::I64 => {
                b.i64_const(0);
            }
            ValType::F64 => {
                b.f64_const(0.0);
            }
            ValType::F32 => {
                b.f32_const(0.0);
            }
            ValType::I32 | ValType::Boxed => {
                b.i32_const(0);
            }
            ValType::Erased => {}
        }
    }

    /// The value of a singleton type (an erased value), pushed as `to`.
    pub(crate) fn singleton(&mut self, seq: InstrSeqId, ty: Ty, to: Rep) -> Result<()> {
        match to.vt {
            ValType::Erased => Ok(()),
            ValType::Boxed if ty != Ty::BOTTOM => {
                let c = match self.cx.types().kind(ty) {
                    TyKind::Tuple { .. } => ConstValue::Tuple(Vec::new().into()),
                    _ => ConstValue::Singleton(ty),
                };
                let addr = self.cx.constant_box(&c);
                self.fb.instr_seq(seq).i32_const(addr as i32);
                Ok(())
            }
            _ => {
                // A value of type `Union{}` (or a bits value from nothing): never runs.
                self.fb.instr_seq(seq).unreachable();
                Ok(())
            }
        }
    }

    pub fn constant(&mut self, seq: InstrSeqId, c: &ConstValue, to: Rep) -> Result<()> {
        let mut b = self.fb.instr_seq(seq);
        match (to.vt, c) {
            (ValType::Erased, _) => {}
            (ValType::I64, ConstValue::Int(i)) => {
                b.i64_const(*i);
            }
            (ValType::I64, ConstValue::UInt(u)) => {
                b.i64_const(*u as i64);
            }
            (ValType::I64, ConstValue::Bits(_, bits)) => {
                b.i64_const(*bits as i64);
            }
            (ValType::F64, ConstValue::Float(f)) => {
                b.f64_const(f.0);
            }
            (ValType::F32, ConstValue::Bits(_, bits)) => {
                b.f32_const(f32::from_bits(*bits as u32));
            }
            (ValType::I32, ConstValue::Bool(x)) => {
                b.i32_const(*x as i32);
            }
            (ValType::Boxed, ConstValue::Bool(x)) => {
                b.i32_const(if *x { abi::TRUE_BOX_ADDR } else { abi::FALSE_BOX_ADDR } as i32);
            }
            (ValType::Boxed, _) => {
                let addr = self.cx.constant_box(c);
                self.fb.instr_seq(seq).i32_const(addr as i32);
            }
            (vt, c) => return Err(CodegenError::InvalidBody(format!("constant {c:?} used as {vt:?}"))),
        }
        Ok(())
    }

    /// Converts the value on top of the stack from `from` to `to`. Unboxing trusts inference:
    /// a boxed value converted to a bits representation is known to have that type.
    pub fn coerce(&mut self, seq: InstrSeqId, from: Rep, to: Rep) -> Result<()> {
        if from.vt == to.vt {
            return Ok(());
        }
        let mem = self.mem;
        match (from.vt, to.vt) {
            // Nothing is on the stack: materialize the singleton (or trap for `Union{}`).
            (ValType::Erased, _) => return self.singleton(seq, from.ty, to),
            (_, ValType::Erased) => {
                self.fb.instr_seq(seq).drop();
            }
            (ValType::I32, ValType::Boxed) => {
                let t = self.tmp_i32();
                self.fb
                    .instr_seq(seq)
                    .local_set(t)
                    .i32_const(abi::TRUE_BOX_ADDR as i32)
                    .i32_const(abi::FALSE_BOX_ADDR as i32)
                    .local_get(t)
                    .select(None);
            }
            (ValType::I64, ValType::Boxed) => {
                self.safepoint();
                let f = self.box_i64_helper();
                let tag = if from.ty.int_format().is_some() { from.ty } else { Ty::INT64 };
                self.fb.instr_seq(seq).i32_const(tag.0 as i32).call(f);
            }
            (ValType::F32, ValType::Boxed) => {
                // The payload is the f32's bits, zero-extended to the box's 8 bytes.
                self.safepoint();
                let f = self.box_i64_helper();
                self.fb
                    .instr_seq(seq)
                    .unop(walrus::ir::UnaryOp::I32ReinterpretF32)
                    .unop(walrus::ir::UnaryOp::I64ExtendUI32)
                    .i32_const(Ty::FLOAT32.0 as i32)
                    .call(f);
            }
            (ValType::Boxed, ValType::F32) => {
                self.fb.instr_seq(seq).load(mem, LoadKind::F32, mem_arg(abi::PAYLOAD_OFFSET, 4));
            }
            (ValType::F64, ValType::Boxed) => {
                self.safepoint();
                let f = self.box_f64_helper();
                self.fb.instr_seq(seq).call(f);
            }
            (ValType::Boxed, ValType::I64) => {
                self.fb.instr_seq(seq).load(
                    mem,
                    LoadKind::I64 { atomic: false },
                    mem_arg(abi::PAYLOAD_OFFSET, 8),
                );
            }
            (ValType::Boxed, ValType::F64) => {
                self.fb.instr_seq(seq).load(mem, LoadKind::F64, mem_arg(abi::PAYLOAD_OFFSET, 8));
            }
            (ValType::Boxed, ValType::I32) => {
                self.fb.instr_seq(seq).load(
                    mem,
                    LoadKind::I32 { atomic: false },
                    mem_arg(abi::PAYLOAD_OFFSET, 4),
                );
            }
            (from_vt, to_vt) => {
                return Err(CodegenError::InvalidBody(format!(
                    "cannot convert a {} ({from_vt:?}) to {} ({to_vt:?})",
                    self.cx.types().display(from.ty),
                    self.cx.types().display(to.ty)
                )))
            }
        }
        Ok(())
    }

    /// The activation's one step, charged where `ir::steps::StepPlan::charge_points` says (a
    /// loop's entry charges it with `enter_loop`): decrement the budget at `STEPS_ADDR`; call
    /// `out_of_steps` when it goes negative.
    pub fn count_step(&mut self, seq: InstrSeqId, span: u32) {
        if !self.cx.count_steps() {
            return;
        }
        self.charge_steps(seq, 1, span);
    }

    /// Entering the loop headed by `header` (code before its `loop`): 1 step, charged at once,
    /// then all its iterations if it is a counted loop (`counted`), otherwise a fresh count of
    /// the loop's header visits, which `count_loop_step` advances. A count per nest of batched
    /// loops, reset on the nest's entry, lives only while the nest runs: a count shared by the
    /// function would be live across every call the function makes, and a register allocator
    /// that keeps it on the stack puts a store and a load into each iteration of every loop.
    ///
    /// Inside a batched loop (`ir::steps::LoopPlan::parent`) the entry is no step of its own:
    /// a counted loop's entry is a visit counted by that loop (its count goes down by one, and
    /// a batch is charged when it reaches zero), and a batched loop shares that loop's count
    /// (`ir::steps::StepPlan::visit_count`), which its header's visits advance.
    pub fn enter_loop(&mut self, seq: InstrSeqId, header: ir::Block, span: u32) -> Result<Option<LocalId>> {
        if !self.cx.count_steps() {
            return Ok(None);
        }
        let parent = self.steps.loops.get(&header).and_then(|l| l.parent);
        let counted = self.steps.counted(header).cloned();
        match parent.map(|p| self.loop_visits.get(&p).copied()) {
            None => self.charge_steps(seq, 1, span),
            Some(Some(outer)) if counted.is_some() => self.count_visit(seq, outer, span),
            Some(Some(outer)) => {
                self.loop_visits.insert(header, outer);
                return Ok(Some(outer));
            }
            Some(None) => {
                return Err(CodegenError::InvalidBody(format!(
                    "loop {header:?} is emitted before the loop around it"
                )));
            }
        }
        if let Some(counted) = counted {
            self.charge_iterations(seq, &counted, span)?;
            return Ok(None);
        }
        let visits = self.module.locals.add(W::I32);
        self.fb.instr_seq(seq).i32_const(abi::LOOP_STEP_BATCH as i32).local_set(visits);
        self.loop_visits.insert(header, visits);
        Ok(Some(visits))
    }

    /// A visit counted by a batched loop from outside its `loop` (a counted inner loop's entry):
    /// `visits` goes down by one; at zero, a batch is charged and the count starts again.
    fn count_visit(&mut self, seq: InstrSeqId, visits: LocalId, span: u32) {
        let charge = self.fb.dangling_instr_seq(None).id();
        self.charge_steps(charge, abi::LOOP_STEP_BATCH, span);
        self.fb.instr_seq(charge).i32_const(abi::LOOP_STEP_BATCH as i32).local_set(visits);
        self.count_down(seq, visits, charge);
    }

    /// Steps at a loop header (`seq` is the body of its `loop`): counted in `visits` and
    /// charged `LOOP_STEP_BATCH` at every `LOOP_STEP_BATCH`-th visit (`ir::steps`), so the loop
    /// carries no dependency through memory. `visits` counts down the visits left before the
    /// next charge. The charging path goes back to the start of the loop instead of rejoining
    /// the header's code (a block that rejoined would come before that code in Cranelift's
    /// layout, reverse postorder, and every iteration would jump over it); the count it sets is
    /// one more than a batch, since that path counts the same visit again.
    pub fn count_loop_step(&mut self, seq: InstrSeqId, visits: Option<LocalId>, span: u32) {
        let Some(visits) = visits else {
            return;
        };
        let charge = self.fb.dangling_instr_seq(None).id();
        self.charge_steps(charge, abi::LOOP_STEP_BATCH, span);
        self.fb.instr_seq(charge).i32_const(abi::LOOP_STEP_BATCH as i32 + 1).local_set(visits).br(seq);
        self.count_down(seq, visits, charge);
    }

    /// `visits -= 1`, then `charge` (a sequence of this function) when it reached zero.
    fn count_down(&mut self, seq: InstrSeqId, visits: LocalId, charge: InstrSeqId) {
        let empty = self.fb.dangling_instr_seq(None).id();
        self.fb
            .instr_seq(seq)
            .local_get(visits)
            .i32_const(1)
            .binop(BinaryOp::I32Sub)
            .local_tee(visits)
            .unop(walrus::ir::UnaryOp::I32Eqz)
            .instr(walrus::ir::IfElse { consequent: charge, alternative: empty });
    }

    /// In top-level code, the instructions that record span id `span` as the statement running
    /// (`abi::POSITION_ADDR`); nothing elsewhere.
    pub(crate) fn position_store(&self, span: u32) -> Option<impl Fn(&mut walrus::InstrSeqBuilder) + use<>> {
        let mem = self.mem;
        self.positions.then_some(move |b: &mut walrus::InstrSeqBuilder| {
            b.i32_const(0).i32_const(span as i32).store(
                mem,
                StoreKind::I32 { atomic: false },
                mem_arg(abi::POSITION_ADDR, 4),
            );
        })
    }

    /// Before instruction `inst` of top-level code, when it may raise or run code: its
    /// statement becomes the position (`abi::POSITION_ADDR`).
    pub(crate) fn record_position(&mut self, seq: InstrSeqId, inst: ir::Inst) {
        if !self.positions || ir::steps::is_pure(self.body, inst) {
            return;
        }
        let span = self.cx.span_id(self.body.statement_span(inst));
        if let Some(store) = self.position_store(span) {
            store(&mut self.fb.instr_seq(seq));
        }
    }

    /// Subtracts `amount` from the budget; when it goes negative, `out_of_steps` (which never
    /// returns, so no value of the function is live across the call and a loop keeps its
    /// values in registers: a call that could return would clobber every float register).
    fn charge_steps(&mut self, seq: InstrSeqId, amount: u32, span: u32) {
        let t = self.tmp_i64();
        let out = self.import(imports::OUT_OF_STEPS);
        let position = self.position_store(span);
        let mem = self.mem;
        let arg = mem_arg(abi::STEPS_ADDR, 8);
        let mut b = self.fb.instr_seq(seq);
        b.i32_const(0)
            .i32_const(0)
            .load(mem, LoadKind::I64 { atomic: false }, arg)
            .i64_const(i64::from(amount))
            .binop(BinaryOp::I64Sub)
            .local_tee(t)
            .store(mem, StoreKind::I64 { atomic: false }, arg)
            .local_get(t)
            .i64_const(0)
            .binop(BinaryOp::I64LtS)
            .if_else(
                None,
                |then| {
                    if let Some(store) = &position {
                        store(then);
                    }
                    then.i32_const(span as i32).call(out).unreachable();
                },
                |_| {},
            );
    }

    /// Before a call that adds `frame_weight` frames (`ir::steps`, "Frames"): the depth cell
    /// grows by it, or the call raises `StackOverflowError` when that passes the limit.
    pub(crate) fn enter_frames(&mut self, seq: InstrSeqId, span: u32) {
        if self.frame_weight == 0 {
            return;
        }
        let depth = self.depth_after_call(seq, span, true);
        let arg = mem_arg(abi::DEPTH_ADDR, 4);
        let mem = self.mem;
        self.fb.instr_seq(seq).i32_const(0).local_get(depth).store(
            mem,
            StoreKind::I32 { atomic: false },
            arg,
        );
    }

    /// After a call that `enter_frames` counted: the depth cell shrinks back.
    pub(crate) fn leave_frames(&mut self, seq: InstrSeqId) {
        if self.frame_weight == 0 {
            return;
        }
        let arg = mem_arg(abi::DEPTH_ADDR, 4);
        let mem = self.mem;
        self.fb
            .instr_seq(seq)
            .i32_const(0)
            .i32_const(0)
            .load(mem, LoadKind::I32 { atomic: false }, arg)
            .i32_const(self.frame_weight as i32)
            .binop(BinaryOp::I32Sub)
            .store(mem, StoreKind::I32 { atomic: false }, arg);
    }

    /// A `stack_check` (`ir::InstKind::StackCheck`, where the optimizer runs a call's callee
    /// without calling it): the limit is checked as the call would check it, the depth left
    /// alone.
    pub(crate) fn check_frames(&mut self, seq: InstrSeqId, span: u32) {
        if self.frame_weight > 0 {
            self.depth_after_call(seq, span, false);
        }
    }

    /// The depth with the call's frames in a local, raising `StackOverflowError` past the
    /// limit (compared unsigned, so a weight cannot wrap it below). The call's site goes to
    /// index `depth - 1` of the call-site stack: always before a call (its callee's trace
    /// reads it), only on the way to the error for a `stack_check`, whose frames never exist.
    fn depth_after_call(&mut self, seq: InstrSeqId, span: u32, calls: bool) -> LocalId {
        let depth = *self.depth_tmp.get_or_insert_with(|| self.module.locals.add(W::I32));
        let throw = self.import(imports::THROW_CODE);
        let limit = self.cx.max_depth();
        let mem = self.mem;
        let arg = mem_arg(abi::DEPTH_ADDR, 4);
        let site = self.call_site;
        let store_site = move |b: &mut InstrSeqBuilder| {
            b.local_get(depth).i32_const(2).binop(BinaryOp::I32Shl).i32_const(site as i32).store(
                mem,
                StoreKind::I32 { atomic: false },
                mem_arg(abi::CALL_SITES_ADDR - 4, 4),
            );
        };
        self.fb
            .instr_seq(seq)
            .i32_const(0)
            .load(mem, LoadKind::I32 { atomic: false }, arg)
            .i32_const(self.frame_weight as i32)
            .binop(BinaryOp::I32Add)
            .local_tee(depth)
            .i32_const(limit as i32)
            .binop(BinaryOp::I32GtU)
            .if_else(
                None,
                |then| {
                    if !calls {
                        store_site(then);
                    }
                    then.i32_const(abi::ErrorCode::StackOverflow as i32)
                        .i32_const(span as i32)
                        .call(throw)
                        .unreachable();
                },
                |_| {},
            );
        if calls {
            store_site(&mut self.fb.instr_seq(seq));
        }
        depth
    }

    /// Subtracts the unsigned `amount` (an i64 local) from the budget. When it exceeds what is
    /// left, the budget becomes -1, as after any failed charge, and `out_of_steps` is called.
    /// Only after a charge that succeeded: the budget is then not negative, and an amount of
    /// 2^63 or more always exceeds it.
    pub(crate) fn charge_unsigned(&mut self, seq: InstrSeqId, amount: LocalId, span: u32) {
        let t = self.tmp_i64();
        let out = self.import(imports::OUT_OF_STEPS);
        let position = self.position_store(span);
        let mem = self.mem;
        let arg = mem_arg(abi::STEPS_ADDR, 8);
        let mut b = self.fb.instr_seq(seq);
        b.i32_const(0)
            .load(mem, LoadKind::I64 { atomic: false }, arg)
            .local_tee(t)
            .local_get(amount)
            .binop(BinaryOp::I64LtU)
            .if_else(
                None,
                |then| {
                    then.i32_const(0).i64_const(-1).store(mem, StoreKind::I64 { atomic: false }, arg);
                    if let Some(store) = &position {
                        store(then);
                    }
                    then.i32_const(span as i32).call(out).unreachable();
                },
                |_| {},
            );
        b.i32_const(0).local_get(t).local_get(amount).binop(BinaryOp::I64Sub).store(
            mem,
            StoreKind::I64 { atomic: false },
            arg,
        );
    }

    /// Allocates `size` bytes (rounded up to `BOX_ALIGN`), pushing the address.
    pub fn alloc(&mut self, seq: InstrSeqId, size: u32) {
        let f = self.alloc_helper();
        let size = size.div_ceil(abi::BOX_ALIGN) * abi::BOX_ALIGN;
        self.safepoint();
        self.fb.instr_seq(seq).i32_const(size as i32).call(f);
    }

    pub fn alloc_helper(&mut self) -> FunctionId {
        if let Some(f) = self.helpers.alloc {
            return f;
        }
        let slow = self.import(imports::ALLOC);
        let f = build_alloc(self.module, self.mem, slow);
        self.helpers.alloc = Some(f);
        f
    }

    fn box_i64_helper(&mut self) -> FunctionId {
        if let Some(f) = self.helpers.box_i64 {
            return f;
        }
        let alloc = self.alloc_helper();
        let f = build_box(self.module, self.mem, alloc, W::I64);
        self.helpers.box_i64 = Some(f);
        f
    }

    fn box_f64_helper(&mut self) -> FunctionId {
        if let Some(f) = self.helpers.box_f64 {
            return f;
        }
        let alloc = self.alloc_helper();
        let f = build_box(self.module, self.mem, alloc, W::F64);
        self.helpers.box_f64 = Some(f);
        f
    }
}

/// `$alloc(size) -> ptr`: the bump fast path of `abi`, else the `alloc` import.
fn build_alloc(module: &mut Module, mem: MemoryId, slow: FunctionId) -> FunctionId {
    let size = module.locals.add(W::I32);
    let p = module.locals.add(W::I32);
    let np = module.locals.add(W::I32);
    let mut fb = FunctionBuilder::new(&mut module.types, &[W::I32], &[W::I32]);
    fb.name("alloc_inline".into());
    let ptr_arg = mem_arg(abi::HEAP_PTR_ADDR, 4);
    let limit_arg = mem_arg(abi::HEAP_LIMIT_ADDR, 4);
    let count_arg = mem_arg(abi::ALLOC_COUNT_ADDR, 4);
    fb.func_body()
        .i32_const(0)
        .i32_const(0)
        .load(mem, LoadKind::I32 { atomic: false }, count_arg)
        .i32_const(1)
        .binop(BinaryOp::I32Add)
        .store(mem, StoreKind::I32 { atomic: false }, count_arg)
        .i32_const(0)
        .load(mem, LoadKind::I32 { atomic: false }, ptr_arg)
        .local_tee(p)
        .local_get(size)
        .binop(BinaryOp::I32Add)
        .local_tee(np)
        .i32_const(0)
        .load(mem, LoadKind::I32 { atomic: false }, limit_arg)
        .binop(BinaryOp::I32LeU)
        .if_else(
            W::I32,
            |then| {
                then.i32_const(0)
                    .local_get(np)
                    .store(mem, StoreKind::I32 { atomic: false }, ptr_arg)
                    .local_get(p);
            },
            |els| {
                els.local_get(size).call(slow);
            },
        );
    fb.finish(vec![size], &mut module.funcs)
}

/// `$box_i64(x, tag) -> ptr` / `$box_f64(x) -> ptr`: a 16-byte box with the payload.
fn build_box(module: &mut Module, mem: MemoryId, alloc: FunctionId, w: W) -> FunctionId {
    let x = module.locals.add(w);
    let tag = module.locals.add(W::I32);
    let p = module.locals.add(W::I32);
    let (params, args, name): (&[W], Vec<LocalId>, &str) = match w {
        W::I64 => (&[W::I64, W::I32], vec![x, tag], "box_i64"),
        _ => (&[W::F64], vec![x], "box_f64"),
    };
    let mut fb = FunctionBuilder::new(&mut module.types, params, &[W::I32]);
    fb.name(name.into());
    let mut b = fb.func_body();
    b.i32_const((abi::HEADER_SIZE + 8) as i32).call(alloc).local_tee(p);
    if w == W::I64 {
        b.local_get(tag);
    } else {
        b.i32_const(Ty::FLOAT64.0 as i32);
    }
    b.store(mem, StoreKind::I32 { atomic: false }, mem_arg(abi::TAG_OFFSET, 4))
        .local_get(p)
        .i32_const(0)
        .store(mem, StoreKind::I32 { atomic: false }, mem_arg(abi::AUX_OFFSET, 4))
        .local_get(p)
        .local_get(x);
    if w == W::I64 {
        b.store(mem, StoreKind::I64 { atomic: false }, mem_arg(abi::PAYLOAD_OFFSET, 8));
    } else {
        b.store(mem, StoreKind::F64, mem_arg(abi::PAYLOAD_OFFSET, 8));
    }
    b.local_get(p);
    fb.finish(args, &mut module.funcs)
}
