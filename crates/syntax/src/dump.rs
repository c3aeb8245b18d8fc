//! A compact S-expression printer for the tree, modelled on JuliaSyntax's `(call-i a + b)`
//! notation: one line per top-level statement. Used by tests and the CLI's `--dump ast`;
//! spans are not printed.

use std::fmt::Write;

use crate::ast::{
    Block, CallSyntax, Expr, ExprKind, FunctionDef, FunctionName, Ident, ImportKind, Kwarg, ModulePath,
    Param, SourceFile, StrPart, TypeParam, VarDeclKind,
};

pub fn dump(file: &SourceFile) -> String {
    let mut out = String::new();
    for stmt in &file.stmts {
        dump_expr(&mut out, stmt);
        out.push('\n');
    }
    out
}

/// One expression on one line.
pub fn dump_expr_to_string(expr: &Expr) -> String {
    let mut out = String::new();
    dump_expr(&mut out, expr);
    out
}

fn list(out: &mut String, head: &str, items: &[Expr]) {
    out.push('(');
    out.push_str(head);
    for item in items {
        out.push(' ');
        dump_expr(out, item);
    }
    out.push(')');
}

fn node(out: &mut String, head: &str, items: &[&Expr]) {
    out.push('(');
    out.push_str(head);
    for item in items {
        out.push(' ');
        dump_expr(out, item);
    }
    out.push(')');
}

fn dump_block(out: &mut String, block: &Block) {
    list(out, "block", &block.stmts);
}

