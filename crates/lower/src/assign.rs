//! Assignment: `x = v` (local slot or global), `x::T = v`, `a, b = t`, `v[i] = x`,
//! `p.x = v`, compound assignment (`x += 1`, `a[i] += 1`, `p.x += 1`) and `local` / `global`
//! / `const` declarations.

use ir::{InstKind, Operand};
use syntax::ast::{Expr, ExprKind, Ident, VarDeclKind};

use crate::cx::{int, nothing, sym, Cx, Resolved, Var};

impl Cx<'_> {
    /// `lhs = rhs`; the value of the assignment is the value of `rhs`.
    pub fn assign(&mut self, lhs: &Expr, rhs: &Expr, span: syntax::Span) -> Operand {
        match &lhs.kind {
            // `!(x::Bool) = ...`, `(:)(a, b) = ...`: short-form definitions the parser leaves
            // as assignments to a call.
            ExprKind::Call { .. } => match crate::func::call_as_definition(lhs, rhs) {
                Ok(def) if !self.in_function && self.scopes.len() == 1 => {
                    self.function_def(&def, None, None, span)
                }
                Ok(_) => self
                    .error(span, "nested function definitions (closures) are not supported by invokelab yet"),
                Err((at, message)) => self.error(at, message),
            },
            ExprKind::Index { object, indices } => {
                let obj = self.value(object);
                let obj = self.pin(obj, indices);
                let idx = self.index_values(&obj, indices);
                let v = self.value(rhs);
                self.set_index(obj, v.clone(), idx, span);
                v
            }
            ExprKind::Field { object, name } if self.module_path(object).is_none() => {
                let obj = self.value(object);
                let obj = self.pin(obj, std::slice::from_ref(rhs));
                let v = self.value(rhs);
                self.call_ref("Base", "setproperty!", vec![obj, sym(&name.name), v.clone()], span);
                v
            }
            _ => {
                let v = self.value(rhs);
                let v = if matches!(lhs.kind, ExprKind::Tuple(_)) { self.capture(v, rhs.span) } else { v };
                self.assign_to(lhs, v.clone(), span);
                v
            }
        }
    }

    /// A slot value that must survive the stores of a destructuring (`t, b = t`).
    fn capture(&mut self, v: Operand, span: syntax::Span) -> Operand {
        if matches!(v, Operand::Slot(_)) {
            return self.emit(InstKind::Operand(v), span);
        }
        v
    }

    fn set_index(&mut self, obj: Operand, v: Operand, idx: Vec<Operand>, span: syntax::Span) {
        let mut args = vec![obj, v];
        args.extend(idx);
        self.call_ref("Base", "setindex!", args, span);
    }

    /// Stores an already computed value into an assignment target.
    pub fn assign_to(&mut self, target: &Expr, v: Operand, span: syntax::Span) {
        match &target.kind {
            ExprKind::Ident(name) => self.assign_name(name, v, None, span),
            ExprKind::Decl { value: Some(value), ty } => match &value.kind {
                ExprKind::Ident(name) => self.assign_name(name, v, Some(ty), span),
                _ => {
                    self.error(target.span, "invalid assignment target");
                }
            },
            // `a, b = t` -> `a = Base.getindex(t, 1); b = Base.getindex(t, 2)` (Julia uses
            // `Base.indexed_iterate`; indexing is enough for tuples and vectors).
            ExprKind::Tuple(items) => {
                for (i, item) in items.iter().enumerate() {
                    if matches!(item.kind, ExprKind::Splat(_)) {
                        self.error(
                            item.span,
                            "slurping assignment (`a, b... = t`) is not supported by invokelab yet",
                        );
                        continue;
                    }
                    let x = self.call_ref("Base", "getindex", vec![v.clone(), int(i as i64 + 1)], item.span);
                    self.assign_to(item, x, span);
                }
            }
            ExprKind::Index { object, indices } => {
                let obj = self.value(object);
                let idx = self.index_values(&obj, indices);
                self.set_index(obj, v, idx, span);
            }
            ExprKind::Field { object, name } if self.module_path(object).is_none() => {
                let obj = self.value(object);
                self.call_ref("Base", "setproperty!", vec![obj, sym(&name.name), v], span);
            }
            ExprKind::Field { .. } => {
                self.error(target.span, "assigning a global of another module is not supported by invokelab");
            }
            _ => {
                self.error(target.span, "invalid assignment target");
            }
        }
    }

    /// `name = v`, converting to the declared type (`x::T`) on every assignment as Julia does:
    /// `x = Core.typeassert(Base.convert(T, v), T)`.
    pub fn assign_name(&mut self, name: &str, v: Operand, ty: Option<&Expr>, span: syntax::Span) {
        let declared = ty.cloned().or_else(|| self.declared_type(name));
        let v = match declared {
            Some(ty) => {
                let t = self.value(&ty);
                let c = self.call_ref("Base", "convert", vec![t.clone(), v], span);
                self.call_ref("Core", "typeassert", vec![c, t], span)
            }
            None => v,
        };
        match self.resolve(name) {
            Resolved::Local(Var::Slot(slot)) => self.store(slot, v, span),
            Resolved::Local(Var::Boxed(slot)) => self.set_box_contents(Operand::Slot(slot), v, span),
            Resolved::Local(Var::Captured { field, boxed: true }) => {
                let b = self.captured_field(field, span);
                self.set_box_contents(b, v, span);
            }
            Resolved::Local(Var::Captured { boxed: false, .. }) => {
                // Closure conversion boxes every captured variable a closure assigns.
                self.error(span, format!("internal: captured variable `{name}` assigned without a box"));
            }
            Resolved::Local(Var::Arg(_)) => {
                // Arguments that are assigned get a slot when the method is entered.
                self.error(span, format!("internal: argument `{name}` has no slot"));
            }
            Resolved::Global => {
                let global = self.global_ref(name);
                self.emit_void(InstKind::SetGlobal { global, value: v, constant: false }, span);
            }
        }
    }

    /// `x op= e` -> `x = op(x, e)`; the object and indices of `a[i] op= e` / `p.x op= e` are
    /// evaluated once.
    pub fn compound_assign(&mut self, op: &Ident, lhs: &Expr, rhs: &Expr, span: syntax::Span) -> Operand {
        match &lhs.kind {
            ExprKind::Index { object, indices } => {
                let obj = self.value(object);
                let obj = self.pin(obj, indices);
                let idx = self.index_values(&obj, indices);
                let mut get = vec![obj.clone()];
                get.extend(idx.iter().cloned());
                let old = self.call_ref("Base", "getindex", get, span);
                let new = self.apply_op(op, old, rhs, span);
                self.set_index(obj, new.clone(), idx, span);
                new
            }
            ExprKind::Field { object, name } if self.module_path(object).is_none() => {
                let obj = self.value(object);
                let old = self.call_ref("Core", "getfield", vec![obj.clone(), sym(&name.name)], span);
                let new = self.apply_op(op, old, rhs, span);
                self.call_ref("Base", "setproperty!", vec![obj, sym(&name.name), new.clone()], span);
                new
            }
            ExprKind::Ident(_) | ExprKind::Decl { .. } => {
                let read_target = match &lhs.kind {
                    ExprKind::Decl { value: Some(value), .. } => &**value,
                    _ => lhs,
                };
                let old = self.value(read_target);
                let old = self.pin(old, std::slice::from_ref(rhs));
                let new = self.apply_op(op, old, rhs, span);
                self.assign_to(lhs, new.clone(), span);
                new
            }
            _ => self.error(lhs.span, "invalid compound assignment target"),
        }
    }

    fn apply_op(&mut self, op: &Ident, old: Operand, rhs: &Expr, span: syntax::Span) -> Operand {
        let f = self.ident(&op.name, op.span);
        let r = self.value(rhs);
        self.call(vec![f, old, r], span)
    }

    /// `local x`, `local x::T = v`, `global x`, `global x = v`, `const X = v`.
    pub fn var_decl(&mut self, kind: VarDeclKind, targets: &[Expr], span: syntax::Span) -> Operand {
        let mut last = nothing();
        for target in targets {
            last = match (&target.kind, kind) {
                (ExprKind::VarDecl { kind: VarDeclKind::Global, targets }, VarDeclKind::Const)
                | (ExprKind::VarDecl { kind: VarDeclKind::Const, targets }, VarDeclKind::Global) => {
                    self.var_decl(VarDeclKind::Const, targets, span)
                }
                (_, VarDeclKind::Const) => self.const_decl(target, span),
                (ExprKind::Assign { lhs, rhs }, _) => self.assign(lhs, rhs, span),
                (ExprKind::CompoundAssign { op, lhs, rhs }, VarDeclKind::Global) => {
                    self.compound_assign(op, lhs, rhs, span)
                }
                (ExprKind::Ident(name), VarDeclKind::Global) => {
                    if !self.in_function && self.scopes.len() == 1 {
                        let global = self.global_ref(name);
                        self.emit_void(InstKind::DeclareGlobal { global }, span);
                    }
                    nothing()
                }
                (ExprKind::Ident(_) | ExprKind::Decl { .. }, _) => nothing(),
                _ => self.error(target.span, "invalid declaration"),
            };
        }
        last
    }

    fn const_decl(&mut self, target: &Expr, span: syntax::Span) -> Operand {
        let ExprKind::Assign { lhs, rhs } = &target.kind else {
            return self.error(target.span, "expected assignment after \"const\"");
        };
        let ExprKind::Ident(name) = &lhs.kind else {
            return self.error(lhs.span, "`const` is only supported for a plain name by invokelab");
        };
        if self.in_function || self.scopes.len() > 1 {
            return self.error(span, "unsupported `const` declaration on local variable");
        }
        let v = self.value(rhs);
        let global = self.global_ref(name);
        self.emit_void(InstKind::SetGlobal { global, value: v.clone(), constant: true }, span);
        v
    }
}
