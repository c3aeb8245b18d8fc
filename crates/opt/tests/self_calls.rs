//! The passes that rewrite self calls (`tailrec`, `unroll`, `peel`) on hand-built typed
//! bodies: the IR before and after each, the inlining policy turning `unroll` and `peel` off,
//! and the shapes they leave alone.

mod common;

use common::*;
use expect_test::{expect, Expect};
use ir::{Builtin, Operand};
use opt::InlineMode;
use types::{CodeInstanceId, ConstValue, Lattice, Ty};

fn bool_() -> Lattice {
    Lattice::Type(Ty::BOOL)
}

/// `fib(n) = n < 2 ? n : fib(n - 1) + fib(n - 2)`, as inference and the inliner leave it.
fn fib(cx: &mut TestCx) -> CodeInstanceId {
    let (f, fv) = cx.declare("fib", &[Ty::INT64], int());
    let Operand::Const(fc) = fv.clone() else { unreachable!() };
    let mut b = Builder::new(Lattice::Const(fc), &["n"], &[int()]);
    let n = b.arg(1);
    let small = b.builtin(Builtin::SltInt, vec![n.clone(), c(2)], bool_(), PURE);
    let (base, rec) = (b.new_block(), b.new_block());
    b.branch(small, base, rec);
    b.switch(base);
    b.ret(n.clone());
    b.switch(rec);
    let m1 = b.builtin(Builtin::SubInt, vec![n.clone(), c(1)], int(), PURE);
    let x = b.call(fv.clone(), f, vec![m1], int(), IMPURE);
    let m2 = b.builtin(Builtin::SubInt, vec![n, c(2)], int(), PURE);
    let y = b.call(fv, f, vec![m2], int(), IMPURE);
    let r = b.builtin(Builtin::AddInt, vec![x, y], int(), PURE);
    b.ret(r);
    cx.ci(f).typed = Some(b.finish());
    f
}

/// The IR after the passes named in `names`, each after its header. A pass that reports no
/// change must leave the IR as it found it; its IR is then checked here and, once some IR has
/// been shown, not repeated.
fn check_passes(mode: InlineMode, names: &[&str], expect: Expect) {
    let mut cx = TestCx::new();
    let f = fib(&mut cx);
    let out = cx.optimize(f, mode);
    let mut s = String::new();
    let mut previous: Option<String> = None;
    for p in &out.passes {
        let text = p.ir_after.as_ref().map(|body| cx.print(f, body));
        if !p.changed {
            if let (Some(before), Some(after)) = (&previous, &text) {
                assert_eq!(before, after, "{} reported no change but changed the IR", p.name);
            }
        }
        if names.contains(&p.name) {
            s.push_str(&format!("== {} (changed: {})\n", p.name, p.changed));
            match &text {
                Some(_) if !p.changed && s.contains("CodeInfo(") => s.push_str("(the IR above)\n"),
                Some(text) => s.push_str(&format!("{text}\n")),
                None => {}
            }
        }
        previous = text.or(previous);
    }
    expect.assert_eq(&s);
}

