//! The reference interpreter: runs a `Body` (SSA or slot form) statement by statement, the
//! oracle that differential tests hold the wasm engines against.
//!
//! It evaluates intrinsics itself (`eval::eval_intrinsic`) and control flow; everything that
//! needs the heap, the world or dispatch goes through the `Machine` trait the runtime
//! implements. It does not dispatch, allocate, or know how errors print.

use types::{CodeInstanceId, ConstValue, Ty};

use crate::entity::EntityId;
use crate::eval::{eval_intrinsic, IntrinsicError};
use crate::steps::{self, LoopSteps, StepPlan, LOOP_STEP_BATCH};
use crate::{
    Block, Body, Builtin, CallInfo, GlobalRef, Inst, InstKind, MethodDef, Operand, Span, Terminator, TypeDef,
};
use crate::{RtValue, Value};

/// A running frame's values and slots, shared with the machine while the frame runs so that a
/// garbage collector can see the boxes it holds (`Machine::push_frame`).
pub type FrameRoots = std::rc::Rc<[std::cell::Cell<Option<RtValue>>]>;

/// An exception in flight: the thrown Julia value (usually the address of an exception box).
/// The interpreter never looks inside; it only propagates it to the caller of `interpret`.
#[derive(Clone, Copy, PartialEq, Debug)]
pub struct Thrown(pub RtValue);

/// What the interpreter asks of the runtime. `span` is the source location of the statement
/// being run, for error messages and stack traces.
pub trait Machine {
    /// Materializes a constant operand (boxing strings, types, tuples as needed).
    fn constant(&mut self, c: &ConstValue) -> RtValue;
    /// Reads a global binding (`UndefVarError` if it has no value).
    fn global_get(&mut self, g: &GlobalRef, span: Span) -> Result<RtValue, Thrown>;
    fn global_set(&mut self, g: &GlobalRef, value: RtValue, constant: bool, span: Span)
        -> Result<(), Thrown>;
    fn declare_global(&mut self, g: &GlobalRef, span: Span) -> Result<(), Thrown>;
    /// Runs a builtin that is not an intrinsic; `args` excludes the function itself.
    fn call_builtin(&mut self, b: Builtin, args: &[RtValue], span: Span) -> Result<RtValue, Thrown>;
    /// A generic call: `args[0]` is the function; dispatch is the runtime's.
    fn call_dynamic(&mut self, args: &[RtValue], span: Span) -> Result<RtValue, Thrown>;
    /// A direct call of a CodeInstance: `args[0]` is the function, as in Julia's `:invoke`.
    fn invoke(&mut self, ci: CodeInstanceId, args: &[RtValue], span: Span) -> Result<RtValue, Thrown>;
    /// `%new(T, fields...)`; `ty` is the type as a value.
    fn new_struct(&mut self, ty: RtValue, fields: &[RtValue], span: Span) -> Result<RtValue, Thrown>;
    /// The builtin a callee value is, if it is one (so intrinsics run here, not in the runtime).
    fn as_builtin(&mut self, f: RtValue) -> Option<Builtin>;
    /// The type a value denotes, if it is a type (the target of `sitofp(Float64, x)`).
    fn as_type(&mut self, v: RtValue) -> Option<Ty>;
    /// `DivideError()`.
    fn throw_divide_error(&mut self, span: Span) -> Thrown;
    /// ``TypeError: non-boolean (T) used in boolean context`` for a branch on `cond`.
    fn throw_non_boolean(&mut self, cond: RtValue, span: Span) -> Thrown;
    /// ``UndefVarError: `name` not defined in local scope``.
    fn throw_undef_local(&mut self, name: &str, span: Span) -> Thrown;
    /// Any other error (`ErrorException(message)`): bad intrinsic arguments, wrong arity,
    /// reaching `unreachable`.
    fn throw_error(&mut self, message: &str, span: Span) -> Thrown;
    /// Whether the body records where it is (a top-level thunk's, for the `top-level scope`
    /// line of an error report): then `note_position` is told the statement of every
    /// instruction that may raise or run code (`steps::is_pure` is false) before it runs.
    fn tracks_position(&self) -> bool {
        false
    }
    /// The statement (`Body::statement_span`) about to run, when `tracks_position`.
    fn note_position(&mut self, _span: Span) {}
    /// Charges `amount` steps against the budget (where `steps::StepPlan` says); when they
    /// exceed what is left, the budget becomes -1 and the step-limit error is raised.
    fn charge_steps(&mut self, amount: u64, span: Span) -> Result<(), Thrown>;
    /// Before a call that adds `weight` frames (`steps::call_weight`): fails with
    /// `StackOverflowError` when that passes the depth limit ...
    /// `inst` of `body` is the call (the site a stack trace shows for this frame).
    fn enter_frames(&mut self, weight: u32, body: &Body, inst: Inst) -> Result<(), Thrown>;
    /// ... and after it, however it ended, if `enter_frames` succeeded.
    fn leave_frames(&mut self, weight: u32);
    /// The frame about to run holds its values in `roots` until the matching `pop_frame`
    /// (a collector must treat the boxes in it as roots). Values the interpreter passes to
    /// the machine's calls are the machine's to root for the call.
    fn push_frame(&mut self, roots: FrameRoots);
    fn pop_frame(&mut self);
    /// `Expr(:method)` in a top-level thunk, with its argument types (and method table)
    /// evaluated; `arg_types` ends with the upper bounds of `def.type_params`.
    fn define_method(
        &mut self,
        def: &MethodDef,
        arg_types: &[RtValue],
        method_table: Option<RtValue>,
        span: Span,
    ) -> Result<(), Thrown>;
    /// The depth of the task's exception stack (the token of an `Enter`).
    fn exception_depth(&mut self) -> u32;
    /// `pop_exception`: the exception stack goes back to `depth`.
    fn pop_exception(&mut self, depth: u32);
    /// `the_exception()`: the exception on top of the stack.
    fn current_exception(&mut self, span: Span) -> Result<RtValue, Thrown>;
    /// An instruction of `body` that is not a call raised `thrown` (so the raise happened in
    /// this frame, at `inst`): the machine may note where, for the stack trace.
    fn raised_at(&mut self, _body: &Body, _inst: Inst) {}
    /// Whether `thrown` may be caught by a handler: a language error may, the run's end (an
    /// internal error, the step limit) may not.
    fn catchable(&mut self, thrown: &Thrown) -> bool;
    /// A struct or abstract type definition, with its supertype and field types evaluated.
    fn define_type(
        &mut self,
        def: &TypeDef,
        supertype: Option<RtValue>,
        field_types: &[Option<RtValue>],
        span: Span,
    ) -> Result<(), Thrown>;
}

