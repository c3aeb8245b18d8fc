//! The pass pipeline on hand-built typed bodies: IR after each pass, and the decisions of the
//! inliner, DCE and CFG simplification.

mod common;

use common::*;
use expect_test::{expect, Expect};
use ir::{Builtin, CallInfo, InstFlags, Operand};
use opt::{InlineMode, OptParams};
use types::{CodeInstanceId, ConstValue, Lattice, Ty};

/// `f(x) = x * 2; g(x) = f(x) + 1`, with `f` optimized first (post-order).
fn f_and_g(cx: &mut TestCx, f_inline: Option<bool>, site: Option<bool>) -> (CodeInstanceId, CodeInstanceId) {
    let (f, fv) = cx.declare("f", &[Ty::INT64], int());
    let (g, gv) = cx.declare("g", &[Ty::INT64], int());
    let mut b = Builder::new(Lattice::Const(const_of(&fv)), &["x"], &[int()]);
    let x = b.arg(1);
    let r = b.builtin(Builtin::MulInt, vec![x, c(2)], int(), PURE);
    b.ret(r);
    cx.ci(f).typed = Some(b.finish());
    cx.ci(f).inline = f_inline;

    let mut b = Builder::new(Lattice::Const(const_of(&gv)), &["x"], &[int()]);
    let x = b.arg(1);
    let y = b.call(fv, f, vec![x], int(), InstFlags { inline: site, ..PURE });
    let r = b.builtin(Builtin::AddInt, vec![y, c(1)], int(), PURE);
    b.ret(r);
    cx.ci(g).typed = Some(b.finish());
    cx.optimize(f, InlineMode::Heuristic);
    (f, g)
}

fn const_of(op: &Operand) -> ConstValue {
    match op {
        Operand::Const(c) => c.clone(),
        _ => unreachable!(),
    }
}

fn check_final(cx: &mut TestCx, ci: CodeInstanceId, mode: InlineMode, expect: Expect) {
    let out = cx.optimize(ci, mode);
    expect.assert_eq(&cx.print(ci, &out.body));
}

