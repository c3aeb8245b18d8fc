//! The IR of one function body (or top-level thunk): SSA values, instructions in basic blocks
//! with parameters, and side tables for what later stages learn about each instruction.
//!
//! Lowering emits *slot form*: locals are `Slot`s read through `Operand::Slot` and written by
//! `InstKind::SlotStore`, like Julia's lowered `CodeInfo` (so `@code_lowered` prints like Julia).
//! `ssa::construct_ssa` turns slots into block parameters before inference; every later stage
//! sees pure SSA. Block parameters print as Julia's `φ` nodes.

use std::rc::Rc;

use types::{CodeInstanceId, ConstValue, Lattice, MethodInstanceId, Ty};

use crate::entity::{entity, Arena, SideTable};

entity!(
    /// An SSA value: a function argument, an instruction's result or a block parameter.
    Value,
    "v"
);
entity!(
    /// An instruction.
    Inst,
    "inst"
);
entity!(
    /// A basic block.
    Block,
    "block"
);
entity!(
    /// A named local variable before SSA construction.
    Slot,
    "slot"
);

/// Where a value comes from.
#[derive(serde::Serialize, serde::Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
pub enum ValueDef {
    /// Argument `n`; argument 0 is the function itself (`#self#`).
    Arg(u32),
    Inst(Inst),
    /// Parameter `n` of a block (a `φ` node).
    Param(Block, u32),
}

/// A source location: a byte range in one source file (the prelude or the user's program).
#[derive(serde::Serialize, serde::Deserialize, Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
pub struct Span {
    pub file: u32,
    pub start: u32,
    pub end: u32,
}

/// A global binding, printed `Main.x`, `Base.sin`, `Core.getfield`.
#[derive(serde::Serialize, serde::Deserialize, Clone, PartialEq, Eq, Hash, Debug)]
pub struct GlobalRef {
    pub module: Rc<str>,
    pub name: Rc<str>,
}

impl GlobalRef {
    pub fn new(module: &str, name: &str) -> GlobalRef {
        GlobalRef { module: module.into(), name: name.into() }
    }
}

/// An instruction argument: Julia's IR arguments are SSA values, slots, literals and global refs.
#[derive(serde::Serialize, serde::Deserialize, Clone, PartialEq, Eq, Debug)]
pub enum Operand {
    Value(Value),
    /// Only in slot form (before SSA construction).
    Slot(Slot),
    Const(ConstValue),
    Global(GlobalRef),
    /// The value of a local on a path where it was never assigned (made by SSA construction).
    /// Never observed: an `UndefCheck` guards every use that may see it. Inference types it
    /// `Union{}`; engines may hold any placeholder.
    Undef,
}

impl From<Value> for Operand {
    fn from(v: Value) -> Operand {
        Operand::Value(v)
    }
}

/// A method definition that a top-level thunk performs when it runs (Julia's `Expr(:method)`).
#[derive(serde::Serialize, serde::Deserialize, Clone, PartialEq, Debug)]
pub struct MethodDef {
    /// The binding that holds the generic function (created if missing).
    pub name: GlobalRef,
    /// The declared argument types after the function itself, evaluated when the thunk runs.
    pub arg_types: Vec<Operand>,
    /// The last argument collects the rest into a tuple (`xs...`); its type operand is the
    /// element type of the `Vararg`.
    pub is_vararg: bool,
    /// Index of the body in `LoweredProgram::methods`.
    pub body: u32,
    /// `@inline` (`Some(true)`) / `@noinline` (`Some(false)`) on the definition.
    pub inline: Option<bool>,
    /// `@overlay MT f(...) = ...`: the method table to add to instead of the global one.
    pub method_table: Option<Operand>,
    /// A method of callable objects (`(f::T)(x) = ...`, a closure's): `arg_types[0]` is the
    /// type of `#self#`, and `name` only names the method.
    pub self_type: bool,
    /// `where` parameters: names, and upper bounds evaluated when the thunk runs. The
    /// argument types mention them (`Core._type_param(i, :T)`).
    pub type_params: Vec<(Rc<str>, Operand)>,
}

