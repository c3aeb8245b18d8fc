//! Constructs outside the subset: an error diagnostic with its span, and lowering goes on.

mod common;

use expect_test::{expect, Expect};

fn check(src: &str, expect: Expect) {
    expect.assert_eq(&common::lower_text(src, false));
}

#[test]
fn unsupported_constructs() {
    check(
        "g = x -> x\n@timev f(1)\nbreak\nh() = (a = 1,)\nfunction k()\n    k2() = 1\nend\n'c'\n1000000000000000000000000000000000000000000\nfunction l end\nx = y = 1",
        expect![[r##"
            syntax error: integer literal is too large for invokelab (BigInt is not supported)
            method 0 #0
            CodeInfo(
            1 ─     return x
            )
            method 1 h
            CodeInfo(
            1 ─ %1 =   dynamic Core.tuple(1)
            │   %2 =   dynamic Core._namedtuple((:a,), %1)
            └──      return %2
            )
            method 2 #k2##1
            CodeInfo(
            1 ─     return 1
            )
            method 3 k
            CodeInfo(
            1 ─ %1 = Main.var"#k2##1"
            │   %2 = %new(%1)
            │        k2 = %2
            └──      return %2
            )
            Error "@timev f(1)": macro `@timev` is not supported by invokelab
            Error "break": break or continue outside loop
        "##]],
    );
}
