//! The lowering context: program-wide state (`Global`) and the state of the one body being
//! built (`Cx`): the current block, the scope stack, loop targets, and the helpers that emit
//! instructions. It does not decide what any syntax means; the other modules do.

use std::rc::Rc;

use ir::{Block, BlockTarget, Body, GlobalRef, InstFlags, InstKind, Operand, Slot, Terminator, Value};
use rustc_hash::{FxHashMap, FxHashSet};
use syntax::ast::Expr;
use types::ConstValue;

use crate::{Diagnostic, Severity};

/// State shared by every body of one file.
pub(crate) struct Global {
    pub module: Rc<str>,
    pub file_id: u32,
    pub diags: Vec<Diagnostic>,
    pub program: ir::LoweredProgram,
    /// Numbers the hidden keyword body functions (`#f#1`), as Julia does.
    pub kw_counter: u32,
    /// Names assigned or defined at top level by earlier statements: the "existing globals" of
    /// Julia's soft-scope warning.
    pub defined_globals: FxHashSet<String>,
    /// The closures' type and method definitions of the top-level statement being lowered,
    /// which run first in its thunk (`closure`).
    pub hoisted: Vec<(InstKind, syntax::Span)>,
    /// Numbers the closure types; starts where the session's earlier programs stopped.
    pub closure_counter: u32,
    /// The file's name and the byte offset of each line's start, for the `file:line` that
    /// `@test` reports (Julia's `__source__`).
    pub file_name: Rc<str>,
    pub line_starts: Vec<u32>,
}

impl Global {
    pub fn new(file_id: u32, module: &str) -> Global {
        Global {
            module: module.into(),
            file_id,
            diags: Vec::new(),
            program: ir::LoweredProgram::default(),
            kw_counter: 0,
            defined_globals: FxHashSet::default(),
            hoisted: Vec::new(),
            closure_counter: 0,
            file_name: "none".into(),
            line_starts: vec![0],
        }
    }

    /// `file:line` of a position (`none:1` when lowering was not told the file).
    pub fn file_line(&self, span: syntax::Span) -> String {
        let line = self.line_starts.partition_point(|&start| start <= span.start);
        format!("{}:{}", self.file_name, line.max(1))
    }

    pub fn span(&self, span: syntax::Span) -> ir::Span {
        ir::Span { file: self.file_id, start: span.start, end: span.end }
    }

    pub fn error(&mut self, span: syntax::Span, message: impl Into<String>) {
        let span = self.span(span);
        self.diags.push(Diagnostic { span, message: message.into(), severity: Severity::Error });
    }

    pub fn warning(&mut self, span: syntax::Span, message: impl Into<String>) {
        let span = self.span(span);
        self.diags.push(Diagnostic { span, message: message.into(), severity: Severity::Warning });
    }
}

/// A local variable: a slot, or an argument that is never assigned (read as its value).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Var {
    Slot(Slot),
    Arg(Value),
    /// A local captured by a closure and assigned after it is captured: the slot holds its
    /// `Core.Box` (`closure`).
    Boxed(Slot),
    /// In a closure's body, its `field`-th captured variable (`getfield(#self#, :name)`), the
    /// variable's value or, if `boxed`, its box.
    Captured {
        field: u32,
        boxed: bool,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum ScopeKind {
    /// Top level of a thunk.
    Global,
    /// A method body (hard scope).
    Function,
    /// `for` / `while` bodies (soft scopes).
    Soft,
    /// `let` (hard scope).
    Hard,
}

pub(crate) struct Scope {
    pub kind: ScopeKind,
    pub vars: FxHashMap<String, Var>,
    /// Names declared `global` in this scope.
    pub globals: FxHashSet<String>,
    /// Declared types of locals (`local x::T`, `x::T = v`): every assignment converts.
    pub typed: FxHashMap<String, Expr>,
    /// Locals introduced by this scope, in order (a loop body resets them each iteration).
    pub introduced: Vec<Slot>,
}

impl Scope {
    pub fn new(kind: ScopeKind) -> Scope {
        Scope {
            kind,
            vars: FxHashMap::default(),
            globals: FxHashSet::default(),
            typed: FxHashMap::default(),
            introduced: Vec::new(),
        }
    }
}

/// What a name refers to at one point of the program.
pub(crate) enum Resolved {
    Local(Var),
    Global,
}

pub(crate) struct LoopTargets {
    pub break_to: Block,
    pub continue_to: Block,
}

/// What leaving a `try` early (`return`, `break`, `continue`) must do on the way out.
#[derive(Clone)]
pub(crate) enum TryExit {
    /// Leaving a `catch` block: the exception stack goes back to the `try`'s depth.
    PopException { token: Operand, loops: usize },
    /// Leaving a `try` with `finally`: its body runs, outside the `try` (under `handler`).
    Finally { body: syntax::ast::Block, handler: Option<BlockTarget>, loops: usize },
}

impl TryExit {
    /// How many loops enclosed the `try` (a `break` runs the exits of the `try`s inside its
    /// loop).
    pub fn loops(&self) -> usize {
        match self {
            TryExit::PopException { loops, .. } | TryExit::Finally { loops, .. } => *loops,
        }
    }
}

/// How the value of an expression is used.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Want {
    Value,
    /// Only for its effects.
    Effect,
    /// The value is returned from the body.
    Tail,
}

