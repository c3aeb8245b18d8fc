//! GC roots on the shadow stack (`abi`, "Garbage collection: the shadow stack and GC frames").
//!
//! Two mechanisms, both in linear memory where the collector can see them:
//! - Short-lived arrays (`shadow_array`): the boxed operands of one instruction (the argument
//!   array of `call_dynamic`/`call_builtin`, the fields of a new object, the boxed arguments of
//!   a call whose other arguments must be boxed first) are stored on the shadow stack, reserved
//!   once for the whole array, before anything of the instruction allocates, and popped when
//!   the instruction is done. So no operand is ever held in a wasm local or on the wasm stack
//!   across an allocation of the instruction that uses it.
//! - The GC frame: a boxed SSA value live across a safepoint *between* instructions (live after
//!   an instruction or terminator that may reach one) gets a slot of the function's frame, and
//!   every write of its local also stores the slot. Which values those are is a liveness
//!   analysis over the IR (`rooted_values`) with the safepoints the emitter actually emitted
//!   (it marks every call that may allocate or run code: `Emitter::safepoint`), so it can only
//!   be known when the body is emitted: the stores, the frame's reservation at entry and its
//!   release before each `return` are inserted afterwards at positions recorded while emitting
//!   (`finish_frame`). A function with no such value gets no frame at all.
//!
//! A return value is not rooted by its function: it is on the wasm stack from the release of
//! the frame until the caller stores it (its own slot, or an array), with no safepoint between.
//! Parameters likewise: the caller's copies stay rooted until the call, the callee roots the
//! ones it keeps across its own safepoints.

use ir::{Block, Body, Inst, Operand, Value};
use rustc_hash::{FxHashMap, FxHashSet};
use walrus::ir::{BinaryOp, Instr, InstrSeqId, LoadKind, StoreKind};
use walrus::{LocalId, MemoryId, ValType as W};

use crate::abi::{self, ErrorCode, ValType};
use crate::emit::{mem_arg, Emitter, Rep, Result};
use ir::cfg::Cfg;

/// Where a safepoint was emitted: inside an instruction, or in a block's terminator (boxing an
/// edge argument or the returned value).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub(crate) enum Site {
    Inst(Inst),
    Term(Block),
}

/// A write of a boxed value's local: the position right after its `local.set` in `seq`.
#[derive(Clone, Copy, Debug)]
struct Def {
    seq: InstrSeqId,
    pos: usize,
    local: LocalId,
    value: Value,
}

/// What the emitter records for the frame while it emits a body.
#[derive(Default)]
pub(crate) struct GcState {
    /// Whether a safepoint was emitted since the current site began (`begin_site`).
    seen: bool,
    safepoints: FxHashSet<Site>,
    defs: Vec<Def>,
    /// The `return` instructions of the function (position in their sequence).
    returns: Vec<(InstrSeqId, usize)>,
}

/// The boxed values that must be in a frame slot: live after a safepoint site, not counting
/// the value the site itself defines. Standard backward liveness on the SSA form; a block
/// parameter is defined at its block's entry and its edge arguments are used at the end of
/// each predecessor.
pub(crate) fn rooted_values(
    body: &Body,
    cfg: &Cfg,
    safepoints: &FxHashSet<Site>,
    boxed: impl Fn(Value) -> bool,
) -> FxHashSet<Value> {
    let mut rpo: Vec<Block> = cfg.index.keys().copied().collect();
    rpo.sort_by_key(|b| cfg.index[b]);
    let mut live_in: FxHashMap<Block, FxHashSet<Value>> = FxHashMap::default();
    // Values live after the terminator of `b` (what its successors read of the values they
    // do not define).
    let after_term = |live_in: &FxHashMap<Block, FxHashSet<Value>>, b: Block| {
        let mut live = FxHashSet::default();
        for t in body.blocks[b].successors() {
            if let Some(s) = live_in.get(&t.block) {
                let params = &body.blocks[t.block].params;
                live.extend(s.iter().copied().filter(|v| !params.contains(v)));
            }
        }
        live
    };
    let add_uses = |live: &mut FxHashSet<Value>, ops: Vec<&Operand>| {
        for op in ops {
            if let Operand::Value(v) = op {
                live.insert(*v);
            }
        }
    };
    // One backward walk over a block; `root` sees the live set after each safepoint site.
    let walk =
        |live_in: &FxHashMap<Block, FxHashSet<Value>>, b: Block, root: &mut dyn FnMut(&FxHashSet<Value>)| {
            let data = &body.blocks[b];
            let mut live = after_term(live_in, b);
            if safepoints.contains(&Site::Term(b)) {
                root(&live);
            }
            add_uses(&mut live, data.edge_operands());
            for &inst in data.insts.iter().rev() {
                if let Some(r) = body.insts[inst].result {
                    live.remove(&r);
                }
                if safepoints.contains(&Site::Inst(inst)) {
                    root(&live);
                }
                add_uses(&mut live, body.insts[inst].kind.operands());
            }
            for p in &data.params {
                live.remove(p);
            }
            live
        };
    let mut changed = true;
    while changed {
        changed = false;
        for &b in rpo.iter().rev() {
            let live = walk(&live_in, b, &mut |_| {});
            if live_in.get(&b) != Some(&live) {
                live_in.insert(b, live);
                changed = true;
            }
        }
    }
    let mut rooted = FxHashSet::default();
    for &b in &rpo {
        walk(&live_in, b, &mut |live| rooted.extend(live.iter().copied().filter(|&v| boxed(v))));
    }
    rooted
}