/// The values of a statement's operands: most statements have few, kept on the stack.
type Values = smallvec::SmallVec<[RtValue; 6]>;

/// A constant that is an immediate run-time value (numbers and Bools), made without the
/// machine.
fn immediate(c: &ConstValue) -> Option<RtValue> {
    Some(match c {
        ConstValue::Int(x) => RtValue::Int(*x),
        ConstValue::UInt(x) => RtValue::UInt(*x),
        ConstValue::Float(x) => RtValue::Float(x.0),
        ConstValue::Bool(b) => RtValue::Bool(*b),
        _ => return None,
    })
}

/// The value an `Operand::Undef` holds: never observed (an `UndefCheck` guards every use).
pub const UNDEF_PLACEHOLDER: RtValue = RtValue::Ref(0);

/// Runs intrinsic `b` on run-time values (conversions take their target type as the first
/// value), raising its errors through the machine. The interpreter and the runtime's
/// `call_builtin` import both call this.
pub fn call_intrinsic(
    m: &mut dyn Machine,
    b: Builtin,
    args: &[RtValue],
    span: Span,
) -> Result<RtValue, Thrown> {
    let (type_arg, values) = match (b.takes_type_arg(), args.split_first()) {
        (true, Some((&ty, rest))) => (m.as_type(ty), rest),
        _ => (None, args),
    };
    match eval_intrinsic(b, values, type_arg) {
        Ok(v) => Ok(v),
        Err(IntrinsicError::DivideError) => Err(m.throw_divide_error(span)),
        Err(IntrinsicError::BadArguments(what)) => {
            Err(m.throw_error(&format!("{}: expected {what}", b.name()), span))
        }
        Err(IntrinsicError::NotIntrinsic) => {
            Err(m.throw_error(&format!("{} is not an intrinsic", b.name()), span))
        }
    }
}

/// Runs `body` on `args` (`args[0]` is the function itself) and returns its result, charging
/// the step budget as `steps` (the body's plan, `StepPlan::new`) says.
pub fn interpret(
    m: &mut dyn Machine,
    body: &Body,
    steps: &StepPlan,
    args: &[RtValue],
) -> Result<RtValue, Thrown> {
    let span = body.block_span(body.entry());
    let mut frame = Frame::new(body, steps, args, m.tracks_position());
    m.push_frame(frame.cells.clone());
    let result = frame.run(m, span);
    m.pop_frame();
    result
}

