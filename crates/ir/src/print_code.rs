//! `@code_typed` / `@code_lowered` text of a `Body`, laid out like Julia 1.12's `show_ir`
//! (Compiler/src/ssair/show.jl: `show_ir_stmt`, `print_stmt`; julia-formats.md §4).
//!
//! Julia numbers statements by position; this IR has none, so numbering happens here, over the
//! layout: each block prints its parameters as `φ` nodes, then its instructions, then its
//! terminator. A `Jump` to the next block in the layout is a fallthrough and prints nothing
//! (unless the block would be empty); a `Branch` whose `then` block is not next gets an extra
//! one-statement block `goto #then`, as Julia's CFG would have. Each printed line can be traced
//! back to its statement (`PrintedIr`), and `debuginfo=:source` annotations come from
//! `print_debuginfo`.

use rustc_hash::FxHashMap;
use types::Lattice;

use crate::print::{global_repr, is_operator, slot_names, PrintContext};
use crate::print_debuginfo::{LineInfoPrinter, SourceFrame};
use crate::{Block, Body, BuiltinKind, CallInfo, Inst, InstKind, Operand, Terminator, Value, ValueDef};
use crate::{BlockTarget, Builtin};

/// `@code_typed` text: `CodeInfo(\n...\n) => T`, with `::T` after every value.
pub fn print_typed(body: &Body, rettype: &Lattice, cx: &dyn PrintContext) -> String {
    print_typed_lines(body, rettype, cx, None).text
}

/// `@code_typed` text with the statement each line prints; with `debuginfo` (a statement's
/// source frames, outermost first), `@code_typed debuginfo=:source`'s line-info annotations.
pub fn print_typed_lines(
    body: &Body,
    rettype: &Lattice,
    cx: &dyn PrintContext,
    debuginfo: Option<&dyn Fn(StmtRef) -> Vec<SourceFrame>>,
) -> PrintedIr {
    let mut lines = vec![("CodeInfo(".to_string(), None)];
    lines.extend(Printer::new(body, cx, true).statements(debuginfo));
    lines.push((format!(") => {}", cx.lattice_name(rettype)), None));
    PrintedIr::from_lines(lines)
}

/// `@code_lowered` text of a slot-form body: `CodeInfo(\n...\n)`, no types.
pub fn print_lowered(body: &Body, cx: &dyn PrintContext) -> String {
    let mut lines = vec![("CodeInfo(".to_string(), None)];
    lines.extend(Printer::new(body, cx, false).statements(None));
    lines.push((")".to_string(), None));
    PrintedIr::from_lines(lines).text
}

/// The IR part of `@code_warntype` (stdlib/InteractiveUtils codeview.jl
/// `print_warntype_codeinfo`): the statements without `CodeInfo(`, calls without their labels,
/// and a type only after a value that is used, as `annotate` writes it (`::T`, emphasized when
/// it is not concrete).
pub fn print_warntype_ir(
    body: &Body,
    cx: &dyn PrintContext,
    annotate: &dyn Fn(&Lattice) -> String,
) -> String {
    let mut p = Printer::new(body, cx, true);
    p.annotate = Some(annotate);
    let mut text = PrintedIr::from_lines(p.statements(None)).text;
    text.push('\n');
    text
}

/// A statement as the printer shows it: a block parameter (a `φ` node), an instruction, or a
/// block's terminator (`goto`, `return`, `unreachable`, and the extra `goto` Julia's CFG
/// has after a branch whose `then` block does not follow).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum StmtRef {
    Phi(Value),
    Inst(Inst),
    Term(Block),
}

/// Printed IR: the text, and per line of it the statement the line prints (none for the
/// `CodeInfo(` and closing lines and the line-info annotations).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PrintedIr {
    pub text: String,
    pub lines: Vec<Option<StmtRef>>,
}

impl PrintedIr {
    fn from_lines(lines: Vec<(String, Option<StmtRef>)>) -> PrintedIr {
        let text = lines.iter().map(|(l, _)| l.as_str()).collect::<Vec<_>>().join("\n");
        PrintedIr { text, lines: lines.into_iter().map(|(_, s)| s).collect() }
    }
}