/// A struct or abstract type definition performed by a top-level thunk.
#[derive(serde::Serialize, serde::Deserialize, Clone, PartialEq, Debug)]
pub struct TypeDef {
    pub name: GlobalRef,
    pub supertype: Option<Operand>,
    /// `None` for `abstract type`.
    pub fields: Option<Vec<(Rc<str>, Option<Operand>)>>,
    pub mutable: bool,
    /// A closure's type (`TypeStore::define_closure`): the fields are the captured variables,
    /// typed by the type's parameters.
    pub closure: bool,
    /// A parametric type's parameter names (`struct Point{T}`); its field types and supertype
    /// mention them (`Core._type_param(i, :T)`).
    pub params: Vec<Rc<str>>,
}

#[derive(serde::Serialize, serde::Deserialize, Clone, PartialEq, Debug)]
pub enum InstKind {
    /// The value of an operand (`%1 = Main.f` in lowered code).
    Operand(Operand),
    /// A generic call: `args[0]` is the callee. Inference records how it resolves in
    /// `Body::infos`; the optimizer may turn it into `Invoke`.
    Call { args: Vec<Operand> },
    /// A direct call of a known CodeInstance (Julia's `Expr(:invoke)`), `args[0]` the callee.
    Invoke { ci: CodeInstanceId, args: Vec<Operand> },
    /// `%new(T, args...)`: allocate a struct of type `ty` (a constant type after inference).
    New { ty: Operand, args: Vec<Operand> },
    /// `x = value` in slot form; produces no value.
    SlotStore { slot: Slot, value: Operand },
    /// `global x = value`; produces no value.
    SetGlobal { global: GlobalRef, value: Operand, constant: bool },
    /// Declares a global binding (`global x` at top level); produces no value.
    DeclareGlobal { global: GlobalRef },
    /// Throws ``UndefVarError: `name` not defined in local scope`` unless `defined` (a Bool) is
    /// true. SSA construction inserts it where a local may be read before it is assigned, with a
    /// Bool φ that tracks whether the local is assigned; produces no value.
    UndefCheck { defined: Operand, name: Rc<str> },
    /// Defines a method (top-level thunks only); produces no value.
    Method(Box<MethodDef>),
    /// Defines a type (top-level thunks only); produces no value.
    Type(Box<TypeDef>),
    /// `enter #catch` (Julia's `EnterNode`): a `try` begins. Its value is the token that
    /// `PopException` restores: the depth of the task's exception stack now. Which code the
    /// `try` covers is not this instruction's business: each block of the `try` body names
    /// its handler (`BlockData::catch`), `catch` here is for printing.
    Enter { catch: Block },
    /// `pop_exception(token)`: the exception stack goes back to its depth at the `Enter` that
    /// made `token` (the end of a `catch` block); produces no value.
    PopException { token: Operand },
    /// `the_exception()`: the exception being handled (the top of the exception stack).
    TheException,
    /// `stack_check()`: raises `StackOverflowError` where a call made here would (its frames,
    /// `steps::call_weight`, would take the depth past the limit), without calling; produces
    /// no value. The optimizer puts one where it runs a self call's callee in the caller (a
    /// peeled base case, an unrolled copy: opt's `peel` and `unroll`), so the recursion depth
    /// at which a run stops does not depend on those passes (README, "Recursion depth").
    StackCheck,
}

impl InstKind {
    /// The operands this instruction reads, in order.
    pub fn operands(&self) -> Vec<&Operand> {
        match self {
            InstKind::Operand(op) => vec![op],
            InstKind::Call { args } | InstKind::Invoke { args, .. } => args.iter().collect(),
            InstKind::New { ty, args } => std::iter::once(ty).chain(args).collect(),
            InstKind::SlotStore { value, .. } | InstKind::SetGlobal { value, .. } => vec![value],
            InstKind::UndefCheck { defined, .. } => vec![defined],
            InstKind::DeclareGlobal { .. }
            | InstKind::Enter { .. }
            | InstKind::TheException
            | InstKind::StackCheck => vec![],
            InstKind::PopException { token } => vec![token],
            InstKind::Method(def) => def
                .arg_types
                .iter()
                .chain(&def.method_table)
                .chain(def.type_params.iter().map(|(_, b)| b))
                .collect(),
            InstKind::Type(def) => {
                let fields = def.fields.iter().flatten().filter_map(|(_, t)| t.as_ref());
                def.supertype.iter().chain(fields).collect()
            }
        }
    }