/// How a block is left normally.
enum Exit<'a> {
    Return(RtValue),
    To(&'a crate::BlockTarget),
}

struct Frame<'a> {
    body: &'a Body,
    steps: &'a StepPlan,
    /// Header visits since the entry of each batched loop running (`steps::LoopSteps::Batched`).
    visits: Vec<(Block, u32)>,
    args: &'a [RtValue],
    /// The values, then the slots.
    cells: FrameRoots,
    /// `Machine::tracks_position`.
    positions: bool,
}

impl<'a> Frame<'a> {
    fn new(body: &'a Body, steps: &'a StepPlan, args: &'a [RtValue], positions: bool) -> Frame<'a> {
        let n = body.values.len() + body.slots.len();
        let cells = (0..n).map(|_| std::cell::Cell::new(None)).collect();
        Frame { body, steps, visits: Vec::new(), args, cells, positions }
    }

    fn set_value(&self, v: Value, x: RtValue) {
        self.cells[v.index()].set(Some(x));
    }

    fn slot(&self, index: usize) -> Option<&std::cell::Cell<Option<RtValue>>> {
        (index < self.body.slots.len()).then(|| &self.cells[self.body.values.len() + index])
    }

    fn run(&mut self, m: &mut dyn Machine, span: Span) -> Result<RtValue, Thrown> {
        let body = self.body;
        if self.args.len() != body.nargs() {
            let msg = format!("interpreter: {} arguments for a body of {}", self.args.len(), body.nargs());
            return Err(m.throw_error(&msg, span));
        }
        for (i, &a) in self.args.iter().enumerate() {
            self.set_value(body.arg(i), a);
        }
        let mut block = body.entry();
        let mut from = None;
        loop {
            self.charge(m, from, block)?;
            let data = &body.blocks[block];
            let (target, args) = match self.block(m, block) {
                Ok(Some(Exit::Return(v))) => return Ok(v),
                Ok(Some(Exit::To(t))) => (t.block, &t.args),
                Ok(None) => return Err(m.throw_error("reached unreachable code", data.term_span)),
                // An exception in a `try` block continues at its handler, with the edge's
                // arguments as they were when the block started (see `BlockData::catch`).
                Err(thrown) => match &data.catch {
                    Some(handler) if m.catchable(&thrown) => (handler.block, &handler.args),
                    _ => return Err(thrown),
                },
            };
            self.assign_params(m, target, args, data.term_span)?;
            from = Some(block);
            block = target;
        }
    }

    /// Runs the instructions and the terminator of `block`: where control goes next (`None`
    /// at `unreachable`).
    fn block(&mut self, m: &mut dyn Machine, block: Block) -> Result<Option<Exit<'a>>, Thrown> {
        let body = self.body;
        for &inst in &body.blocks[block].insts {
            self.run_inst(m, inst)?;
        }
        let data = &body.blocks[block];
        let span = data.term_span;
        Ok(Some(match &data.term {
            Terminator::Return(op) => Exit::Return(self.operand(m, op, span)?),
            Terminator::Unreachable => return Ok(None),
            Terminator::Jump(t) => Exit::To(t),
            Terminator::Branch { cond, then_dest, else_dest } => match self.operand(m, cond, span)? {
                RtValue::Bool(true) => Exit::To(then_dest),
                RtValue::Bool(false) => Exit::To(else_dest),
                other => return Err(m.throw_non_boolean(other, span)),
            },
        }))
    }

    /// Block arguments are read first and assigned after, as a parallel copy.
    fn assign_params(
        &mut self,
        m: &mut dyn Machine,
        target: Block,
        args: &[Operand],
        span: Span,
    ) -> Result<(), Thrown> {
        let params = &self.body.blocks[target].params;
        if params.len() != args.len() {
            return Err(m.throw_error("interpreter: block argument count mismatch", span));
        }
        let values = self.operands(m, args, span)?;
        for (&p, v) in params.iter().zip(values) {
            self.set_value(p, v);
        }
        Ok(())
    }