#[test]
fn pipeline_on_g_inlines_f() {
    let mut cx = TestCx::new();
    let (f, g) = f_and_g(&mut cx, None, None);
    let out = cx.optimize(g, InlineMode::Heuristic);
    assert_eq!(out.inlined, vec![f]);
    assert_eq!(cx.edges, vec![(g, f)]);
    expect![[r#"
        == resolve_invokes (changed: true)
        CodeInfo(
        1 ─ %1 =    invoke f(x::Int64)::Int64
        │   %2 = intrinsic Base.add_int(%1, 1)::Int64
        └──      return %2
        ) => Int64
        == inline (changed: true)
        CodeInfo(
        1 ─      goto #2
        2 ─ %2 = intrinsic Base.mul_int(x, 2)::Int64
        3 ─ %3 = φ (#2 => %2)::Int64
        │   %4 = intrinsic Base.add_int(%3, 1)::Int64
        └──      return %4
        ) => Int64
        == const_fold (changed: false)
        CodeInfo(
        1 ─      goto #2
        2 ─ %2 = intrinsic Base.mul_int(x, 2)::Int64
        3 ─ %3 = φ (#2 => %2)::Int64
        │   %4 = intrinsic Base.add_int(%3, 1)::Int64
        └──      return %4
        ) => Int64
        == dce (changed: false)
        CodeInfo(
        1 ─      goto #2
        2 ─ %2 = intrinsic Base.mul_int(x, 2)::Int64
        3 ─ %3 = φ (#2 => %2)::Int64
        │   %4 = intrinsic Base.add_int(%3, 1)::Int64
        └──      return %4
        ) => Int64
        == simplify_cfg (changed: true)
        CodeInfo(
        1 ─ %1 = intrinsic Base.mul_int(x, 2)::Int64
        │   %2 = intrinsic Base.add_int(%1, 1)::Int64
        └──      return %2
        ) => Int64
        == tailrec (changed: false)
        CodeInfo(
        1 ─ %1 = intrinsic Base.mul_int(x, 2)::Int64
        │   %2 = intrinsic Base.add_int(%1, 1)::Int64
        └──      return %2
        ) => Int64
        == unroll (changed: false)
        CodeInfo(
        1 ─ %1 = intrinsic Base.mul_int(x, 2)::Int64
        │   %2 = intrinsic Base.add_int(%1, 1)::Int64
        └──      return %2
        ) => Int64
        == peel (changed: false)
        CodeInfo(
        1 ─ %1 = intrinsic Base.mul_int(x, 2)::Int64
        │   %2 = intrinsic Base.add_int(%1, 1)::Int64
        └──      return %2
        ) => Int64
        == compact (changed: true)
        CodeInfo(
        1 ─ %1 = intrinsic Base.mul_int(x, 2)::Int64
        │   %2 = intrinsic Base.add_int(%1, 1)::Int64
        └──      return %2
        ) => Int64
    "#]]
    .assert_eq(&cx.passes(g, &out));
}

#[test]
fn inline_modes_give_the_same_program() {
    let mut cx = TestCx::new();
    let (_, g) = f_and_g(&mut cx, None, None);
    let heuristic = cx.optimize(g, InlineMode::Heuristic).body;
    let always = cx.optimize(g, InlineMode::Always).body;
    assert_eq!(heuristic, always);
    check_final(
        &mut cx,
        g,
        InlineMode::Always,
        expect![[r#"
        CodeInfo(
        1 ─ %1 = intrinsic Base.mul_int(x, 2)::Int64
        │   %2 = intrinsic Base.add_int(%1, 1)::Int64
        └──      return %2
        ) => Int64"#]],
    );
    check_final(
        &mut cx,
        g,
        InlineMode::Never,
        expect![[r#"
        CodeInfo(
        1 ─ %1 =    invoke f(x::Int64)::Int64
        │   %2 = intrinsic Base.add_int(%1, 1)::Int64
        └──      return %2
        ) => Int64"#]],
    );
}

#[test]
fn noinline_on_the_method_is_honoured_even_in_always_mode() {
    let mut cx = TestCx::new();
    let (_, g) = f_and_g(&mut cx, Some(false), None);
    let out = cx.optimize(g, InlineMode::Always);
    assert!(out.inlined.is_empty());
    expect![[r#"
        CodeInfo(
        1 ─ %1 =    invoke f(x::Int64)::Int64
        │   %2 = intrinsic Base.add_int(%1, 1)::Int64
        └──      return %2
        ) => Int64"#]]
    .assert_eq(&cx.print(g, &out.body));
}

#[test]
fn noinline_at_the_call_site_is_honoured() {
    let mut cx = TestCx::new();
    let (_, g) = f_and_g(&mut cx, None, Some(false));
    assert!(cx.optimize(g, InlineMode::Always).inlined.is_empty());
    assert!(cx.optimize(g, InlineMode::Heuristic).inlined.is_empty());
}

/// `h(x) = k(x) + 1` where `k` is costly: it makes a dynamic call (Julia's non-leaf penalty).
fn costly(cx: &mut TestCx, inline: Option<bool>) -> CodeInstanceId {
    let (k, kv) = cx.declare("k", &[Ty::INT64], Lattice::ANY);
    let (h, hv) = cx.declare("h", &[Ty::INT64], Lattice::ANY);
    let (_, unknown) = cx.declare("unknown", &[Ty::INT64], Lattice::ANY);
    let mut b = Builder::new(Lattice::Const(const_of(&kv)), &["x"], &[int()]);
    let x = b.arg(1);
    let r = b.call_info(vec![unknown, x], CallInfo::Dynamic, Lattice::ANY, IMPURE);
    b.ret(r);
    cx.ci(k).typed = Some(b.finish());
    cx.ci(k).inline = inline;
    cx.optimize(k, InlineMode::Heuristic);
    let mut b = Builder::new(Lattice::Const(const_of(&hv)), &["x"], &[int()]);
    let x = b.arg(1);
    let r = b.call(kv, k, vec![x], Lattice::ANY, IMPURE);
    b.ret(r);
    cx.ci(h).typed = Some(b.finish());
    h
}

#[test]
fn cost_model_rejects_a_costly_callee_unless_forced() {
    let mut cx = TestCx::new();
    let h = costly(&mut cx, None);
    let k_body = cx.cis[0].inferred.clone().unwrap();
    assert_eq!(opt::inline_cost(&k_body), 1000);
    assert!(cx.optimize(h, InlineMode::Heuristic).inlined.is_empty());
    assert_eq!(cx.optimize(h, InlineMode::Always).inlined.len(), 1);

    let mut cx = TestCx::new();
    let h = costly(&mut cx, Some(true));
    let out = cx.optimize(h, InlineMode::Heuristic);
    assert_eq!(out.inlined.len(), 1, "@inline forces the heuristic");
    expect![[r#"
        CodeInfo(
        1 ─ %1 =   dynamic unknown(x)::Any
        └──      return %1
        ) => Any"#]]
    .assert_eq(&cx.print(h, &out.body));
}

#[test]
fn self_recursion_is_not_inlined() {
    let mut cx = TestCx::new();
    let (r, rv) = cx.declare("r", &[Ty::INT64], int());
    let mut b = Builder::new(Lattice::Const(const_of(&rv)), &["x"], &[int()]);
    let x = b.arg(1);
    let y = b.call(rv, r, vec![x], int(), IMPURE);
    b.ret(y);
    cx.ci(r).typed = Some(b.finish());
    // Optimize twice: the second round sees its own optimized body and must still refuse.
    cx.optimize(r, InlineMode::Always);
    let out = cx.optimize(r, InlineMode::Always);
    assert!(out.inlined.is_empty());
    expect![[r#"
        CodeInfo(
        1 ─ %1 =    invoke r(x::Int64)::Int64
        └──      return %1
        ) => Int64"#]]
    .assert_eq(&cx.print(r, &out.body));
}

#[test]
fn mutual_recursion_is_not_inlined() {
    let mut cx = TestCx::new();
    let (even, ev) = cx.declare("even", &[Ty::INT64], int());
    let (odd, ov) = cx.declare("odd", &[Ty::INT64], int());
    for (me, mv, other, otherv) in [(odd, ov.clone(), even, ev.clone()), (even, ev, odd, ov)] {
        let mut b = Builder::new(Lattice::Const(const_of(&mv)), &["x"], &[int()]);
        let x = b.arg(1);
        let y = b.call(otherv, other, vec![x], int(), IMPURE);
        b.ret(y);
        cx.ci(me).typed = Some(b.finish());
    }
    // `odd` first (inlines nothing: `even` has no optimized IR yet), then `even`, whose callee
    // `odd` now calls `even` back.
    assert!(cx.optimize(odd, InlineMode::Always).inlined.is_empty());
    assert!(cx.optimize(even, InlineMode::Always).inlined.is_empty());
}

#[test]
fn plugin_owned_callee_is_invoked_not_inlined_into_native_code() {
    let mut cx = TestCx::new();
    let (f, g) = f_and_g(&mut cx, None, None);
    cx.ci(f).owner = ConstValue::Symbol("SplitCacheOwner".into());
    let out = cx.optimize(g, InlineMode::Always);
    assert!(out.inlined.is_empty());
    expect![[r#"
        CodeInfo(
        1 ─ %1 =    invoke f(x::Int64)::Int64
        │   %2 = intrinsic Base.add_int(%1, 1)::Int64
        └──      return %2
        ) => Int64"#]]
    .assert_eq(&cx.print(g, &out.body));
    // The same owner on both sides: inlined.
    cx.ci(g).owner = ConstValue::Symbol("SplitCacheOwner".into());
    assert_eq!(cx.optimize(g, InlineMode::Heuristic).inlined, vec![f]);
}

/// `k(x) = Core.invoke(f, F_CI, x)` with `x` typed `xty`.
fn invoke_ci(cx: &mut TestCx, xty: Lattice) -> (CodeInstanceId, CodeInstanceId) {
    let (f, g) = f_and_g(cx, None, None);
    let fv = cx.ci(f).func.clone();
    let (k, kv) = cx.declare("k", &[Ty::ANY], int());
    let mut b = Builder::new(Lattice::Const(const_of(&kv)), &["x"], &[xty]);
    let x = b.arg(1);
    let args = vec![builtin(Builtin::Invoke), fv, Operand::Const(ConstValue::CodeInstance(f)), x];
    let r = b.call_info(args, CallInfo::InvokeCodeInstance { ci: f }, int(), IMPURE);
    b.ret(r);
    cx.ci(k).typed = Some(b.finish());
    let _ = g;
    (f, k)
}

#[test]
fn invoke_of_a_code_instance_becomes_a_direct_invoke() {
    let mut cx = TestCx::new();
    let (f, k) = invoke_ci(&mut cx, int());
    let params =
        OptParams { stop_after: Some("resolve_invokes".into()), verify: true, ..OptParams::default() };
    let out = opt::optimize(&mut cx, k, &params).unwrap();
    assert_eq!(out.passes.len(), 1);
    expect![[r#"
        CodeInfo(
        1 ─ %1 =    invoke f(x::Int64)::Int64
        └──      return %1
        ) => Int64"#]]
    .assert_eq(&cx.print(k, &out.body));
    // And then inlined, since `f` is native like `k`.
    assert_eq!(cx.optimize(k, InlineMode::Heuristic).inlined, vec![f]);
}

#[test]
fn invoke_with_unproven_argument_types_stays_a_builtin_call() {
    let mut cx = TestCx::new();
    let (_, k) = invoke_ci(&mut cx, Lattice::ANY);
    let out = cx.optimize(k, InlineMode::Always);
    assert!(!out.passes[0].changed);
    expect![[r#"
        CodeInfo(
        1 ─ %1 =   builtin Core.invoke(f, ci0, x)::Int64
        └──      return %1
        ) => Int64"#]]
    .assert_eq(&cx.print(k, &out.body));
}

#[test]
fn unknown_stop_after_is_an_error() {
    let mut cx = TestCx::new();
    let (_, g) = f_and_g(&mut cx, None, None);
    let params = OptParams { stop_after: Some("sroa".into()), ..OptParams::default() };
    let err = opt::optimize(&mut cx, g, &params).unwrap_err();
    expect!["unknown pass `sroa` (passes: resolve_invokes, inline, const_fold, dce, simplify_cfg, tailrec, unroll, peel, compact)"]
        .assert_eq(&err.to_string());
}

#[test]
fn inline_decisions_explain_each_site() {
    let mut cx = TestCx::new();
    let (f, g) = f_and_g(&mut cx, Some(false), None);
    let params = OptParams { stop_after: Some("resolve_invokes".into()), ..OptParams::default() };
    let body = opt::optimize(&mut cx, g, &params).unwrap().body;
    let decisions: Vec<_> = opt::inline_decisions(&cx, g, &body, InlineMode::Heuristic)
        .into_iter()
        .map(|(_, ci, d)| (ci, d))
        .collect();
    assert_eq!(decisions, vec![(f, opt::InlineDecision::Keep("@noinline".into()))]);
}

/// Inlined instructions keep the chain of calls they were inlined through (Julia's debuginfo):
/// `h(x) = g(x) + 3` inlines `g`, which had inlined `f`, so `f`'s `mul_int` sits in `f`'s
/// frame inside `g`'s, `g`'s `add_int` in `g`'s, and `h`'s own instruction in none.
#[test]
fn inlined_instructions_keep_their_call_chain() {
    let mut cx = TestCx::new();
    let (f, fv) = cx.declare("f", &[Ty::INT64], int());
    let (g, gv) = cx.declare("g", &[Ty::INT64], int());
    let (h, hv) = cx.declare("h", &[Ty::INT64], int());
    // f(x) = x * 2; g(x) = f(x) + 1; h(x) = g(x) + 3
    let define = |cx: &mut TestCx,
                  (me, mv): (CodeInstanceId, &Operand),
                  callee: Option<(CodeInstanceId, &Operand)>,
                  op: Builtin,
                  k: i64| {
        let mut b = Builder::new(Lattice::Const(const_of(mv)), &["x"], &[int()]);
        let x = b.arg(1);
        let y = match callee {
            Some((ci, v)) => b.call(v.clone(), ci, vec![x], int(), PURE),
            None => x,
        };
        let r = b.builtin(op, vec![y, c(k)], int(), PURE);
        b.ret(r);
        cx.ci(me).typed = Some(b.finish());
    };
    define(&mut cx, (f, &fv), None, Builtin::MulInt, 2);
    define(&mut cx, (g, &gv), Some((f, &fv)), Builtin::AddInt, 1);
    define(&mut cx, (h, &hv), Some((g, &gv)), Builtin::AddInt, 3);
    cx.optimize(f, InlineMode::Always);
    cx.optimize(g, InlineMode::Always);
    let body = cx.optimize(h, InlineMode::Always).body;
    assert_eq!(ir::verify(&body, true), Ok(()));
    let chain_of = |builtin: Builtin, constant: i64| {
        let (inst, _) = body
            .insts
            .iter()
            .find(|(i, data)| {
                body.infos.get(*i).and_then(CallInfo::builtin) == Some(builtin)
                    && matches!(&data.kind, ir::InstKind::Call { args } if args.get(2) == Some(&c(constant)))
            })
            .expect("the instruction is in the optimized body");
        (body.inline_chain(inst).map(|frame| frame.callee).collect::<Vec<_>>(), body.inline_depth(inst))
    };
    assert_eq!(chain_of(Builtin::MulInt, 2), (vec![f, g], 2));
    assert_eq!(chain_of(Builtin::AddInt, 1), (vec![g], 1));
    assert_eq!(chain_of(Builtin::AddInt, 3), (vec![], 0));
}
