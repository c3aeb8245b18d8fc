//! Method definitions: `function f(x::T, y) ... end` and short forms, operator and qualified
//! names (`+(a, b)`, `Base.show(...)`), varargs, default positional arguments (extra methods
//! that call the full one, as Julia does), keyword arguments (a hidden body function `#f#1`,
//! a positional method that passes the defaults, and a `Core.kwcall` method that sorts the
//! keywords), return type annotations, and struct default constructors.
//!
//! Keyword calls use invokelab's own convention, not NamedTuples (absent from the subset):
//! `Core.kwcall(names::Tuple, vals::Tuple, f, args...)`, sorted with the prelude helpers
//! `Base._kwhas`, `Base._kwget`, `Base._kwcheck` and `Base._kwmissing`.

use std::rc::Rc;

use ir::{Body, GlobalRef, InstKind, LoweredMethod, MethodDef, Operand};
use syntax::ast::{Block as AstBlock, Expr, ExprKind, FunctionDef, FunctionName, Ident, Param, StructDef};
use types::ConstValue;

use crate::cx::{gref, nothing, sym, Cx, Scope, ScopeKind, Var, Want};
use crate::expr::Arg;
use crate::scope::for_each_child;

/// A method to define: its binding, signature and how its body is built.
pub(crate) struct MethodSpec {
    pub name: GlobalRef,
    /// Printed name (`f`, `#f#1`, `kwcall`).
    pub display: Rc<str>,
    /// Argument names after `#self#` (`None` prints `_n`).
    pub arg_names: Vec<Option<String>>,
    pub arg_types: Vec<Operand>,
    pub is_vararg: bool,
    pub inline: Option<bool>,
    pub method_table: Option<Operand>,
    /// `where` parameters: their names and upper bounds (evaluated in the defining thunk).
    pub type_params: Vec<(String, Operand)>,
    pub span: syntax::Span,
}

/// A parameter after its type was evaluated in the defining thunk.
#[derive(Clone)]
struct Sig {
    name: Option<String>,
    span: syntax::Span,
    ty: Operand,
    default: Option<Expr>,
    varargs: bool,
}

