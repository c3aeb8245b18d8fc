//! Broadcasting, as src/julia-syntax.scm's `expand-fuse-broadcast` lowers it: a dotted call
//! (`f.(a, b)`, `a .+ b`) whose arguments are dotted calls too fuses into one lazy tree of
//! `Base.broadcasted(f, args...)` calls, which `Base.materialize` evaluates element by element
//! (no temporary vector per operation); `x .= e` and `x .op= e` are
//! `Base.materialize!(x, tree)`, writing into `x`'s elements. An indexed destination
//! (`v[2:3] .= 0`) writes into those elements of `v` (Julia's `dotview`).

use ir::{InstFlags, Operand};
use syntax::ast::{CallSyntax, Expr, ExprKind};

use crate::cx::{gref, Cx};

/// The broadcast a call expression stands for: the function (an operator's name without its
/// dot, or `f` of `f.(x)`) and the arguments. `None` for an ordinary call.
pub(crate) fn dotted(e: &Expr) -> Option<(Dotted<'_>, &[Expr])> {
    let ExprKind::Call { callee, args, kwargs, syntax } = &e.kind else { return None };
    if !kwargs.is_empty() {
        return None;
    }
    if *syntax == CallSyntax::Dot {
        return Some((Dotted::Function(callee), args));
    }
    let name = callee.as_ident()?;
    let op = name.strip_prefix('.').filter(|op| !op.is_empty() && !op.starts_with('.'))?;
    Some((Dotted::Operator(op), args))
}

pub(crate) enum Dotted<'a> {
    /// `f.(x)`: `f` is any expression.
    Function(&'a Expr),
    /// `a .+ b` (`+`), `.-x` (`-`), `x .= y` (`=`), `x .+= y` (`+=`).
    Operator(&'a str),
}

/// `@. ex` (base/broadcast.jl `__dot__`): every call in `ex` dotted (`f(x)` is `f.(x)`, `a + b`
/// is `a .+ b`), and an assignment `x = e` or `x += e` is `x .= e` / `x .+= e`.
pub(crate) fn dotify(e: &Expr) -> Expr {
    let span = e.span;
    let kind = match &e.kind {
        ExprKind::Call { callee, args, kwargs, syntax } if dotted(e).is_none() => {
            let args: Vec<Expr> = args.iter().map(dotify).collect();
            match (syntax, callee.as_ident()) {
                (CallSyntax::Infix | CallSyntax::Unary, Some(op)) => ExprKind::Call {
                    callee: Box::new(Expr::new(ExprKind::Ident(format!(".{op}")), callee.span)),
                    args,
                    kwargs: kwargs.clone(),
                    syntax: *syntax,
                },
                _ => ExprKind::Call {
                    callee: callee.clone(),
                    args,
                    kwargs: kwargs.clone(),
                    syntax: CallSyntax::Dot,
                },
            }
        }
        ExprKind::Comparison { operands, ops } => ExprKind::Comparison {
            operands: operands.iter().map(dotify).collect(),
            ops: ops
                .iter()
                .map(|op| syntax::ast::Ident { name: format!(".{}", op.name), span: op.span })
                .collect(),
        },
        ExprKind::Assign { lhs, rhs } => ExprKind::Call {
            callee: Box::new(Expr::new(ExprKind::Ident(".=".to_string()), span)),
            args: vec![(**lhs).clone(), dotify(rhs)],
            kwargs: vec![],
            syntax: CallSyntax::Infix,
        },
        ExprKind::CompoundAssign { op, lhs, rhs } => ExprKind::Call {
            callee: Box::new(Expr::new(ExprKind::Ident(format!(".{}=", op.name)), span)),
            args: vec![(**lhs).clone(), dotify(rhs)],
            kwargs: vec![],
            syntax: CallSyntax::Infix,
        },
        ExprKind::Block(b) => {
            ExprKind::Block(syntax::ast::Block { stmts: b.stmts.iter().map(dotify).collect(), span: b.span })
        }
        _ => return e.clone(),
    };
    Expr::new(kind, span)
}

impl Cx<'_> {
    /// A dotted call: `Base.materialize(tree)`, or the broadcast assignment.
    pub(crate) fn broadcast(&mut self, e: &Expr, span: syntax::Span) -> Operand {
        let Some((dotted, args)) = dotted(e) else { return self.value(e) };
        if let Dotted::Operator(op) = dotted {
            if let Some(update) = update_of(op) {
                return self.broadcast_assign(update, args, span);
            }
        }
        let tree = self.broadcast_tree(e, span);
        self.call_ref("Base", "materialize", vec![tree], span)
    }

    /// `x .= e` (`update` empty) or `x .op= e`.
    fn broadcast_assign(&mut self, update: &str, args: &[Expr], span: syntax::Span) -> Operand {
        let [dest, rhs] = args else {
            return self.error(span, "a broadcast assignment takes two operands");
        };
        let dest_value = match &dest.kind {
            ExprKind::Index { object, indices } => {
                let mut ops = vec![self.value(object)];
                for i in indices {
                    ops.push(self.value(i));
                }
                self.call_ref("Base", "_dotview", ops, dest.span)
            }
            _ => self.value(dest),
        };
        let tree = if update.is_empty() {
            if dotted(rhs).is_some() {
                self.broadcast_tree(rhs, span)
            } else {
                let v = self.value(rhs);
                let identity = gref("Base", "identity");
                self.call_ref("Base", "broadcasted", vec![identity, v], span)
            }
        } else {
            let f = self.operator_function(update, span);
            let r = if dotted(rhs).is_some() { self.broadcast_tree(rhs, span) } else { self.value(rhs) };
            self.call_ref("Base", "broadcasted", vec![f, dest_value.clone(), r], span)
        };
        self.call_ref("Base", "materialize!", vec![dest_value, tree], span)
    }

    /// The lazy tree of a dotted call: nested dotted calls fuse into it.
    fn broadcast_tree(&mut self, e: &Expr, span: syntax::Span) -> Operand {
        let Some((dotted, args)) = dotted(e) else { return self.value(e) };
        let f = match dotted {
            Dotted::Function(callee) => self.value(callee),
            Dotted::Operator(op) => self.operator_function(op, span),
        };
        let mut ops = vec![f];
        for a in args {
            if matches!(a.kind, ExprKind::Splat(_)) {
                return self
                    .error(a.span, "splatting into a broadcast call is not supported by invokelab yet");
            }
            ops.push(if dotted_expr(a) { self.broadcast_tree(a, a.span) } else { self.value(a) });
        }
        let args = ops.into_iter().map(crate::expr::Arg::Plain).collect();
        self.call_args(gref("Base", "broadcasted"), args, InstFlags::default(), span)
    }

    /// The function an operator names (`+` is `Base.:+`; `&&` and `||` are not functions).
    fn operator_function(&mut self, op: &str, span: syntax::Span) -> Operand {
        let ident = Expr::new(ExprKind::Ident(op.to_string()), span);
        self.value(&ident)
    }
}

/// The update of an assignment operator: `""` for `=`, `+` for `+=`; `None` for the others
/// (comparisons end in `=` too).
fn update_of(op: &str) -> Option<&str> {
    if matches!(op, "==" | "<=" | ">=" | "!=" | "===" | "!==") {
        return None;
    }
    op.strip_suffix('=')
}

/// Whether `e` is a dotted call other than a broadcast assignment (those do not fuse).
fn dotted_expr(e: &Expr) -> bool {
    match dotted(e) {
        Some((Dotted::Operator(op), _)) => update_of(op).is_none(),
        Some(_) => true,
        None => false,
    }
}
