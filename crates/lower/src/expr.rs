//! Expressions: literals, names, calls (splats and keywords), indexing, fields, tuples,
//! vectors, strings, `T{...}` and `x::T`. Control flow lives in `control`, assignment in
//! `assign`, definitions in `func` / `toplevel`.

use std::rc::Rc;

use ir::{GlobalRef, InstFlags, InstKind, Operand};
use syntax::ast::{Expr, ExprKind, Kwarg, StrPart};
use types::ConstValue;

use crate::cx::{gref, int, nothing, sym, Cx, Resolved, Var, Want};
use crate::scope::contains_assignment;

/// Modules a qualified name can start with.
const ROOT_MODULES: [&str; 3] = ["Base", "Core", "Main"];
/// Submodules whose names resolve in Base with or without the prefix (SEMANTICS §1.3); the
/// standard libraries the prelude writes into Base (`Random.seed!`, `Iterators.product`,
/// `Test.@test`) resolve there too.
const TRANSPARENT_MODULES: [&str; 10] = [
    "Compiler",
    "Experimental",
    "OptimizedGenerics",
    "CompilerPlugins",
    "Intrinsics",
    "Math",
    "GC",
    "Random",
    "Iterators",
    "Test",
];

/// One argument of a call after lowering: splatted or not.
#[derive(Clone)]
pub(crate) enum Arg {
    Plain(Operand),
    Splat(Operand),
}