impl Cx<'_> {
    /// Builds a method body with `build` and emits the `Method` instruction that defines it.
    /// Arguments assigned anywhere in `source` get a slot initialized from the argument.
    pub fn emit_method(&mut self, spec: MethodSpec, source: &[Expr], build: impl FnOnce(&mut Cx)) {
        let def = self.lower_method(spec, source, false, build);
        self.emit_void(InstKind::Method(Box::new(def.0)), def.1);
    }

    /// Builds a method body with `build` into the program's methods and returns the `Method`
    /// instruction's definition (and its span) for the caller to emit where it belongs.
    /// `self_type`: `spec.arg_types[0]` is the type of `#self#` (`MethodDef::self_type`).
    pub fn lower_method(
        &mut self,
        spec: MethodSpec,
        source: &[Expr],
        self_type: bool,
        build: impl FnOnce(&mut Cx),
    ) -> (MethodDef, syntax::Span) {
        let mut names: Vec<Option<Rc<str>>> = vec![Some("#self#".into())];
        names.extend(spec.arg_names.iter().map(|n| n.as_deref().map(Rc::from)));
        let body = Body::new(names);
        let mut scope = Scope::new(ScopeKind::Function);
        let params: Vec<String> = spec.arg_names.iter().flatten().cloned().collect();
        let boxed = crate::closure::boxed_names(&params, source);
        let mut entry_stores = Vec::new();
        for (i, name) in spec.arg_names.iter().enumerate() {
            let Some(name) = name else { continue };
            let arg = Var::Arg(body.arg(i + 1));
            scope.vars.insert(name.clone(), arg);
            if boxed.contains(name) || source.iter().any(|e| assigns(e, name)) {
                entry_stores.push((name.clone(), body.arg(i + 1)));
            }
        }
        let mut inner = Cx::new(&mut *self.g, body, scope, true);
        inner.fn_name = Some(spec.display.clone());
        inner.static_params = spec.type_params.iter().map(|(n, _)| n.clone()).collect();
        inner.new_type = self.new_type.clone();
        for (name, arg) in entry_stores {
            let slot = inner.body.new_slot(&name);
            let var = if boxed.contains(&name) {
                inner.new_box(slot, Operand::Value(arg), spec.span);
                Var::Boxed(slot)
            } else {
                inner.store(slot, Operand::Value(arg), spec.span);
                Var::Slot(slot)
            };
            if let Some(scope) = inner.scopes.last_mut() {
                scope.vars.insert(name, var);
            }
        }
        inner.boxed = boxed;
        build(&mut inner);
        if inner.open {
            inner.ret(nothing(), spec.span);
        }
        let mut body = inner.body;
        crate::ssa::prune_unreachable(&mut body);
        crate::ssa::prune_unobserved_undef(&mut body);
        let index = self.g.program.methods.len() as u32;
        let span = self.g.span(spec.span);
        self.g.program.methods.push(LoweredMethod { name: spec.display, body, span });
        let def = MethodDef {
            name: spec.name,
            arg_types: spec.arg_types,
            is_vararg: spec.is_vararg,
            body: index,
            inline: spec.inline,
            method_table: spec.method_table,
            self_type,
            type_params: spec.type_params.iter().map(|(n, b)| (Rc::from(n.as_str()), b.clone())).collect(),
        };
        (def, spec.span)
    }

    /// The binding a definition's name refers to: `f` in this module, `Base.show` in Base.
    fn function_ref(&mut self, name: &FunctionName, span: syntax::Span) -> Option<GlobalRef> {
        match name {
            FunctionName::Anonymous | FunctionName::Callable { .. } => {
                self.error(span, "internal: no binding for this function definition");
                None
            }
            FunctionName::Named { path, name } => {
                if path.is_empty() {
                    return Some(self.global_ref(&name.name));
                }
                let mut prefix = Expr::new(ExprKind::Ident(path[0].name.clone()), path[0].span);
                for seg in &path[1..] {
                    let span = prefix.span.cover(seg.span);
                    prefix = Expr::new(ExprKind::Field { object: Box::new(prefix), name: seg.clone() }, span);
                }
                match self.module_path(&prefix) {
                    Some(module) => Some(GlobalRef::new(&module, &name.name)),
                    None => {
                        self.error(
                            prefix.span,
                            "methods can only be added to functions of Main, Base or Core in invokelab",
                        );
                        None
                    }
                }
            }
        }
    }

    /// Lowers a function definition in a top-level thunk; the thunk's value is the function.
    pub fn function_def(
        &mut self,
        def: &FunctionDef,
        inline: Option<bool>,
        method_table: Option<Operand>,
        span: syntax::Span,
    ) -> Operand {
        if matches!(def.name, FunctionName::Anonymous | FunctionName::Callable { .. }) {
            return self.nested_or_global_function(def, span);
        }
        let Some(fref) = self.function_ref(&def.name, span) else { return nothing() };
        // `function f end`: the function, with no methods.
        let Some(body) = &def.body else {
            let module = sym(&fref.module);
            return self.call_ref("Core", "_function", vec![module, sym(&fref.name)], span);
        };
        // The signature is evaluated with the `where` parameters in scope (each bound with
        // the ones before it).
        let outer_params = self.type_params.clone();
        let type_params = self.where_bounds(&def.where_params);
        let sigs = self.signature(&def.params);
        let kw_sigs = if def.kwparams.is_empty() { None } else { self.keyword_signature(&def.kwparams) };
        self.type_params = outer_params;
        let Some(sigs) = sigs else { return nothing() };
        if !def.kwparams.is_empty() && kw_sigs.is_none() {
            return nothing();
        }
        let display: Rc<str> = fref.name.clone();
        let base = MethodSpec {
            name: fref.clone(),
            display: display.clone(),
            arg_names: sigs.iter().map(|s| s.name.clone()).collect(),
            arg_types: sigs.iter().map(|s| s.ty.clone()).collect(),
            is_vararg: sigs.last().is_some_and(|s| s.varargs),
            inline,
            method_table: method_table.clone(),
            type_params,
            span,
        };
        self.default_methods(&base, &sigs, &[], Callee::SelfFn);
        match kw_sigs {
            None => {
                let stmts = body.stmts.clone();
                let return_type = def.return_type.clone();
                self.emit_method(base, &body.stmts, |cx| {
                    cx.return_type = return_type;
                    cx.enter_scope(ScopeKind::Function, &stmts, &[]);
                    cx.lower_stmts(&stmts, Want::Tail, span);
                });
            }
            Some(kws) => self.keyword_methods(def, &fref, base, &sigs, &kws, span),
        }
        let fname = fref.clone();
        self.read_global(fname, span)
    }

    /// Evaluates parameter types in the defining thunk (`Core.Any` when absent).
    /// The `where` parameters' names and upper bounds, each bound evaluated with the ones
    /// before it in scope; all are in scope (`Cx::type_params`) afterwards.
    pub(crate) fn where_bounds(&mut self, params: &[syntax::ast::TypeParam]) -> Vec<(String, Operand)> {
        let mut out = Vec::with_capacity(params.len());
        for p in params {
            if let Some(lower) = &p.lower_bound {
                self.error(lower.span, "lower bounds of type parameters are not supported by invokelab yet");
            }
            let bound = match &p.upper_bound {
                Some(b) => self.value(b),
                None => gref("Core", "Any"),
            };
            self.type_params.push(p.name.name.clone());
            out.push((p.name.name.clone(), bound));
        }
        out
    }

    fn signature(&mut self, params: &[Param]) -> Option<Vec<Sig>> {
        let mut out = Vec::with_capacity(params.len());
        let mut seen_default = false;
        for (i, p) in params.iter().enumerate() {
            if p.varargs && i + 1 != params.len() {
                self.error(p.span, "`...` is only allowed on the last parameter");
                return None;
            }
            if p.default.is_some() {
                seen_default = true;
            } else if seen_default && !p.varargs {
                self.error(p.span, "optional positional arguments must occur at end");
                return None;
            }
            let ty = match &p.ty {
                Some(t) => self.value(t),
                None => gref("Core", "Any"),
            };
            let name = p.name.as_ref().map(|n| n.name.clone());
            out.push(Sig { name, span: p.span, ty, default: p.default.clone(), varargs: p.varargs });
        }
        Some(out)
    }

    fn keyword_signature(&mut self, params: &[Param]) -> Option<Vec<Sig>> {
        let mut out = Vec::with_capacity(params.len());
        for p in params {
            if p.varargs {
                self.error(p.span, "`kws...` keyword parameters are not supported by invokelab yet");
                return None;
            }
            let Some(name) = &p.name else {
                self.error(p.span, "keyword parameters need a name");
                return None;
            };
            let ty = match &p.ty {
                Some(t) => self.value(t),
                None => gref("Core", "Any"),
            };
            out.push(Sig {
                name: Some(name.name.clone()),
                span: p.span,
                ty,
                default: p.default.clone(),
                varargs: false,
            });
        }
        Some(out)
    }

    /// `f(x, y = 2, z = y)`: the methods `f(x)` and `f(x, y)`, each computing the missing
    /// defaults in order and calling the full method (Julia's `optional-positional-defs`).
    /// `leading` are extra arguments before the positional ones (for `Core.kwcall`).
    fn default_methods(
        &mut self,
        base: &MethodSpec,
        sigs: &[Sig],
        leading: &[Option<String>],
        callee: Callee,
    ) {
        let Some(first) = sigs.iter().position(|s| s.default.is_some()) else { return };
        let last = sigs.iter().rposition(|s| s.default.is_some()).unwrap_or(first);
        let nlead = leading.len();
        for n in first..=last {
            let spec = MethodSpec {
                name: base.name.clone(),
                display: base.display.clone(),
                arg_names: base.arg_names[..nlead + n].to_vec(),
                arg_types: base.arg_types[..nlead + n].to_vec(),
                is_vararg: false,
                inline: base.inline,
                method_table: base.method_table.clone(),
                type_params: base.type_params.clone(),
                span: base.span,
            };
            let defaults: Vec<(Option<String>, Expr)> = sigs[n..=last]
                .iter()
                .filter_map(|s| s.default.clone().map(|d| (s.name.clone(), d)))
                .collect();
            let span = base.span;
            self.emit_method(spec, &[], |cx| {
                cx.enter_scope(ScopeKind::Function, &[], &[]);
                let mut args: Vec<Operand> =
                    (1..=nlead + n).map(|i| Operand::Value(cx.body.arg(i))).collect();
                for (name, default) in &defaults {
                    let v = cx.value(default);
                    let v = match name {
                        Some(name) => {
                            let slot = cx.body.new_slot(name);
                            cx.store(slot, v, default.span);
                            if let Some(scope) = cx.scopes.last_mut() {
                                scope.vars.insert(name.clone(), Var::Slot(slot));
                            }
                            Operand::Slot(slot)
                        }
                        None => v,
                    };
                    args.push(v);
                }
                let f = callee.operand(cx);
                let mut all = vec![f];
                all.extend(args);
                let result = cx.call(all, span);
                cx.ret(result, span);
            });
        }
    }

    /// `f(x; k = 1) = body`: `#f#1(k, ::typeof(f), x) = body`, `f(x) = #f#1(1, f, x)` and
    /// `Core.kwcall(names, vals, f::typeof(f), x)`.
    fn keyword_methods(
        &mut self,
        def: &FunctionDef,
        fref: &GlobalRef,
        base: MethodSpec,
        sigs: &[Sig],
        kws: &[Sig],
        span: syntax::Span,
    ) {
        self.g.kw_counter += 1;
        let body_name = format!("#{}#{}", fref.name, self.g.kw_counter);
        let body_ref = GlobalRef::new(&fref.module, &body_name);
        let kw_names: Vec<String> = kws.iter().filter_map(|k| k.name.clone()).collect();
        let kw_defaults: Vec<(String, Option<Expr>, syntax::Span)> =
            kws.iter().map(|k| (k.name.clone().unwrap_or_default(), k.default.clone(), k.span)).collect();
        let npos = sigs.len();
        let vararg = base.is_vararg;

        // (1) The positional method passes the defaults to the body function.
        let defaults = kw_defaults.clone();
        let body_target = body_ref.clone();
        self.emit_method(MethodSpec { inline: base.inline, ..clone_spec(&base) }, &[], |cx| {
            cx.enter_scope(ScopeKind::Function, &[], &[]);
            let mut args: Vec<Arg> =
                cx.keyword_defaults(&defaults, None).into_iter().map(Arg::Plain).collect();
            args.push(Arg::Plain(Operand::Value(cx.body.arg(0))));
            args.extend(positional_args(cx, 1, npos, vararg));
            let f = cx.read_global(body_target, span);
            let result = cx.call_args(f, args, Default::default(), span);
            cx.ret(result, span);
        });

        // (2) The body function: keywords first, then the function, then the positionals.
        let typeof_f = {
            let f = self.read_global(fref.clone(), span);
            // Julia's `Core.Typeof`: `Type{P}` for a constructor `P`, `typeof(f)` otherwise.
            self.call_ref("Core", "Typeof", vec![f], span)
        };
        let mut arg_names: Vec<Option<String>> = kws.iter().map(|k| k.name.clone()).collect();
        arg_names.push(None);
        arg_names.extend(base.arg_names.iter().cloned());
        let mut arg_types: Vec<Operand> = kws.iter().map(|k| k.ty.clone()).collect();
        arg_types.push(typeof_f.clone());
        arg_types.extend(base.arg_types.iter().cloned());
        let stmts = def.body.as_ref().map(|b| b.stmts.clone()).unwrap_or_default();
        let return_type = def.return_type.clone();
        self.emit_method(
            MethodSpec {
                name: body_ref.clone(),
                display: body_name.as_str().into(),
                arg_names,
                arg_types,
                is_vararg: vararg,
                inline: base.inline,
                method_table: base.method_table.clone(),
                type_params: base.type_params.clone(),
                span,
            },
            &stmts,
            |cx| {
                cx.return_type = return_type;
                cx.enter_scope(ScopeKind::Function, &stmts, &[]);
                cx.lower_stmts(&stmts, Want::Tail, span);
            },
        );

        // (3) `Core.kwcall(names, vals, f, positionals...)` sorts the keywords.
        let mut arg_names: Vec<Option<String>> = vec![Some("#names".into()), Some("#vals".into()), None];
        arg_names.extend(base.arg_names.iter().cloned());
        let mut arg_types = vec![gref("Core", "Tuple"), gref("Core", "Tuple"), typeof_f];
        arg_types.extend(base.arg_types.iter().cloned());
        let kwcall = MethodSpec {
            name: GlobalRef::new("Core", "kwcall"),
            display: "kwcall".into(),
            arg_names: arg_names.clone(),
            arg_types,
            is_vararg: vararg,
            inline: base.inline,
            method_table: base.method_table.clone(),
            type_params: base.type_params.clone(),
            span,
        };
        self.default_methods(
            &kwcall,
            sigs,
            &arg_names[..3],
            Callee::Global(GlobalRef::new("Core", "kwcall")),
        );
        let known = Operand::Const(ConstValue::Tuple(
            kw_names.iter().map(|n| ConstValue::Symbol(n.as_str().into())).collect(),
        ));
        self.emit_method(kwcall, &[], |cx| {
            cx.enter_scope(ScopeKind::Function, &[], &[]);
            let names = Operand::Value(cx.body.arg(1));
            let vals = Operand::Value(cx.body.arg(2));
            let f = Operand::Value(cx.body.arg(3));
            let mut args: Vec<Arg> = cx
                .keyword_defaults(&kw_defaults, Some((&names, &vals)))
                .into_iter()
                .map(Arg::Plain)
                .collect();
            let positionals = positional_args(cx, 4, npos, vararg);
            let mut check =
                vec![Arg::Plain(names), Arg::Plain(vals), Arg::Plain(known), Arg::Plain(f.clone())];
            check.extend(positionals.iter().cloned());
            cx.call_args(gref("Base", "_kwcheck"), check, Default::default(), span);
            args.push(Arg::Plain(f));
            args.extend(positionals);
            let target = cx.read_global(body_ref, span);
            let result = cx.call_args(target, args, Default::default(), span);
            cx.ret(result, span);
        });
    }

    /// Binds each keyword to a slot in order: from the call (`Base._kwhas(names, :k) ?
    /// Base._kwget(names, vals, :k) : default`) when `given`, else the default; a keyword
    /// without a default is `Base._kwmissing(:k)` (which throws `UndefKeywordError`).
    fn keyword_defaults(
        &mut self,
        kws: &[(String, Option<Expr>, syntax::Span)],
        given: Option<(&Operand, &Operand)>,
    ) -> Vec<Operand> {
        let mut out = Vec::with_capacity(kws.len());
        for (name, default, span) in kws {
            let span = *span;
            let slot = self.body.new_slot(name);
            let mut join = None;
            if let Some((names, vals)) = given {
                let done = self.new_block();
                join = Some(done);
                let has = self.call_ref("Base", "_kwhas", vec![names.clone(), sym(name)], span);
                let take = self.new_block();
                let fallback = self.new_block();
                self.branch(has, take, fallback, span);
                self.switch_to(take, span);
                let v = self.call_ref("Base", "_kwget", vec![names.clone(), vals.clone(), sym(name)], span);
                self.store(slot, v, span);
                self.jump(done, span);
                self.switch_to(fallback, span);
            }
            let v = match default {
                Some(d) => self.value(d),
                None => self.call_ref("Base", "_kwmissing", vec![sym(name)], span),
            };
            self.store(slot, v, span);
            if let Some(done) = join {
                self.switch_to(done, span);
            }
            if let Some(scope) = self.scopes.last_mut() {
                scope.vars.insert(name.clone(), Var::Slot(slot));
            }
            out.push(Operand::Slot(slot));
        }
        out
    }

    /// `struct P <: A; x::Float64; y; end`: the type, then the default constructor
    /// `P(x, y) = %new(P, Base.convert(Float64, x), y)`. A parametric `struct P{T}` gets
    /// Julia's two: `(::Type{P{T}})(x, y) where T` (converting to the field types) and, when
    /// every parameter appears in a field's type, `P(x::T, y::T) where T`. Constructors
    /// written inside the struct replace them and make objects with `new`.
    pub fn struct_def(&mut self, def: &StructDef, span: syntax::Span) -> Operand {
        if self.in_function || self.scopes.len() > 1 {
            return self.error(span, "type definitions are only allowed at top level");
        }
        let name = self.global_ref(&def.name.name);
        let outer_params = self.type_params.clone();
        let type_params = self.where_bounds(&def.type_params);
        let supertype = def.supertype.as_ref().map(|s| self.value(s));
        // A field type that mentions the struct itself is evaluated once its name is bound,
        // then set with `Core._typebody!`, as Julia's lowering does for every struct.
        let self_referential =
            def.fields.iter().filter_map(|f| f.ty.as_ref()).any(|t| mentions(t, &def.name.name));
        let mut fields = Vec::with_capacity(def.fields.len());
        for f in &def.fields {
            let ty = match &f.ty {
                Some(t) if !self_referential => Some(self.value(t)),
                _ => None,
            };
            fields.push((Rc::from(f.name.name.as_str()), ty));
        }
        let typedef = ir::TypeDef {
            name: name.clone(),
            supertype,
            fields: Some(fields),
            mutable: def.mutable,
            closure: false,
            params: def.type_params.iter().map(|p| Rc::from(p.name.name.as_str())).collect(),
        };
        self.emit_void(InstKind::Type(Box::new(typedef)), span);
        if self_referential {
            let mut args = vec![self.read_global(name.clone(), span)];
            for f in &def.fields {
                args.push(match &f.ty {
                    Some(t) => self.value(t),
                    None => gref("Core", "Any"),
                });
            }
            self.call_ref("Core", "_typebody!", args, span);
        }
        if !def.inner.is_empty() {
            self.type_params = outer_params;
            self.inner_constructors(def, &name);
            return nothing();
        }
        let field_types: Vec<Option<Expr>> = def.fields.iter().map(|f| f.ty.clone()).collect();
        let arg_names: Vec<Option<String>> = def.fields.iter().map(|f| Some(f.name.name.clone())).collect();
        let names: Vec<String> = def.type_params.iter().map(|p| p.name.name.clone()).collect();
        // `new{T...}`'s type: the struct, applied to the static parameters.
        let instance = move |cx: &mut Cx, name: &GlobalRef| {
            let mut args = vec![Operand::Global(name.clone())];
            for p in &names {
                args.push(cx.ident(p, span));
            }
            match args.len() {
                1 => Operand::Global(name.clone()),
                _ => cx.call_ref("Core", "apply_type", args, span),
            }
        };
        if def.type_params.is_empty() {
            let spec = MethodSpec {
                name: name.clone(),
                display: name.name.clone(),
                arg_names,
                arg_types: def.fields.iter().map(|_| gref("Core", "Any")).collect(),
                is_vararg: false,
                inline: None,
                method_table: None,
                type_params: vec![],
                span,
            };
            self.emit_method(spec, &[], |cx| {
                let args = converted_fields(cx, &field_types);
                let new = cx.emit(InstKind::New { ty: Operand::Global(name), args }, span);
                cx.ret(new, span);
            });
            return nothing();
        }
        // `(::Type{P{T}})(x, y) where T = %new(P{T}, convert(T, x), convert(T, y))`.
        let mut applied = vec![Operand::Global(name.clone())];
        for p in &def.type_params {
            applied.push(self.ident(&p.name.name, span));
        }
        let generic = self.call_ref("Core", "apply_type", applied, span);
        let self_type = self.call_ref("Core", "apply_type", vec![gref("Core", "Type"), generic], span);
        let mut arg_types = vec![self_type];
        arg_types.extend(def.fields.iter().map(|_| gref("Core", "Any")));
        let spec = MethodSpec {
            name: name.clone(),
            display: name.name.clone(),
            arg_names: arg_names.clone(),
            arg_types,
            is_vararg: false,
            inline: None,
            method_table: None,
            type_params: type_params.clone(),
            span,
        };
        let (types2, name2, instance2) = (field_types.clone(), name.clone(), instance.clone());
        let (method, at) = self.lower_method(spec, &[], true, move |cx| {
            let args = converted_fields(cx, &types2);
            let ty = instance2(cx, &name2);
            let new = cx.emit(InstKind::New { ty, args }, span);
            cx.ret(new, span);
        });
        self.emit_void(InstKind::Method(Box::new(method)), at);
        // `P(x::T, y::T) where T = %new(P{T}, x, y)`, when the fields' types say what `T` is.
        let all_mentioned = def
            .type_params
            .iter()
            .all(|p| def.fields.iter().filter_map(|f| f.ty.as_ref()).any(|t| mentions(t, &p.name.name)));
        if all_mentioned {
            let arg_types: Vec<Operand> = field_types
                .iter()
                .map(|t| match t {
                    Some(t) => self.value(t),
                    None => gref("Core", "Any"),
                })
                .collect();
            let spec = MethodSpec {
                name: name.clone(),
                display: name.name.clone(),
                arg_names,
                arg_types,
                is_vararg: false,
                inline: None,
                method_table: None,
                type_params,
                span,
            };
            let n = field_types.len();
            self.emit_method(spec, &[], move |cx| {
                let args: Vec<Operand> = (1..=n).map(|i| Operand::Value(cx.body.arg(i))).collect();
                let ty = instance(cx, &name);
                let new = cx.emit(InstKind::New { ty, args }, span);
                cx.ret(new, span);
            });
        }
        self.type_params = outer_params;
        nothing()
    }

    /// Constructors written inside a struct: methods of its binding (`P(x) = new(2x)`),
    /// whose `new(...)` makes the struct.
    fn inner_constructors(&mut self, def: &StructDef, name: &GlobalRef) {
        let outer = self.new_type.replace(name.clone());
        for inner in &def.inner {
            let fdef = match &inner.kind {
                ExprKind::FunctionDef(f) => Some((**f).clone()),
                ExprKind::Assign { lhs, rhs } => call_as_definition(lhs, rhs).ok(),
                _ => None,
            };
            let constructs = |f: &FunctionDef| match &f.name {
                FunctionName::Named { path, name: n } => path.is_empty() && n.name == def.name.name,
                // `P{T}(x) where T`, parsed as `(::Type{P{T}})(x)`.
                FunctionName::Callable { this } => this.name.is_none(),
                FunctionName::Anonymous => false,
            };
            match fdef {
                Some(f) if constructs(&f) => {
                    self.function_def(&f, None, None, inner.span);
                }
                _ => {
                    self.error(
                        inner.span,
                        "only constructors named after the struct are supported inside a struct by invokelab",
                    );
                }
            }
        }
        self.new_type = outer;
    }

    /// `abstract type B <: A end`, `abstract type B{T} <: A{T} end`.
    pub fn abstract_type_def(&mut self, def: &syntax::ast::AbstractTypeDef, span: syntax::Span) -> Operand {
        if self.in_function || self.scopes.len() > 1 {
            return self.error(span, "type definitions are only allowed at top level");
        }
        let name = self.global_ref(&def.name.name);
        let outer_params = self.type_params.clone();
        self.where_bounds(&def.type_params);
        let supertype = def.supertype.as_ref().map(|s| self.value(s));
        self.type_params = outer_params;
        let params = def.type_params.iter().map(|p| Rc::from(p.name.name.as_str())).collect();
        let typedef = ir::TypeDef { name, supertype, fields: None, mutable: false, closure: false, params };
        self.emit_void(InstKind::Type(Box::new(typedef)), span);
        nothing()
    }
}

