//! Structured control flow from a reducible CFG, following Norman Ramsey, "Beyond Relooper:
//! Recursive Translation of Unstructured Control Flow to Structured Control Flow" (ICFP 2022):
//! walk the dominator tree; a loop header becomes a `loop`; each merge-node child of a block
//! gets an enclosing `block` that it follows; a forward edge to a non-merge child is inlined; every
//! other edge is a `br` to the label of its target. No dispatcher loop, no `br_table`.
//! Block parameters are locals assigned at each jump (all arguments are read before any is
//! written, so parallel moves are safe). It does not lower instructions (`inst`).

use ir::{Block, BlockTarget, Operand, Terminator};
use walrus::ir::{Instr, InstrSeqId};

use crate::abi::{imports, ErrorCode, ValType};
use crate::emit::{Emitter, Rep, Result};
use crate::gc::Site;
use crate::CodegenError;
use ir::cfg::Cfg;

/// The syntactic context of the code being emitted (innermost last): what a `br` can reach.
#[derive(Clone, Copy)]
enum Ctx {
    /// A `block` whose end is followed by the code of this merge node.
    BlockFollowedBy(Block, InstrSeqId),
    /// A `loop` whose start is this loop header.
    LoopHeadedBy(Block, InstrSeqId),
    IfThenElse,
}

