//! Closure conversion, as src/julia-syntax.scm's `closure-convert` does it: an anonymous function
//! (`x -> x + n`, `function (x) ... end`) or a function defined inside another becomes a struct
//! type whose fields are the local variables it captures, parametric on their types
//! (`TypeStore::define_closure`), with a method of callable objects (`(#self#::T)(x)`) whose
//! body reads a capture as `getfield(#self#, :n)`. Creating the closure is
//! `%new(Core.apply_type(T, Core.typeof(n)), n)`, so inference sees the captures' types.
//!
//! A captured variable that is assigned after it is captured (inside a closure, or more than
//! once by the function that owns it) lives in a `Core.Box` shared by the function and its
//! closures: `Core.getfield(x, :contents)` / `Core.setfield!(x, :contents, v)`, as in Julia.
//! Which locals are boxed is decided per function before its body is lowered (`boxed_names`),
//! from the names its closures use and assign; like Julia's analysis it is syntactic.
//!
//! The type and method definitions are hoisted to the start of the top-level thunk that
//! contains the closure (`Global::hoisted`), so they exist before any code that creates it
//! runs. Each closure type gets a name unique in the session (`#f##0` for the first closure
//! in `f`; `#0` at top level), so running a program again defines new ones.

use std::rc::Rc;

use ir::{GlobalRef, InstKind, Operand, TypeDef};
use rustc_hash::FxHashSet;
use syntax::ast::{Expr, ExprKind, FunctionName, Param};

use crate::cx::{gref, nothing, sym, Cx, Resolved, ScopeKind, Var, Want};
use crate::func::MethodSpec;
use crate::scope::for_each_child;

/// The names a function body uses (reads or assigns), in order of first use, and those it
/// assigns, looking into the functions nested in it; its own parameters are not included.
#[derive(Default)]
pub(crate) struct Uses {
    pub used: Vec<String>,
    seen: FxHashSet<String>,
    pub assigned: FxHashSet<String>,
}

impl Uses {
    fn use_name(&mut self, name: &str, bound: &FxHashSet<String>) {
        if !bound.contains(name) && self.seen.insert(name.to_string()) {
            self.used.push(name.to_string());
        }
    }

    fn assign_target(&mut self, target: &Expr, bound: &FxHashSet<String>) {
        match &target.kind {
            ExprKind::Ident(name) if !bound.contains(name) => {
                self.assigned.insert(name.clone());
            }
            ExprKind::Decl { value: Some(value), .. } => self.assign_target(value, bound),
            ExprKind::Tuple(items) => items.iter().for_each(|item| self.assign_target(item, bound)),
            _ => {}
        }
    }

    /// Collects the uses of `e`, where `bound` are the names of the function being scanned
    /// that are not the enclosing function's (its parameters and loop variables).
    pub fn collect(&mut self, e: &Expr, bound: &FxHashSet<String>) {
        match &e.kind {
            ExprKind::Ident(name) => self.use_name(name, bound),
            ExprKind::Assign { lhs, rhs } | ExprKind::CompoundAssign { lhs, rhs, .. } => {
                self.assign_target(lhs, bound);
                self.collect(lhs, bound);
                self.collect(rhs, bound);
            }
            ExprKind::Lambda { params, body } => {
                let inner = with_params(bound, params);
                self.collect(body, &inner);
            }
            ExprKind::FunctionDef(def) => {
                if let FunctionName::Named { path, name } = &def.name {
                    if path.is_empty() {
                        self.assigned.insert(name.name.clone());
                        self.use_name(&name.name, bound);
                    }
                }
                let inner = with_params(bound, &def.params);
                let inner = with_params(&inner, &def.kwparams);
                if let Some(body) = &def.body {
                    body.stmts.iter().for_each(|s| self.collect(s, &inner));
                }
            }
            ExprKind::For { iterators, body } => {
                let mut inner = bound.clone();
                for it in iterators {
                    self.collect(&it.iterable, &inner);
                    let mut names = Vec::new();
                    crate::control::loop_var_names(&it.var, &mut names);
                    inner.extend(names);
                }
                body.stmts.iter().for_each(|s| self.collect(s, &inner));
            }
            _ => for_each_child(e, |c| self.collect(c, bound)),
        }
    }
}

