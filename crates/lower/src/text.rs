//! Julia source text of an expression, for the messages of `@show` and `@assert` (which
//! print the expression as written). Covers the forms those macros are used with; anything
//! else prints as `(...)`. Does not reproduce the user's spacing, only Julia's `repr` style.

use syntax::ast::{CallSyntax, Expr, ExprKind, StrPart};

pub(crate) fn expr_text(e: &Expr) -> String {
    let mut out = String::new();
    write_expr(&mut out, e);
    out
}

fn write_list(out: &mut String, items: &[Expr]) {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        write_expr(out, item);
    }
}

fn write_expr(out: &mut String, e: &Expr) {
    match &e.kind {
        ExprKind::Ident(name) => out.push_str(name),
        ExprKind::Int { value } => out.push_str(&value.to_string()),
        ExprKind::UInt { value, radix, digits } => {
            let text = match crate::expr::unsigned_literal(*value, *radix, *digits) {
                types::ConstValue::Bits(ty, bits) => ir::print::show_bits(ty, bits),
                types::ConstValue::Wide(ty, bits) => ir::print::show_wide(ty, bits),
                _ => format!("0x{value:016x}"),
            };
            out.push_str(&text);
        }
        ExprKind::Float { value, single: false } => out.push_str(&ir::format_float(*value)),
        ExprKind::Float { value, single: true } => out.push_str(&ir::format_float32(*value as f32, true)),
        ExprKind::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        ExprKind::Symbol(s) => {
            out.push(':');
            out.push_str(s);
        }
        ExprKind::Str { parts, .. } => {
            out.push('"');
            for part in parts {
                match part {
                    StrPart::Literal(s) => out.push_str(&s.escape_default().to_string()),
                    StrPart::Interpolation(x) => {
                        out.push_str("$(");
                        write_expr(out, x);
                        out.push(')');
                    }
                }
            }
            out.push('"');
        }
        ExprKind::End => out.push_str("end"),
        ExprKind::Tuple(items) => {
            out.push('(');
            write_list(out, items);
            if items.len() == 1 {
                out.push(',');
            }
            out.push(')');
        }
        ExprKind::Vect(items) => {
            out.push('[');
            write_list(out, items);
            out.push(']');
        }
        ExprKind::Call { callee, args, syntax, .. } => match (syntax, args.as_slice()) {
            (CallSyntax::Infix, [first, rest @ ..]) if !rest.is_empty() => {
                write_expr(out, first);
                for arg in rest {
                    out.push(' ');
                    write_expr(out, callee);
                    out.push(' ');
                    write_expr(out, arg);
                }
            }
            (CallSyntax::Unary, [arg]) => {
                write_expr(out, callee);
                write_expr(out, arg);
            }
            (CallSyntax::Dot, _) => {
                write_expr(out, callee);
                out.push_str(".(");
                write_list(out, args);
                out.push(')');
            }
            _ => {
                write_expr(out, callee);
                out.push('(');
                write_list(out, args);
                out.push(')');
            }
        },
        ExprKind::Comparison { operands, ops } => {
            for (i, operand) in operands.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                    out.push_str(ops.get(i - 1).map(|o| o.name.as_str()).unwrap_or("?"));
                    out.push(' ');
                }
                write_expr(out, operand);
            }
        }
        ExprKind::Index { object, indices } => {
            write_expr(out, object);
            out.push('[');
            write_list(out, indices);
            out.push(']');
        }
        ExprKind::Field { object, name } => {
            write_expr(out, object);
            out.push('.');
            out.push_str(&name.name);
        }
        ExprKind::And { lhs, rhs } | ExprKind::Or { lhs, rhs } => {
            write_expr(out, lhs);
            out.push_str(if matches!(e.kind, ExprKind::And { .. }) { " && " } else { " || " });
            write_expr(out, rhs);
        }
        ExprKind::Curly { callee, args } => {
            write_expr(out, callee);
            out.push('{');
            write_list(out, args);
            out.push('}');
        }
        ExprKind::Decl { value, ty } => {
            if let Some(v) = value {
                write_expr(out, v);
            }
            out.push_str("::");
            write_expr(out, ty);
        }
        ExprKind::Splat(x) => {
            write_expr(out, x);
            out.push_str("...");
        }
        _ => out.push_str("(...)"),
    }
}
