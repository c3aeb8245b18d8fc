//! Scoping: Julia's local/global rules, the soft-scope warning of non-interactive mode, and
//! fresh loop-local variables.

mod common;

use expect_test::{expect, Expect};

fn check(src: &str, expect: Expect) {
    expect.assert_eq(&common::lower_text(src, true));
}

#[test]
fn soft_scope_warning_for_existing_global() {
    check(
        "s = 0\nfor i = 1:3\n    s = s + i\nend",
        expect![[r#"
        thunk 1
        CodeInfo(
        1 ─     Main.s = 0
        └──     return 0
        )
        thunk 2
        CodeInfo(
        1 ─       @_1 = 1
        │   %2  =   dynamic 1 <= 3
        └──       goto #5 if not %2
        2 ┄       s = #undef
        │         i = @_1
        │   %6  = Main.:+
        │   %7  =   dynamic (%6)(s, i)
        └──       s = %7
        3 ─ %9  =   dynamic @_1 < 3
        └──       goto #5 if not %9
        4 ─ %11 =   dynamic @_1 + 1
        │         @_1 = %11
        └──       goto #2
        5 ┄       return nothing
        )
        Warning "s": Assignment to `s` in soft scope is ambiguous because a global variable by the same name exists: `s` will be treated as a new local. Disambiguate by using `local s` to suppress this warning or `global s` to assign to the existing global variable.
    "#]],
    );
}

#[test]
fn no_warning_for_new_names_or_global_declaration() {
    check(
        "for i = 1:3\n    t = i\nend\ns = 0\nfor i = 1:3\n    global s = s + i\nend",
        expect![[r#"
        thunk 1
        CodeInfo(
        1 ─      @_1 = 1
        │   %2 =   dynamic 1 <= 3
        └──      goto #5 if not %2
        2 ┄      i = @_1
        └──      t = i
        3 ─ %6 =   dynamic @_1 < 3
        └──      goto #5 if not %6
        4 ─ %8 =   dynamic @_1 + 1
        │        @_1 = %8
        └──      goto #2
        5 ┄      return nothing
        )
        thunk 2
        CodeInfo(
        1 ─     Main.s = 0
        └──     return 0
        )
        thunk 3
        CodeInfo(
        1 ─       @_1 = 1
        │   %2  =   dynamic 1 <= 3
        └──       goto #5 if not %2
        2 ┄       i = @_1
        │   %5  = Main.:+
        │   %6  = Main.s
        │   %7  =   dynamic (%5)(%6, i)
        └──       Main.s = %7
        3 ─ %9  =   dynamic @_1 < 3
        └──       goto #5 if not %9
        4 ─ %11 =   dynamic @_1 + 1
        │         @_1 = %11
        └──       goto #2
        5 ┄       return nothing
        )
    "#]],
    );
}

#[test]
fn let_is_hard_scope_without_warning() {
    check(
        "s = 0\nlet\n    s = 1\nend",
        expect![[r#"
        thunk 1
        CodeInfo(
        1 ─     Main.s = 0
        └──     return 0
        )
        thunk 2
        CodeInfo(
        1 ─     s = 1
        └──     return 1
        )
    "#]],
    );
}

#[test]
fn function_assignment_makes_local_but_global_declaration_does_not() {
    check(
        "x = 1\nfunction f()\n    x = 2\nend\nfunction g()\n    global x = 3\nend\nh() = x",
        expect![[r#"
        thunk 1
        CodeInfo(
        1 ─     Main.x = 1
        └──     return 1
        )
        thunk 2
        CodeInfo(
        1 ─      $(Expr(:method, Main.f, Core.svec(), body #0))
        │   %2 = Main.f
        └──      return %2
        )
        thunk 3
        CodeInfo(
        1 ─      $(Expr(:method, Main.g, Core.svec(), body #1))
        │   %2 = Main.g
        └──      return %2
        )
        thunk 4
        CodeInfo(
        1 ─      $(Expr(:method, Main.h, Core.svec(), body #2))
        │   %2 = Main.h
        └──      return %2
        )
        method 0 f
        CodeInfo(
        1 ─     x = 2
        └──     return 2
        )
        method 1 g
        CodeInfo(
        1 ─     Main.x = 3
        └──     return 3
        )
        method 2 h
        CodeInfo(
        1 ─ %1 = Main.x
        └──      return %1
        )
    "#]],
    );
}

#[test]
fn loop_local_is_fresh_each_iteration() {
    check("function f()\n    for i in 1:2\n        if i == 2\n            println(t)\n        end\n        t = i\n    end\nend", expect![[r#"
        thunk 1
        CodeInfo(
        1 ─      $(Expr(:method, Main.f, Core.svec(), body #0))
        │   %2 = Main.f
        └──      return %2
        )
        method 0 f
        CodeInfo(
        1 ─       @_2 = 1
        │   %2  =   dynamic 1 <= 2
        └──       goto #7 if not %2
        2 ┄       t = #undef
        │         i = @_2
        │   %6  = Main.:(==)
        │   %7  =   dynamic (%6)(i, 2)
        └──       goto #4 if not %7
        3 ─ %9  = Main.println
        └──         dynamic (%9)(t)
        4 ┄       t = i
        5 ─ %12 =   dynamic @_2 < 2
        └──       goto #7 if not %12
        6 ─ %14 =   dynamic @_2 + 1
        │         @_2 = %14
        └──       goto #2
        7 ┄       return nothing
        )
    "#]]);
}

#[test]
fn outer_local_is_shared_with_loop() {
    check(
        "function f()\n    for i in 1:2\n        x = i\n    end\n    x = 0\n    x\nend",
        expect![[r#"
        thunk 1
        CodeInfo(
        1 ─      $(Expr(:method, Main.f, Core.svec(), body #0))
        │   %2 = Main.f
        └──      return %2
        )
        method 0 f
        CodeInfo(
        1 ─      @_3 = 1
        │   %2 =   dynamic 1 <= 2
        └──      goto #5 if not %2
        2 ┄      i = @_3
        └──      x = i
        3 ─ %6 =   dynamic @_3 < 2
        └──      goto #5 if not %6
        4 ─ %8 =   dynamic @_3 + 1
        │        @_3 = %8
        └──      goto #2
        5 ┄      x = 0
        └──      return x
        )
    "#]],
    );
}

#[test]
fn assigned_argument_gets_a_slot() {
    check(
        "function f(x)\n    x = x + 1\n    x\nend",
        expect![[r#"
        thunk 1
        CodeInfo(
        1 ─      $(Expr(:method, Main.f, Core.svec(Core.Any), body #0))
        │   %2 = Main.f
        └──      return %2
        )
        method 0 f
        CodeInfo(
        1 ─      x@_3 = x@_2
        │   %2 = Main.:+
        │   %3 =   dynamic (%2)(x@_3, 1)
        │        x@_3 = %3
        └──      return x@_3
        )
    "#]],
    );
}