/// The default constructor's field values: each argument converted to its field's type.
fn converted_fields(cx: &mut Cx, field_types: &[Option<Expr>]) -> Vec<Operand> {
    let mut args = Vec::with_capacity(field_types.len());
    for (i, ty) in field_types.iter().enumerate() {
        let x = Operand::Value(cx.body.arg(i + 1));
        args.push(match ty {
            Some(ty) => {
                let t = cx.value(ty);
                cx.call_ref("Base", "convert", vec![t, x], ty.span)
            }
            None => x,
        });
    }
    args
}

/// Who a default-argument method calls.
#[derive(Clone)]
enum Callee {
    /// The function itself (`#self#`), as Julia does.
    SelfFn,
    Global(GlobalRef),
}

impl Callee {
    fn operand(&self, cx: &mut Cx) -> Operand {
        match self {
            Callee::SelfFn => Operand::Value(cx.body.arg(0)),
            Callee::Global(g) => Operand::Global(g.clone()),
        }
    }
}

fn clone_spec(spec: &MethodSpec) -> MethodSpec {
    MethodSpec {
        name: spec.name.clone(),
        display: spec.display.clone(),
        arg_names: spec.arg_names.clone(),
        arg_types: spec.arg_types.clone(),
        is_vararg: spec.is_vararg,
        inline: spec.inline,
        method_table: spec.method_table.clone(),
        type_params: spec.type_params.clone(),
        span: spec.span,
    }
}