    pub fn operands_mut(&mut self) -> Vec<&mut Operand> {
        match self {
            InstKind::Operand(op) => vec![op],
            InstKind::Call { args } | InstKind::Invoke { args, .. } => args.iter_mut().collect(),
            InstKind::New { ty, args } => std::iter::once(ty).chain(args.iter_mut()).collect(),
            InstKind::SlotStore { value, .. } | InstKind::SetGlobal { value, .. } => vec![value],
            InstKind::UndefCheck { defined, .. } => vec![defined],
            InstKind::DeclareGlobal { .. }
            | InstKind::Enter { .. }
            | InstKind::TheException
            | InstKind::StackCheck => vec![],
            InstKind::PopException { token } => vec![token],
            InstKind::Method(def) => def
                .arg_types
                .iter_mut()
                .chain(def.method_table.iter_mut())
                .chain(def.type_params.iter_mut().map(|(_, b)| b))
                .collect(),
            InstKind::Type(def) => {
                let fields = def.fields.iter_mut().flatten().filter_map(|(_, t)| t.as_mut());
                def.supertype.iter_mut().chain(fields).collect()
            }
        }
    }
}

#[derive(serde::Serialize, serde::Deserialize, Clone, PartialEq, Debug)]
pub struct InstData {
    pub kind: InstKind,
    /// The value this instruction defines, if it produces one.
    pub result: Option<Value>,
}

#[derive(serde::Serialize, serde::Deserialize, Clone, PartialEq, Debug)]
pub struct BlockTarget {
    pub block: Block,
    pub args: Vec<Operand>,
}

#[derive(serde::Serialize, serde::Deserialize, Clone, PartialEq, Debug)]
pub enum Terminator {
    Jump(BlockTarget),
    /// `goto #else if not cond`, then `then`.
    Branch {
        cond: Operand,
        then_dest: BlockTarget,
        else_dest: BlockTarget,
    },
    Return(Operand),
    /// Control never gets here (after a call that always throws).
    Unreachable,
}

impl Terminator {
    pub fn targets(&self) -> Vec<&BlockTarget> {
        match self {
            Terminator::Jump(t) => vec![t],
            Terminator::Branch { then_dest, else_dest, .. } => vec![then_dest, else_dest],
            Terminator::Return(_) | Terminator::Unreachable => vec![],
        }
    }

    pub fn targets_mut(&mut self) -> Vec<&mut BlockTarget> {
        match self {
            Terminator::Jump(t) => vec![t],
            Terminator::Branch { then_dest, else_dest, .. } => vec![then_dest, else_dest],
            Terminator::Return(_) | Terminator::Unreachable => vec![],
        }
    }

    /// Every operand the terminator reads (condition, returned value, block arguments).
    pub fn operands(&self) -> Vec<&Operand> {
        match self {
            Terminator::Jump(t) => t.args.iter().collect(),
            Terminator::Branch { cond, then_dest, else_dest } => {
                std::iter::once(cond).chain(&then_dest.args).chain(&else_dest.args).collect()
            }
            Terminator::Return(op) => vec![op],
            Terminator::Unreachable => vec![],
        }
    }

    pub fn operands_mut(&mut self) -> Vec<&mut Operand> {
        match self {
            Terminator::Jump(t) => t.args.iter_mut().collect(),
            Terminator::Branch { cond, then_dest, else_dest } => std::iter::once(cond)
                .chain(then_dest.args.iter_mut())
                .chain(else_dest.args.iter_mut())
                .collect(),
            Terminator::Return(op) => vec![op],
            Terminator::Unreachable => vec![],
        }
    }
}

#[derive(serde::Serialize, serde::Deserialize, Clone, PartialEq, Debug)]
pub struct BlockData {
    pub params: Vec<Value>,
    pub insts: Vec<Inst>,
    pub term: Terminator,
    pub term_span: Span,
    /// The handler of the `try` this block is in: an exception raised by one of its
    /// instructions or its terminator continues there instead of leaving the body. The edge's
    /// arguments are read at the start of the block (SSA construction gives each `try` block
    /// its assignments first, so they are also the values when anything in it raises), and a
    /// collector must keep them alive until the block ends.
    pub catch: Option<BlockTarget>,
}