impl Cx<'_> {
    /// Lowers `e` for its value.
    pub fn value(&mut self, e: &Expr) -> Operand {
        self.lower(e, Want::Value)
    }

    /// Lowers `e`; `want` says whether its value is used, discarded or returned.
    pub fn lower(&mut self, e: &Expr, want: Want) -> Operand {
        match &e.kind {
            ExprKind::Block(b) => self.lower_stmts(&b.stmts, want, e.span),
            ExprKind::If { .. }
            | ExprKind::Ternary { .. }
            | ExprKind::And { .. }
            | ExprKind::Or { .. }
            | ExprKind::Comparison { .. }
            | ExprKind::While { .. }
            | ExprKind::For { .. }
            | ExprKind::Let { .. }
            | ExprKind::Return(_)
            | ExprKind::Break
            | ExprKind::Continue => self.lower_control(e, want),
            ExprKind::Try(t) => self.lower_try(t, want, e.span),
            ExprKind::Ident(name) if want == Want::Effect => {
                // A bare read still checks that a local is defined (and reads the global).
                let v = self.ident(name, e.span);
                if matches!(v, Operand::Slot(_)) {
                    self.emit(InstKind::Operand(v), e.span);
                }
                nothing()
            }
            _ => {
                let v = self.simple(e);
                self.finish(v, want, e.span)
            }
        }
    }

    /// Delivers a computed value as `want` asks.
    pub fn finish(&mut self, v: Operand, want: Want, span: syntax::Span) -> Operand {
        if want == Want::Tail {
            self.ret(v, span);
            nothing()
        } else {
            v
        }
    }

    /// A statement list: all but the last for effect; an empty list is `nothing`.
    pub fn lower_stmts(&mut self, stmts: &[Expr], want: Want, span: syntax::Span) -> Operand {
        let Some((last, init)) = stmts.split_last() else {
            return self.finish(nothing(), want, span);
        };
        for stmt in init {
            self.lower(stmt, Want::Effect);
        }
        self.lower(last, want)
    }

    fn simple(&mut self, e: &Expr) -> Operand {
        let span = e.span;
        match &e.kind {
            ExprKind::Error => nothing(),
            ExprKind::Ident(name) => self.ident(name, span),
            // A decimal literal beyond Int64 is an Int128 (the parser keeps BigInt ones out).
            ExprKind::Int { value } => match i64::try_from(*value) {
                Ok(v) => int(v),
                Err(_) => Operand::Const(ConstValue::Wide(types::Ty::INT128, *value as u128)),
            },
            ExprKind::UInt { value, radix, digits } => {
                Operand::Const(unsigned_literal(*value, *radix, *digits))
            }
            ExprKind::Float { value, single: false } => Operand::Const(ConstValue::float(*value)),
            ExprKind::Float { value, single: true } => {
                Operand::Const(ConstValue::Bits(types::Ty::FLOAT32, u64::from((*value as f32).to_bits())))
            }
            ExprKind::Bool(b) => Operand::Const(ConstValue::Bool(*b)),
            ExprKind::Str { parts, .. } => self.string(parts, span),
            // A `Char` is a struct of its code point (`types::Ty::CHAR`).
            ExprKind::Char(c) => Operand::Const(ConstValue::Struct {
                ty: types::Ty::CHAR,
                fields: vec![ConstValue::UInt(u64::from(*c as u32))].into(),
            }),
            ExprKind::Symbol(s) => sym(s),
            ExprKind::End => self.end_index(span),
            ExprKind::Tuple(items) => {
                let args = self.args(items);
                self.call_args(gref("Core", "tuple"), args, InstFlags::default(), span)
            }
            ExprKind::NamedTuple(fields) => self.named_tuple(fields, span),
            ExprKind::Vect(items) => {
                let args = self.args(items);
                self.call_args(gref("Base", "vect"), args, InstFlags::default(), span)
            }
            ExprKind::Call { .. } if crate::broadcast::dotted(e).is_some() => self.broadcast(e, span),
            ExprKind::Call { callee, args, kwargs, .. } => {
                self.lower_call(callee, args, kwargs, InstFlags::default(), span)
            }
            ExprKind::Curly { callee, args } => {
                let mut all = vec![(**callee).clone()];
                all.extend(args.iter().cloned());
                let ops = self.args(&all);
                self.call_args(gref("Core", "apply_type"), ops, InstFlags::default(), span)
            }
            ExprKind::Index { object, indices } => self.index(object, indices, span),
            ExprKind::Field { object, name } => match self.module_path(object) {
                Some(module) => self.read_global(GlobalRef::new(&module, &name.name), span),
                None => {
                    let obj = self.value(object);
                    self.call_ref("Core", "getfield", vec![obj, sym(&name.name)], span)
                }
            },
            ExprKind::Assign { lhs, rhs } => self.assign(lhs, rhs, span),
            ExprKind::CompoundAssign { op, lhs, rhs } => self.compound_assign(op, lhs, rhs, span),
            ExprKind::Decl { value: Some(value), ty } => {
                let v = self.value(value);
                let v = self.pin(v, std::slice::from_ref(ty));
                let t = self.value(ty);
                self.call_ref("Core", "typeassert", vec![v, t], span)
            }
            ExprKind::Decl { value: None, .. } => {
                self.error(span, "`::T` without a value is only allowed in a method signature")
            }
            ExprKind::Splat(_) => self.error(span, "`...` is only allowed in a call, a tuple or a vector"),
            ExprKind::Lambda { params, body } => self.closure(params, std::slice::from_ref(body), None, span),
            ExprKind::Where { .. } => self.error(span, "`where` clauses are not supported by invokelab yet"),
            ExprKind::VarDecl { kind, targets } => self.var_decl(*kind, targets, span),
            ExprKind::FunctionDef(def) => self.nested_or_global_function(def, span),
            ExprKind::StructDef(def) => self.struct_def(def, span),
            ExprKind::AbstractTypeDef(def) => self.abstract_type_def(def, span),
            ExprKind::Import(_) => nothing(),
            ExprKind::Try(t) => self.lower_try(t, Want::Value, span),
            ExprKind::MacroCall(m) => self.macro_call(m, span),
            // Handled by `lower`; reaching here means a caller skipped it.
            _ => self.lower_control(e, Want::Value),
        }
    }

    pub fn ident(&mut self, name: &str, span: syntax::Span) -> Operand {
        match self.resolve(name) {
            Resolved::Local(Var::Slot(slot)) => Operand::Slot(slot),
            Resolved::Local(Var::Arg(v)) => Operand::Value(v),
            Resolved::Local(Var::Boxed(slot)) => self.box_contents(Operand::Slot(slot), span),
            Resolved::Local(Var::Captured { field, boxed }) => {
                let value = self.captured_field(field, span);
                if boxed {
                    self.box_contents(value, span)
                } else {
                    value
                }
            }
            Resolved::Global if self.type_params.iter().any(|p| p == name) => {
                let i = self.type_params.iter().rposition(|p| p == name).unwrap_or(0);
                self.call_ref("Core", "_type_param", vec![int(i as i64), sym(name)], span)
            }
            Resolved::Global if self.static_params.iter().any(|p| p == name) => {
                let i = self.static_params.iter().rposition(|p| p == name).unwrap_or(0);
                let f = Operand::Const(ConstValue::Builtin(ir::Builtin::StaticParameter.id()));
                self.call(vec![f, int(i as i64)], span)
            }
            // Julia lowers `nothing` to a global reference; a constant prints the same
            // (`return nothing`) and saves inference a lookup.
            Resolved::Global if name == "nothing" => nothing(),
            Resolved::Global => {
                let global = self.global_ref(name);
                self.read_global(global, span)
            }
        }
    }

    /// The module a qualified-name prefix names (`Base`, `Core.Compiler` -> `Base`), if any.
    pub fn module_path(&self, e: &Expr) -> Option<Rc<str>> {
        let name = match &e.kind {
            ExprKind::Ident(name) if !self.is_local(name) => name.as_str(),
            ExprKind::Field { object, name } => {
                self.module_path(object)?;
                name.name.as_str()
            }
            _ => return None,
        };
        if ROOT_MODULES.contains(&name) {
            Some(name.into())
        } else if TRANSPARENT_MODULES.contains(&name) {
            Some("Base".into())
        } else {
            None
        }
    }

    /// Copies a slot read into a value when a later expression may assign that slot, so
    /// arguments are read in order (Julia does the same).
    pub fn pin(&mut self, v: Operand, later: &[Expr]) -> Operand {
        if matches!(v, Operand::Slot(_)) && later.iter().any(contains_assignment) {
            let span = later.first().map(|e| e.span).unwrap_or_default();
            return self.emit(InstKind::Operand(v), span);
        }
        v
    }

    /// Evaluates expressions left to right.
    pub fn values(&mut self, exprs: &[Expr]) -> Vec<Operand> {
        let mut out = Vec::with_capacity(exprs.len());
        for (i, e) in exprs.iter().enumerate() {
            let v = self.value(e);
            out.push(self.pin(v, &exprs[i + 1..]));
        }
        out
    }

    /// Evaluates call arguments left to right, keeping splats apart.
    pub fn args(&mut self, exprs: &[Expr]) -> Vec<Arg> {
        let mut out = Vec::with_capacity(exprs.len());
        for (i, e) in exprs.iter().enumerate() {
            let (inner, splat) = match &e.kind {
                ExprKind::Splat(inner) => (&**inner, true),
                _ => (e, false),
            };
            let v = self.value(inner);
            let v = self.pin(v, &exprs[i + 1..]);
            out.push(if splat { Arg::Splat(v) } else { Arg::Plain(v) });
        }
        out
    }

    pub fn lower_call(
        &mut self,
        callee: &Expr,
        args: &[Expr],
        kwargs: &[Kwarg],
        flags: InstFlags,
        span: syntax::Span,
    ) -> Operand {
        // `new(x...)` / `new{T}(x...)` in a constructor written inside a struct.
        if let (Some(ty), true) = (self.new_type.clone(), kwargs.is_empty()) {
            let params = match &callee.kind {
                ExprKind::Ident(n) if n == "new" && !self.is_local("new") => Some(&[][..]),
                ExprKind::Curly { callee: c, args } if c.as_ident() == Some("new") => Some(&args[..]),
                _ => None,
            };
            if let Some(params) = params {
                let mut ty_ops = vec![Operand::Global(ty.clone())];
                ty_ops.extend(params.iter().map(|p| self.value(p)));
                let ty = match ty_ops.len() {
                    1 => Operand::Global(ty),
                    _ => self.call_ref("Core", "apply_type", ty_ops, span),
                };
                // Each value is converted to its field's declared type, as Julia's `new` does.
                let mut fields = Vec::with_capacity(args.len());
                for (i, a) in args.iter().enumerate() {
                    let v = self.value(a);
                    let ft = self.call_ref("Core", "fieldtype", vec![ty.clone(), int(i as i64 + 1)], a.span);
                    fields.push(self.call_ref("Base", "convert", vec![ft, v], a.span));
                }
                return self.emit(InstKind::New { ty, args: fields }, span);
            }
        }
        let f = self.value(callee);
        let mut ops = self.args(args);
        if kwargs.is_empty() {
            return self.call_args(f, ops, flags, span);
        }
        // `f(x; k = v)` -> `Core.kwcall(names, Core.tuple(v...), f, x)`; keyword names are a
        // constant tuple of symbols (Julia builds a NamedTuple).
        let mut names = Vec::new();
        let mut vals = Vec::new();
        for kw in kwargs {
            match kw {
                Kwarg::Named { name, value, .. } => {
                    names.push(ConstValue::Symbol(name.name.as_str().into()));
                    let v = self.value(value);
                    vals.push(v);
                }
                Kwarg::Splat { span, .. } => {
                    return self.error(
                        *span,
                        "splatting keyword arguments (`; kws...`) is not supported by invokelab yet",
                    );
                }
            }
        }
        let vals = self.call_ref("Core", "tuple", vals, span);
        let names = Operand::Const(ConstValue::Tuple(names.into()));
        let mut all = vec![Arg::Plain(names), Arg::Plain(vals), Arg::Plain(f)];
        all.append(&mut ops);
        self.call_args(gref("Core", "kwcall"), all, flags, span)
    }

    /// `(a = 1, b = x)` -> `Core._namedtuple((:a, :b), Core.tuple(1, x))`.
    fn named_tuple(&mut self, fields: &[Kwarg], span: syntax::Span) -> Operand {
        let mut names = Vec::new();
        let mut vals = Vec::new();
        for kw in fields {
            match kw {
                Kwarg::Named { name, value, .. } => {
                    names.push(ConstValue::Symbol(name.name.as_str().into()));
                    vals.push(self.value(value));
                }
                Kwarg::Splat { span, .. } => {
                    return self
                        .error(*span, "splatting into a named tuple is not supported by invokelab yet");
                }
            }
        }
        let vals = self.call_ref("Core", "tuple", vals, span);
        let names = Operand::Const(ConstValue::Tuple(names.into()));
        self.call_ref("Core", "_namedtuple", vec![names, vals], span)
    }

    /// A call of `f` on `args`; with splats, Julia's
    /// `Core._apply_iterate(Base.iterate, f, Core.tuple(run...), xs, ...)`.
    pub fn call_args(&mut self, f: Operand, args: Vec<Arg>, flags: InstFlags, span: syntax::Span) -> Operand {
        if !args.iter().any(|a| matches!(a, Arg::Splat(_))) {
            let mut ops = vec![f];
            ops.extend(args.into_iter().map(|a| match a {
                Arg::Plain(v) | Arg::Splat(v) => v,
            }));
            return self.call_with_flags(ops, flags, span);
        }
        let mut ops = vec![gref("Core", "_apply_iterate"), gref("Base", "iterate"), f];
        let mut run = Vec::new();
        for arg in args {
            match arg {
                Arg::Plain(v) => run.push(v),
                Arg::Splat(v) => {
                    if !run.is_empty() {
                        let t = self.call_ref("Core", "tuple", std::mem::take(&mut run), span);
                        ops.push(t);
                    }
                    ops.push(v);
                }
            }
        }
        if !run.is_empty() {
            let t = self.call_ref("Core", "tuple", run, span);
            ops.push(t);
        }
        self.call_with_flags(ops, flags, span)
    }

    fn index(&mut self, object: &Expr, indices: &[Expr], span: syntax::Span) -> Operand {
        let obj = self.value(object);
        let obj = self.pin(obj, indices);
        let idx = self.index_values(&obj, indices);
        let mut args = vec![obj];
        args.extend(idx);
        self.call_ref("Base", "getindex", args, span)
    }

    /// Index expressions, with `end` meaning `Base.lastindex(obj)` (`lastindex(obj, d)` in
    /// position `d` of several).
    pub fn index_values(&mut self, obj: &Operand, indices: &[Expr]) -> Vec<Operand> {
        let mut out = Vec::with_capacity(indices.len());
        for (i, e) in indices.iter().enumerate() {
            if matches!(e.kind, ExprKind::Splat(_)) {
                out.push(self.error(e.span, "splatting in an index is not supported by invokelab yet"));
                continue;
            }
            self.end_stack.push((obj.clone(), indices.len(), i));
            let v = self.value(e);
            self.end_stack.pop();
            out.push(self.pin(v, &indices[i + 1..]));
        }
        out
    }

    fn end_index(&mut self, span: syntax::Span) -> Operand {
        match self.end_stack.last().cloned() {
            Some((obj, 1, _)) => self.call_ref("Base", "lastindex", vec![obj], span),
            Some((obj, _, pos)) => self.call_ref("Base", "lastindex", vec![obj, int(pos as i64 + 1)], span),
            None => self.error(span, "`end` is only allowed inside indexing brackets"),
        }
    }

    /// `"a$(x)b"` -> `Base.string("a", x, "b")`; without interpolation, a constant.
    fn string(&mut self, parts: &[StrPart], span: syntax::Span) -> Operand {
        if parts.iter().all(|p| matches!(p, StrPart::Literal(_))) {
            let text: String = parts
                .iter()
                .map(|p| match p {
                    StrPart::Literal(s) => s.as_str(),
                    StrPart::Interpolation(_) => "",
                })
                .collect();
            return Operand::Const(ConstValue::Str(text.into()));
        }
        let mut args = Vec::new();
        for part in parts {
            match part {
                StrPart::Literal(s) if s.is_empty() => {}
                StrPart::Literal(s) => args.push(Operand::Const(ConstValue::Str(s.as_str().into()))),
                StrPart::Interpolation(e) => {
                    let v = self.value(e);
                    args.push(v);
                }
            }
        }
        self.call_ref("Base", "string", args, span)
    }
}

/// The value of an unsigned literal (`0x1f`, `0b101`, `0o17`): of the smallest of
/// UInt8..UInt128 that holds the value, and holds a literal of the same length whose leading
/// digit is 1 (so `0x0001` is a UInt16: leading zeros count), as the Julia manual's
/// "Integers" section says.
pub(crate) fn unsigned_literal(value: u128, radix: u32, digits: u32) -> ConstValue {
    let same_length = u128::from(radix).checked_pow(digits.saturating_sub(1)).unwrap_or(u128::MAX);
    let bits = 128 - value.max(same_length).leading_zeros();
    let narrow = |ty| ConstValue::Bits(ty, value as u64);
    match bits {
        0..=8 => narrow(types::Ty::UINT8),
        9..=16 => narrow(types::Ty::UINT16),
        17..=32 => narrow(types::Ty::UINT32),
        33..=64 => ConstValue::UInt(value as u64),
        _ => ConstValue::Wide(types::Ty::UINT128, value),
    }
}
