//! The `Test` standard library's macros (stdlib/Test/src/Test.jl): `@test`, `@test_broken`,
//! `@test_skip`, `@test_throws` and `@testset`. Each becomes a call of the prelude's test
//! functions (prelude/test.jl), with the tested expression wrapped in a closure of no
//! arguments, so that an exception it throws is recorded as Julia records it, and with the
//! expression's text and `file:line` for the report.
//!
//! `@test f(a, b)` evaluates `f`, `a` and `b` before calling, so a failure can show
//! `Evaluated: f(1, 2)` as Julia's `eval_test` does: the closure returns
//! `(f, (a, b), keyword names, keyword values)` and the prelude makes the call.

use ir::Operand;
use syntax::ast::{Block, CallSyntax, Expr, ExprKind, Ident, Kwarg, MacroCall, Try};
use types::ConstValue;

use crate::cx::{sym, Cx};
use crate::text::expr_text;

fn str_op(s: &str) -> Operand {
    Operand::Const(ConstValue::Str(s.into()))
}

fn ident(name: &str, span: syntax::Span) -> Expr {
    Expr::new(ExprKind::Ident(name.to_string()), span)
}

fn call(callee: Expr, args: Vec<Expr>, span: syntax::Span) -> Expr {
    Expr::new(
        ExprKind::Call { callee: Box::new(callee), args, kwargs: vec![], syntax: CallSyntax::Prefix },
        span,
    )
}

fn base_ref(name: &str, span: syntax::Span) -> Expr {
    Expr::new(
        ExprKind::Field {
            object: Box::new(ident("Base", span)),
            name: Ident { name: name.to_string(), span },
        },
        span,
    )
}

fn tuple(items: Vec<Expr>, span: syntax::Span) -> Expr {
    Expr::new(ExprKind::Tuple(items), span)
}

fn thunk(body: Expr) -> Expr {
    let span = body.span;
    Expr::new(ExprKind::Lambda { params: vec![], body: Box::new(body) }, span)
}

fn string_lit(s: &str, span: syntax::Span) -> Expr {
    Expr::new(
        ExprKind::Str { parts: vec![syntax::ast::StrPart::Literal(s.to_string())], triple: false },
        span,
    )
}

fn symbol_lit(s: &str, span: syntax::Span) -> Expr {
    Expr::new(ExprKind::Symbol(s.to_string()), span)
}