    /// The steps charged on entering `block` from `from` (`None` at the body's entry), with
    /// its parameters assigned: a loop's entry step, its iterations or a batch of its header
    /// visits, or the activation's step at a charge point (`steps`).
    fn charge(&mut self, m: &mut dyn Machine, from: Option<Block>, block: Block) -> Result<(), Thrown> {
        let body = self.body;
        let Some(the_loop) = self.steps.loops.get(&block) else {
            if self.steps.is_charge_point(block) {
                m.charge_steps(1, body.block_span(block))?;
            }
            return Ok(());
        };
        let span = body.blocks[block].term_span;
        let entering = from.is_none_or(|f| !the_loop.blocks.contains(&f));
        let counted = matches!(the_loop.steps, LoopSteps::Counted(_));
        if entering {
            match the_loop.parent {
                Some(parent) if counted => {
                    self.visit_batched(m, self.steps.visit_count(parent), false, span)?
                }
                // A batched loop's first visit is counted with the loop around it, below.
                Some(_) => {}
                None => m.charge_steps(1, span)?,
            }
        }
        match &the_loop.steps {
            LoopSteps::Counted(counted) if entering => {
                let start = self.value(m, counted.counter, span)?;
                let bound = self.operand(m, &counted.bound, span)?;
                let (RtValue::Int(start), RtValue::Int(bound)) = (start, bound) else {
                    return Err(m.throw_error("interpreter: a counted loop's counter is not an Int64", span));
                };
                m.charge_steps(steps::iterations(counted, start, bound), span)
            }
            LoopSteps::Counted(_) => Ok(()),
            LoopSteps::Batched => {
                let count = self.steps.visit_count(block);
                self.visit_batched(m, count, entering && count == block, span)
            }
        }
    }

    /// One more visit counted by the batched loop `header` (`StepPlan::visit_count`; counting
    /// from 0 again when `entering` it), charging a batch at every `LOOP_STEP_BATCH`-th.
    fn visit_batched(
        &mut self,
        m: &mut dyn Machine,
        header: Block,
        entering: bool,
        span: Span,
    ) -> Result<(), Thrown> {
        let index = match self.visits.iter().position(|&(h, _)| h == header) {
            Some(i) => i,
            None => {
                self.visits.push((header, 0));
                self.visits.len() - 1
            }
        };
        let visits = &mut self.visits[index].1;
        if entering {
            *visits = 0;
        }
        *visits += 1;
        if *visits == LOOP_STEP_BATCH {
            *visits = 0;
            return m.charge_steps(u64::from(LOOP_STEP_BATCH), span);
        }
        Ok(())
    }

    fn operand(&mut self, m: &mut dyn Machine, op: &Operand, span: Span) -> Result<RtValue, Thrown> {
        match op {
            Operand::Value(v) => self.value(m, *v, span),
            Operand::Slot(s) => match self.slot(s.index()).and_then(|c| c.get()) {
                Some(v) => Ok(v),
                None => {
                    let name = self.body.slots.get(*s).map(|d| d.name.clone()).unwrap_or_default();
                    Err(m.throw_undef_local(&name, span))
                }
            },
            Operand::Const(c) => Ok(immediate(c).unwrap_or_else(|| m.constant(c))),
            Operand::Global(g) => m.global_get(g, span),
            Operand::Undef => Ok(UNDEF_PLACEHOLDER),
        }
    }

    fn value(&self, m: &mut dyn Machine, v: Value, span: Span) -> Result<RtValue, Thrown> {
        match self.cells.get(v.index()).and_then(|c| c.get()) {
            Some(x) => Ok(x),
            None => Err(m.throw_error(&format!("interpreter: {v:?} read before it is defined"), span)),
        }
    }

    fn operands(&mut self, m: &mut dyn Machine, ops: &[Operand], span: Span) -> Result<Values, Thrown> {
        let mut values = Values::new();
        for op in ops {
            values.push(self.operand(m, op, span)?);
        }
        Ok(values)
    }

    fn run_inst(&mut self, m: &mut dyn Machine, inst: Inst) -> Result<(), Thrown> {
        let body = self.body;
        let span = body.spans.get(inst).copied().unwrap_or_default();
        if self.positions && !steps::is_pure(body, inst) {
            m.note_position(body.statement_span(inst));
        }
        let result = match steps::call_weight(body, inst) {
            None => match self.inst_value(m, inst, span) {
                Ok(r) => r,
                Err(thrown) => {
                    m.raised_at(body, inst);
                    return Err(thrown);
                }
            },
            // A call that may run code: its frames count against the depth limit while it runs.
            Some(weight) => {
                m.enter_frames(weight, body, inst)?;
                let result = self.inst_value(m, inst, span);
                m.leave_frames(weight);
                result?
            }
        };
        if let (Some(v), Some(r)) = (body.insts[inst].result, result) {
            self.set_value(v, r);
        }
        Ok(())
    }