#[test]
fn fib_through_the_self_call_passes() {
    check_passes(
        InlineMode::Heuristic,
        &["simplify_cfg", "tailrec", "unroll", "peel", "compact"],
        expect![[r#"
            == simplify_cfg (changed: false)
            CodeInfo(
            1 ─ %1 = intrinsic Base.slt_int(n, 2)::Bool
            └──      goto #3 if not %1
            2 ─      return n
            3 ─ %4 = intrinsic Base.sub_int(n, 1)::Int64
            │   %5 =    invoke fib(%4::Int64)::Int64
            │   %6 = intrinsic Base.sub_int(n, 2)::Int64
            │   %7 =    invoke fib(%6::Int64)::Int64
            │   %8 = intrinsic Base.add_int(%5, %7)::Int64
            └──      return %8
            ) => Int64
            == tailrec (changed: true)
            CodeInfo(
            1 ─       goto #2
            2 ┄ %2  = φ (#1 => n, #4 => %10)::Int64
            │   %3  = φ (#1 => 0, #4 => %11)::Int64
            │   %4  = intrinsic Base.slt_int(%2, 2)::Bool
            └──       goto #4 if not %4
            3 ─ %6  = intrinsic Base.add_int(%3, %2)::Int64
            └──       return %6
            4 ─ %8  = intrinsic Base.sub_int(%2, 1)::Int64
            │   %9  =    invoke fib(%8::Int64)::Int64
            │   %10 = intrinsic Base.sub_int(%2, 2)::Int64
            │   %11 = intrinsic Base.add_int(%3, %9)::Int64
            └──       goto #2
            ) => Int64
            == unroll (changed: true)
            CodeInfo(
            1 ─       goto #2
            2 ┄ %2  = φ (#1 => n, #6 => %15)::Int64
            │   %3  = φ (#1 => 0, #6 => %16)::Int64
            │   %4  = intrinsic Base.slt_int(%2, 2)::Bool
            └──       goto #4 if not %4
            3 ─ %6  = intrinsic Base.add_int(%3, %2)::Int64
            └──       return %6
            4 ─ %8  = intrinsic Base.sub_int(%2, 1)::Int64
            └──       $(Expr(:stack_check))
            5 ┄ %10 = φ (#4 => %8, #7 => %20)::Int64
            │   %11 = φ (#4 => 0, #7 => %21)::Int64
            │   %12 = intrinsic Base.slt_int(%10, 2)::Bool
            └──       goto #7 if not %12
            6 ─ %14 = intrinsic Base.add_int(%11, %10)::Int64
            │   %15 = intrinsic Base.sub_int(%2, 2)::Int64
            │   %16 = intrinsic Base.add_int(%3, %14)::Int64
            └──       goto #2
            7 ─ %18 = intrinsic Base.sub_int(%10, 1)::Int64
            │   %19 =    invoke fib(%18::Int64)::Int64
            │   %20 = intrinsic Base.sub_int(%10, 2)::Int64
            │   %21 = intrinsic Base.add_int(%11, %19)::Int64
            └──       goto #5
            ) => Int64
            == peel (changed: true)
            CodeInfo(
            1 ──       goto #2
            2 ┄─ %2  = φ (#1 => n, #6 => %15)::Int64
            │    %3  = φ (#1 => 0, #6 => %16)::Int64
            │    %4  = intrinsic Base.slt_int(%2, 2)::Bool
            └───       goto #4 if not %4
            3 ── %6  = intrinsic Base.add_int(%3, %2)::Int64
            └───       return %6
            4 ── %8  = intrinsic Base.sub_int(%2, 1)::Int64
            └───       $(Expr(:stack_check))
            5 ┄─ %10 = φ (#4 => %8, #10 => %27)::Int64
            │    %11 = φ (#4 => 0, #10 => %28)::Int64
            │    %12 = intrinsic Base.slt_int(%10, 2)::Bool
            └───       goto #7 if not %12
            6 ── %14 = intrinsic Base.add_int(%11, %10)::Int64
            │    %15 = intrinsic Base.sub_int(%2, 2)::Int64
            │    %16 = intrinsic Base.add_int(%3, %14)::Int64
            └───       goto #2
            7 ── %18 = intrinsic Base.sub_int(%10, 1)::Int64
            │    %19 = intrinsic Base.slt_int(%18, 2)::Bool
            │    %20 = intrinsic Base.not_int(%19)::Bool
            └───       goto #9 if not %20
            8 ── %22 =    invoke fib(%18::Int64)::Int64
            └───       goto #10
            9 ──       $(Expr(:stack_check))
            └─── %25 = intrinsic Base.add_int(0, %18)::Int64
            10 ┄ %26 = φ (#8 => %22, #9 => %25)::Int64
            │    %27 = intrinsic Base.sub_int(%10, 2)::Int64
            │    %28 = intrinsic Base.add_int(%11, %26)::Int64
            └───       goto #5
            ) => Int64
            == compact (changed: true)
            CodeInfo(
            1 ──       goto #2
            2 ┄─ %2  = φ (#1 => n, #6 => %15)::Int64
            │    %3  = φ (#1 => 0, #6 => %16)::Int64
            │    %4  = intrinsic Base.slt_int(%2, 2)::Bool
            └───       goto #4 if not %4
            3 ── %6  = intrinsic Base.add_int(%3, %2)::Int64
            └───       return %6
            4 ── %8  = intrinsic Base.sub_int(%2, 1)::Int64
            └───       $(Expr(:stack_check))
            5 ┄─ %10 = φ (#4 => %8, #10 => %27)::Int64
            │    %11 = φ (#4 => 0, #10 => %28)::Int64
            │    %12 = intrinsic Base.slt_int(%10, 2)::Bool
            └───       goto #7 if not %12
            6 ── %14 = intrinsic Base.add_int(%11, %10)::Int64
            │    %15 = intrinsic Base.sub_int(%2, 2)::Int64
            │    %16 = intrinsic Base.add_int(%3, %14)::Int64
            └───       goto #2
            7 ── %18 = intrinsic Base.sub_int(%10, 1)::Int64
            │    %19 = intrinsic Base.slt_int(%18, 2)::Bool
            │    %20 = intrinsic Base.not_int(%19)::Bool
            └───       goto #9 if not %20
            8 ── %22 =    invoke fib(%18::Int64)::Int64
            └───       goto #10
            9 ──       $(Expr(:stack_check))
            └─── %25 = intrinsic Base.add_int(0, %18)::Int64
            10 ┄ %26 = φ (#8 => %22, #9 => %25)::Int64
            │    %27 = intrinsic Base.sub_int(%10, 2)::Int64
            │    %28 = intrinsic Base.add_int(%11, %26)::Int64
            └───       goto #5
            ) => Int64
        "#]],
    );
}

#[test]
fn inline_never_turns_off_unroll_and_peel_not_tailrec() {
    check_passes(
        InlineMode::Never,
        &["tailrec", "unroll", "peel", "compact"],
        expect![[r#"
            == tailrec (changed: true)
            CodeInfo(
            1 ─       goto #2
            2 ┄ %2  = φ (#1 => n, #4 => %10)::Int64
            │   %3  = φ (#1 => 0, #4 => %11)::Int64
            │   %4  = intrinsic Base.slt_int(%2, 2)::Bool
            └──       goto #4 if not %4
            3 ─ %6  = intrinsic Base.add_int(%3, %2)::Int64
            └──       return %6
            4 ─ %8  = intrinsic Base.sub_int(%2, 1)::Int64
            │   %9  =    invoke fib(%8::Int64)::Int64
            │   %10 = intrinsic Base.sub_int(%2, 2)::Int64
            │   %11 = intrinsic Base.add_int(%3, %9)::Int64
            └──       goto #2
            ) => Int64
            == unroll (changed: false)
            (the IR above)
            == peel (changed: false)
            (the IR above)
            == compact (changed: true)
            CodeInfo(
            1 ─       goto #2
            2 ┄ %2  = φ (#1 => n, #4 => %10)::Int64
            │   %3  = φ (#1 => 0, #4 => %11)::Int64
            │   %4  = intrinsic Base.slt_int(%2, 2)::Bool
            └──       goto #4 if not %4
            3 ─ %6  = intrinsic Base.add_int(%3, %2)::Int64
            └──       return %6
            4 ─ %8  = intrinsic Base.sub_int(%2, 1)::Int64
            │   %9  =    invoke fib(%8::Int64)::Int64
            │   %10 = intrinsic Base.sub_int(%2, 2)::Int64
            │   %11 = intrinsic Base.add_int(%3, %9)::Int64
            └──       goto #2
            ) => Int64
        "#]],
    );
}

#[test]
fn inline_always_unrolls_and_peels_as_the_heuristic_does() {
    let mut cx = TestCx::new();
    let f = fib(&mut cx);
    let always = cx.optimize(f, InlineMode::Always).body;
    let heuristic = cx.optimize(f, InlineMode::Heuristic).body;
    assert_eq!(cx.print(f, &always), cx.print(f, &heuristic));
}

/// `down(n) = n < 1 ? 0 : down(n - 1) + 1`: a lone self call is no tail site (`tailrec` keeps
/// Julia's stack overflow) and is not unrolled, but its base case is peeled.
#[test]
fn a_lone_self_call_is_only_peeled() {
    let mut cx = TestCx::new();
    let (f, fv) = cx.declare("down", &[Ty::INT64], int());
    let Operand::Const(fc) = fv.clone() else { unreachable!() };
    let mut b = Builder::new(Lattice::Const(fc), &["n"], &[int()]);
    let n = b.arg(1);
    let small = b.builtin(Builtin::SltInt, vec![n.clone(), c(1)], bool_(), PURE);
    let (base, rec) = (b.new_block(), b.new_block());
    b.branch(small, base, rec);
    b.switch(base);
    b.ret(Operand::Const(ConstValue::Int(0)));
    b.switch(rec);
    let m1 = b.builtin(Builtin::SubInt, vec![n, c(1)], int(), PURE);
    let x = b.call(fv, f, vec![m1], int(), IMPURE);
    let r = b.builtin(Builtin::AddInt, vec![x, c(1)], int(), PURE);
    b.ret(r);
    cx.ci(f).typed = Some(b.finish());
    let out = cx.optimize(f, InlineMode::Heuristic);
    let changed: Vec<_> = out.passes.iter().filter(|p| p.changed).map(|p| p.name).collect();
    assert!(!changed.contains(&"tailrec") && !changed.contains(&"unroll"), "{changed:?}");
    expect![[r#"
        CodeInfo(
        1 ─ %1  = intrinsic Base.slt_int(n, 1)::Bool
        └──       goto #3 if not %1
        2 ─       return 0
        3 ─ %4  = intrinsic Base.sub_int(n, 1)::Int64
        │   %5  = intrinsic Base.slt_int(%4, 1)::Bool
        │   %6  = intrinsic Base.not_int(%5)::Bool
        └──       goto #5 if not %6
        4 ─ %8  =    invoke down(%4::Int64)::Int64
        └──       goto #6
        5 ─       $(Expr(:stack_check))
        6 ┄ %11 = φ (#4 => %8, #5 => 0)::Int64
        │   %12 = intrinsic Base.add_int(%11, 1)::Int64
        └──       return %12
        ) => Int64"#]]
    .assert_eq(&cx.print(f, &out.body));
}

/// `f(n) = n < 1 ? 0 : <calls> <op> ...`: the recursive block makes `kept` self calls, then
/// the tail call `f(n - 2)`, whose result goes through `between` (if any) before `combine`.
fn recursion(
    cx: &mut TestCx,
    elt: Ty,
    kept: usize,
    combine: Builtin,
    between: Option<Builtin>,
) -> CodeInstanceId {
    let (f, fv) = cx.declare("f", &[Ty::INT64], Lattice::Type(elt));
    let Operand::Const(fc) = fv.clone() else { unreachable!() };
    let t = Lattice::Type(elt);
    let mut b = Builder::new(Lattice::Const(fc), &["n"], &[int()]);
    let n = b.arg(1);
    let small = b.builtin(Builtin::SltInt, vec![n.clone(), c(1)], bool_(), PURE);
    let (base, rec) = (b.new_block(), b.new_block());
    b.branch(small, base, rec);
    b.switch(base);
    let zero = if elt == Ty::FLOAT64 { Operand::Const(ConstValue::float(0.0)) } else { c(0) };
    b.ret(zero.clone());
    b.switch(rec);
    let mut acc = zero;
    for _ in 0..kept {
        let n1 = b.builtin(Builtin::SubInt, vec![n.clone(), c(1)], int(), PURE);
        let a = b.call(fv.clone(), f, vec![n1], t.clone(), IMPURE);
        acc = b.builtin(combine, vec![acc, a], t.clone(), PURE);
    }
    let n2 = b.builtin(Builtin::SubInt, vec![n, c(2)], int(), PURE);
    let mut last = b.call(fv, f, vec![n2], t.clone(), IMPURE);
    if let Some(op) = between {
        last = b.builtin(op, vec![last.clone(), last], t.clone(), PURE);
    }
    let r = b.builtin(combine, vec![acc, last], t, PURE);
    b.ret(r);
    cx.ci(f).typed = Some(b.finish());
    f
}

/// For `recursion(elt, kept, combine, between)` optimized by the heuristic: the self calls
/// left as calls, and whether `tailrec` made a tail call an iteration.
fn calls_and_iterations(elt: Ty, kept: usize, combine: Builtin, between: Option<Builtin>) -> (usize, bool) {
    let mut cx = TestCx::new();
    let f = recursion(&mut cx, elt, kept, combine, between);
    let out = cx.optimize(f, InlineMode::Heuristic);
    let calls = out
        .body
        .insts
        .iter()
        .filter(|(i, d)| {
            matches!(d.kind, ir::InstKind::Invoke { ci, .. } if ci == f)
                && out.body.layout.iter().any(|&b| out.body.blocks[b].insts.contains(i))
        })
        .count();
    let looped = out.passes.iter().any(|p| p.name == "tailrec" && p.changed);
    (calls, looped)
}

#[test]
fn tail_call_combined_by_an_integer_operation_is_an_iteration() {
    for op in [Builtin::AddInt, Builtin::MulInt, Builtin::AndInt, Builtin::OrInt, Builtin::XorInt] {
        assert_eq!(calls_and_iterations(Ty::INT64, 1, op, None), (1, true), "{op:?}");
    }
}

/// Each self call kept as a call becomes one copy of the body, whose own self calls are calls
/// (one level): two kept calls make two copies of two calls each. The copies may add 32
/// instructions at most: three kept calls keep their calls.
#[test]
fn kept_self_calls_are_unrolled_once_in_small_bodies() {
    assert_eq!(calls_and_iterations(Ty::INT64, 2, Builtin::AddInt, None), (4, true));
    assert_eq!(calls_and_iterations(Ty::INT64, 3, Builtin::AddInt, None), (3, true));
}

/// Without another self call before it, the recursion would turn into a loop, and a recursion
/// that never ends would run out of steps instead of stack (Julia: StackOverflowError).
#[test]
fn lone_tail_call_stays_a_call() {
    assert_eq!(calls_and_iterations(Ty::INT64, 0, Builtin::AddInt, None), (1, false));
}

#[test]
fn tail_call_used_before_the_combination_stays_a_call() {
    assert_eq!(calls_and_iterations(Ty::INT64, 1, Builtin::AddInt, Some(Builtin::MulInt)), (2, false));
}

/// Float addition is not associative: reassociating it would change results.
#[test]
fn float_accumulation_stays_a_call() {
    assert_eq!(calls_and_iterations(Ty::FLOAT64, 1, Builtin::AddFloat, None), (2, false));
}