fn dump_expr(out: &mut String, expr: &Expr) {
    match &expr.kind {
        ExprKind::Error => out.push_str("(error)"),
        ExprKind::Ident(name) => out.push_str(name),
        ExprKind::Int { value } => {
            let _ = write!(out, "{value}");
        }
        ExprKind::UInt { value, radix, digits } => {
            let digits = *digits as usize;
            let _ = match radix {
                2 => write!(out, "0b{value:0digits$b}"),
                8 => write!(out, "0o{value:0digits$o}"),
                _ => write!(out, "0x{value:0digits$x}"),
            };
        }
        ExprKind::Float { value, single: false } => {
            let _ = write!(out, "{value:?}");
        }
        ExprKind::Float { value, single: true } => {
            let _ = write!(out, "{value:?}f0");
        }
        ExprKind::Bool(value) => {
            let _ = write!(out, "{value}");
        }
        ExprKind::Str { parts, triple } => dump_string(out, parts, *triple),
        ExprKind::Char(c) => {
            let _ = write!(out, "{c:?}");
        }
        ExprKind::Symbol(name) => {
            let _ = write!(out, ":{name}");
        }
        ExprKind::End => out.push_str("end"),
        ExprKind::Tuple(elems) => list(out, "tuple", elems),
        ExprKind::NamedTuple(fields) => {
            out.push_str("(named-tuple");
            for field in fields {
                out.push(' ');
                dump_kwarg(out, field, "=");
            }
            out.push(')');
        }
        ExprKind::Vect(elems) => list(out, "vect", elems),
        ExprKind::Block(block) => dump_block(out, block),
        ExprKind::Call { callee, args, kwargs, syntax } => {
            if *syntax == CallSyntax::Infix {
                out.push_str("(call-i");
                for (index, arg) in args.iter().enumerate() {
                    out.push(' ');
                    dump_expr(out, arg);
                    if index == 0 {
                        out.push(' ');
                        dump_expr(out, callee);
                    }
                }
            } else {
                // JuliaSyntax's `(dotcall f x)` for `f.(x)`.
                out.push_str(if *syntax == CallSyntax::Dot { "(dotcall " } else { "(call " });
                dump_expr(out, callee);
                for arg in args {
                    out.push(' ');
                    dump_expr(out, arg);
                }
            }
            for kwarg in kwargs {
                out.push(' ');
                dump_kwarg(out, kwarg, "kw");
            }
            out.push(')');
        }
        ExprKind::Comparison { operands, ops } => {
            out.push_str("(comparison");
            for (index, operand) in operands.iter().enumerate() {
                out.push(' ');
                dump_expr(out, operand);
                if let Some(op) = ops.get(index) {
                    out.push(' ');
                    out.push_str(&op.name);
                }
            }
            out.push(')');
        }
        ExprKind::Curly { callee, args } => {
            out.push_str("(curly ");
            dump_expr(out, callee);
            for arg in args {
                out.push(' ');
                dump_expr(out, arg);
            }
            out.push(')');
        }
        ExprKind::Index { object, indices } => {
            out.push_str("(ref ");
            dump_expr(out, object);
            for index in indices {
                out.push(' ');
                dump_expr(out, index);
            }
            out.push(')');
        }
        ExprKind::Field { object, name } => {
            out.push_str("(. ");
            dump_expr(out, object);
            out.push(' ');
            out.push_str(&name.name);
            out.push(')');
        }
        ExprKind::Assign { lhs, rhs } => node(out, "=", &[lhs, rhs]),
        ExprKind::CompoundAssign { op, lhs, rhs } => node(out, &format!("{}=", op.name), &[lhs, rhs]),
        ExprKind::And { lhs, rhs } => node(out, "&&", &[lhs, rhs]),
        ExprKind::Or { lhs, rhs } => node(out, "||", &[lhs, rhs]),
        ExprKind::Ternary { cond, then_expr, else_expr } => node(out, "?", &[cond, then_expr, else_expr]),
        ExprKind::Decl { value: Some(value), ty } => node(out, "::", &[value, ty]),
        ExprKind::Decl { value: None, ty } => node(out, "::", &[ty]),
        ExprKind::Splat(inner) => node(out, "...", &[inner]),
        ExprKind::Lambda { params, body } => {
            out.push_str("(-> ");
            dump_params(out, "tuple", params);
            out.push(' ');
            dump_expr(out, body);
            out.push(')');
        }
        ExprKind::Where { body, params } => {
            out.push_str("(where ");
            dump_expr(out, body);
            for param in params {
                out.push(' ');
                dump_type_param(out, param);
            }
            out.push(')');
        }
        ExprKind::If { branches, else_body } => {
            out.push_str("(if");
            for (index, branch) in branches.iter().enumerate() {
                out.push(' ');
                if index > 0 {
                    out.push_str("(elseif ");
                }
                dump_expr(out, &branch.cond);
                out.push(' ');
                dump_block(out, &branch.body);
                if index > 0 {
                    out.push(')');
                }
            }
            if let Some(else_body) = else_body {
                out.push_str(" (else ");
                dump_block(out, else_body);
                out.push(')');
            }
            out.push(')');
        }
        ExprKind::While { cond, body } => {
            out.push_str("(while ");
            dump_expr(out, cond);
            out.push(' ');
            dump_block(out, body);
            out.push(')');
        }
        ExprKind::For { iterators, body } => {
            out.push_str("(for");
            for iterator in iterators {
                out.push(' ');
                node(out, "in", &[&iterator.var, &iterator.iterable]);
            }
            out.push(' ');
            dump_block(out, body);
            out.push(')');
        }
        ExprKind::Break => out.push_str("(break)"),
        ExprKind::Continue => out.push_str("(continue)"),
        ExprKind::Return(Some(value)) => node(out, "return", &[value]),
        ExprKind::Return(None) => out.push_str("(return)"),
        ExprKind::Let { bindings, body } => {
            out.push_str("(let ");
            list(out, "bindings", bindings);
            out.push(' ');
            dump_block(out, body);
            out.push(')');
        }
        ExprKind::VarDecl { kind, targets } => {
            let head = match kind {
                VarDeclKind::Global => "global",
                VarDeclKind::Local => "local",
                VarDeclKind::Const => "const",
            };
            list(out, head, targets);
        }
        ExprKind::FunctionDef(def) => dump_function(out, def),
        ExprKind::StructDef(def) => {
            out.push_str(if def.mutable { "(mutable-struct " } else { "(struct " });
            out.push_str(&def.name.name);
            dump_type_params(out, &def.type_params);
            if let Some(supertype) = &def.supertype {
                out.push(' ');
                node(out, "<:", &[supertype]);
            }
            out.push_str(" (fields");
            for field in &def.fields {
                out.push(' ');
                match &field.ty {
                    Some(ty) => {
                        let _ = write!(out, "(:: {} ", field.name.name);
                        dump_expr(out, ty);
                        out.push(')');
                    }
                    None => out.push_str(&field.name.name),
                }
            }
            out.push(')');
            if !def.inner.is_empty() {
                out.push(' ');
                list(out, "inner", &def.inner);
            }
            out.push(')');
        }
        ExprKind::AbstractTypeDef(def) => {
            out.push_str("(abstract ");
            out.push_str(&def.name.name);
            dump_type_params(out, &def.type_params);
            if let Some(supertype) = &def.supertype {
                out.push(' ');
                node(out, "<:", &[supertype]);
            }
            out.push(')');
        }
        ExprKind::Import(import) => {
            out.push_str(match import.kind {
                ImportKind::Using => "(using",
                ImportKind::Import => "(import",
            });
            if import.names.is_empty() {
                for path in &import.paths {
                    out.push(' ');
                    dump_module_path(out, path);
                }
            } else {
                out.push_str(" (:");
                for path in &import.paths {
                    out.push(' ');
                    dump_module_path(out, path);
                }
                for name in &import.names {
                    out.push(' ');
                    out.push_str(&name.name);
                }
                out.push(')');
            }
            out.push(')');
        }
        ExprKind::Try(node) => {
            out.push_str("(try ");
            dump_block(out, &node.body);
            if let Some(catch_body) = &node.catch_body {
                out.push_str(" (catch ");
                if let Some(var) = &node.catch_var {
                    out.push_str(&var.name);
                    out.push(' ');
                }
                dump_block(out, catch_body);
                out.push(')');
            }
            if let Some(finally_body) = &node.finally_body {
                out.push_str(" (finally ");
                dump_block(out, finally_body);
                out.push(')');
            }
            out.push(')');
        }
        ExprKind::MacroCall(call) => {
            out.push_str(if call.parenthesized { "(macrocall-p " } else { "(macrocall " });
            for segment in &call.path {
                out.push_str(&segment.name);
                out.push('.');
            }
            out.push('@');
            out.push_str(&call.name.name);
            for arg in &call.args {
                out.push(' ');
                dump_expr(out, arg);
            }
            out.push(')');
        }
    }
}