/// Arguments `first..first + n` as call arguments, the last splatted when it is a vararg.
fn positional_args(cx: &mut Cx, first: usize, n: usize, vararg: bool) -> Vec<Arg> {
    (0..n)
        .map(|i| {
            let v = Operand::Value(cx.body.arg(first + i));
            if vararg && i + 1 == n {
                Arg::Splat(v)
            } else {
                Arg::Plain(v)
            }
        })
        .collect()
}

/// Whether `e` assigns `name` anywhere (outside nested functions).
fn assigns(e: &Expr, name: &str) -> bool {
    let target_has = |t: &Expr| target_names(t).iter().any(|n| n == name);
    match &e.kind {
        ExprKind::Assign { lhs, .. } | ExprKind::CompoundAssign { lhs, .. } if target_has(lhs) => true,
        ExprKind::FunctionDef(_) | ExprKind::Lambda { .. } => false,
        // A `let` binding or loop variable of the same name is a new local that shadows it.
        ExprKind::Let { bindings, body } => {
            bindings.iter().any(|b| match &b.kind {
                ExprKind::Assign { rhs, .. } => assigns(rhs, name),
                _ => false,
            }) || (!bindings.iter().any(|b| binds(b, name)) && body.stmts.iter().any(|s| assigns(s, name)))
        }
        ExprKind::For { iterators, body } => {
            iterators.iter().any(|it| assigns(&it.iterable, name))
                || (!iterators.iter().any(|it| target_names(&it.var).iter().any(|n| n == name))
                    && body.stmts.iter().any(|s| assigns(s, name)))
        }
        _ => {
            let mut found = false;
            for_each_child(e, |c| found |= assigns(c, name));
            found
        }
    }
}

