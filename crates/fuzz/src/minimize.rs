//! The minimizer: greedy delta debugging over the program tree (Zeller and Hildebrandt,
//! "Simplifying and isolating failure-inducing input", 2002, with the tree edits of Misherghi
//! and Su's hierarchical delta debugging, 2006). Each step tries one smaller program — an item
//! or a statement removed, an `if` or a loop replaced by its body, an expression replaced by
//! one of its parts or a literal — and keeps it when the same failure persists. It knows
//! nothing of types: an edit that breaks the program fails differently and is dropped.

use std::time::Instant;

use crate::program::{Expr, Item, Piece, Program, Stmt};

/// Literals an expression may be replaced by.
const LITERALS: &[&str] = &["0", "1", "1.5", "\"a\"", "true"];

/// Shrinks `program` while `still_fails` holds for the smaller one, for at most `tests` tries
/// or until `deadline`. Returns the smallest program found.
pub fn minimize(
    program: &Program,
    mut still_fails: impl FnMut(&Program) -> bool,
    tests: usize,
    deadline: Instant,
) -> Program {
    let mut best = program.clone();
    let mut tried = 0;
    loop {
        let mut progressed = false;
        let mut index = 0;
        let mut candidates = neighbours(&best);
        while let Some(candidate) = candidates.get(index) {
            if tried >= tests || Instant::now() >= deadline {
                return best;
            }
            tried += 1;
            if candidate.size() < best.size() && still_fails(candidate) {
                best = candidate.clone();
                progressed = true;
                // The edits before `index` were tried on a larger program already: go on from
                // the same place in the smaller program's list.
                candidates = neighbours(&best);
            } else {
                index += 1;
            }
        }
        if !progressed {
            return best;
        }
    }
}

/// Every program one edit smaller than `program`, biggest edits first.
pub fn neighbours(program: &Program) -> Vec<Program> {
    let mut out = Vec::new();
    let items = &program.items;
    // Halves, then quarters, of the item list: large programs shrink in few steps.
    for parts in [2, 4] {
        let chunk = items.len().div_ceil(parts);
        if chunk > 1 {
            for start in (0..items.len()).step_by(chunk) {
                let mut rest = items.clone();
                rest.drain(start..(start + chunk).min(items.len()));
                out.push(Program { items: rest });
            }
        }
    }
    for i in 0..items.len() {
        let mut rest = items.clone();
        rest.remove(i);
        out.push(Program { items: rest });
    }
    for (i, item) in items.iter().enumerate() {
        let variants: Vec<Item> = match item {
            Item::Text(_) => Vec::new(),
            Item::Function { header, body } => block_variants(body)
                .into_iter()
                .map(|body| Item::Function { header: header.clone(), body })
                .collect(),
            Item::Stmt(stmt) => {
                stmt_variants(stmt).into_iter().filter_map(|s| one(s).map(Item::Stmt)).collect()
            }
        };
        for variant in variants {
            let mut items = items.clone();
            items[i] = variant;
            out.push(Program { items });
        }
    }
    out
}

fn one(mut stmts: Vec<Stmt>) -> Option<Stmt> {
    if stmts.len() == 1 {
        stmts.pop()
    } else {
        None
    }
}

/// A block one edit smaller: a statement removed, or replaced by the statements of one of its
/// variants.
fn block_variants(block: &[Stmt]) -> Vec<Vec<Stmt>> {
    let mut out = Vec::new();
    for i in 0..block.len() {
        let mut rest = block.to_vec();
        rest.remove(i);
        out.push(rest);
    }
    for (i, stmt) in block.iter().enumerate() {
        for replacement in stmt_variants(stmt) {
            let mut edited = block[..i].to_vec();
            edited.extend(replacement);
            edited.extend_from_slice(&block[i + 1..]);
            out.push(edited);
        }
    }
    out
}