/// One printed statement.
enum Stmt<'a> {
    Phi(Value),
    Inst(Inst),
    Goto(usize),
    GotoIfNot(&'a Operand, usize),
    Return(&'a Operand),
    Unreachable,
}

struct PBlock<'a> {
    /// The IR block it prints; the extra `goto` block after a branch prints its terminator.
    ir_block: Option<Block>,
    stmts: Vec<Stmt<'a>>,
    /// Printed numbers (1-based) of the predecessor blocks, one per edge.
    preds: Vec<usize>,
}

struct Printer<'a> {
    body: &'a Body,
    cx: &'a dyn PrintContext,
    typed: bool,
    names: Vec<String>,
    blocks: Vec<PBlock<'a>>,
    /// Printed number (1-based) of each IR block.
    number: FxHashMap<Block, usize>,
    /// Incoming edges of each IR block: (printed predecessor, arguments).
    edges: FxHashMap<Block, Vec<(usize, &'a [Operand])>>,
    /// Statement id of every φ and instruction result.
    ssa: FxHashMap<Value, usize>,
    /// `@code_warntype`: how a used value's type is written; calls print without labels.
    annotate: Option<&'a dyn Fn(&Lattice) -> String>,
}

impl<'a> Printer<'a> {
    fn new(body: &'a Body, cx: &'a dyn PrintContext, typed: bool) -> Printer<'a> {
        let args: Vec<Option<&str>> = body.arg_names.iter().map(|n| n.as_deref()).collect();
        let slots: Vec<&str> = body.slots.iter().map(|(_, s)| &*s.name).collect();
        let mut p = Printer {
            body,
            cx,
            typed,
            names: slot_names(&args, &slots),
            blocks: vec![],
            number: FxHashMap::default(),
            edges: FxHashMap::default(),
            ssa: FxHashMap::default(),
            annotate: None,
        };
        p.number_blocks();
        p.build_blocks();
        p
    }

    fn needs_extra_goto(&self, pos: usize) -> bool {
        let b = self.body.layout[pos];
        match &self.body.blocks[b].term {
            Terminator::Branch { then_dest, .. } => self.body.layout.get(pos + 1) != Some(&then_dest.block),
            _ => false,
        }
    }

    fn number_blocks(&mut self) {
        let mut next = 1;
        for pos in 0..self.body.layout.len() {
            self.number.insert(self.body.layout[pos], next);
            next += if self.needs_extra_goto(pos) { 2 } else { 1 };
        }
    }

    fn add_edge(&mut self, from: usize, target: &'a BlockTarget) {
        self.edges.entry(target.block).or_default().push((from, &target.args));
    }

    fn build_blocks(&mut self) {
        let body = self.body;
        // Edges first: φ nodes need every incoming edge.
        for (pos, &b) in body.layout.iter().enumerate() {
            let me = self.number[&b];
            match &body.blocks[b].term {
                Terminator::Jump(t) => self.add_edge(me, t),
                Terminator::Branch { then_dest, else_dest, .. } => {
                    self.add_edge(me, else_dest);
                    let from = if self.needs_extra_goto(pos) { me + 1 } else { me };
                    self.add_edge(from, then_dest);
                }
                Terminator::Return(_) | Terminator::Unreachable => {}
            }
            if let Some(handler) = &body.blocks[b].catch {
                self.add_edge(me, handler);
            }
        }
        for (pos, &b) in body.layout.iter().enumerate() {
            let data = &body.blocks[b];
            let mut stmts: Vec<Stmt<'a>> = data.params.iter().map(|&v| Stmt::Phi(v)).collect();
            stmts.extend(data.insts.iter().map(|&i| Stmt::Inst(i)));
            let num = |blk: Block| self.number.get(&blk).copied().unwrap_or(0);
            let mut extra = None;
            match &data.term {
                Terminator::Jump(t) => {
                    let fallthrough = body.layout.get(pos + 1) == Some(&t.block);
                    if !fallthrough || stmts.is_empty() {
                        stmts.push(Stmt::Goto(num(t.block)));
                    }
                }
                Terminator::Branch { cond, then_dest, else_dest } => {
                    stmts.push(Stmt::GotoIfNot(cond, num(else_dest.block)));
                    if self.needs_extra_goto(pos) {
                        extra = Some(Stmt::Goto(num(then_dest.block)));
                    }
                }
                Terminator::Return(op) => stmts.push(Stmt::Return(op)),
                Terminator::Unreachable => stmts.push(Stmt::Unreachable),
            }
            let preds = self.edges.get(&b).map(|e| e.iter().map(|(p, _)| *p).collect()).unwrap_or_default();
            self.blocks.push(PBlock { ir_block: Some(b), stmts, preds });
            if let Some(goto) = extra {
                let preds = vec![self.number[&b]];
                self.blocks.push(PBlock { ir_block: Some(b), stmts: vec![goto], preds });
            }
        }
        let mut id = 0;
        for block in &self.blocks {
            for stmt in &block.stmts {
                id += 1;
                match stmt {
                    Stmt::Phi(v) => {
                        self.ssa.insert(*v, id);
                    }
                    Stmt::Inst(i) => {
                        if let Some(v) = body.insts[*i].result {
                            self.ssa.insert(v, id);
                        }
                    }
                    _ => {}
                }
            }
        }
    }

    /// The statements, one line each, with the statement each prints; with `debuginfo`, the
    /// line-info annotations before them (`print_debuginfo`).
    fn statements(
        &self,
        debuginfo: Option<&dyn Fn(StmtRef) -> Vec<SourceFrame>>,
    ) -> Vec<(String, Option<StmtRef>)> {
        let width = ndigits(self.blocks.len());
        let used = self.used_ids();
        let used_width = used.iter().max().map_or(0, |&m| ndigits(m));
        let mut lineinfo = LineInfoPrinter::default();
        let mut out = Vec::new();
        let mut id = 0;
        for (bi, block) in self.blocks.iter().enumerate() {
            for (si, stmt) in block.stmts.iter().enumerate() {
                id += 1;
                let origin = self.origin(stmt, block);
                let mut rails = String::new();
                if let Some(frames) = debuginfo {
                    let linestart = format!("{}{}", if si == 0 { "  " } else { "│ " }, " ".repeat(width));
                    let stack = origin.map(frames).unwrap_or_default();
                    let (annotations, r) = lineinfo.statement(&linestart, &stack);
                    out.extend(annotations.into_iter().map(|a| (a, None)));
                    rails = r;
                }
                let mut line = gutter(bi + 1, si, block.stmts.len(), block.preds.len(), width);
                line.push_str(&rails);
                line.push(' ');
                let is_used = used.contains(&id);
                if is_used {
                    line.push_str(&format!("%{id}{}= ", " ".repeat(used_width - ndigits(id) + 1)));
                } else {
                    line.push_str(&" ".repeat(used_width + 4));
                }
                line.push_str(&self.stmt_text(stmt, is_used));
                out.push((line, origin));
            }
        }
        if debuginfo.is_some() {
            if let Some(last) = lineinfo.finish(&" ".repeat(width + 2)) {
                out.push((last, None));
            }
        }
        out
    }

    /// The statement a printed line shows.
    fn origin(&self, stmt: &Stmt<'_>, block: &PBlock<'_>) -> Option<StmtRef> {
        match stmt {
            Stmt::Phi(v) => Some(StmtRef::Phi(*v)),
            Stmt::Inst(i) => Some(StmtRef::Inst(*i)),
            _ => block.ir_block.map(StmtRef::Term),
        }
    }

    fn used_ids(&self) -> rustc_hash::FxHashSet<usize> {
        let mut used = rustc_hash::FxHashSet::default();
        let mut see = |op: &Operand| {
            if let Some(id) = op_value(op).and_then(|v| self.ssa.get(&v)) {
                used.insert(*id);
            }
        };
        for &b in &self.body.layout {
            let data = &self.body.blocks[b];
            for &i in &data.insts {
                self.body.insts[i].kind.operands().into_iter().for_each(&mut see);
            }
            data.edge_operands().into_iter().for_each(&mut see);
        }
        used
    }

    fn stmt_text(&self, stmt: &Stmt<'_>, used: bool) -> String {
        // `@code_warntype` types only the values that are used (`warntype_type_printer`).
        let typed = used || self.annotate.is_none();
        match stmt {
            Stmt::Phi(v) => {
                let suffix = if typed { self.type_suffix(Some(*v)) } else { String::new() };
                format!("{}{suffix}", self.phi_text(*v))
            }
            Stmt::Inst(i) => {
                let data = &self.body.insts[*i];
                let suffix = if data.result.is_some() && typed {
                    self.type_suffix(data.result)
                } else {
                    String::new()
                };
                format!("{}{suffix}", self.inst_text(*i))
            }
            Stmt::Goto(b) => format!("goto #{b}"),
            Stmt::GotoIfNot(c, b) => format!("goto #{b} if not {}", self.operand(c)),
            Stmt::Return(op) => format!("return {}", self.operand(op)),
            Stmt::Unreachable => "unreachable".to_string(),
        }
    }

    fn type_suffix(&self, v: Option<Value>) -> String {
        if !self.typed {
            return String::new();
        }
        match (v.and_then(|v| self.body.types.get(v)), self.annotate) {
            (Some(l), Some(annotate)) => annotate(l),
            (None, Some(annotate)) => annotate(&Lattice::ANY),
            (Some(l), None) => format!("::{}", self.cx.lattice_name(l)),
            (None, None) => "::Any".to_string(),
        }
    }

    /// `φ (#1 => %1, #3 => %9)`; an `Undef` argument is an edge the φ does not list.
    fn phi_text(&self, v: Value) -> String {
        let ValueDef::Param(block, n) = self.body.value_def(v) else {
            return "φ ()".to_string();
        };
        let edges = self.edges.get(&block).map(Vec::as_slice).unwrap_or(&[]);
        let parts: Vec<String> = edges
            .iter()
            .filter_map(|(from, args)| match args.get(n as usize) {
                None | Some(Operand::Undef) => None,
                Some(op) => Some(format!("#{from} => {}", self.operand(op))),
            })
            .collect();
        format!("φ ({})", parts.join(", "))
    }

    pub(crate) fn operand(&self, op: &Operand) -> String {
        match op {
            Operand::Value(v) => match self.body.value_def(*v) {
                ValueDef::Arg(n) => {
                    self.names.get(n as usize).cloned().unwrap_or_else(|| format!("_{}", n + 1))
                }
                _ => match self.ssa.get(v) {
                    Some(id) => format!("%{id}"),
                    None => format!("%{v:?}"),
                },
            },
            Operand::Slot(s) => {
                let i = self.body.nargs() + s.0 as usize;
                self.names.get(i).cloned().unwrap_or_else(|| format!("@_{}", i + 1))
            }
            Operand::Const(c) => self.cx.const_repr(c),
            Operand::Global(g) => global_repr(g),
            Operand::Undef => "#undef".to_string(),
        }
    }

    fn inst_text(&self, inst: Inst) -> String {
        let list = |ops: &[Operand]| ops.iter().map(|o| self.operand(o)).collect::<Vec<_>>().join(", ");
        match &self.body.insts[inst].kind {
            InstKind::Operand(op) => self.operand(op),
            InstKind::Call { args } => self.call_text(inst, args),
            InstKind::Invoke { ci, args } => {
                let (name, sig) = self.cx.invoke_callee(*ci);
                let parts: Vec<String> = args
                    .iter()
                    .skip(1)
                    .enumerate()
                    .map(|(j, a)| match sig.get(j) {
                        Some(t) => format!("{}::{}", self.operand(a), self.cx.type_name(*t)),
                        None => self.operand(a),
                    })
                    .collect();
                format!("   invoke {name}({})", parts.join(", "))
            }
            InstKind::New { ty, args } => {
                let mut parts = vec![self.operand(ty)];
                parts.extend(args.iter().map(|a| self.operand(a)));
                format!("%new({})", parts.join(", "))
            }
            InstKind::SlotStore { slot, value } => {
                format!("{} = {}", self.operand(&Operand::Slot(*slot)), self.operand(value))
            }
            InstKind::SetGlobal { global, value, constant } => {
                let prefix = if *constant { "const " } else { "" };
                format!("{prefix}{} = {}", global_repr(global), self.operand(value))
            }
            InstKind::DeclareGlobal { global } => format!("global {}", global_repr(global)),
            InstKind::UndefCheck { defined, name } => {
                format!("$(Expr(:throw_undef_if_not, :{name}, {}))", self.operand(defined))
            }
            InstKind::Method(def) => {
                let mut parts = vec![global_repr(&def.name)];
                parts.push(format!("Core.svec({})", list(&def.arg_types)));
                parts.push(format!("body #{}", def.body));
                format!("$(Expr(:method, {}))", parts.join(", "))
            }
            InstKind::Type(def) => {
                let kind = if def.fields.is_none() { "abstract_type" } else { "struct_type" };
                format!("$(Expr(:{kind}, {}))", global_repr(&def.name))
            }
            InstKind::Enter { catch } => format!("enter #{}", self.number.get(catch).copied().unwrap_or(0)),
            InstKind::PopException { token } => {
                format!("$(Expr(:pop_exception, :({})))", self.operand(token))
            }
            InstKind::TheException => "$(Expr(:the_exception))".to_string(),
            InstKind::StackCheck => "$(Expr(:stack_check))".to_string(),
        }
    }

    /// The builtin a call's callee is known to be: from the call info, a constant callee, or
    /// a callee value whose type is a constant builtin (`argextype` in `print_stmt`).
    fn callee_builtin(&self, inst: Inst, callee: Option<&Operand>) -> Option<Builtin> {
        if let Some(b) = self.body.infos.get(inst).and_then(CallInfo::builtin) {
            return Some(b);
        }
        let c = match callee? {
            Operand::Const(c) => c,
            Operand::Value(v) => self.body.types.get(*v)?.as_const()?,
            _ => return None,
        };
        match c {
            types::ConstValue::Builtin(id) => Builtin::from_id(*id),
            _ => None,
        }
    }

    /// A call with its 1.12 label (PR #56036), right-aligned to the width of `intrinsic`.
    fn call_text(&self, inst: Inst, args: &[Operand]) -> String {
        let builtin = self.callee_builtin(inst, args.first());
        let label = match builtin {
            Some(b) if b.def().kind == BuiltinKind::Intrinsic => "intrinsic ",
            // Compiler/src/ssair/show.jl `builtin_call_has_dispatch`: `_apply_iterate` of a
            // generic function and the `invokelatest` / `invoke_in_world` family dispatch;
            // `Core.invoke` does not.
            Some(Builtin::ApplyIterate | Builtin::InvokeLatest | Builtin::InvokeInWorld) => {
                "dynamic builtin "
            }
            Some(_) => "  builtin ",
            None => "  dynamic ",
        };
        // `@code_warntype` of unoptimized code labels no calls (`label_dynamic_calls = optimize`).
        let label = if self.annotate.is_some() { "" } else { label };
        let callee = match args.first() {
            Some(op @ Operand::Value(_)) => format!("({})", self.operand(op)),
            Some(op) => self.operand(op),
            None => String::new(),
        };
        let rest: Vec<String> = args.iter().skip(1).map(|a| self.operand(a)).collect();
        let op_name = match args.first() {
            Some(Operand::Global(g)) => Some(&*g.name),
            Some(Operand::Const(types::ConstValue::Builtin(_))) => builtin.map(|b| b.name()),
            _ => None,
        };
        if let Some(name) = op_name.filter(|n| is_operator(n) && rest.len() == 2) {
            // `show_unquoted` at `prec_decl` (typed code, a `::T` follows) parenthesizes.
            let text = format!("{} {name} {}", rest[0], rest[1]);
            return if self.typed { format!("{label}({text})") } else { format!("{label}{text}") };
        }
        format!("{label}{callee}({})", rest.join(", "))
    }
}

fn op_value(op: &Operand) -> Option<Value> {
    match op {
        Operand::Value(v) => Some(*v),
        _ => None,
    }
}

fn ndigits(n: usize) -> usize {
    n.max(1).to_string().len()
}

/// The basic-block column (`print_indentation` in `show_ir_stmt`): `1 ─` / `2 ┄` on a block's
/// first statement (`┄` for a join point), `└──` on its last, `│  ` between.
fn gutter(block: usize, stmt: usize, nstmts: usize, npreds: usize, width: usize) -> String {
    if stmt == 0 {
        let join = if npreds >= 2 { "┄" } else { "─" };
        format!("{block} {join}{}", "─".repeat(width - ndigits(block)))
    } else if stmt + 1 == nstmts {
        format!("└{}", "─".repeat(width + 1))
    } else {
        format!("│ {}", " ".repeat(width))
    }
}