fn binds(binding: &Expr, name: &str) -> bool {
    match &binding.kind {
        ExprKind::Assign { lhs, .. } => target_names(lhs).iter().any(|n| n == name),
        _ => target_names(binding).iter().any(|n| n == name),
    }
}

fn target_names(t: &Expr) -> Vec<String> {
    match &t.kind {
        ExprKind::Ident(n) => vec![n.clone()],
        ExprKind::Decl { value: Some(v), .. } => target_names(v),
        ExprKind::Tuple(items) => items.iter().flat_map(target_names).collect(),
        _ => vec![],
    }
}

/// `f(x::T, ys...) = body` written as an assignment to a call: the definition it means.
pub(crate) fn call_as_definition(lhs: &Expr, rhs: &Expr) -> Result<FunctionDef, (syntax::Span, String)> {
    let ExprKind::Call { callee, args, kwargs, .. } = &lhs.kind else {
        return Err((lhs.span, "invalid assignment target".into()));
    };
    if !kwargs.is_empty() {
        return Err((
            lhs.span,
            "keyword parameters in this form of definition are not supported by invokelab yet".into(),
        ));
    }
    let name = definition_name(callee).ok_or((callee.span, "invalid function name".to_string()))?;
    let mut params = Vec::with_capacity(args.len());
    for arg in args {
        let (inner, varargs) = match &arg.kind {
            ExprKind::Splat(inner) => (&**inner, true),
            _ => (arg, false),
        };
        let (name, ty) = match &inner.kind {
            ExprKind::Ident(n) => (Some(Ident { name: n.clone(), span: inner.span }), None),
            ExprKind::Decl { value, ty } => {
                let name = match value.as_deref().map(|v| &v.kind) {
                    Some(ExprKind::Ident(n)) => Some(Ident { name: n.clone(), span: inner.span }),
                    None => None,
                    Some(_) => return Err((inner.span, "invalid parameter".into())),
                };
                (name, Some((**ty).clone()))
            }
            _ => return Err((inner.span, "invalid parameter".into())),
        };
        params.push(Param { name, ty, default: None, varargs, span: arg.span });
    }
    let body = match &rhs.kind {
        ExprKind::Block(b) => b.clone(),
        _ => AstBlock { stmts: vec![rhs.clone()], span: rhs.span },
    };
    Ok(FunctionDef {
        name,
        params,
        kwparams: vec![],
        return_type: None,
        where_params: vec![],
        body: Some(body),
        short_form: true,
    })
}