/// `base = [SP]; if base + bytes > [LIMIT] { throw StackOverflow }; [SP] = base + bytes`.
pub(crate) fn emit_reserve(
    fb: &mut walrus::FunctionBuilder,
    mem: MemoryId,
    throw_code: walrus::FunctionId,
    seq: InstrSeqId,
    base: LocalId,
    bytes: u32,
    span: u32,
) {
    let load = LoadKind::I32 { atomic: false };
    let sp = mem_arg(abi::SHADOW_SP_ADDR, 4);
    fb.instr_seq(seq)
        .i32_const(0)
        .load(mem, load, sp)
        .local_tee(base)
        .i32_const(bytes as i32)
        .binop(BinaryOp::I32Add)
        .i32_const(0)
        .load(mem, load, mem_arg(abi::SHADOW_LIMIT_ADDR, 4))
        .binop(BinaryOp::I32GtU)
        .if_else(
            None,
            |then| {
                then.i32_const(ErrorCode::StackOverflow as i32)
                    .i32_const(span as i32)
                    .call(throw_code)
                    .unreachable();
            },
            |_| {},
        )
        .i32_const(0)
        .local_get(base)
        .i32_const(bytes as i32)
        .binop(BinaryOp::I32Add)
        .store(mem, StoreKind::I32 { atomic: false }, sp);
}

/// `[SP] = base`: releases what was reserved from `base` on.
pub(crate) fn emit_release(fb: &mut walrus::FunctionBuilder, mem: MemoryId, seq: InstrSeqId, base: LocalId) {
    fb.instr_seq(seq).i32_const(0).local_get(base).store(
        mem,
        StoreKind::I32 { atomic: false },
        mem_arg(abi::SHADOW_SP_ADDR, 4),
    );
}