fn with_params(bound: &FxHashSet<String>, params: &[Param]) -> FxHashSet<String> {
    let mut inner = bound.clone();
    inner.extend(params.iter().filter_map(|p| p.name.as_ref().map(|n| n.name.clone())));
    inner
}

/// The locals of a function body (with parameters `params`) that live in a `Core.Box`: those
/// a nested function assigns, and those a nested function uses that the body assigns more
/// than once (an assignment inside a loop counts as more than once, a parameter's value as
/// one assignment, a nested named function's definition as more than once, so that it may
/// call itself).
pub(crate) fn boxed_names(params: &[String], stmts: &[Expr]) -> FxHashSet<String> {
    let mut scan = BoxScan::default();
    for p in params {
        *scan.counts.entry(p.clone()).or_default() += 1;
    }
    for s in stmts {
        scan.expr(s, 0);
    }
    let mut boxed = scan.closure_assigned;
    for name in scan.captured {
        if scan.counts.get(&name).copied().unwrap_or(0) >= 2 {
            boxed.insert(name);
        }
    }
    boxed
}

#[derive(Default)]
struct BoxScan {
    counts: rustc_hash::FxHashMap<String, u32>,
    captured: FxHashSet<String>,
    closure_assigned: FxHashSet<String>,
}

impl BoxScan {
    fn count(&mut self, target: &Expr, loops: u32) {
        match &target.kind {
            ExprKind::Ident(name) => {
                *self.counts.entry(name.clone()).or_default() += if loops > 0 { 2 } else { 1 }
            }
            ExprKind::Decl { value: Some(value), .. } => self.count(value, loops),
            ExprKind::Tuple(items) => items.iter().for_each(|item| self.count(item, loops)),
            _ => {}
        }
    }

    fn closure(&mut self, uses: Uses) {
        self.captured.extend(uses.used);
        self.closure_assigned.extend(uses.assigned);
    }

    fn expr(&mut self, e: &Expr, loops: u32) {
        match &e.kind {
            ExprKind::Assign { lhs, rhs } | ExprKind::CompoundAssign { lhs, rhs, .. } => {
                self.count(lhs, loops);
                self.expr(lhs, loops);
                self.expr(rhs, loops);
            }
            ExprKind::Lambda { params, body } => {
                let mut uses = Uses::default();
                uses.collect(body, &with_params(&FxHashSet::default(), params));
                self.closure(uses);
            }
            ExprKind::FunctionDef(def) => {
                if let FunctionName::Named { path, name } = &def.name {
                    if path.is_empty() {
                        *self.counts.entry(name.name.clone()).or_default() += 2;
                    }
                }
                let mut uses = Uses::default();
                let bound = with_params(&with_params(&FxHashSet::default(), &def.params), &def.kwparams);
                if let Some(body) = &def.body {
                    body.stmts.iter().for_each(|s| uses.collect(s, &bound));
                }
                self.closure(uses);
            }
            ExprKind::For { iterators, body } => {
                for it in iterators {
                    self.expr(&it.iterable, loops);
                    self.count(&it.var, loops);
                }
                body.stmts.iter().for_each(|s| self.expr(s, loops + 1));
            }
            ExprKind::While { cond, body } => {
                self.expr(cond, loops + 1);
                body.stmts.iter().for_each(|s| self.expr(s, loops + 1));
            }
            _ => for_each_child(e, |c| self.expr(c, loops)),
        }
    }
}