impl BlockData {
    /// Every edge out of the block: the terminator's, then the exceptional edge to its
    /// handler.
    pub fn successors(&self) -> Vec<&BlockTarget> {
        let mut all = self.term.targets();
        all.extend(self.catch.as_ref());
        all
    }

    pub fn successors_mut(&mut self) -> Vec<&mut BlockTarget> {
        let mut all = self.term.targets_mut();
        all.extend(self.catch.as_mut());
        all
    }

    /// Every operand the terminator reads, then the handler edge's arguments.
    pub fn edge_operands(&self) -> Vec<&Operand> {
        let mut all = self.term.operands();
        all.extend(self.catch.iter().flat_map(|c| &c.args));
        all
    }

    /// The operands the block's edges pass, terminator's then handler's.
    pub fn edge_operands_mut(&mut self) -> Vec<&mut Operand> {
        let mut all = self.term.operands_mut();
        if let Some(c) = self.catch.as_mut() {
            all.extend(c.args.iter_mut());
        }
        all
    }
}

#[derive(serde::Serialize, serde::Deserialize, Clone, PartialEq, Debug)]
pub struct SlotData {
    pub name: Rc<str>,
}

/// How inference resolved a call site; the optimizer consumes it and never redoes dispatch.
#[derive(serde::Serialize, serde::Deserialize, Clone, PartialEq, Debug)]
pub enum CallInfo {
    /// Resolved at run time by dynamic dispatch.
    Dynamic,
    /// A builtin or intrinsic, run directly.
    Builtin(crate::Builtin),
    /// Dispatch selects exactly this method instance for every possible argument; `ci` is the
    /// CodeInstance inference made or found for it in the caller's owner, if any.
    Static { mi: MethodInstanceId, ci: Option<CodeInstanceId> },
    /// `invoke(f, ci, args...)` of a constant CodeInstance.
    InvokeCodeInstance { ci: CodeInstanceId },
    /// The call always throws (no method matches, an ambiguity, a failed check); the error is
    /// raised at run time by the generic path.
    Throws,
    /// `Core._apply_iterate([iterate,] f, tuples...)` whose collections are tuples of known
    /// length: `call` is the info of the flattened call `f(elements...)`. `iterate` says whether
    /// the call's first argument after the builtin is `Base.iterate` (so `f` is the next one).
    /// The optimizer rewrites the call into a direct call of `f` on `Core.getfield(t, i)`.
    ApplyIterate { call: Box<CallInfo>, iterate: bool },
}

impl CallInfo {
    /// The builtin the call site calls, if it is one (`_apply_iterate` for `ApplyIterate`):
    /// what printers and engines should look at instead of matching `Builtin(b)` only.
    pub fn builtin(&self) -> Option<crate::Builtin> {
        match self {
            CallInfo::Builtin(b) => Some(*b),
            CallInfo::ApplyIterate { .. } => Some(crate::Builtin::ApplyIterate),
            _ => None,
        }
    }

    /// The CodeInstance the optimizer may turn this call into a direct invoke of (looking
    /// through `ApplyIterate`): what must be optimized before the caller (post-order).
    pub fn code_instance(&self) -> Option<CodeInstanceId> {
        match self {
            CallInfo::Static { ci, .. } => *ci,
            CallInfo::InvokeCodeInstance { ci } => Some(*ci),
            CallInfo::ApplyIterate { call, .. } => call.code_instance(),
            _ => None,
        }
    }
}

/// Facts about one instruction.
#[derive(serde::Serialize, serde::Deserialize, Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct InstFlags {
    /// Cannot throw.
    pub nothrow: bool,
    /// Has no side effects (may be removed if unused, given `nothrow`).
    pub effect_free: bool,
    /// `@inline` / `@noinline` at the call site.
    pub inline: Option<bool>,
}