/// The body being built.
pub(crate) struct Cx<'g> {
    pub g: &'g mut Global,
    pub body: Body,
    pub cur: Block,
    /// Whether `cur` still needs a terminator.
    pub open: bool,
    pub scopes: Vec<Scope>,
    pub loops: Vec<LoopTargets>,
    /// The objects that `end` refers to inside index brackets, innermost last, with the
    /// number of indices and the position of the index being lowered.
    pub end_stack: Vec<(Operand, usize, usize)>,
    /// `function f()::R`: every return converts to `R`.
    pub return_type: Option<Expr>,
    pub in_function: bool,
    /// The locals of this body that live in a `Core.Box` (`closure::boxed_names`).
    pub boxed: FxHashSet<String>,
    /// In a closure's body, the names of its captured variables (its fields).
    pub captures: Vec<String>,
    /// The function whose body this is, for naming its closures (`#f##0`).
    pub fn_name: Option<Rc<str>>,
    /// The handler of the `try` whose body is being lowered: every block placed gets it
    /// (`ir::BlockData::catch`).
    pub handler: Option<BlockTarget>,
    /// The `try`s being lowered, outermost first: what an early exit runs.
    pub exits: Vec<TryExit>,
    /// In a method body: its static parameters (`where T`), read as
    /// `Core._static_parameter(i)` (Julia's `Expr(:static_parameter, i)`).
    pub static_params: Vec<String>,
    /// While a signature or a type's fields are evaluated: the type parameters in scope,
    /// read as `Core._type_param(i, :T)`.
    pub type_params: Vec<String>,
    /// In a constructor inside a `struct`: the type `new` makes.
    pub new_type: Option<GlobalRef>,
}

