//! Spans: every node covers exactly the text it was parsed from; `LineIndex` turns offsets
//! into 1-based lines and columns (characters and UTF-16 units).

use expect_test::{expect, Expect};
use syntax::ast::{Expr, ExprKind, StrPart};

/// Prints the text of every node of the first statement, outermost first, indented by depth.
fn check(input: &str, expect: Expect) {
    let parse = syntax::parse(input);
    assert!(parse.errors.is_empty(), "{:?}", parse.errors);
    let mut out = String::new();
    for stmt in &parse.file.stmts {
        walk(input, stmt, 0, &mut out);
    }
    expect.assert_eq(&out);
}

fn walk(source: &str, expr: &Expr, depth: usize, out: &mut String) {
    out.push_str(&"  ".repeat(depth));
    let text = expr.span.text(source);
    // The `*` of a juxtaposition `2x` is implicit: an empty span between its factors.
    out.push_str(if text.is_empty() { "<empty>" } else { text });
    out.push('\n');
    let children: Vec<&Expr> = match &expr.kind {
        ExprKind::Call { callee, args, .. } => std::iter::once(&**callee).chain(args).collect(),
        ExprKind::Assign { lhs, rhs } | ExprKind::And { lhs, rhs } | ExprKind::Or { lhs, rhs } => {
            vec![lhs, rhs]
        }
        ExprKind::Index { object, indices } => std::iter::once(&**object).chain(indices).collect(),
        ExprKind::Field { object, .. } => vec![object],
        ExprKind::Decl { value, ty } => value.iter().map(|v| &**v).chain([&**ty]).collect(),
        ExprKind::Tuple(elems) | ExprKind::Vect(elems) => elems.iter().collect(),
        ExprKind::Str { parts, .. } => parts
            .iter()
            .filter_map(|p| match p {
                StrPart::Interpolation(e) => Some(e),
                StrPart::Literal(_) => None,
            })
            .collect(),
        ExprKind::FunctionDef(def) => def.body.iter().flat_map(|b| &b.stmts).collect(),
        ExprKind::MacroCall(call) => call.args.iter().collect(),
        _ => Vec::new(),
    };
    for child in children {
        walk(source, child, depth + 1, out);
    }
}

#[test]
fn node_spans() {
    check(
        "x::Int = -2 + f(a, b)[end].y\n\"s $(x + 1) $y\"\n(1, 2)\n@show x\nf(x) = 2x",
        expect![[r#"
            x::Int = -2 + f(a, b)[end].y
              x::Int
                x
                Int
              -2 + f(a, b)[end].y
                +
                -2
                f(a, b)[end].y
                  f(a, b)[end]
                    f(a, b)
                      f
                      a
                      b
                    end
            "s $(x + 1) $y"
              x + 1
                +
                x
                1
              y
            (1, 2)
              1
              2
            @show x
              x
            f(x) = 2x
              2x
                <empty>
                2
                x
        "#]],
    );
}

#[test]
fn line_index_columns() {
    let text = "ab\nφx\n\n😀y";
    let index = syntax::LineIndex::new(text);
    let show = |offset: u32| {
        let chars = index.line_col(offset);
        let utf16 = index.line_col_utf16(offset);
        format!("{offset}:{}:{}/{}", chars.line, chars.column, utf16.column)
    };
    let all: Vec<String> = (0..=text.len() as u32 + 1).map(show).collect();
    expect!["0:1:1/1 1:1:2/2 2:1:3/3 3:2:1/1 4:2:2/2 5:2:2/2 6:2:3/3 7:3:1/1 8:4:1/1 9:4:2/3 10:4:2/3 11:4:2/3 12:4:2/3 13:4:3/4 14:4:3/4"].assert_eq(&all.join(" "));
    assert_eq!(index.line_count(), 4);
    assert_eq!(index.line_start(2), Some(3));
    assert_eq!(index.line_start(5), None);
}