/// One inlined call site: the callee's body was copied in place of a call made at
/// `call_span`, itself inside the inlined call `parent` (or the body's own code).
#[derive(serde::Serialize, serde::Deserialize, Clone, PartialEq, Debug)]
pub struct InlineFrame {
    pub callee: CodeInstanceId,
    pub call_span: Span,
    pub parent: Option<u32>,
}

/// One function body (a method's source, or a top-level thunk).
#[derive(serde::Serialize, serde::Deserialize, Clone, PartialEq, Debug, Default)]
pub struct Body {
    /// Argument names; argument 0 is the function itself (`#self#`). `None` prints `_n`.
    pub arg_names: Vec<Option<Rc<str>>>,
    /// The last argument is a `Vararg` tuple.
    pub is_vararg: bool,
    pub slots: Arena<Slot, SlotData>,
    pub values: Arena<Value, ValueDef>,
    pub insts: Arena<Inst, InstData>,
    pub blocks: Arena<Block, BlockData>,
    /// Block order; the first block is the entry.
    pub layout: Vec<Block>,
    /// Inferred lattice element of each value (typed IR).
    pub types: SideTable<Value, Lattice>,
    pub spans: SideTable<Inst, Span>,
    pub infos: SideTable<Inst, CallInfo>,
    pub flags: SideTable<Inst, InstFlags>,
    /// The calls the optimizer inlined into this body (Julia's debuginfo: each inlined
    /// instruction keeps its own source position in `spans` and, here, the chain of call sites
    /// it was inlined through).
    pub inline_frames: Vec<InlineFrame>,
    /// The innermost inlined call an instruction came from (an index into `inline_frames`);
    /// none for the body's own instructions.
    pub inlined_at: SideTable<Inst, u32>,
    /// The same for each block's terminator: a `return` or `goto` copied from an inlined
    /// callee sits in that callee's frame (`set_term` clears it; code that moves a
    /// terminator moves its frame too).
    pub term_inlined_at: SideTable<Block, u32>,
    /// The declared argument types of the method (for printing `x::Int64` in reflection);
    /// empty for top-level thunks.
    pub arg_types: Vec<Ty>,
    /// What each local variable (slot) was assigned, kept by SSA construction: a variable's
    /// type is the join of its values' (Julia's `slottypes`, which `@code_warntype` lists as
    /// its Locals).
    pub slot_assignments: Vec<(Slot, Operand)>,
}