fn dump_string(out: &mut String, parts: &[StrPart], triple: bool) {
    let literal = |out: &mut String, text: &str| {
        let _ = write!(out, "{text:?}");
    };
    match parts {
        [] => out.push_str("\"\""),
        [StrPart::Literal(text)] if !triple => literal(out, text),
        _ => {
            out.push_str(if triple { "(string-s" } else { "(string" });
            for part in parts {
                out.push(' ');
                match part {
                    StrPart::Literal(text) => literal(out, text),
                    StrPart::Interpolation(expr) => dump_expr(out, expr),
                }
            }
            out.push(')');
        }
    }
}

fn dump_kwarg(out: &mut String, kwarg: &Kwarg, head: &str) {
    match kwarg {
        Kwarg::Named { name, value, .. } => {
            let _ = write!(out, "({head} {} ", name.name);
            dump_expr(out, value);
            out.push(')');
        }
        Kwarg::Splat { value, .. } => node(out, &format!("{head}..."), &[value]),
    }
}

fn dump_function(out: &mut String, def: &FunctionDef) {
    out.push_str(if def.short_form { "(function= " } else { "(function " });
    match &def.name {
        FunctionName::Named { path, name } => {
            for segment in path {
                out.push_str(&segment.name);
                out.push('.');
            }
            out.push_str(&name.name);
        }
        FunctionName::Anonymous => out.push_str("(anonymous)"),
        FunctionName::Callable { .. } => out.push_str("(callable)"),
    }
    let Some(body) = &def.body else {
        out.push(')');
        return;
    };
    out.push(' ');
    dump_params(out, "params", &def.params);
    if !def.kwparams.is_empty() {
        out.push(' ');
        dump_params(out, "kwparams", &def.kwparams);
    }
    if let Some(return_type) = &def.return_type {
        out.push(' ');
        node(out, "returns", &[return_type]);
    }
    if !def.where_params.is_empty() {
        out.push_str(" (where");
        for param in &def.where_params {
            out.push(' ');
            dump_type_param(out, param);
        }
        out.push(')');
    }
    out.push(' ');
    dump_block(out, body);
    out.push(')');
}

fn dump_params(out: &mut String, head: &str, params: &[Param]) {
    out.push('(');
    out.push_str(head);
    for param in params {
        out.push(' ');
        dump_param(out, param);
    }
    out.push(')');
}

fn dump_param(out: &mut String, param: &Param) {
    let mut text = match (&param.name, &param.ty) {
        (Some(name), None) => name.name.clone(),
        (name, Some(ty)) => {
            let mut s = String::from("(::");
            if let Some(name) = name {
                s.push(' ');
                s.push_str(&name.name);
            }
            s.push(' ');
            dump_expr(&mut s, ty);
            s.push(')');
            s
        }
        (None, None) => "(error)".to_string(),
    };
    if param.varargs {
        text = format!("(... {text})");
    }
    if let Some(default) = &param.default {
        let mut s = format!("(= {text} ");
        dump_expr(&mut s, default);
        s.push(')');
        text = s;
    }
    out.push_str(&text);
}

fn dump_type_params(out: &mut String, params: &[TypeParam]) {
    if params.is_empty() {
        return;
    }
    out.push_str(" (params");
    for param in params {
        out.push(' ');
        dump_type_param(out, param);
    }
    out.push(')');
}

fn dump_type_param(out: &mut String, param: &TypeParam) {
    let name = |out: &mut String, ident: &Ident| out.push_str(&ident.name);
    match (&param.lower_bound, &param.upper_bound) {
        (None, None) => name(out, &param.name),
        (None, Some(upper)) => {
            out.push_str("(<: ");
            name(out, &param.name);
            out.push(' ');
            dump_expr(out, upper);
            out.push(')');
        }
        (Some(lower), None) => {
            out.push_str("(>: ");
            name(out, &param.name);
            out.push(' ');
            dump_expr(out, lower);
            out.push(')');
        }
        (Some(lower), Some(upper)) => {
            out.push_str("(comparison ");
            dump_expr(out, lower);
            out.push_str(" <: ");
            name(out, &param.name);
            out.push_str(" <: ");
            dump_expr(out, upper);
            out.push(')');
        }
    }
}

fn dump_module_path(out: &mut String, path: &ModulePath) {
    for _ in 0..path.dots {
        out.push('.');
    }
    let names: Vec<&str> = path.segments.iter().map(|s| s.name.as_str()).collect();
    out.push_str(&names.join("."));
}
