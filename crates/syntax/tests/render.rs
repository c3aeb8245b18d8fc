//! `render_parse_error` against Julia 1.12's `ParseError` layout (JuliaSyntax
//! `show_diagnostic` / `highlight`).

use expect_test::{expect, Expect};

/// Renders the first error of `input`, as the CLI would for `prog.jl`.
fn check(input: &str, expect: Expect) {
    check_named("prog.jl", input, expect);
}

fn check_named(file_name: &str, input: &str, expect: Expect) {
    let parse = syntax::parse(input);
    let rendered = match parse.errors.first() {
        Some(error) => syntax::render_parse_error(file_name, input, error),
        None => "no error".to_string(),
    };
    expect.assert_eq(&rendered);
}

#[test]
fn missing_closing_paren() {
    // The exact output of Julia 1.12 for `f(x`.
    check(
        "f(x",
        expect![[r#"
            ERROR: ParseError:
            # Error @ prog.jl:1:4
            f(x
            #  └ ── Expected `)`"#]],
    );
}

#[test]
fn error_on_line_three_after_unicode() {
    // The line before the error is shown; the column counts characters, not bytes.
    check(
        "function f(x)\n    y = x + 1\n    φ = (α, β]\nend\n",
        expect![[r#"
            ERROR: ParseError:
            # Error @ prog.jl:3:14
                y = x + 1
                φ = (α, β]
            #            └ ── Expected `)`"#]],
    );
}

#[test]
fn single_character_span() {
    check(
        ")",
        expect![[r#"
            ERROR: ParseError:
            # Error @ prog.jl:1:1
            )
            ╙ ── unexpected `)`"#]],
    );
    check(
        "x = )",
        expect![[r#"
            ERROR: ParseError:
            # Error @ prog.jl:1:5
            x = )
            #   ╙ ── unexpected `)`"#]],
    );
}

#[test]
fn wide_span() {
    check(
        "x = 1 2 3\n",
        expect![[r#"
        ERROR: ParseError:
        # Error @ prog.jl:1:7
        x = 1 2 3
        #     └─┘ ── extra tokens after end of expression"#]],
    );
}

#[test]
fn span_over_several_lines() {
    check(
        "module M\n  x = 1\nend\n",
        expect![[r#"
        ERROR: ParseError:
        # Error @ prog.jl:1:1
        ┌───────
        module M
          x = 1
        end
        #─┘ ── `module` is not supported by invokelab yet: put definitions at top level"#]],
    );
    check(
        "y = 0\nmodule M\n  a = 1\n  b = 2\n  c = 3\n  d = 4\nend\n",
        expect![[r#"
        ERROR: ParseError:
        # Error @ prog.jl:2:1
        y = 0
        ┌───────
        module M
          a = 1
        ⋮
          d = 4
        end
        #─┘ ── `module` is not supported by invokelab yet: put definitions at top level"#]],
    );
}

#[test]
fn no_file_name() {
    check_named(
        "",
        "f(x",
        expect![[r#"
        ERROR: ParseError:
        # Error @ line 1:4
        f(x
        #  └ ── Expected `)`"#]],
    );
}

#[test]
fn tab_before_error() {
    check(
        "begin\n\tf(x y)\nend",
        expect![[r#"
        ERROR: ParseError:
        # Error @ prog.jl:2:5
        begin
        	f(x y)
        #	   └ ── Expected `)`"#]],
    );
}

#[test]
fn premature_end_of_input() {
    check(
        "x = 1 +",
        expect![[r#"
        ERROR: ParseError:
        # Error @ prog.jl:1:8
        x = 1 +
        #      └ ── premature end of input"#]],
    );
    check(
        "x = (1 +\n",
        expect![[r#"
            ERROR: ParseError:
            # Error @ prog.jl:1:10
            x = (1 +
            #       
            └ ── premature end of input"#]],
    );
}