impl Body {
    /// The inlined calls `inst` sits in, innermost first (empty for the body's own code).
    pub fn inline_chain(&self, inst: Inst) -> impl Iterator<Item = &InlineFrame> + '_ {
        self.frames_from(self.inlined_at.get(inst).copied())
    }

    /// Frame `first` and its parents, innermost first.
    fn frames_from(&self, first: Option<u32>) -> impl Iterator<Item = &InlineFrame> + '_ {
        let mut next = first;
        std::iter::from_fn(move || {
            let frame = self.inline_frames.get(next? as usize)?;
            next = frame.parent;
            Some(frame)
        })
    }

    /// Where `inst` is in this body's own source: its span, or, for an inlined instruction, the
    /// call it was inlined from that this body made (the line a stack trace shows for this
    /// body's frame).
    pub fn statement_span(&self, inst: Inst) -> Span {
        match self.inline_chain(inst).last() {
            Some(outermost) => outermost.call_span,
            None => self.spans.get(inst).copied().unwrap_or_default(),
        }
    }

    /// How many inlined calls `inst` sits in: the frames a stack trace shows for it beyond the
    /// body's own.
    pub fn inline_depth(&self, inst: Inst) -> u32 {
        self.inline_chain(inst).count() as u32
    }

    /// Where block `b` starts in this body's own source: its first instruction's statement
    /// (`statement_span`), or its terminator's span when it has none (where a charge or an
    /// error at the block's entry is reported).
    pub fn block_span(&self, b: Block) -> Span {
        let data = &self.blocks[b];
        data.insts.first().map_or(data.term_span, |&i| self.statement_span(i))
    }

    /// A body with `nargs` arguments (including `#self#`) and an empty entry block.
    pub fn new(arg_names: Vec<Option<Rc<str>>>) -> Body {
        let mut body = Body { arg_names, ..Body::default() };
        for i in 0..body.arg_names.len() {
            body.values.push(ValueDef::Arg(i as u32));
        }
        let entry = body.new_block();
        body.layout.push(entry);
        body
    }

    pub fn nargs(&self) -> usize {
        self.arg_names.len()
    }

    /// The value of argument `n` (argument values are created first, in order).
    /// An operand's lattice element in typed IR (`argextype`): a value's inferred type, a
    /// constant itself, `Union{}` for `Undef`; `Any` for a global, a slot or an untyped value.
    pub fn operand_lattice(&self, op: &Operand) -> Lattice {
        match op {
            Operand::Value(v) => self.types.get(*v).cloned().unwrap_or(Lattice::ANY),
            Operand::Const(c) => Lattice::Const(c.clone()),
            Operand::Undef => Lattice::BOTTOM,
            Operand::Global(_) | Operand::Slot(_) => Lattice::ANY,
        }
    }

    pub fn arg(&self, n: usize) -> Value {
        Value(n as u32)
    }

    pub fn entry(&self) -> Block {
        self.layout[0]
    }

    /// Creates a block that is not yet placed in the layout.
    pub fn new_block(&mut self) -> Block {
        self.blocks.push(BlockData {
            params: vec![],
            insts: vec![],
            term: Terminator::Unreachable,
            term_span: Span::default(),
            catch: None,
        })
    }

    pub fn add_block_param(&mut self, block: Block) -> Value {
        let n = self.blocks[block].params.len() as u32;
        let v = self.values.push(ValueDef::Param(block, n));
        self.blocks[block].params.push(v);
        v
    }

    pub fn new_slot(&mut self, name: &str) -> Slot {
        self.slots.push(SlotData { name: name.into() })
    }

    /// Appends an instruction to `block`; `produces_value` says whether it defines a value.
    pub fn push_inst(&mut self, block: Block, kind: InstKind, span: Span, produces_value: bool) -> Inst {
        let inst = self.insts.push(InstData { kind, result: None });
        if produces_value {
            let v = self.values.push(ValueDef::Inst(inst));
            self.insts[inst].result = Some(v);
        }
        self.spans.set(inst, span);
        self.blocks[block].insts.push(inst);
        inst
    }

    /// The value an instruction defines. Panics if it defines none (a bug in the caller).
    pub fn result(&self, inst: Inst) -> Value {
        self.insts[inst].result.expect("instruction defines no value")
    }

    pub fn set_term(&mut self, block: Block, term: Terminator, span: Span) {
        self.blocks[block].term = term;
        self.blocks[block].term_span = span;
        self.term_inlined_at.remove(block);
    }

    /// The inlined calls block `b`'s terminator sits in, innermost first.
    pub fn term_inline_chain(&self, b: Block) -> impl Iterator<Item = &InlineFrame> + '_ {
        self.frames_from(self.term_inlined_at.get(b).copied())
    }

    pub fn value_def(&self, v: Value) -> ValueDef {
        self.values[v]
    }

    pub fn value_type(&self, v: Value) -> Option<&Lattice> {
        self.types.get(v)
    }

    /// Predecessors of every block in layout order (a block listed once per edge).
    pub fn predecessors(&self) -> SideTable<Block, Vec<Block>> {
        let mut preds: SideTable<Block, Vec<Block>> = SideTable::default();
        for &b in &self.layout {
            preds.set(b, preds.get(b).cloned().unwrap_or_default());
        }
        for &b in &self.layout {
            for t in self.blocks[b].successors() {
                let mut list = preds.remove(t.block).unwrap_or_default();
                list.push(b);
                preds.set(t.block, list);
            }
        }
        preds
    }
}

/// The lowered form of a whole program: top-level thunks run in order, and the method bodies
/// their `Method` instructions refer to.
#[derive(Clone, PartialEq, Debug, Default)]
pub struct LoweredProgram {
    pub thunks: Vec<Body>,
    pub methods: Vec<LoweredMethod>,
}

#[derive(Clone, PartialEq, Debug)]
pub struct LoweredMethod {
    /// The function's name, for printing (`f`, `+`, `#f#1`).
    pub name: Rc<str>,
    /// Slot form body; argument 0 is the function.
    pub body: Body,
    pub span: Span,
}