impl Cx<'_> {
    /// A closure: `x -> body` (`body` one expression), `function (x) ... end`, or a function
    /// `name` defined in a function. Returns the closure object.
    pub fn closure(
        &mut self,
        params: &[Param],
        body: &[Expr],
        name: Option<&str>,
        span: syntax::Span,
    ) -> Operand {
        if let Some(p) = params.iter().find(|p| p.default.is_some()) {
            return self.error(
                p.span,
                "default arguments of anonymous functions are not supported by invokelab yet",
            );
        }
        let mut uses = Uses::default();
        let bound = with_params(&FxHashSet::default(), params);
        body.iter().for_each(|s| uses.collect(s, &bound));
        // A static parameter of the enclosing method (`T` of `f(x::T) where T`) is captured as
        // a value, as julia-syntax.scm's closure conversion does; `None` marks one.
        let captures: Vec<(String, Option<Var>)> = uses
            .used
            .iter()
            .filter(|n| Some(n.as_str()) != name || self.is_local(n))
            .filter_map(|n| match self.resolve(n) {
                Resolved::Local(var) => Some((n.clone(), Some(var))),
                Resolved::Global if self.static_params.contains(n) => Some((n.clone(), None)),
                Resolved::Global => None,
            })
            .collect();
        let k = self.g.closure_counter;
        self.g.closure_counter += 1;
        let base = name.map(Rc::from).or_else(|| self.fn_name.clone());
        let type_name = match &base {
            Some(base) => format!("#{base}##{k}"),
            None => format!("#{k}"),
        };
        let family = self.global_ref(&type_name);
        let fields = captures.iter().map(|(n, _)| (Rc::from(n.as_str()), None)).collect();
        let typedef = TypeDef {
            params: vec![],
            name: family.clone(),
            supertype: None,
            fields: Some(fields),
            mutable: false,
            closure: true,
        };
        self.g.hoisted.push((InstKind::Type(Box::new(typedef)), span));

        let mut arg_types = vec![Operand::Global(family.clone())];
        for p in params {
            let ty = match &p.ty {
                None => gref("Core", "Any"),
                Some(t) => match self.static_type(t) {
                    Some(op) => op,
                    None => {
                        return self.error(
                            t.span,
                            "invokelab: an anonymous function's argument types must be type names",
                        );
                    }
                },
            };
            arg_types.push(ty);
        }
        let Some(spec) =
            self.object_method_spec(family.clone(), Rc::from(type_name.as_str()), params, arg_types, span)
        else {
            return nothing();
        };
        let names: Vec<String> = captures.iter().map(|(n, _)| n.clone()).collect();
        let boxed: Vec<bool> = captures.iter().map(|(_, v)| v.is_some_and(is_boxed)).collect();
        let stmts = body.to_vec();
        let fn_name = base.clone();
        let (def, def_span) = self.lower_method(spec, body, true, |cx| {
            cx.fn_name = fn_name;
            for (i, (n, b)) in names.iter().zip(&boxed).enumerate() {
                cx.captures.push(n.clone());
                if let Some(scope) = cx.scopes.first_mut() {
                    scope.vars.insert(n.clone(), Var::Captured { field: i as u32, boxed: *b });
                }
            }
            cx.enter_scope(ScopeKind::Function, &stmts, &[]);
            cx.lower_stmts(&stmts, Want::Tail, span);
        });
        self.g.hoisted.push((InstKind::Method(Box::new(def)), def_span));

        let f = self.read_global(family, span);
        let values: Vec<Operand> = captures
            .iter()
            .map(|(n, var)| match var {
                Some(var) => self.capture_value(*var, span),
                None => self.ident(n, span),
            })
            .collect();
        let ty = if values.is_empty() {
            f
        } else {
            let mut args = vec![f];
            // A captured static parameter's field is typed by `Core.Typeof` (`Type{Float64}`,
            // not `DataType`), so the closure's body still knows which type it is.
            for ((_, var), v) in captures.iter().zip(&values) {
                let typeof_ = if var.is_some() { "typeof" } else { "Typeof" };
                args.push(self.call_ref("Core", typeof_, vec![v.clone()], span));
            }
            self.call_ref("Core", "apply_type", args, span)
        };
        self.emit(InstKind::New { ty, args: values }, span)
    }

    /// A function definition: `function (x) ... end` is a closure; `function g(x) ... end` in a
    /// function is a closure bound to the local `g`; at top level, a method of a global function.
    pub fn nested_or_global_function(
        &mut self,
        def: &syntax::ast::FunctionDef,
        span: syntax::Span,
    ) -> Operand {
        let body = def.body.as_ref().map(|b| b.stmts.as_slice()).unwrap_or(&[]);
        let simple = def.kwparams.is_empty() && def.where_params.is_empty() && def.return_type.is_none();
        match &def.name {
            FunctionName::Anonymous if simple => self.closure(&def.params, body, None, span),
            FunctionName::Named { path, name } if self.in_function && path.is_empty() && simple => {
                let c = self.closure(&def.params, body, Some(&name.name), span);
                self.assign_name(&name.name, c.clone(), None, span);
                c
            }
            FunctionName::Callable { this }
                if !self.in_function
                    && self.scopes.len() == 1
                    && def.kwparams.is_empty()
                    && def.return_type.is_none() =>
            {
                self.callable_method(this, &def.params, body, &def.where_params, span)
            }
            FunctionName::Anonymous | FunctionName::Callable { .. } if !simple => self.error(
                span,
                "keywords, `where` or a return type on this function are not supported by invokelab yet",
            ),
            FunctionName::Callable { .. } => {
                self.error(span, "methods of callable objects are only allowed at top level")
            }
            _ if self.in_function || self.scopes.len() > 1 => self.error(
                span,
                "this function definition inside a function (keywords, `where` or a return type) \
                 is not supported by invokelab yet",
            ),
            _ => self.function_def(def, None, None, span),
        }
    }

    /// `(p::T)(x) = ...` at top level: a method of callable objects of type `T` (Julia's
    /// `Tuple{T, ...}` signature), in which `p` is the object.
    fn callable_method(
        &mut self,
        this: &Param,
        params: &[Param],
        body: &[Expr],
        where_params: &[syntax::ast::TypeParam],
        span: syntax::Span,
    ) -> Operand {
        let Some(ty) = &this.ty else { return self.error(this.span, "invalid function name") };
        if let Some(p) = params.iter().find(|p| p.default.is_some()) {
            return self
                .error(p.span, "default arguments of callable objects are not supported by invokelab yet");
        }
        // `(p::Poly)(x)`, or a constructor of a parametric type's instances, `P{T}(x) where T`
        // (`(::Type{P{T}})(x)`), which is named after `P`.
        let (type_name, display) = match &ty.kind {
            ExprKind::Ident(n) => (n.clone(), format!("(::{n})")),
            ExprKind::Curly { callee, args } if callee.as_ident() == Some("Type") && args.len() == 1 => {
                match &args[0].kind {
                    ExprKind::Curly { callee, .. } if callee.as_ident().is_some() => {
                        let n = callee.as_ident().unwrap_or_default().to_string();
                        (n.clone(), n)
                    }
                    _ => {
                        return self.error(ty.span, "invokelab: a callable object's type must be a type name")
                    }
                }
            }
            _ => return self.error(ty.span, "invokelab: a callable object's type must be a type name"),
        };
        let outer_params = self.type_params.clone();
        let type_params = self.where_bounds(where_params);
        let mut arg_types = vec![self.value(ty)];
        for p in params {
            arg_types.push(match &p.ty {
                Some(t) => self.value(t),
                None => gref("Core", "Any"),
            });
        }
        self.type_params = outer_params;
        let display: Rc<str> = Rc::from(display.as_str());
        let name = self.global_ref(&type_name);
        let Some(mut spec) = self.object_method_spec(name, display, params, arg_types, span) else {
            return nothing();
        };
        spec.type_params = type_params;
        let this_name = this.name.as_ref().map(|n| n.name.clone());
        let stmts = body.to_vec();
        let (def, def_span) = self.lower_method(spec, body, true, |cx| {
            if let (Some(name), Some(scope)) = (this_name, cx.scopes.first_mut()) {
                scope.vars.insert(name, Var::Arg(cx.body.arg(0)));
            }
            cx.enter_scope(ScopeKind::Function, &stmts, &[]);
            cx.lower_stmts(&stmts, Want::Tail, span);
        });
        self.emit_void(InstKind::Method(Box::new(def)), def_span);
        nothing()
    }

    /// The method of callable objects (a closure's or a callable struct's) with parameters
    /// `params` and signature `arg_types` (the object's type first); `None` after reporting a
    /// misplaced `...`.
    fn object_method_spec(
        &mut self,
        name: GlobalRef,
        display: Rc<str>,
        params: &[Param],
        arg_types: Vec<Operand>,
        span: syntax::Span,
    ) -> Option<MethodSpec> {
        if let Some(p) = params.iter().rev().skip(1).find(|p| p.varargs) {
            self.error(p.span, "`...` is only allowed on the last parameter");
            return None;
        }
        Some(MethodSpec {
            name,
            display,
            arg_names: params.iter().map(|p| p.name.as_ref().map(|n| n.name.clone())).collect(),
            arg_types,
            is_vararg: params.last().is_some_and(|p| p.varargs),
            inline: None,
            method_table: None,
            type_params: vec![],
            span,
        })
    }

    /// What a closure stores for a captured variable: its value, or its box.
    fn capture_value(&mut self, var: Var, span: syntax::Span) -> Operand {
        match var {
            Var::Slot(slot) | Var::Boxed(slot) => Operand::Slot(slot),
            Var::Arg(v) => Operand::Value(v),
            Var::Captured { field, .. } => self.captured_field(field, span),
        }
    }

    /// `getfield(#self#, :name)` in a closure's body: a captured value, or its box.
    pub fn captured_field(&mut self, field: u32, span: syntax::Span) -> Operand {
        let name = self.captures.get(field as usize).cloned().unwrap_or_default();
        let this = Operand::Value(self.body.arg(0));
        self.call_ref("Core", "getfield", vec![this, sym(&name)], span)
    }

    /// A type annotation of a closure's parameter, which its method's signature holds as a
    /// global (the signature is evaluated where the closure's type is defined).
    fn static_type(&mut self, t: &Expr) -> Option<Operand> {
        match &t.kind {
            ExprKind::Ident(name) if !self.is_local(name) => Some(Operand::Global(self.global_ref(name))),
            ExprKind::Field { object, name } => match &object.kind {
                ExprKind::Ident(m) if m == "Core" || m == "Base" => {
                    Some(Operand::Global(GlobalRef::new(m, &name.name)))
                }
                _ => None,
            },
            _ => None,
        }
    }

    /// The box of a boxed local, made where its scope starts (`Core.Box(nothing)`: a boxed
    /// variable read before it is assigned is `nothing` here, where Julia raises).
    pub fn new_box(&mut self, slot: ir::Slot, initial: Operand, span: syntax::Span) {
        let b = self.emit(InstKind::New { ty: gref("Core", "Box"), args: vec![initial] }, span);
        self.store(slot, b, span);
    }

    /// Reads a boxed variable: `Core.getfield(box, :contents)`.
    pub fn box_contents(&mut self, b: Operand, span: syntax::Span) -> Operand {
        self.call_ref("Core", "getfield", vec![b, sym("contents")], span)
    }

    /// Assigns a boxed variable: `Core.setfield!(box, :contents, v)`.
    pub fn set_box_contents(&mut self, b: Operand, v: Operand, span: syntax::Span) {
        self.call_ref("Core", "setfield!", vec![b, sym("contents"), v], span);
    }
}

pub(crate) fn is_boxed(var: Var) -> bool {
    matches!(var, Var::Boxed(_) | Var::Captured { boxed: true, .. })
}