/// A statement one edit smaller, as the statements that replace it.
fn stmt_variants(stmt: &Stmt) -> Vec<Vec<Stmt>> {
    let mut out = Vec::new();
    match stmt {
        Stmt::Expr(e) => {
            for e in expr_variants(e) {
                out.push(vec![Stmt::Expr(e)]);
            }
        }
        Stmt::Return(e) => {
            for e in expr_variants(e) {
                out.push(vec![Stmt::Return(e)]);
            }
        }
        Stmt::Assign { target, op, value } => {
            if !op.is_empty() {
                out.push(vec![Stmt::Assign { target: target.clone(), op: "", value: value.clone() }]);
            }
            for value in expr_variants(value) {
                out.push(vec![Stmt::Assign { target: target.clone(), op, value }]);
            }
        }
        Stmt::If { arms, otherwise } => {
            // The statement replaced by one arm's body, or one arm or the else dropped.
            for (_, body) in arms {
                out.push(body.clone());
            }
            out.push(otherwise.clone());
            if arms.len() > 1 {
                for i in 0..arms.len() {
                    let mut fewer = arms.clone();
                    fewer.remove(i);
                    out.push(vec![Stmt::If { arms: fewer, otherwise: otherwise.clone() }]);
                }
            }
            if !otherwise.is_empty() {
                out.push(vec![Stmt::If { arms: arms.clone(), otherwise: Vec::new() }]);
                for smaller in block_variants(otherwise) {
                    out.push(vec![Stmt::If { arms: arms.clone(), otherwise: smaller }]);
                }
            }
            for (i, (cond, body)) in arms.iter().enumerate() {
                for cond in expr_variants(cond) {
                    let mut edited = arms.clone();
                    edited[i].0 = cond;
                    out.push(vec![Stmt::If { arms: edited, otherwise: otherwise.clone() }]);
                }
                for body in block_variants(body) {
                    let mut edited = arms.clone();
                    edited[i].1 = body;
                    out.push(vec![Stmt::If { arms: edited, otherwise: otherwise.clone() }]);
                }
            }
        }
        Stmt::For { var, iter, body } => {
            out.push(body.clone());
            for iter in expr_variants(iter) {
                out.push(vec![Stmt::For { var: var.clone(), iter, body: body.clone() }]);
            }
            for body in block_variants(body) {
                out.push(vec![Stmt::For { var: var.clone(), iter: iter.clone(), body }]);
            }
        }
        Stmt::While { counter, bound, body } => {
            out.push(body.clone());
            for bound in expr_variants(bound) {
                out.push(vec![Stmt::While { counter: counter.clone(), bound, body: body.clone() }]);
            }
            for body in block_variants(body) {
                out.push(vec![Stmt::While { counter: counter.clone(), bound: bound.clone(), body }]);
            }
        }
        Stmt::Break | Stmt::Continue => {}
    }
    out
}

