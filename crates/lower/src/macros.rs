//! The macros the language knows: reflection (`@code_typed`, `@code_warntype`, `@code_lowered`,
//! `@code_wasm`),
//! `@show`, `@assert`, `@printf` / `@sprintf`, `@inline` / `@noinline`, the `Test` macros (`test_macros`), the hints
//! that change no result (`@inbounds`, `@simd`, ...), and the overlay-table macros
//! (`Base.Experimental.@MethodTable`, `Base.Experimental.@overlay`). There are no user macros:
//! any other macro is an error diagnostic.

use ir::{InstFlags, InstKind, Operand};
use syntax::ast::{Expr, ExprKind, MacroCall};
use types::ConstValue;

use crate::cx::{nothing, sym, Cx};
use crate::text::expr_text;

impl Cx<'_> {
    pub fn macro_call(&mut self, m: &MacroCall, span: syntax::Span) -> Operand {
        match m.name.name.as_str() {
            "code_typed" => self.reflection(m, "_code_typed", Some(true), span),
            "code_warntype" => self.reflection(m, "_code_warntype", Some(false), span),
            "code_lowered" => self.reflection(m, "_code_lowered", None, span),
            "code_wasm" => self.reflection(m, "_code_wasm", None, span),
            "show" => self.show_macro(&m.args, span),
            "printf" => self.printf_macro(&m.args, true, span),
            "sprintf" => self.printf_macro(&m.args, false, span),
            "allocated" | "time" | "elapsed" => self.timing_macro(&m.name.name, &m.args, span),
            "assert" => self.assert_macro(&m.args, span),
            "info" | "warn" | "error" | "debug" => self.log_macro(&m.name.name, &m.args, span),
            "inline" | "noinline" => self.inline_macro(m, span),
            "MethodTable" => self.method_table_macro(&m.args, span),
            "overlay" => self.overlay_macro(&m.args, span),
            "test" | "test_broken" | "test_skip" => self.test_macro(m, span),
            "test_throws" => self.test_throws_macro(m, span),
            "." if m.args.len() == 1 => {
                let dotted = crate::broadcast::dotify(&m.args[0]);
                self.value(&dotted)
            }
            "testset" => self.testset_macro(m, span),
            // Hints that change no result: the expression itself.
            "inbounds" | "simd" | "fastmath" | "boundscheck" | "propagate_inbounds" | "views" | "static"
                if m.args.len() == 1 =>
            {
                self.value(&m.args[0])
            }
            other => self.error(span, format!("macro `@{other}` is not supported by invokelab")),
        }
    }

    /// `@code_typed [optimize=false] [debuginfo=:source] f(a, b)` ->
    /// `Core._code_typed(f, Core.tuple(Core.typeof(a), Core.typeof(b)), optimize, source)`;
    /// `optimize_default` is `None` for the macros without that option.
    fn reflection(
        &mut self,
        m: &MacroCall,
        builtin: &str,
        optimize_default: Option<bool>,
        span: syntax::Span,
    ) -> Operand {
        let takes_optimize = optimize_default.is_some();
        let mut optimize = Operand::Const(ConstValue::Bool(optimize_default.unwrap_or(true)));
        let mut source = false;
        let mut call = None;
        for arg in &m.args {
            match &arg.kind {
                ExprKind::Assign { lhs, rhs } if takes_optimize && lhs.as_ident() == Some("optimize") => {
                    optimize = self.value(rhs);
                }
                // Compiler/src/ssair/show.jl `__debuginfo`: `:source` annotates each statement
                // with its line and inlined calls; `:none` and `:default` print none.
                ExprKind::Assign { lhs, rhs } if takes_optimize && lhs.as_ident() == Some("debuginfo") => {
                    match &rhs.kind {
                        ExprKind::Symbol(s) if s == "source" && builtin == "_code_typed" => source = true,
                        ExprKind::Symbol(s) if s == "none" || s == "default" => source = false,
                        _ => {
                            return self.error(
                                rhs.span,
                                format!(
                                    "`debuginfo` of `@{}` must be :source, :none or :default in invokelab",
                                    m.name.name
                                ),
                            )
                        }
                    }
                }
                ExprKind::Assign { lhs, .. } => {
                    let name = lhs.as_ident().unwrap_or("?");
                    return self.error(
                        arg.span,
                        format!("option `{name}` of `@{}` is not supported by invokelab", m.name.name),
                    );
                }
                ExprKind::Call { callee, args, kwargs, .. } if call.is_none() => {
                    call = Some((callee, args, kwargs))
                }
                _ => return self.error(arg.span, format!("`@{}` expects a function call", m.name.name)),
            }
        }
        let Some((callee, args, kwargs)) = call else {
            return self.error(span, format!("`@{}` expects a function call", m.name.name));
        };
        if !kwargs.is_empty() || args.iter().any(|a| matches!(a.kind, ExprKind::Splat(_))) {
            return self.error(
                span,
                format!(
                    "`@{}` of a call with keywords or splats is not supported by invokelab yet",
                    m.name.name
                ),
            );
        }
        let f = self.value(callee);
        let values = self.values(args);
        let mut types = Vec::with_capacity(values.len());
        for (v, a) in values.into_iter().zip(args.iter()) {
            types.push(self.call_ref("Core", "typeof", vec![v], a.span));
        }
        let tuple = self.call_ref("Core", "tuple", types, span);
        let mut call_args = vec![f, tuple];
        if takes_optimize {
            call_args.push(optimize);
            call_args.push(Operand::Const(ConstValue::Bool(source)));
        }
        self.call_ref("Core", builtin, call_args, span)
    }

    /// `@show x` -> `Base.println("x = ", Base.repr(x))`; the value is the last expression's.
    fn show_macro(&mut self, args: &[Expr], span: syntax::Span) -> Operand {
        let mut last = nothing();
        for arg in args {
            let v = self.value(arg);
            let label = Operand::Const(ConstValue::Str(format!("{} = ", expr_text(arg)).into()));
            let repr = self.call_ref("Base", "repr", vec![v.clone()], arg.span);
            self.call_ref("Base", "println", vec![label, repr], arg.span);
            last = v;
        }
        let _ = span;
        last
    }

    /// `@info msg [key=value | value]...` (and `@warn`, `@error`) -> `Base._log(level, msg,
    /// "Module", "file:line", (:key, ...), value, ...)`, which prints the message as Julia's
    /// default logger (base/logging/ConsoleLogger.jl) does on standard error; a bare value's
    /// key is its text. `@debug` is below the default logger's level: it prints nothing and
    /// evaluates nothing, as Julia's does.
    fn log_macro(&mut self, name: &str, args: &[Expr], span: syntax::Span) -> Operand {
        let level = match name {
            "info" => 0,
            "warn" => 1000,
            "error" => 2000,
            _ => return nothing(),
        };
        let Some((message, rest)) = args.split_first() else {
            return self.error(span, format!("`@{name}` needs a message"));
        };
        let message = self.value(message);
        let mut keys = Vec::new();
        let mut values = Vec::new();
        for arg in rest {
            match &arg.kind {
                ExprKind::Assign { lhs, rhs } if lhs.as_ident().is_some() => {
                    keys.push(sym(lhs.as_ident().unwrap_or_default()));
                    values.push(self.value(rhs));
                }
                _ => {
                    keys.push(Operand::Const(ConstValue::Symbol(expr_text(arg).into())));
                    values.push(self.value(arg));
                }
            }
        }
        let keys = self.call_ref("Core", "tuple", keys, span);
        let module = Operand::Const(ConstValue::Str(self.g.module.to_string().into()));
        let source = Operand::Const(ConstValue::Str(self.g.file_line(span).into()));
        let mut call_args = vec![Operand::Const(ConstValue::Int(level)), message, module, source, keys];
        call_args.extend(values);
        self.call_ref("Base", "_log", call_args, span)
    }

    /// `@sprintf(fmt, args...)` -> `Base._sprintf(fmt, args...)` and `@printf([io,] fmt,
    /// args...)` -> `Base.print([io,] Base._sprintf(fmt, args...))` (prelude/printf.jl); the format
    /// must be a string literal, as stdlib Printf's macros parse it when they expand.
    fn printf_macro(&mut self, args: &[Expr], print: bool, span: syntax::Span) -> Operand {
        let name = if print { "printf" } else { "sprintf" };
        let is_format = |e: &Expr| matches!(&e.kind, ExprKind::Str { parts, .. } if parts.iter().all(|p| matches!(p, syntax::ast::StrPart::Literal(_))));
        let (io, fmt, rest) = match args {
            [fmt, rest @ ..] if is_format(fmt) => (None, fmt, rest),
            [io, fmt, rest @ ..] if print && is_format(fmt) => (Some(io), fmt, rest),
            _ => {
                let what = if print { "after `io` " } else { "" };
                return self.error(
                    span,
                    format!("ArgumentError: First argument to `@{name}` {what}must be a format string"),
                );
            }
        };
        let io = io.map(|io| self.value(io));
        let mut call_args = vec![self.value(fmt)];
        call_args.extend(self.values(rest));
        let text = self.call_ref("Base", "_sprintf", call_args, span);
        if !print {
            return text;
        }
        let mut print_args: Vec<Operand> = io.into_iter().collect();
        print_args.push(text);
        self.call_ref("Base", "print", print_args, span)
    }

    /// `@allocated ex` -> the bytes allocated while `ex` ran (`Core._gc_stats()` before and
    /// after, as base/timing.jl reads `gc_bytes`); `@elapsed ex` -> its seconds as a Float64;
    /// `@time ex` -> prints Julia's `  0.000012 seconds (3 allocations: 96 bytes)` line
    /// (`Core._time_print`) and returns the value of `ex`.
    fn timing_macro(&mut self, name: &str, args: &[Expr], span: syntax::Span) -> Operand {
        let [ex] = args else {
            return self.error(span, format!("`@{name}` expects one expression"));
        };
        // The clock is read outside the counters' window, so its own result boxes (on the wasm
        // engine, a builtin's `UInt64` result is boxed) are not counted as `ex`'s.
        let timed = name != "allocated";
        let t0 = timed.then(|| self.call_ref("Core", "_time_ns", vec![], span));
        let stats0 = self.call_ref("Core", "_gc_stats", vec![], span);
        let value = self.value(ex);
        let stats1 = self.call_ref("Core", "_gc_stats", vec![], span);
        let t1 = timed.then(|| self.call_ref("Core", "_time_ns", vec![], span));
        let (t0, t1) = (t0.unwrap_or_else(nothing), t1.unwrap_or_else(nothing));
        match name {
            "allocated" => {
                let two = Operand::Const(ConstValue::Int(2));
                let b0 = self.call_ref("Core", "getfield", vec![stats0, two.clone()], span);
                let b1 = self.call_ref("Core", "getfield", vec![stats1, two], span);
                self.call_ref("Base", "-", vec![b1, b0], span)
            }
            "elapsed" => {
                let ns = self.call_ref("Base", "-", vec![t1, t0], span);
                let billion = Operand::Const(ConstValue::float(1e9));
                self.call_ref("Base", "/", vec![ns, billion], span)
            }
            _ => {
                self.call_ref("Core", "_time_print", vec![t0, t1, stats0, stats1], span);
                value
            }
        }
    }

    /// `@assert c [msg]` -> `if !c; throw(Base.AssertionError(msg)); end`, `msg` being the
    /// condition's text by default (base/error.jl).
    fn assert_macro(&mut self, args: &[Expr], span: syntax::Span) -> Operand {
        let Some(cond) = args.first() else {
            return self.error(span, "`@assert` expects a condition");
        };
        let ok = self.new_block();
        let fail = self.new_block();
        // `goto fail if not !c`, keeping the then-block next: branch on the condition with the
        // failure first would break the layout convention, so test `c` and jump over.
        let pass = self.new_block();
        self.cond(cond, pass, fail);
        self.switch_to(pass, span);
        self.jump(ok, span);
        self.switch_to(fail, span);
        let message = match args.get(1) {
            Some(msg) => {
                let m = self.value(msg);
                self.call_ref("Base", "string", vec![m], msg.span)
            }
            None => Operand::Const(ConstValue::Str(expr_text(cond).into())),
        };
        let error = self.call_ref("Base", "AssertionError", vec![message], span);
        self.call_ref("Core", "throw", vec![error], span);
        self.terminate(ir::Terminator::Unreachable, span);
        self.switch_to(ok, span);
        nothing()
    }

    /// `@inline` / `@noinline` on a definition set `MethodDef::inline`; on a call, the call's
    /// `InstFlags::inline`.
    fn inline_macro(&mut self, m: &MacroCall, span: syntax::Span) -> Operand {
        let inline = m.name.name == "inline";
        let Some(arg) = m.args.first() else {
            return self.error(span, format!("`@{}` expects a definition or a call", m.name.name));
        };
        match &arg.kind {
            ExprKind::FunctionDef(def) if !self.in_function && self.scopes.len() == 1 => {
                self.function_def(def, Some(inline), None, arg.span)
            }
            ExprKind::Call { callee, args, kwargs, .. } => {
                let flags = InstFlags { inline: Some(inline), ..InstFlags::default() };
                self.lower_call(callee, args, kwargs, flags, arg.span)
            }
            _ => self.value(arg),
        }
    }

    /// `Base.Experimental.@MethodTable MT` -> `const MT = Core._method_table(:MT)`.
    fn method_table_macro(&mut self, args: &[Expr], span: syntax::Span) -> Operand {
        let Some(name) = args.first().and_then(Expr::as_ident) else {
            return self.error(span, "`@MethodTable` expects a name");
        };
        if self.in_function || self.scopes.len() > 1 {
            return self.error(span, "`@MethodTable` is only allowed at top level");
        }
        let table = self.call_ref("Core", "_method_table", vec![sym(name)], span);
        let global = self.global_ref(name);
        self.emit_void(InstKind::SetGlobal { global, value: table.clone(), constant: true }, span);
        table
    }

    /// `Base.Experimental.@overlay MT f(x) = ...`: a method in the table `MT`.
    fn overlay_macro(&mut self, args: &[Expr], span: syntax::Span) -> Operand {
        let [table, def] = args else {
            return self.error(span, "`@overlay` expects a method table and a method definition");
        };
        let ExprKind::FunctionDef(def) = &def.kind else {
            return self.error(def.span, "`@overlay` expects a method definition");
        };
        if self.in_function || self.scopes.len() > 1 {
            return self.error(span, "`@overlay` is only allowed at top level");
        }
        let mt = self.value(table);
        self.function_def(def, None, Some(mt), span)
    }
}