    /// What `inst` computes (`None` for a statement without a value).
    fn inst_value(&mut self, m: &mut dyn Machine, inst: Inst, span: Span) -> Result<Option<RtValue>, Thrown> {
        let body = self.body;
        Ok(match &body.insts[inst].kind {
            InstKind::Operand(op) => Some(self.operand(m, op, span)?),
            InstKind::Call { args } => Some(self.call(m, inst, args, span)?),
            InstKind::Invoke { ci, args } => {
                let args = self.operands(m, args, span)?;
                Some(m.invoke(*ci, &args, span)?)
            }
            InstKind::New { ty, args } => {
                let ty = self.operand(m, ty, span)?;
                let fields = self.operands(m, args, span)?;
                Some(m.new_struct(ty, &fields, span)?)
            }
            InstKind::SlotStore { slot, value } => {
                let v = self.operand(m, value, span)?;
                if let Some(cell) = self.slot(slot.index()) {
                    cell.set(Some(v));
                }
                None
            }
            InstKind::SetGlobal { global, value, constant } => {
                let v = self.operand(m, value, span)?;
                m.global_set(global, v, *constant, span)?;
                None
            }
            InstKind::DeclareGlobal { global } => {
                m.declare_global(global, span)?;
                None
            }
            InstKind::UndefCheck { defined, name } => match self.operand(m, defined, span)? {
                RtValue::Bool(true) => None,
                RtValue::Bool(false) => return Err(m.throw_undef_local(name, span)),
                other => return Err(m.throw_non_boolean(other, span)),
            },
            InstKind::Method(def) => {
                // The `where` bounds ride after the argument types (`MethodDef::type_params`).
                let mut arg_types = self.operands(m, &def.arg_types, span)?;
                for (_, bound) in &def.type_params {
                    arg_types.push(self.operand(m, bound, span)?);
                }
                let table = def.method_table.as_ref().map(|t| self.operand(m, t, span)).transpose()?;
                m.define_method(def, &arg_types, table, span)?;
                None
            }
            InstKind::Enter { .. } => Some(RtValue::Int(i64::from(m.exception_depth()))),
            InstKind::PopException { token } => {
                let RtValue::Int(depth) = self.operand(m, token, span)? else {
                    return Err(m.throw_error("interpreter: an exception token is not an Int64", span));
                };
                m.pop_exception(depth as u32);
                None
            }
            InstKind::TheException => Some(m.current_exception(span)?),
            // `run_inst` checked its frames (`steps::call_weight`); there is nothing to run.
            InstKind::StackCheck => None,
            InstKind::Type(def) => {
                let supertype = def.supertype.as_ref().map(|t| self.operand(m, t, span)).transpose()?;
                let mut fields = vec![];
                for (_, ty) in def.fields.iter().flatten() {
                    fields.push(ty.as_ref().map(|t| self.operand(m, t, span)).transpose()?);
                }
                m.define_type(def, supertype, &fields, span)?;
                None
            }
        })
    }

    /// A call: intrinsics run here, other builtins in the machine, the rest dispatch.
    fn call(
        &mut self,
        m: &mut dyn Machine,
        inst: Inst,
        args: &[Operand],
        span: Span,
    ) -> Result<RtValue, Thrown> {
        let Some((callee, rest)) = args.split_first() else {
            return Err(m.throw_error("interpreter: call without a callee", span));
        };
        let known = match (self.body.infos.get(inst).and_then(CallInfo::builtin), callee) {
            (Some(b), _) => Some(b),
            (_, Operand::Const(ConstValue::Builtin(id))) => Builtin::from_id(*id),
            _ => None,
        };
        let (builtin, callee_value) = match known {
            Some(b) => (Some(b), None),
            None => {
                let f = self.operand(m, callee, span)?;
                (m.as_builtin(f), Some(f))
            }
        };
        match (builtin, callee_value) {
            (Some(b), _) if b.is_intrinsic() => self.intrinsic(m, b, rest, span),
            (Some(b), _) => {
                let values = self.operands(m, rest, span)?;
                m.call_builtin(b, &values, span)
            }
            (None, f) => {
                let mut values = Values::new();
                values.push(f.unwrap_or(UNDEF_PLACEHOLDER));
                for op in rest {
                    values.push(self.operand(m, op, span)?);
                }
                m.call_dynamic(&values, span)
            }
        }
    }

    fn intrinsic(
        &mut self,
        m: &mut dyn Machine,
        b: Builtin,
        args: &[Operand],
        span: Span,
    ) -> Result<RtValue, Thrown> {
        let values = self.operands(m, args, span)?;
        call_intrinsic(m, b, &values, span)
    }
}