impl Emitter<'_> {
    /// Notes that a safepoint (a call that may allocate or run code) is emitted here.
    pub(crate) fn safepoint(&mut self) {
        self.gc.seen = true;
    }

    /// Starts a site: returns what the enclosing site had seen (for `end_site`).
    pub(crate) fn begin_site(&mut self) -> bool {
        std::mem::replace(&mut self.gc.seen, false)
    }

    /// Ends a site begun with `begin_site`: records it if it emitted a safepoint (which the
    /// enclosing site, if any, then contains too).
    pub(crate) fn end_site(&mut self, site: Site, outer: bool) {
        if self.gc.seen {
            self.gc.safepoints.insert(site);
        }
        self.gc.seen |= outer;
    }

    /// Emits code whose safepoints do not count for liveness: code that raises an error right
    /// after them (boxing a thrown value or a non-Bool condition), so nothing is used again.
    pub(crate) fn before_throw<T>(&mut self, f: impl FnOnce(&mut Self) -> T) -> T {
        let seen = self.gc.seen;
        let r = f(self);
        self.gc.seen = seen;
        r
    }

    /// `local.set local` of the value `v`, recorded so that the slot store can follow it if `v`
    /// turns out to be rooted.
    pub(crate) fn set_local(&mut self, seq: InstrSeqId, local: LocalId, v: Value) {
        self.fb.instr_seq(seq).local_set(local);
        if self.rep(v).vt == ValType::Boxed {
            let pos = self.fb.instr_seq(seq).instrs().len();
            self.gc.defs.push(Def { seq, pos, local, value: v });
        }
    }

    /// Emits the function's `return` (the result is on the stack), recorded for the frame's
    /// release.
    pub(crate) fn emit_return(&mut self, seq: InstrSeqId) {
        let pos = self.fb.instr_seq(seq).instrs().len();
        self.gc.returns.push((seq, pos));
        self.fb.instr_seq(seq).return_();
    }

    /// Whether pushing `op` as `to` may reach a safepoint: reading a global binding, or boxing
    /// a bits value.
    pub(crate) fn operand_allocates(&self, op: &Operand, to: Rep) -> bool {
        let from = self.operand_rep(op);
        let boxes = to.vt == ValType::Boxed && matches!(from.vt, ValType::I64 | ValType::F64 | ValType::F32);
        match op {
            Operand::Global(g) => self.cx.global_constant(g).is_none() || boxes,
            Operand::Value(_) => boxes,
            _ => false,
        }
    }

    /// Reserves a shadow-stack array for `ops` (all pushed boxed, as `boxed_rep` says) and
    /// fills it: first the operands that need no allocation, with 0 in the others' places, then
    /// the others in order, so every box already made is in the array when the next one is.
    /// Returns the local holding the array's address; `release` pops it.
    pub(crate) fn shadow_array(&mut self, seq: InstrSeqId, ops: &[Operand], span: u32) -> Result<LocalId> {
        let reps: Vec<Rep> = ops.iter().map(|op| self.boxed_rep(op)).collect();
        self.shadow_array_as(seq, ops, &reps, span)
    }

    fn shadow_array_as(
        &mut self,
        seq: InstrSeqId,
        ops: &[Operand],
        reps: &[Rep],
        span: u32,
    ) -> Result<LocalId> {
        let base = self.new_local(W::I32);
        let throw = self.import(crate::abi::imports::THROW_CODE);
        emit_reserve(&mut self.fb, self.mem, throw, seq, base, 4 * ops.len() as u32, span);
        let mem = self.mem;
        let st = StoreKind::I32 { atomic: false };
        let late: Vec<bool> = ops.iter().zip(reps).map(|(op, &r)| self.operand_allocates(op, r)).collect();
        for (i, (op, &rep)) in ops.iter().zip(reps).enumerate() {
            self.fb.instr_seq(seq).local_get(base);
            if late[i] {
                self.fb.instr_seq(seq).i32_const(0);
            } else {
                self.operand(seq, op, rep)?;
            }
            self.fb.instr_seq(seq).store(mem, st, mem_arg(4 * i as u32, 4));
        }
        for (i, (op, &rep)) in ops.iter().zip(reps).enumerate() {
            if late[i] {
                self.fb.instr_seq(seq).local_get(base);
                self.operand(seq, op, rep)?;
                self.fb.instr_seq(seq).store(mem, st, mem_arg(4 * i as u32, 4));
            }
        }
        Ok(base)
    }

    /// Pops a shadow-stack array (`shadow_array`).
    pub(crate) fn release(&mut self, seq: InstrSeqId, base: LocalId) {
        emit_release(&mut self.fb, self.mem, seq, base);
    }

    /// Pushes `ops` (as `reps`) on the wasm stack in order, never holding a box there across a
    /// safepoint of a later operand: when one would be (a boxed operand before one that
    /// allocates), the boxed operands go through a shadow-stack array first and are loaded
    /// from it, and the array is popped once all are pushed.
    pub(crate) fn push_operands(
        &mut self,
        seq: InstrSeqId,
        ops: &[Operand],
        reps: &[Rep],
        span: u32,
    ) -> Result<()> {
        let mut boxed_before = false;
        let mut hazard = false;
        for (op, &rep) in ops.iter().zip(reps) {
            if boxed_before && self.operand_allocates(op, rep) {
                hazard = true;
            }
            boxed_before |= rep.vt == ValType::Boxed;
        }
        if !hazard {
            for (op, &rep) in ops.iter().zip(reps) {
                self.operand(seq, op, rep)?;
            }
            return Ok(());
        }
        let boxed: Vec<usize> = (0..ops.len()).filter(|&i| reps[i].vt == ValType::Boxed).collect();
        let boxed_ops: Vec<Operand> = boxed.iter().map(|&i| ops[i].clone()).collect();
        let boxed_reps: Vec<Rep> = boxed.iter().map(|&i| reps[i]).collect();
        let base = self.shadow_array_as(seq, &boxed_ops, &boxed_reps, span)?;
        let mem = self.mem;
        for (i, (op, &rep)) in ops.iter().zip(reps).enumerate() {
            match boxed.iter().position(|&j| j == i) {
                Some(k) => {
                    self.fb.instr_seq(seq).local_get(base).load(
                        mem,
                        LoadKind::I32 { atomic: false },
                        mem_arg(4 * k as u32, 4),
                    );
                }
                None => self.operand(seq, op, rep)?,
            }
        }
        self.release(seq, base);
        Ok(())
    }

    /// After the body is emitted: which values need slots (`rooted_values`), then, if any do,
    /// the frame: its reservation and zeroing at entry (with the boxed parameters stored),
    /// a store into the slot after every write of a rooted value's local, and its release
    /// before every `return`.
    pub(crate) fn finish_frame(&mut self, cfg: &Cfg) {
        let gc = std::mem::take(&mut self.gc);
        let body = self.body;
        let rooted = rooted_values(body, cfg, &gc.safepoints, |v| self.rep(v).vt == ValType::Boxed);
        let mut slots: FxHashMap<LocalId, u32> = FxHashMap::default();
        let mut slot_of = |l: LocalId| {
            let n = slots.len() as u32;
            *slots.entry(l).or_insert(n)
        };
        let mut params = Vec::new();
        for i in 0..body.nargs() {
            let v = body.arg(i);
            if let (true, Some(&l)) = (rooted.contains(&v), self.locals.get(&v)) {
                params.push((l, slot_of(l)));
            }
        }
        let defs: Vec<(Def, u32)> =
            gc.defs.iter().filter(|d| rooted.contains(&d.value)).map(|d| (*d, slot_of(d.local))).collect();
        if slots.is_empty() {
            return;
        }
        let n = slots.len() as u32;
        let fp = self.new_local(W::I32);
        let mem = self.mem;
        let st = StoreKind::I32 { atomic: false };
        // Inserted from the last position of each sequence to the first, so the positions
        // recorded stay valid.
        enum Edit {
            Store(LocalId, u32),
            Release,
        }
        let mut edits: Vec<(InstrSeqId, usize, Edit)> =
            defs.into_iter().map(|(d, slot)| (d.seq, d.pos, Edit::Store(d.local, slot))).collect();
        edits.extend(gc.returns.iter().map(|&(seq, pos)| (seq, pos, Edit::Release)));
        edits.sort_by_key(|(seq, pos, _)| std::cmp::Reverse((seq.index(), *pos)));
        for (seq, pos, edit) in edits {
            let instrs: Vec<Instr> = match edit {
                Edit::Store(local, slot) => vec![
                    walrus::ir::LocalGet { local: fp }.into(),
                    walrus::ir::LocalGet { local }.into(),
                    walrus::ir::Store { memory: mem, kind: st, arg: mem_arg(4 * slot, 4) }.into(),
                ],
                Edit::Release => vec![
                    walrus::ir::Const { value: walrus::ir::Value::I32(0) }.into(),
                    walrus::ir::LocalGet { local: fp }.into(),
                    walrus::ir::Store { memory: mem, kind: st, arg: mem_arg(abi::SHADOW_SP_ADDR, 4) }.into(),
                ],
            };
            let mut b = self.fb.instr_seq(seq);
            for instr in instrs.into_iter().rev() {
                b.instr_at(pos, instr);
            }
        }
        // The frame at entry, in a `block` put first in the function.
        let prologue = self.fb.dangling_instr_seq(None).id();
        let throw = self.import(crate::abi::imports::THROW_CODE);
        let span = self.cx.span_id(body.blocks[body.entry()].term_span);
        emit_reserve(&mut self.fb, mem, throw, prologue, fp, 4 * n, span);
        let mut b = self.fb.instr_seq(prologue);
        for slot in (0..n).filter(|s| !params.iter().any(|(_, p)| p == s)) {
            b.local_get(fp).i32_const(0).store(mem, st, mem_arg(4 * slot, 4));
        }
        for (l, slot) in params {
            b.local_get(fp).local_get(l).store(mem, st, mem_arg(4 * slot, 4));
        }
        let top = self.fb.func_body_id();
        self.fb.instr_seq(top).instr_at(0, walrus::ir::Block { seq: prologue });
    }
}