fn definition_name(callee: &Expr) -> Option<FunctionName> {
    match &callee.kind {
        // `(p::T)(x) = ...`: a method of callable objects.
        ExprKind::Decl { value, ty } => {
            let name = match value.as_deref().map(|v| &v.kind) {
                Some(ExprKind::Ident(n)) => Some(Ident { name: n.clone(), span: callee.span }),
                None => None,
                Some(_) => return None,
            };
            let this =
                Param { name, ty: Some((**ty).clone()), default: None, varargs: false, span: callee.span };
            Some(FunctionName::Callable { this: Box::new(this) })
        }
        ExprKind::Ident(n) => {
            Some(FunctionName::Named { path: vec![], name: Ident { name: n.clone(), span: callee.span } })
        }
        ExprKind::Field { object, name } => {
            let mut path = Vec::new();
            let mut at = &**object;
            loop {
                match &at.kind {
                    ExprKind::Ident(n) => {
                        path.push(Ident { name: n.clone(), span: at.span });
                        break;
                    }
                    ExprKind::Field { object, name } => {
                        path.push(name.clone());
                        at = object;
                    }
                    _ => return None,
                }
            }
            path.reverse();
            Some(FunctionName::Named { path, name: name.clone() })
        }
        _ => None,
    }
}

/// Whether `e` mentions the name `name` (a struct's field type that refers to the struct).
fn mentions(e: &Expr, name: &str) -> bool {
    match &e.kind {
        ExprKind::Ident(n) => n == name,
        _ => {
            let mut found = false;
            for_each_child(e, |c| found |= mentions(c, name));
            found
        }
    }
}
