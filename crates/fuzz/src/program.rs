//! The generated program as a tree that prints as Julia source: items (definitions and top-level
//! statements), statements and expressions. The tree exists so that the minimizer can remove and
//! simplify parts; it carries no types (the generator keeps those while it builds the tree).

use std::fmt::Write;

#[derive(Clone, Debug, PartialEq)]
pub struct Program {
    pub items: Vec<Item>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    /// A definition printed as it is: a struct, an abstract type, a constant.
    Text(String),
    /// `header` (e.g. `function f(x::Int64)`), the body, `end`.
    Function {
        header: String,
        body: Vec<Stmt>,
    },
    Stmt(Stmt),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Stmt {
    Expr(Expr),
    /// `target = value`, or `target op= value` when `op` is not empty. The target is a name, an
    /// indexed vector or a field.
    Assign {
        target: Expr,
        op: &'static str,
        value: Expr,
    },
    /// `if c1 ... elseif c2 ... else ... end`: one arm per condition.
    If {
        arms: Vec<(Expr, Vec<Stmt>)>,
        otherwise: Vec<Stmt>,
    },
    For {
        var: String,
        iter: Expr,
        body: Vec<Stmt>,
    },
    /// `while counter < bound`, with `counter += 1` as the body's first statement so that every
    /// iteration, `continue` included, moves towards the bound. `counter` starts at 0.
    While {
        counter: String,
        bound: Expr,
        body: Vec<Stmt>,
    },
    Return(Expr),
    Break,
    Continue,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    /// A literal or a name, printed as it is.
    Atom(String),
    Call(String, Vec<Expr>),
    /// `(a op b)`.
    Binary(&'static str, Box<Expr>, Box<Expr>),
    /// `(op a)`.
    Unary(&'static str, Box<Expr>),
    Ternary(Box<Expr>, Box<Expr>, Box<Expr>),
    Index(Box<Expr>, Box<Expr>),
    Field(Box<Expr>, String),
    Tuple(Vec<Expr>),
    /// `prefix[a, b]`; `prefix` is an element type (`Any`, `Float64`) or empty.
    Vector(String, Vec<Expr>),
    /// A string literal with `$(...)` interpolations.
    Interpolate(Vec<Piece>),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Piece {
    /// Text already escaped for a string literal.
    Text(String),
    Value(Expr),
}

impl Expr {
    pub fn atom(text: impl Into<String>) -> Expr {
        Expr::Atom(text.into())
    }

    pub fn call(name: impl Into<String>, args: Vec<Expr>) -> Expr {
        Expr::Call(name.into(), args)
    }

    pub fn binary(op: &'static str, a: Expr, b: Expr) -> Expr {
        Expr::Binary(op, Box::new(a), Box::new(b))
    }
}

impl Program {
    pub fn to_source(&self) -> String {
        let mut out = String::new();
        for item in &self.items {
            match item {
                Item::Text(text) => {
                    out.push_str(text);
                    out.push('\n');
                }
                Item::Function { header, body } => {
                    out.push_str(header);
                    out.push('\n');
                    print_block(&mut out, body, 1);
                    out.push_str("end\n");
                }
                Item::Stmt(stmt) => print_stmt(&mut out, stmt, 0),
            }
        }
        out
    }

    /// Statements and expressions in the program: the measure the minimizer shrinks.
    pub fn size(&self) -> usize {
        self.items
            .iter()
            .map(|item| match item {
                Item::Text(_) => 1,
                Item::Function { body, .. } => 1 + block_size(body),
                Item::Stmt(stmt) => stmt_size(stmt),
            })
            .sum()
    }
}

fn block_size(block: &[Stmt]) -> usize {
    block.iter().map(stmt_size).sum()
}

fn stmt_size(stmt: &Stmt) -> usize {
    1 + match stmt {
        Stmt::Expr(e) | Stmt::Return(e) => expr_size(e),
        Stmt::Assign { target, value, .. } => expr_size(target) + expr_size(value),
        Stmt::If { arms, otherwise } => {
            arms.iter().map(|(c, b)| expr_size(c) + block_size(b)).sum::<usize>() + block_size(otherwise)
        }
        Stmt::For { iter, body, .. } => expr_size(iter) + block_size(body),
        Stmt::While { bound, body, .. } => expr_size(bound) + block_size(body),
        Stmt::Break | Stmt::Continue => 0,
    }
}

fn expr_size(expr: &Expr) -> usize {
    1 + match expr {
        Expr::Atom(_) => 0,
        Expr::Call(_, args) | Expr::Tuple(args) | Expr::Vector(_, args) => args.iter().map(expr_size).sum(),
        Expr::Binary(_, a, b) | Expr::Index(a, b) => expr_size(a) + expr_size(b),
        Expr::Unary(_, a) | Expr::Field(a, _) => expr_size(a),
        Expr::Ternary(a, b, c) => expr_size(a) + expr_size(b) + expr_size(c),
        Expr::Interpolate(pieces) => pieces
            .iter()
            .map(|p| match p {
                Piece::Text(_) => 0,
                Piece::Value(e) => expr_size(e),
            })
            .sum(),
    }
}

fn indent(out: &mut String, level: usize) {
    for _ in 0..level {
        out.push_str("    ");
    }
}

fn print_block(out: &mut String, block: &[Stmt], level: usize) {
    for stmt in block {
        print_stmt(out, stmt, level);
    }
}

fn print_stmt(out: &mut String, stmt: &Stmt, level: usize) {
    indent(out, level);
    match stmt {
        Stmt::Expr(e) => {
            print_expr(out, e);
            out.push('\n');
        }
        Stmt::Assign { target, op, value } => {
            print_expr(out, target);
            let _ = write!(out, " {op}= ");
            print_expr(out, value);
            out.push('\n');
        }
        Stmt::If { arms, otherwise } => {
            for (i, (cond, body)) in arms.iter().enumerate() {
                if i > 0 {
                    indent(out, level);
                }
                out.push_str(if i == 0 { "if " } else { "elseif " });
                print_expr(out, cond);
                out.push('\n');
                print_block(out, body, level + 1);
            }
            if !otherwise.is_empty() {
                indent(out, level);
                out.push_str("else\n");
                print_block(out, otherwise, level + 1);
            }
            indent(out, level);
            out.push_str("end\n");
        }
        Stmt::For { var, iter, body } => {
            let _ = write!(out, "for {var} in ");
            print_expr(out, iter);
            out.push('\n');
            print_block(out, body, level + 1);
            indent(out, level);
            out.push_str("end\n");
        }
        Stmt::While { counter, bound, body } => {
            let _ = writeln!(out, "{counter} = 0");
            indent(out, level);
            let _ = write!(out, "while {counter} < ");
            print_expr(out, bound);
            out.push('\n');
            indent(out, level + 1);
            let _ = writeln!(out, "{counter} += 1");
            print_block(out, body, level + 1);
            indent(out, level);
            out.push_str("end\n");
        }
        Stmt::Return(e) => {
            out.push_str("return ");
            print_expr(out, e);
            out.push('\n');
        }
        Stmt::Break => out.push_str("break\n"),
        Stmt::Continue => out.push_str("continue\n"),
    }
}

fn print_list(out: &mut String, items: &[Expr]) {
    for (i, e) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        print_expr(out, e);
    }
}

pub fn print_expr(out: &mut String, expr: &Expr) {
    match expr {
        Expr::Atom(text) => out.push_str(text),
        Expr::Call(name, args) => {
            out.push_str(name);
            out.push('(');
            print_list(out, args);
            out.push(')');
        }
        Expr::Binary(op, a, b) => {
            out.push('(');
            print_expr(out, a);
            let _ = write!(out, " {op} ");
            print_expr(out, b);
            out.push(')');
        }
        Expr::Unary(op, a) => {
            out.push('(');
            out.push_str(op);
            print_expr(out, a);
            out.push(')');
        }
        Expr::Ternary(c, a, b) => {
            out.push('(');
            print_expr(out, c);
            out.push_str(" ? ");
            print_expr(out, a);
            out.push_str(" : ");
            print_expr(out, b);
            out.push(')');
        }
        Expr::Index(v, i) => {
            print_expr(out, v);
            out.push('[');
            print_expr(out, i);
            out.push(']');
        }
        Expr::Field(v, name) => {
            print_expr(out, v);
            out.push('.');
            out.push_str(name);
        }
        Expr::Tuple(items) => {
            out.push('(');
            print_list(out, items);
            if items.len() == 1 {
                out.push(',');
            }
            out.push(')');
        }
        Expr::Vector(prefix, items) => {
            out.push_str(prefix);
            out.push('[');
            print_list(out, items);
            out.push(']');
        }
        Expr::Interpolate(pieces) => {
            out.push('"');
            for piece in pieces {
                match piece {
                    Piece::Text(text) => out.push_str(text),
                    Piece::Value(e) => {
                        out.push_str("$(");
                        print_expr(out, e);
                        out.push(')');
                    }
                }
            }
            out.push('"');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_julia() {
        let program = Program {
            items: vec![
                Item::Function {
                    header: "function f(x::Int64)".into(),
                    body: vec![
                        Stmt::While {
                            counter: "w1".into(),
                            bound: Expr::atom("3"),
                            body: vec![Stmt::Assign {
                                target: Expr::atom("x"),
                                op: "+",
                                value: Expr::binary("*", Expr::atom("x"), Expr::atom("2")),
                            }],
                        },
                        Stmt::Return(Expr::Tuple(vec![Expr::atom("x")])),
                    ],
                },
                Item::Stmt(Stmt::Expr(Expr::call(
                    "println",
                    vec![Expr::Interpolate(vec![
                        Piece::Text("f: ".into()),
                        Piece::Value(Expr::call("f", vec![Expr::atom("1")])),
                    ])],
                ))),
            ],
        };
        assert_eq!(
            program.to_source(),
            "function f(x::Int64)\n    w1 = 0\n    while w1 < 3\n        w1 += 1\n        x += (x * 2)\n    end\n    return (x,)\nend\nprintln(\"f: $(f(1))\")\n"
        );
        assert_eq!(program.size(), 16);
    }
}
