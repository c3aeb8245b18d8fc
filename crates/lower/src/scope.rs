//! Julia's scoping rules (manual "Scope of Variables"; `resolve-scopes` in
//! src/julia-syntax.scm): which names a scope makes local. A name assigned in a local scope is
//! local to the outermost local scope that assigns it, unless it is declared `global` (or
//! `local`, which always makes a new one). Scopes are decided before their code is lowered, so
//! the order of statements does not matter, as in Julia. This module does not emit code.

use rustc_hash::FxHashSet;
use syntax::ast::{Expr, ExprKind, VarDeclKind};

use crate::cx::{Cx, Resolved, Scope, ScopeKind, Var};

/// What the statements of one scope (not counting nested scopes) assign and declare.
#[derive(Default)]
pub(crate) struct ScopeNames {
    /// Assigned names in order of first assignment, with the assignment's span.
    pub assigned: Vec<(String, syntax::Span)>,
    pub locals: Vec<(String, syntax::Span)>,
    pub globals: Vec<String>,
    /// `x::T = v` / `local x::T`: the declared types.
    pub typed: Vec<(String, Expr)>,
}

impl ScopeNames {
    fn assign(&mut self, name: &str, span: syntax::Span) {
        if !self.assigned.iter().any(|(n, _)| n == name) {
            self.assigned.push((name.to_string(), span));
        }
    }

    /// Scans statements, not descending into nested scopes.
    pub fn scan(stmts: &[Expr]) -> ScopeNames {
        let mut names = ScopeNames::default();
        for stmt in stmts {
            names.expr(stmt);
        }
        names
    }

    fn target(&mut self, lhs: &Expr) {
        match &lhs.kind {
            ExprKind::Ident(name) => self.assign(name, lhs.span),
            ExprKind::Decl { value: Some(value), ty } => {
                if let ExprKind::Ident(name) = &value.kind {
                    self.typed.push((name.clone(), (**ty).clone()));
                }
                self.target(value);
            }
            ExprKind::Tuple(items) => items.iter().for_each(|item| self.target(item)),
            // `v[i] = x`, `p.x = 1`: the object and indices are reads.
            _ => self.expr(lhs),
        }
    }

    fn expr(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::Assign { lhs, rhs } => {
                self.target(lhs);
                self.expr(rhs);
            }
            ExprKind::CompoundAssign { lhs, rhs, .. } => {
                self.target(lhs);
                self.expr(rhs);
            }
            ExprKind::VarDecl { kind, targets } => self.var_decl(*kind, targets),
            // Nested scopes: only the parts evaluated in this scope.
            ExprKind::For { iterators, .. } => {
                if let Some(first) = iterators.first() {
                    self.expr(&first.iterable);
                }
            }
            ExprKind::While { cond, .. } => self.expr(cond),
            ExprKind::Let { bindings, .. } => {
                for binding in bindings {
                    if let ExprKind::Assign { rhs, .. } = &binding.kind {
                        self.expr(rhs);
                    }
                }
            }
            // A named function defined in a function is a closure bound to a local (`closure`).
            ExprKind::FunctionDef(def) => {
                if let syntax::ast::FunctionName::Named { path, name } = &def.name {
                    if path.is_empty() {
                        self.assign(&name.name, e.span);
                    }
                }
            }
            ExprKind::Lambda { .. }
            | ExprKind::StructDef(_)
            | ExprKind::AbstractTypeDef(_)
            | ExprKind::Try(_) => {}
            _ => for_each_child(e, |child| self.expr(child)),
        }
    }

    fn var_decl(&mut self, kind: VarDeclKind, targets: &[Expr]) {
        for target in targets {
            let (inner, assigned) = match &target.kind {
                ExprKind::Assign { lhs, rhs } | ExprKind::CompoundAssign { lhs, rhs, .. } => {
                    self.expr(rhs);
                    (&**lhs, true)
                }
                _ => (target, false),
            };
            let (name_expr, ty) = match &inner.kind {
                ExprKind::Decl { value: Some(value), ty } => (&**value, Some(ty)),
                _ => (inner, None),
            };
            match (&name_expr.kind, kind) {
                (ExprKind::Ident(name), VarDeclKind::Local) => {
                    self.locals.push((name.clone(), name_expr.span));
                    if let Some(ty) = ty {
                        self.typed.push((name.clone(), (**ty).clone()));
                    }
                }
                (ExprKind::Ident(name), VarDeclKind::Global | VarDeclKind::Const) => {
                    self.globals.push(name.clone());
                    if assigned {
                        self.assign(name, name_expr.span);
                    }
                }
                (ExprKind::VarDecl { kind: inner_kind, targets }, _) => {
                    self.var_decl(*inner_kind, targets);
                }
                _ => {}
            }
        }
    }
}