/// An expression one edit smaller: a part of it, a literal, or one part made smaller.
fn expr_variants(expr: &Expr) -> Vec<Expr> {
    let mut out: Vec<Expr> = Vec::new();
    let parts: Vec<&Expr> = match expr {
        Expr::Atom(_) => Vec::new(),
        Expr::Call(_, args) | Expr::Tuple(args) | Expr::Vector(_, args) => args.iter().collect(),
        Expr::Binary(_, a, b) | Expr::Index(a, b) => vec![a, b],
        Expr::Unary(_, a) | Expr::Field(a, _) => vec![a],
        Expr::Ternary(c, a, b) => vec![c, a, b],
        Expr::Interpolate(pieces) => pieces
            .iter()
            .filter_map(|p| match p {
                Piece::Value(e) => Some(e),
                Piece::Text(_) => None,
            })
            .collect(),
    };
    if let Expr::Atom(text) = expr {
        if !LITERALS.contains(&text.as_str()) {
            out.extend(LITERALS.iter().map(|l| Expr::atom(*l)));
        }
        return out;
    }
    out.extend(parts.iter().map(|p| (*p).clone()));
    out.extend(LITERALS.iter().map(|l| Expr::atom(*l)));
    match expr {
        Expr::Call(name, args) => {
            for (i, smaller) in list_variants(args) {
                let mut args = args.clone();
                match smaller {
                    Some(e) => args[i] = e,
                    None => {
                        args.remove(i);
                    }
                }
                out.push(Expr::Call(name.clone(), args));
            }
        }
        Expr::Tuple(items) | Expr::Vector(_, items) => {
            for (i, smaller) in list_variants(items) {
                let mut items = items.clone();
                match smaller {
                    Some(e) => items[i] = e,
                    None => {
                        items.remove(i);
                    }
                }
                out.push(match expr {
                    Expr::Vector(prefix, _) => Expr::Vector(prefix.clone(), items),
                    _ => Expr::Tuple(items),
                });
            }
        }
        Expr::Binary(op, a, b) => {
            out.extend(expr_variants(a).into_iter().map(|a| Expr::Binary(op, Box::new(a), b.clone())));
            out.extend(expr_variants(b).into_iter().map(|b| Expr::Binary(op, a.clone(), Box::new(b))));
        }
        Expr::Index(a, b) => {
            out.extend(expr_variants(a).into_iter().map(|a| Expr::Index(Box::new(a), b.clone())));
            out.extend(expr_variants(b).into_iter().map(|b| Expr::Index(a.clone(), Box::new(b))));
        }
        Expr::Unary(op, a) => out.extend(expr_variants(a).into_iter().map(|a| Expr::Unary(op, Box::new(a)))),
        Expr::Field(a, name) => {
            out.extend(expr_variants(a).into_iter().map(|a| Expr::Field(Box::new(a), name.clone())))
        }
        Expr::Ternary(c, a, b) => {
            out.extend(
                expr_variants(c).into_iter().map(|c| Expr::Ternary(Box::new(c), a.clone(), b.clone())),
            );
            out.extend(
                expr_variants(a).into_iter().map(|a| Expr::Ternary(c.clone(), Box::new(a), b.clone())),
            );
            out.extend(
                expr_variants(b).into_iter().map(|b| Expr::Ternary(c.clone(), a.clone(), Box::new(b))),
            );
        }
        Expr::Interpolate(pieces) => {
            for (i, piece) in pieces.iter().enumerate() {
                let mut fewer = pieces.clone();
                fewer.remove(i);
                out.push(Expr::Interpolate(fewer));
                if let Piece::Value(e) = piece {
                    for e in expr_variants(e) {
                        let mut edited = pieces.clone();
                        edited[i] = Piece::Value(e);
                        out.push(Expr::Interpolate(edited));
                    }
                }
            }
        }
        Expr::Atom(_) => {}
    }
    out
}

/// For each element of a list: its removal (None), then each smaller version of it.
fn list_variants(items: &[Expr]) -> Vec<(usize, Option<Expr>)> {
    let mut out = Vec::new();
    for i in 0..items.len() {
        out.push((i, None));
    }
    for (i, item) in items.iter().enumerate() {
        out.extend(expr_variants(item).into_iter().map(|e| (i, Some(e))));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn print(args: Vec<Expr>) -> Item {
        Item::Stmt(Stmt::Expr(Expr::call("println", args)))
    }

    #[test]
    fn shrinks_to_what_the_failure_needs() {
        // The "failure": a division somewhere, and a top-level call of `f`.
        let program = Program {
            items: vec![
                Item::Text("struct S\n    a::Int64\nend".into()),
                print(vec![Expr::atom("1"), Expr::binary("+", Expr::atom("2"), Expr::atom("3"))]),
                Item::Function {
                    header: "function f(x)".into(),
                    body: vec![
                        Stmt::Expr(Expr::call("println", vec![Expr::atom("x")])),
                        Stmt::Return(Expr::binary(
                            "÷",
                            Expr::atom("x"),
                            Expr::binary("-", Expr::atom("x"), Expr::atom("x")),
                        )),
                    ],
                },
                print(vec![Expr::call("f", vec![Expr::atom("7")])]),
            ],
        };
        let fails = |p: &Program| p.to_source().contains('÷') && p.to_source().contains("\nf(");
        let deadline = Instant::now() + Duration::from_secs(10);
        let small = minimize(&program, fails, 10_000, deadline);
        assert_eq!(small.to_source(), "function f(x)\n    return (x ÷ x)\nend\nf()\n");
    }
}