impl<'g> Cx<'g> {
    pub fn new(g: &'g mut Global, body: Body, scope: Scope, in_function: bool) -> Cx<'g> {
        let cur = body.entry();
        Cx {
            g,
            body,
            cur,
            open: true,
            scopes: vec![scope],
            loops: Vec::new(),
            end_stack: Vec::new(),
            return_type: None,
            in_function,
            boxed: FxHashSet::default(),
            captures: Vec::new(),
            fn_name: None,
            handler: None,
            exits: Vec::new(),
            static_params: Vec::new(),
            type_params: Vec::new(),
            new_type: None,
        }
    }

    pub fn error(&mut self, span: syntax::Span, message: impl Into<String>) -> Operand {
        self.g.error(span, message);
        nothing()
    }

    // ---- instructions ----

    pub fn emit(&mut self, kind: InstKind, span: syntax::Span) -> Operand {
        let span = self.g.span(span);
        let inst = self.body.push_inst(self.cur, kind, span, true);
        Operand::Value(self.body.result(inst))
    }

    pub fn emit_void(&mut self, kind: InstKind, span: syntax::Span) {
        let span = self.g.span(span);
        self.body.push_inst(self.cur, kind, span, false);
    }

    pub fn call(&mut self, args: Vec<Operand>, span: syntax::Span) -> Operand {
        self.emit(InstKind::Call { args }, span)
    }

    /// A call whose callee lowering introduced (`Base.getindex`, `Core.tuple`): the callee is
    /// written inline, as Julia prints `Base.getindex(a, i)`.
    pub fn call_ref(
        &mut self,
        module: &str,
        name: &str,
        mut args: Vec<Operand>,
        span: syntax::Span,
    ) -> Operand {
        args.insert(0, gref(module, name));
        self.call(args, span)
    }

    pub fn call_with_flags(&mut self, args: Vec<Operand>, flags: InstFlags, span: syntax::Span) -> Operand {
        let v = self.call(args, span);
        if let Operand::Value(value) = &v {
            if let ir::ValueDef::Inst(inst) = self.body.value_def(*value) {
                self.body.flags.set(inst, flags);
            }
        }
        v
    }

    /// A global the user wrote: Julia 1.12 reads it in its own statement (`%1 = Main.:+`).
    pub fn read_global(&mut self, global: GlobalRef, span: syntax::Span) -> Operand {
        self.emit(InstKind::Operand(Operand::Global(global)), span)
    }

    pub fn store(&mut self, slot: Slot, value: Operand, span: syntax::Span) {
        // In a `try`, a block's assignments come first: an exception anywhere in it then sees
        // them all, and the handler's edge reads the locals as they are where it ends
        // (`ir::BlockData::catch`).
        if self.handler.is_some() && self.open {
            let insts = &self.body.blocks[self.cur].insts;
            if insts.iter().any(|&i| !matches!(self.body.insts[i].kind, InstKind::SlotStore { .. })) {
                let next = self.new_block();
                self.switch_to(next, span);
            }
        }
        self.emit_void(InstKind::SlotStore { slot, value }, span);
    }

    /// A temporary slot (printed `@_n`).
    pub fn temp_slot(&mut self) -> Slot {
        self.body.new_slot("")
    }

    // ---- blocks ----

    pub fn new_block(&mut self) -> Block {
        self.body.new_block()
    }

    /// Continues in `block`, placing it in the layout; an open current block falls through.
    pub fn switch_to(&mut self, block: Block, span: syntax::Span) {
        if self.open {
            self.terminate(Terminator::Jump(target(block)), span);
        }
        self.body.layout.push(block);
        self.body.blocks[block].catch = self.handler.clone();
        self.cur = block;
        self.open = true;
    }

    /// Ends the current block; code after it goes to a fresh block that nothing reaches
    /// (removed by `prune_unreachable`).
    pub fn terminate(&mut self, term: Terminator, span: syntax::Span) {
        let span = self.g.span(span);
        self.body.set_term(self.cur, term, span);
        self.open = false;
        let dead = self.body.new_block();
        self.body.blocks[dead].catch = self.handler.clone();
        self.body.layout.push(dead);
        self.cur = dead;
        // A dead block is "closed": nothing should fall out of it into a real block.
        self.open = false;
    }

    pub fn jump(&mut self, block: Block, span: syntax::Span) {
        self.terminate(Terminator::Jump(target(block)), span);
    }

    /// `goto else_block if not cond`, else continue in `then_block`.
    pub fn branch(&mut self, cond: Operand, then_block: Block, else_block: Block, span: syntax::Span) {
        let term = Terminator::Branch { cond, then_dest: target(then_block), else_dest: target(else_block) };
        self.terminate(term, span);
    }

    // ---- scopes ----

    pub fn resolve(&self, name: &str) -> Resolved {
        for scope in self.scopes.iter().rev() {
            if let Some(var) = scope.vars.get(name) {
                return Resolved::Local(*var);
            }
            if scope.globals.contains(name) {
                return Resolved::Global;
            }
        }
        Resolved::Global
    }

    pub fn is_local(&self, name: &str) -> bool {
        matches!(self.resolve(name), Resolved::Local(_))
    }

    /// The declared type of a local, from the scope that owns it.
    pub fn declared_type(&self, name: &str) -> Option<Expr> {
        for scope in self.scopes.iter().rev() {
            if scope.vars.contains_key(name) {
                return scope.typed.get(name).cloned();
            }
        }
        None
    }

    pub fn global_ref(&self, name: &str) -> GlobalRef {
        GlobalRef::new(&self.g.module, name)
    }
}

pub(crate) fn target(block: Block) -> BlockTarget {
    BlockTarget { block, args: vec![] }
}

pub(crate) fn gref(module: &str, name: &str) -> Operand {
    Operand::Global(GlobalRef::new(module, name))
}

pub(crate) fn nothing() -> Operand {
    Operand::Const(ConstValue::nothing())
}

pub(crate) fn sym(name: &str) -> Operand {
    Operand::Const(ConstValue::Symbol(name.into()))
}

pub(crate) fn int(n: i64) -> Operand {
    Operand::Const(ConstValue::Int(n))
}