impl Cx<'_> {
    /// `@test ex`, `@test_broken ex`, `@test_skip ex`; trailing `k = v` arguments are keyword
    /// arguments of the tested call (`@test a ≈ b atol=0.1` is `isapprox(a, b, atol = 0.1)`),
    /// except `broken = c` and `skip = c`.
    pub(crate) fn test_macro(&mut self, m: &MacroCall, span: syntax::Span) -> Operand {
        let Some((ex, extra)) = m.args.split_first() else {
            return self.error(span, format!("`@{}` expects an expression", m.name.name));
        };
        let mut mode = match m.name.name.as_str() {
            "test_broken" => "broken",
            "test_skip" => "skip",
            _ => "test",
        };
        let mut kwargs = Vec::new();
        let mut condition = None;
        for e in extra {
            match &e.kind {
                ExprKind::Assign { lhs, rhs } => match lhs.as_ident() {
                    Some(k @ ("broken" | "skip")) if mode == "test" => {
                        mode = if k == "broken" { "broken" } else { "skip" };
                        condition = Some((**rhs).clone());
                    }
                    Some(name) => kwargs.push(Kwarg::Named {
                        name: Ident { name: name.to_string(), span: lhs.span },
                        value: (**rhs).clone(),
                        span: e.span,
                    }),
                    None => return self.error(e.span, format!("invalid test macro call: {}", expr_text(e))),
                },
                _ => return self.error(e.span, format!("invalid test macro call: {}", expr_text(e))),
            }
        }
        let ex = with_kwargs(ex, kwargs);
        let text = expr_text(&ex);
        let src = self.g.file_line(span);
        let (shape, labels, body) = test_shape(&ex);
        let f = self.value(&thunk(body));
        let labels = self.value(&labels);
        let mode_op = match condition {
            // `broken=c`: a broken test when `c` holds, an ordinary one otherwise.
            Some(c) => {
                let c = self.value(&c);
                let yes = Operand::Const(ConstValue::Symbol(mode.into()));
                let no = Operand::Const(ConstValue::Symbol("test".into()));
                self.call_ref("Core", "ifelse", vec![c, yes, no], span)
            }
            None => sym(mode),
        };
        let shape = Operand::Const(ConstValue::Int(shape));
        self.call_ref("Base", "_test", vec![f, shape, labels, str_op(&text), str_op(&src), mode_op], span)
    }

    /// `@test_throws T ex`: `T` is an exception type, an exception value, or a message.
    pub(crate) fn test_throws_macro(&mut self, m: &MacroCall, span: syntax::Span) -> Operand {
        let [expected, ex] = m.args.as_slice() else {
            return self.error(span, "`@test_throws` expects an exception type and an expression");
        };
        let expected = self.value(expected);
        let f = self.value(&thunk(ex.clone()));
        let text = expr_text(ex);
        let src = self.g.file_line(span);
        self.call_ref("Base", "_test_throws", vec![expected, f, str_op(&text), str_op(&src)], span)
    }

    /// `@testset ["description"] [verbose=true] begin ... end` and the `for` form, one test
    /// set per iteration. The body runs in a new scope, inside `try` so that an exception
    /// outside any `@test` is recorded, and the set is finished (its summary printed when it
    /// is the outermost) whatever happens.
    pub(crate) fn testset_macro(&mut self, m: &MacroCall, span: syntax::Span) -> Operand {
        let Some((body, options)) = m.args.split_last() else {
            return self.error(span, "`@testset` expects a body");
        };
        let mut description = None;
        let mut verbose = Expr::new(ExprKind::Bool(false), span);
        let mut showtiming = Expr::new(ExprKind::Bool(true), span);
        for o in options {
            match &o.kind {
                ExprKind::Assign { lhs, rhs } if lhs.as_ident() == Some("verbose") => {
                    verbose = (**rhs).clone()
                }
                ExprKind::Assign { lhs, rhs } if lhs.as_ident() == Some("showtiming") => {
                    showtiming = (**rhs).clone()
                }
                ExprKind::Assign { lhs, .. } if lhs.as_ident().is_some() => {}
                _ if description.is_none() => description = Some(o.clone()),
                _ => {
                    return self.error(o.span, format!("unexpected argument to `@testset`: {}", expr_text(o)))
                }
            }
        }
        let src = string_lit(&self.g.file_line(span), span);
        match &body.kind {
            ExprKind::For { iterators, body: loop_body } => {
                let description = description.unwrap_or_else(|| {
                    // Julia names each iteration's set by its loop variables: `i = 1`.
                    let parts = iterators
                        .iter()
                        .flat_map(|it| {
                            let name = expr_text(&it.var);
                            [
                                syntax::ast::StrPart::Literal(format!("{name} = ")),
                                syntax::ast::StrPart::Interpolation(it.var.clone()),
                            ]
                        })
                        .collect();
                    Expr::new(ExprKind::Str { parts, triple: false }, span)
                });
                let inner = testset_block(description, [verbose, showtiming], loop_body.clone(), src, span);
                let block = Block { stmts: vec![inner], span: loop_body.span };
                let looped = Expr::new(ExprKind::For { iterators: iterators.clone(), body: block }, span);
                self.value(&looped)
            }
            ExprKind::Block(block) => {
                let description = description.unwrap_or_else(|| string_lit("test set", span));
                self.value(&testset_block(description, [verbose, showtiming], block.clone(), src, span))
            }
            _ => self.error(body.span, "`@testset` expects a `begin ... end` block or a `for` loop"),
        }
    }
}