/// Calls `f` on each direct sub-expression of `e` (all of them, nested scopes included).
pub(crate) fn for_each_child(e: &Expr, mut f: impl FnMut(&Expr)) {
    use syntax::ast::{Kwarg, StrPart};
    let kwarg_value = |k: &Kwarg| match k {
        Kwarg::Named { value, .. } | Kwarg::Splat { value, .. } => value.clone(),
    };
    match &e.kind {
        ExprKind::Str { parts, .. } => {
            for part in parts {
                if let StrPart::Interpolation(x) = part {
                    f(x);
                }
            }
        }
        ExprKind::Tuple(xs) | ExprKind::Vect(xs) => xs.iter().for_each(f),
        ExprKind::NamedTuple(kws) => kws.iter().for_each(|k| f(&kwarg_value(k))),
        ExprKind::Block(b) => b.stmts.iter().for_each(f),
        ExprKind::Call { callee, args, kwargs, .. } => {
            f(callee);
            args.iter().for_each(&mut f);
            kwargs.iter().for_each(|k| f(&kwarg_value(k)));
        }
        ExprKind::Comparison { operands, .. } => operands.iter().for_each(f),
        ExprKind::Curly { callee, args } => {
            f(callee);
            args.iter().for_each(f);
        }
        ExprKind::Index { object, indices } => {
            f(object);
            indices.iter().for_each(f);
        }
        ExprKind::Field { object, .. } => f(object),
        ExprKind::Assign { lhs, rhs } | ExprKind::CompoundAssign { lhs, rhs, .. } => {
            f(lhs);
            f(rhs);
        }
        ExprKind::And { lhs, rhs } | ExprKind::Or { lhs, rhs } => {
            f(lhs);
            f(rhs);
        }
        ExprKind::Ternary { cond, then_expr, else_expr } => {
            f(cond);
            f(then_expr);
            f(else_expr);
        }
        ExprKind::Decl { value, ty } => {
            if let Some(v) = value {
                f(v);
            }
            f(ty);
        }
        ExprKind::Splat(x) => f(x),
        ExprKind::Return(Some(x)) => f(x),
        ExprKind::If { branches, else_body } => {
            for branch in branches {
                f(&branch.cond);
                branch.body.stmts.iter().for_each(&mut f);
            }
            if let Some(b) = else_body {
                b.stmts.iter().for_each(f);
            }
        }
        ExprKind::While { cond, body } => {
            f(cond);
            body.stmts.iter().for_each(f);
        }
        ExprKind::For { iterators, body } => {
            for it in iterators {
                f(&it.var);
                f(&it.iterable);
            }
            body.stmts.iter().for_each(f);
        }
        ExprKind::Let { bindings, body } => {
            bindings.iter().for_each(&mut f);
            body.stmts.iter().for_each(f);
        }
        ExprKind::VarDecl { targets, .. } => targets.iter().for_each(f),
        ExprKind::MacroCall(m) => m.args.iter().for_each(f),
        ExprKind::Try(t) => {
            let blocks = std::iter::once(&t.body).chain(&t.catch_body).chain(&t.finally_body);
            blocks.flat_map(|b| &b.stmts).for_each(f);
        }
        _ => {}
    }
}

/// Whether evaluating `e` may assign a local (so an earlier slot read must be copied first).
pub(crate) fn contains_assignment(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Assign { .. } | ExprKind::CompoundAssign { .. } | ExprKind::VarDecl { .. } => true,
        ExprKind::For { .. } | ExprKind::While { .. } | ExprKind::Let { .. } => true,
        _ => {
            let mut found = false;
            for_each_child(e, |c| found |= contains_assignment(c));
            found
        }
    }
}

/// The soft-scope warning of Julia's non-interactive mode (src/julia-syntax.scm,
/// `warn-var?` / "soft scope is ambiguous").
pub(crate) fn soft_scope_warning(name: &str) -> String {
    format!(
        "Assignment to `{name}` in soft scope is ambiguous because a global variable by the same name exists: \
         `{name}` will be treated as a new local. Disambiguate by using `local {name}` to suppress this \
         warning or `global {name}` to assign to the existing global variable."
    )
}

impl Cx<'_> {
    /// Enters a scope whose statements are `stmts`; `bound` are names the construct itself
    /// binds (loop variables, `let` bindings), always new locals of this scope.
    pub fn enter_scope(&mut self, kind: ScopeKind, stmts: &[Expr], bound: &[String]) {
        let names = ScopeNames::scan(stmts);
        let mut scope = Scope::new(kind);
        scope.globals = names.globals.iter().cloned().collect();
        let explicit: FxHashSet<&str> = names.locals.iter().map(|(n, _)| n.as_str()).collect();
        let mut new_locals: Vec<String> = bound.to_vec();
        for (name, _) in &names.locals {
            if !new_locals.contains(name) {
                new_locals.push(name.clone());
            }
        }
        let toplevel_soft = self.scopes.iter().all(|s| matches!(s.kind, ScopeKind::Global | ScopeKind::Soft));
        for (name, span) in &names.assigned {
            if new_locals.contains(name) || scope.globals.contains(name) || explicit.contains(name.as_str()) {
                continue;
            }
            if kind == ScopeKind::Global || matches!(self.resolve(name), Resolved::Local(_)) {
                continue;
            }
            if self.declared_global_outside(name) {
                continue;
            }
            if kind == ScopeKind::Soft && toplevel_soft && self.g.defined_globals.contains(name) {
                self.g.warning(*span, soft_scope_warning(name));
            }
            new_locals.push(name.clone());
        }
        let mut boxes = Vec::new();
        for name in new_locals {
            let slot = self.body.new_slot(&name);
            if self.boxed.contains(&name) {
                scope.vars.insert(name, Var::Boxed(slot));
                boxes.push(slot);
            } else {
                scope.vars.insert(name, Var::Slot(slot));
                scope.introduced.push(slot);
            }
        }
        // A boxed local's box is made where its scope starts (each iteration, in a loop).
        let span = stmts.first().map_or(syntax::Span::new(0, 0), |s| s.span);
        for slot in boxes {
            self.new_box(slot, crate::cx::nothing(), span);
        }
        for (name, ty) in names.typed {
            if scope.vars.contains_key(&name) {
                scope.typed.insert(name, ty);
            }
        }
        self.scopes.push(scope);
    }

    fn declared_global_outside(&self, name: &str) -> bool {
        self.scopes.iter().any(|s| s.globals.contains(name))
    }

    pub fn exit_scope(&mut self) {
        self.scopes.pop();
    }
}