impl Emitter<'_> {
    /// Emits the whole body into the function's body sequence.
    pub fn emit_body(&mut self, cfg: &Cfg) -> Result<()> {
        let seq = self.fb.func_body_id();
        if self.cx.count_steps() {
            self.steps = ir::steps::StepPlan::with_cfg(self.body, cfg, self.cx.types());
        }
        self.emit_tree(cfg, seq)?;
        self.finish_frame(cfg);
        Ok(())
    }

    /// Emits the body's blocks into `seq`.
    fn emit_tree(&mut self, cfg: &Cfg, seq: InstrSeqId) -> Result<()> {
        let mut ctx = Vec::new();
        self.do_tree(cfg, seq, self.body.entry(), &mut ctx)?;
        // Every path ended in `return`, `br` or `unreachable`; tell the validator.
        self.fb.instr_seq(seq).unreachable();
        Ok(())
    }

    /// The span of a block's first instruction (of its terminator if it has none).
    fn block_span(&mut self, block: Block) -> u32 {
        let span = self.body.block_span(block);
        self.span_id(span)
    }

    fn do_tree(&mut self, cfg: &Cfg, seq: InstrSeqId, x: Block, ctx: &mut Vec<Ctx>) -> Result<()> {
        let mut merges: Vec<Block> =
            cfg.children[&x].iter().copied().filter(|&c| cfg.is_merge_node(c)).collect();
        // The merge child latest in RPO gets the outermost block (its code comes last).
        merges.sort_by_key(|b| std::cmp::Reverse(cfg.index[b]));
        // Code here runs when control enters `x` from outside its loop (if it heads one).
        if cfg.is_loop_header(x) {
            let span = self.span_id(self.body.blocks[x].term_span);
            let visits = self.enter_loop(seq, x, span)?;
            let inner = self.fb.dangling_instr_seq(None).id();
            self.fb.instr_seq(seq).instr(Instr::Loop(walrus::ir::Loop { seq: inner }));
            self.count_loop_step(inner, visits, span);
            ctx.push(Ctx::LoopHeadedBy(x, inner));
            self.node_within(cfg, inner, x, &merges, ctx)?;
            ctx.pop();
            self.fb.instr_seq(seq).unreachable();
            Ok(())
        } else {
            if self.steps.is_charge_point(x) {
                let span = self.block_span(x);
                self.count_step(seq, span);
            }
            self.node_within(cfg, seq, x, &merges, ctx)
        }
    }

    fn node_within(
        &mut self,
        cfg: &Cfg,
        seq: InstrSeqId,
        x: Block,
        merges: &[Block],
        ctx: &mut Vec<Ctx>,
    ) -> Result<()> {
        if let Some((&y, rest)) = merges.split_first() {
            let inner = self.fb.dangling_instr_seq(None).id();
            self.fb.instr_seq(seq).instr(Instr::Block(walrus::ir::Block { seq: inner }));
            ctx.push(Ctx::BlockFollowedBy(y, inner));
            self.node_within(cfg, inner, x, rest, ctx)?;
            ctx.pop();
            return self.do_tree(cfg, seq, y, ctx);
        }
        match &self.body.blocks[x].catch {
            Some(handler) => self.guarded(cfg, seq, x, handler, ctx)?,
            None => {
                for &inst in &self.body.blocks[x].insts {
                    self.inst(seq, inst)?;
                }
            }
        }
        self.terminator(cfg, seq, x, ctx)
    }

    /// The instructions of `x`, a block in a `try`, and its branch condition, inside a
    /// `try_table` whose landing goes to the handler (see `abi`, "Exceptions"):
    /// `block $ok (block $landing (try_table (catch $exception $landing) ...) br $ok)
    /// <restore; handler edge> end`.
    fn guarded(
        &mut self,
        cfg: &Cfg,
        seq: InstrSeqId,
        x: Block,
        handler: &BlockTarget,
        ctx: &mut Vec<Ctx>,
    ) -> Result<()> {
        let ok = self.fb.dangling_instr_seq(None).id();
        // The landing receives the tag's payload (the exception's box), which it drops: the
        // handler reads the exception stack.
        let landing = self.fb.dangling_instr_seq(walrus::ValType::I32).id();
        let body_seq = self.fb.dangling_instr_seq(None).id();
        let tag = self.imports.tag(self.module);
        for &inst in &self.body.blocks[x].insts {
            self.inst(body_seq, inst)?;
        }
        if let Terminator::Branch { cond, .. } = &self.body.blocks[x].term {
            let span = self.span_id(self.body.blocks[x].term_span);
            let c = self.new_local(walrus::ValType::I32);
            self.condition(body_seq, cond, span)?;
            self.fb.instr_seq(body_seq).local_set(c);
            self.branch_condition = Some(c);
        }
        let catches = vec![walrus::ir::TryTableCatch::Catch { tag, label: landing }];
        self.fb
            .instr_seq(landing)
            .instr(Instr::TryTable(walrus::ir::TryTable { seq: body_seq, catches }))
            .br(ok);
        self.fb.instr_seq(ok).instr(Instr::Block(walrus::ir::Block { seq: landing })).drop();
        // Caught: the state of the calls in progress goes back to this activation's.
        let (sp, depth) = self.try_state();
        let mem = self.mem;
        let store = walrus::ir::StoreKind::I32 { atomic: false };
        self.fb
            .instr_seq(ok)
            .i32_const(0)
            .local_get(sp)
            .store(mem, store, crate::emit::mem_arg(crate::abi::SHADOW_SP_ADDR, 4))
            .i32_const(0)
            .local_get(depth)
            .store(mem, store, crate::emit::mem_arg(crate::abi::DEPTH_ADDR, 4));
        let span = self.block_span(handler.block);
        self.edge_args(ok, x, handler, span)?;
        self.do_branch(cfg, ok, x, handler.block, ctx)?;
        self.fb.instr_seq(seq).instr(Instr::Block(walrus::ir::Block { seq: ok }));
        Ok(())
    }

    fn terminator(&mut self, cfg: &Cfg, seq: InstrSeqId, x: Block, ctx: &mut Vec<Ctx>) -> Result<()> {
        let body = self.body;
        let span = self.span_id(body.blocks[x].term_span);
        match &body.blocks[x].term {
            Terminator::Return(op) => {
                let ret = Rep::of(self.cx.types(), self.sig.ret);
                let outer = self.begin_site();
                let pushed = self.operand(seq, op, ret);
                self.end_site(Site::Term(x), outer);
                pushed?;
                self.emit_return(seq);
            }
            Terminator::Unreachable => self.throw_code(seq, ErrorCode::Unreachable, span),
            Terminator::Jump(t) => {
                self.edge_args(seq, x, t, span)?;
                self.do_branch(cfg, seq, x, t.block, ctx)?;
            }
            Terminator::Branch { cond, then_dest, else_dest } => {
                match self.branch_condition.take() {
                    Some(c) => {
                        self.fb.instr_seq(seq).local_get(c);
                    }
                    None => self.condition(seq, cond, span)?,
                }
                let then_seq = self.fb.dangling_instr_seq(None).id();
                let else_seq = self.fb.dangling_instr_seq(None).id();
                // `if (not cond) else_dest else then_dest`: Cranelift lays out the `else` arm of an
                // `if` right after the test, and `then_dest` is the block Julia's lowering falls
                // through to (a loop's body, with the exit as the jump), so the hot path of a loop
                // runs with one taken branch per iteration instead of two.
                self.fb
                    .instr_seq(seq)
                    .unop(walrus::ir::UnaryOp::I32Eqz)
                    .instr(Instr::IfElse(walrus::ir::IfElse { consequent: else_seq, alternative: then_seq }));
                ctx.push(Ctx::IfThenElse);
                for (arm, dest) in [(then_seq, then_dest), (else_seq, else_dest)] {
                    self.edge_args(arm, x, dest, span)?;
                    self.do_branch(cfg, arm, x, dest.block, ctx)?;
                }
                ctx.pop();
                self.fb.instr_seq(seq).unreachable();
            }
        }
        Ok(())
    }

    fn do_branch(
        &mut self,
        cfg: &Cfg,
        seq: InstrSeqId,
        from: Block,
        to: Block,
        ctx: &mut Vec<Ctx>,
    ) -> Result<()> {
        if cfg.is_backward(from, to) || cfg.is_merge_node(to) {
            let label = ctx.iter().rev().find_map(|c| match *c {
                Ctx::BlockFollowedBy(b, l) | Ctx::LoopHeadedBy(b, l) if b == to => Some(l),
                _ => None,
            });
            let label = label.ok_or_else(|| {
                CodegenError::InvalidBody(format!(
                    "no enclosing label for the edge {from:?} -> {to:?} (irreducible?)"
                ))
            })?;
            self.fb.instr_seq(seq).br(label);
            Ok(())
        } else {
            self.do_tree(cfg, seq, to, ctx)
        }
    }

    /// Assigns the target's block parameters: push every argument, then pop into the params.
    /// Boxing an argument is a safepoint of `from`'s terminator (`gc::Site::Term`).
    fn edge_args(&mut self, seq: InstrSeqId, from: Block, t: &BlockTarget, span: u32) -> Result<()> {
        let params = self.body.blocks[t.block].params.clone();
        if params.len() != t.args.len() {
            return Err(CodegenError::InvalidBody(format!("wrong number of arguments for {:?}", t.block)));
        }
        let reps: Vec<Rep> = params.iter().map(|&p| self.rep(p)).collect();
        let outer = self.begin_site();
        let pushed = self.push_operands(seq, &t.args, &reps, span);
        self.end_site(Site::Term(from), outer);
        pushed?;
        for &p in params.iter().rev() {
            if let Some(&l) = self.locals.get(&p) {
                self.set_local(seq, l, p);
            }
        }
        Ok(())
    }

    /// Pushes a branch condition as an i32, checking at run time that a boxed one is a Bool.
    pub(crate) fn condition(&mut self, seq: InstrSeqId, cond: &Operand, span: u32) -> Result<()> {
        let rep = self.operand_rep(cond);
        match rep.vt {
            ValType::I32 => self.operand(seq, cond, Rep::BOOL),
            ValType::Boxed => {
                let t = self.new_local(walrus::ValType::I32);
                self.operand(seq, cond, rep)?;
                self.fb.instr_seq(seq).local_set(t);
                self.check_bool(seq, t, span);
                self.fb.instr_seq(seq).local_get(t);
                self.coerce(seq, rep, Rep::BOOL)
            }
            _ => {
                // Statically not a Bool: box it so the error can name its type.
                let t = self.new_local(walrus::ValType::I32);
                let boxed = self.boxed_rep(cond);
                self.before_throw(|em| em.operand(seq, cond, boxed))?;
                self.fb.instr_seq(seq).local_set(t);
                self.check_bool(seq, t, span);
                self.fb.instr_seq(seq).i32_const(0);
                Ok(())
            }
        }
    }

    /// `throw_code(code, span)` then `unreachable`.
    pub fn throw_code(&mut self, seq: InstrSeqId, code: ErrorCode, span: u32) {
        let f = self.import(imports::THROW_CODE);
        self.fb.instr_seq(seq).i32_const(code as i32).i32_const(span as i32).call(f).unreachable();
    }
}