/// `Base._testset_begin(d, verbose, showtiming); try; let; body; end; catch e;
/// Base._testset_error(e, src); finally; Base._testset_end(); end`.
fn testset_block(description: Expr, options: [Expr; 2], body: Block, src: Expr, span: syntax::Span) -> Expr {
    let [verbose, showtiming] = options;
    let begin = call(base_ref("_testset_begin", span), vec![description, verbose, showtiming], span);
    let scoped = Expr::new(ExprKind::Let { bindings: vec![], body }, span);
    let catch_var = Ident { name: "#testset_error".to_string(), span };
    let recorded = call(base_ref("_testset_error", span), vec![ident("#testset_error", span), src], span);
    let finish = call(base_ref("_testset_end", span), vec![], span);
    let tried = Try {
        body: Block { stmts: vec![scoped], span },
        catch_var: Some(catch_var),
        catch_body: Some(Block { stmts: vec![recorded], span }),
        finally_body: Some(Block { stmts: vec![finish], span }),
    };
    let try_expr = Expr::new(ExprKind::Try(Box::new(tried)), span);
    Expr::new(ExprKind::Block(Block { stmts: vec![begin, try_expr], span }), span)
}

/// `ex` with keyword arguments added: a call gets them; `a ≈ b` becomes
/// `isapprox(a, b; kws...)` (Test.jl's `@test a ≈ b atol=...`).
fn with_kwargs(ex: &Expr, kwargs: Vec<Kwarg>) -> Expr {
    if kwargs.is_empty() {
        return ex.clone();
    }
    match &ex.kind {
        ExprKind::Call { callee, args, kwargs: own, syntax } => {
            let (callee, syntax) = match callee.as_ident() {
                Some("≈") => (Box::new(ident("isapprox", callee.span)), CallSyntax::Prefix),
                _ => (callee.clone(), *syntax),
            };
            let mut all = own.clone();
            all.extend(kwargs);
            Expr::new(ExprKind::Call { callee, args: args.clone(), kwargs: all, syntax }, ex.span)
        }
        _ => ex.clone(),
    }
}

/// What the closure of `@test ex` returns and how the prelude reads it: 0, the value; 1, a
/// call's parts `(f, args, keyword names, keyword values)` with `(callee text, syntax)`;
/// 2, a comparison chain's `(operators, operands)` with the operators' texts.
fn test_shape(ex: &Expr) -> (i64, Expr, Expr) {
    let span = ex.span;
    match &ex.kind {
        ExprKind::Call { callee, args, kwargs, syntax }
            if !args.iter().any(|a| matches!(a.kind, ExprKind::Splat(_)))
                && kwargs.iter().all(|k| matches!(k, Kwarg::Named { .. }))
                && !matches!(callee.kind, ExprKind::Curly { .. }) =>
        {
            let names: Vec<Expr> = kwargs
                .iter()
                .filter_map(|k| match k {
                    Kwarg::Named { name, .. } => Some(symbol_lit(&name.name, name.span)),
                    Kwarg::Splat { .. } => None,
                })
                .collect();
            let values: Vec<Expr> = kwargs
                .iter()
                .filter_map(|k| match k {
                    Kwarg::Named { value, .. } => Some(value.clone()),
                    Kwarg::Splat { .. } => None,
                })
                .collect();
            let parts = tuple(
                vec![(**callee).clone(), tuple(args.clone(), span), tuple(names, span), tuple(values, span)],
                span,
            );
            let syntax = match syntax {
                CallSyntax::Infix if args.len() == 2 => "infix",
                CallSyntax::Unary => "unary",
                _ => "prefix",
            };
            let labels = tuple(vec![string_lit(&expr_text(callee), span), string_lit(syntax, span)], span);
            (1, labels, parts)
        }
        ExprKind::Comparison { operands, ops } => {
            let fns: Vec<Expr> = ops.iter().map(|op| ident(&op.name, op.span)).collect();
            let parts = tuple(vec![tuple(fns, span), tuple(operands.clone(), span)], span);
            let labels = tuple(ops.iter().map(|op| string_lit(&op.name, op.span)).collect(), span);
            (2, labels, parts)
        }
        _ => (0, tuple(vec![], span), ex.clone()),
    }
}
