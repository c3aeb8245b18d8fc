//! SSA construction: slots become values and block parameters (printed as φ), reads that may
//! see an unassigned local get an `UndefCheck`, and both forms pass the IR verifier.

mod common;

use expect_test::{expect, Expect};

fn check(src: &str, expect: Expect) {
    expect.assert_eq(&common::ssa_text(src, false));
}

#[test]
fn straight_line() {
    check(
        "function f(x)\n    y = x + 1\n    y = y * 2\n    y\nend",
        expect![[r#"
        method 0 f
        CodeInfo(
        1 ─ %1 = Main.:+
        │   %2 =   dynamic (%1)(x, 1)
        │   %3 = Main.:*
        │   %4 =   dynamic (%3)(%2, 2)
        └──      return %4
        )
    "#]],
    );
}

#[test]
fn if_merge_makes_a_phi() {
    check(
        "function f(c)\n    if c\n        y = 1\n    else\n        y = 2.0\n    end\n    y\nend",
        expect![[r#"
        method 0 f
        CodeInfo(
        1 ─      goto #3 if not c
        2 ─      goto #4
        3 ─      goto #4
        4 ┄ %4 = φ (#2 => 1, #3 => 2.0)
        └──      return %4
        )
    "#]],
    );
}

#[test]
fn maybe_undefined_local_is_checked() {
    check(
        "function f(c)\n    if c\n        y = 1\n    end\n    y\nend",
        expect![[r#"
        method 0 f
        CodeInfo(
        1 ─      goto #3 if not c
        2 ─      goto #3
        3 ┄ %3 = φ (#2 => 1)
        │   %4 = φ (#1 => false, #2 => true)
        │        $(Expr(:throw_undef_if_not, :y, %4))
        └──      return %3
        )
    "#]],
    );
}

#[test]
fn never_assigned_local_always_throws() {
    check(
        "function f()\n    y = y + 1\nend",
        expect![[r#"
        method 0 f
        CodeInfo(
        1 ─ %1 = Main.:+
        │        $(Expr(:throw_undef_if_not, :y, false))
        │   %3 =   dynamic (%1)(nothing, 1)
        └──      return %3
        )
    "#]],
    );
}

#[test]
fn counted_loop() {
    check(
        "function f(n)\n    s = 0\n    for i in 1:n\n        s += i\n    end\n    s\nend",
        expect![[r#"
        method 0 f
        CodeInfo(
        1 ─ %1  =   dynamic 1 <= n
        └──       goto #5 if not %1
        2 ┄ %3  = φ (#1 => 1, #4 => %9)
        │   %4  = φ (#1 => 0, #4 => %6)
        │   %5  = Main.:+
        └── %6  =   dynamic (%5)(%4, %3)
        3 ─ %7  =   dynamic %3 < n
        └──       goto #5 if not %7
        4 ─ %9  =   dynamic %3 + 1
        └──       goto #2
        5 ┄ %11 = φ (#1 => 0, #3 => %6)
        └──       return %11
        )
    "#]],
    );
}

#[test]
fn loop_local_read_before_assignment() {
    check(
        "function f()\n    for i in 1:2\n        if i == 2\n            println(t)\n        end\n        t = i\n    end\nend",
        expect![[r#"
            method 0 f
            CodeInfo(
            1 ─ %1  =   dynamic 1 <= 2
            └──       goto #7 if not %1
            2 ┄ %3  = φ (#1 => 1, #6 => %13)
            │   %4  = Main.:(==)
            │   %5  =   dynamic (%4)(%3, 2)
            └──       goto #4 if not %5
            3 ─ %7  = Main.println
            │         $(Expr(:throw_undef_if_not, :t, false))
            └──         dynamic (%7)(nothing)
            4 ┄       goto #5
            5 ─ %11 =   dynamic %3 < 2
            └──       goto #7 if not %11
            6 ─ %13 =   dynamic %3 + 1
            └──       goto #2
            7 ┄       return nothing
            )
        "#]],
    );
}

#[test]
fn while_with_break_continue() {
    check(
        "function f(n)\n    i = 0\n    while true\n        i += 1\n        i < 3 && continue\n        i > n && break\n    end\n    i\nend",
        expect![[r#"
            method 0 f
            CodeInfo(
            1 ──       goto #2
            2 ┄─ %2  = φ (#1 => 0, #4 => %5, #9 => %5)
            └───       goto #10 if not true
            3 ── %4  = Main.:+
            │    %5  =   dynamic (%4)(%2, 1)
            │    %6  = Main.:<
            │    %7  =   dynamic (%6)(%5, 3)
            └───       goto #5 if not %7
            4 ──       goto #2
            5 ──       goto #6
            6 ── %11 = Main.:>
            │    %12 =   dynamic (%11)(%5, n)
            └───       goto #8 if not %12
            7 ──       goto #10
            8 ──       goto #9
            9 ──       goto #2
            10 ┄ %17 = φ (#2 => %2, #7 => %5)
            └───       return %17
            )
        "#]],
    );
}

#[test]
fn keyword_sorter() {
    check(
        "f(x; k = 1) = x + k",
        expect![[r##"
            method 0 f
            CodeInfo(
            1 ─ %1 = Main.var"#f#1"
            │   %2 =   dynamic (%1)(1, #self#, x)
            └──      return %2
            )
            method 1 #f#1
            CodeInfo(
            1 ─ %1 = Main.:+
            │   %2 =   dynamic (%1)(x, k)
            └──      return %2
            )
            method 2 kwcall
            CodeInfo(
            1 ─ %1 =   dynamic Base._kwhas(#names, :k)
            └──      goto #3 if not %1
            2 ─ %3 =   dynamic Base._kwget(#names, #vals, :k)
            └──      goto #4
            3 ─      goto #4
            4 ┄ %6 = φ (#2 => %3, #3 => 1)
            │          dynamic Base._kwcheck(#names, #vals, (:k,), _4, x)
            │   %8 = Main.var"#f#1"
            │   %9 =   dynamic (%8)(%6, _4, x)
            └──      return %9
            )
        "##]],
    );
}

#[test]
fn toplevel_soft_scope_thunk() {
    expect![[r#"
        thunk 1
        CodeInfo(
        1 ─     Main.s = 0
        └──     return 0
        )
        thunk 2
        CodeInfo(
        1 ─ %1 =   dynamic 1 <= 3
        └──      goto #5 if not %1
        2 ┄ %3 = φ (#1 => 1, #4 => %9)
        │   %4 = Main.:+
        │        $(Expr(:throw_undef_if_not, :s, false))
        └──        dynamic (%4)(nothing, %3)
        3 ─ %7 =   dynamic %3 < 3
        └──      goto #5 if not %7
        4 ─ %9 =   dynamic %3 + 1
        └──      goto #2
        5 ┄      return nothing
        )
    "#]]
    .assert_eq(&common::ssa_text("s = 0\nfor i = 1:3\n    s = s + i\nend", true));
}
