//! const_fold, dce, simplify_cfg and compact on hand-built typed bodies, and inlining of a
//! varargs callee.

mod common;

use common::*;
use expect_test::expect;
use ir::{Builtin, CallInfo, Operand};
use opt::{InlineMode, OptParams};
use types::{CodeInstanceId, ConstValue, Lattice, Ty};

fn body_of(cx: &mut TestCx, name: &str, args: &[Ty], ret: Lattice) -> (CodeInstanceId, Builder) {
    let (ci, fv) = cx.declare(name, args, ret);
    let Operand::Const(f) = fv else { unreachable!() };
    let names: Vec<String> = (1..=args.len()).map(|i| format!("x{i}")).collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let types: Vec<Lattice> = args.iter().map(|&t| Lattice::Type(t)).collect();
    (ci, Builder::new(Lattice::Const(f), &names, &types))
}

#[test]
fn folds_one_plus_two() {
    let mut cx = TestCx::new();
    let (ci, mut b) = body_of(&mut cx, "three", &[], int());
    let r = b.builtin(Builtin::AddInt, vec![c(1), c(2)], int(), PURE);
    b.ret(r);
    cx.ci(ci).typed = Some(b.finish());
    let out = cx.optimize(ci, InlineMode::Heuristic);
    expect![[r#"
        == resolve_invokes (changed: false)
        CodeInfo(
        1 ─ %1 = intrinsic Base.add_int(1, 2)::Int64
        └──      return %1
        ) => Int64
        == inline (changed: false)
        CodeInfo(
        1 ─ %1 = intrinsic Base.add_int(1, 2)::Int64
        └──      return %1
        ) => Int64
        == const_fold (changed: true)
        CodeInfo(
        1 ─     intrinsic Base.add_int(1, 2)::Int64
        └──     return 3
        ) => Int64
        == dce (changed: true)
        CodeInfo(
        1 ─     return 3
        ) => Int64
        == simplify_cfg (changed: false)
        CodeInfo(
        1 ─     return 3
        ) => Int64
        == tailrec (changed: false)
        CodeInfo(
        1 ─     return 3
        ) => Int64
        == unroll (changed: false)
        CodeInfo(
        1 ─     return 3
        ) => Int64
        == peel (changed: false)
        CodeInfo(
        1 ─     return 3
        ) => Int64
        == compact (changed: true)
        CodeInfo(
        1 ─     return 3
        ) => Int64
    "#]]
    .assert_eq(&cx.passes(ci, &out));
}

#[test]
fn division_by_zero_is_neither_folded_nor_removed() {
    let mut cx = TestCx::new();
    let (ci, mut b) = body_of(&mut cx, "boom", &[], int());
    let _unused = b.builtin(Builtin::CheckedSdivInt, vec![c(1), c(0)], int(), IMPURE);
    b.ret(c(0));
    cx.ci(ci).typed = Some(b.finish());
    let out = cx.optimize(ci, InlineMode::Heuristic);
    expect![[r#"
        CodeInfo(
        1 ─     intrinsic Base.checked_sdiv_int(1, 0)::Int64
        └──     return 0
        ) => Int64"#]]
    .assert_eq(&cx.print(ci, &out.body));
}

#[test]
fn dce_removes_unused_pure_calls_only() {
    let mut cx = TestCx::new();
    let (plugin, plugin_f) = cx.declare("plugin_f", &[Ty::INT64], int());
    cx.ci(plugin).owner = ConstValue::Symbol("SplitCacheOwner".into());
    let (ci, mut b) = body_of(&mut cx, "d", &[Ty::INT64], int());
    let x = b.arg(1);
    let _pure = b.builtin(Builtin::MulInt, vec![x.clone(), x.clone()], int(), PURE);
    // Even flagged pure, an invoke of a plugin CI may find no code and throw: kept.
    let _plugin = b.call(plugin_f.clone(), plugin, vec![x.clone()], int(), PURE);
    // `Core.invoke(f, ci, x)` not proven nothrow: kept.
    let args =
        vec![builtin(Builtin::Invoke), plugin_f, Operand::Const(ConstValue::CodeInstance(plugin)), x.clone()];
    let _builtin = b.call_info(args, CallInfo::InvokeCodeInstance { ci: plugin }, int(), IMPURE);
    b.ret(x);
    cx.ci(ci).typed = Some(b.finish());
    let out = cx.optimize(ci, InlineMode::Always);
    expect![[r#"
        CodeInfo(
        1 ─        invoke plugin_f(x1::Int64)::Int64
        │          invoke plugin_f(x1::Int64)::Int64
        └──     return x1
        ) => Int64"#]]
    .assert_eq(&cx.print(ci, &out.body));
}

#[test]
fn constant_branch_is_folded_and_blocks_merged() {
    let mut cx = TestCx::new();
    let (ci, mut b) = body_of(&mut cx, "pick", &[], int());
    let cond = b.builtin(Builtin::SltInt, vec![c(1), c(2)], Lattice::Type(Ty::BOOL), PURE);
    let (then_b, else_b) = (b.new_block(), b.new_block());
    b.branch(cond, then_b, else_b);
    b.switch(then_b);
    b.ret(c(10));
    b.switch(else_b);
    b.ret(c(20));
    cx.ci(ci).typed = Some(b.finish());
    let out = cx.optimize(ci, InlineMode::Heuristic);
    expect![[r#"
        == resolve_invokes (changed: false)
        CodeInfo(
        1 ─ %1 = intrinsic Base.slt_int(1, 2)::Bool
        └──      goto #3 if not %1
        2 ─      return 10
        3 ─      return 20
        ) => Int64
        == inline (changed: false)
        CodeInfo(
        1 ─ %1 = intrinsic Base.slt_int(1, 2)::Bool
        └──      goto #3 if not %1
        2 ─      return 10
        3 ─      return 20
        ) => Int64
        == const_fold (changed: true)
        CodeInfo(
        1 ─     intrinsic Base.slt_int(1, 2)::Bool
        └──     goto #3 if not true
        2 ─     return 10
        3 ─     return 20
        ) => Int64
        == dce (changed: true)
        CodeInfo(
        1 ─     goto #3 if not true
        2 ─     return 10
        3 ─     return 20
        ) => Int64
        == simplify_cfg (changed: true)
        CodeInfo(
        1 ─     return 10
        ) => Int64
        == tailrec (changed: false)
        CodeInfo(
        1 ─     return 10
        ) => Int64
        == unroll (changed: false)
        CodeInfo(
        1 ─     return 10
        ) => Int64
        == peel (changed: false)
        CodeInfo(
        1 ─     return 10
        ) => Int64
        == compact (changed: true)
        CodeInfo(
        1 ─     return 10
        ) => Int64
    "#]]
    .assert_eq(&cx.passes(ci, &out));
}

#[test]
fn empty_forwarding_blocks_are_skipped() {
    let mut cx = TestCx::new();
    let (ci, mut b) = body_of(&mut cx, "sel", &[Ty::BOOL], int());
    let cond = b.arg(1);
    let (a, bb, join) = (b.new_block(), b.new_block(), b.new_block());
    let p = b.param(join, int());
    b.branch(cond, a, bb);
    b.switch(a);
    b.jump(join, vec![c(1)]);
    b.switch(bb);
    b.jump(join, vec![c(2)]);
    b.switch(join);
    b.ret(p);
    cx.ci(ci).typed = Some(b.finish());
    let out = cx.optimize(ci, InlineMode::Heuristic);
    // One forwarder goes; the other stays, or both edges of the branch would reach `join`.
    assert_eq!(out.body.layout.len(), 3);
    expect![[r#"
        CodeInfo(
        1 ─      goto #3 if not x1
        2 ─      goto #4
        3 ─      goto #4
        4 ┄ %4 = φ (#2 => 1, #3 => 2)::Int64
        └──      return %4
        ) => Int64"#]]
    .assert_eq(&cx.print(ci, &out.body));
}

/// `i = 0; acc = 0; while i < n; i += 1; acc += 3; end; return i` (`acc` is dead).
fn counting_loop(cx: &mut TestCx) -> CodeInstanceId {
    let (ci, mut b) = body_of(cx, "count", &[Ty::INT64], int());
    let n = b.arg(1);
    let (header, body, exit) = (b.new_block(), b.new_block(), b.new_block());
    b.jump(header, vec![c(0), c(0)]);
    b.switch(header);
    let i = b.param(header, int());
    let acc = b.param(header, int());
    let cond = b.builtin(Builtin::SltInt, vec![i.clone(), n], Lattice::Type(Ty::BOOL), PURE);
    b.branch(cond, body, exit);
    b.switch(body);
    let i2 = b.builtin(Builtin::AddInt, vec![i.clone(), c(1)], int(), PURE);
    let acc2 = b.builtin(Builtin::AddInt, vec![acc, c(3)], int(), PURE);
    b.jump(header, vec![i2, acc2]);
    b.switch(exit);
    b.ret(i);
    cx.ci(ci).typed = Some(b.finish());
    ci
}

#[test]
fn dce_removes_an_unused_loop_phi() {
    let mut cx = TestCx::new();
    let ci = counting_loop(&mut cx);
    let out = cx.optimize(ci, InlineMode::Heuristic);
    let dce = out.passes.iter().find(|p| p.name == "dce").unwrap();
    assert!(dce.changed);
    expect![[r#"
        CodeInfo(
        1 ─      goto #2
        2 ┄ %2 = φ (#1 => 0, #3 => %5)::Int64
        │   %3 = intrinsic Base.slt_int(%2, x1)::Bool
        └──      goto #4 if not %3
        3 ─ %5 = intrinsic Base.add_int(%2, 1)::Int64
        └──      goto #2
        4 ─      return %2
        ) => Int64"#]]
    .assert_eq(&cx.print(ci, &out.body));
}

#[test]
fn a_const_typed_value_is_substituted_but_a_throwing_call_kept() {
    let mut cx = TestCx::new();
    let (_, unknown) = cx.declare("unknown", &[], Lattice::ANY);
    let (ci, mut b) = body_of(&mut cx, "seven", &[], int());
    let seven = Lattice::Const(ConstValue::Int(7));
    let r = b.call_info(vec![unknown], CallInfo::Dynamic, seven, IMPURE);
    let s = b.builtin(Builtin::AddInt, vec![r, c(1)], int(), PURE);
    b.ret(s);
    cx.ci(ci).typed = Some(b.finish());
    let out = cx.optimize(ci, InlineMode::Heuristic);
    expect![[r#"
        CodeInfo(
        1 ─       dynamic unknown()::Int64
        └──     return 8
        ) => Int64"#]]
    .assert_eq(&cx.print(ci, &out.body));
}

/// `v(xs...) = getfield(xs, 2)`, called as `v(a, 5)`.
fn varargs(cx: &mut TestCx, a: Operand, a_ty: Lattice) -> (CodeInstanceId, CodeInstanceId) {
    let (v, vv) = cx.declare("v", &[Ty::INT64, Ty::INT64], int());
    let Operand::Const(vconst) = vv.clone() else { unreachable!() };
    let tuple = cx.store.tuple(vec![Ty::INT64, Ty::INT64]);
    let mut b = Builder::new(Lattice::Const(vconst), &["xs"], &[Lattice::Type(tuple)]);
    b.body.is_vararg = true;
    let xs = b.arg(1);
    let r = b.builtin(Builtin::Getfield, vec![xs, c(2)], int(), PURE);
    b.ret(r);
    cx.ci(v).typed = Some(b.finish());
    cx.optimize(v, InlineMode::Heuristic);
    let (w, mut b) = body_of(cx, "w", &[Ty::INT64], int());
    let a = if a == c(0) { b.arg(1) } else { a };
    let _ = a_ty;
    let r = b.call(vv, v, vec![a, c(5)], int(), PURE);
    b.ret(r);
    cx.ci(w).typed = Some(b.finish());
    (v, w)
}

#[test]
fn varargs_callee_gets_a_tuple() {
    let mut cx = TestCx::new();
    let (v, w) = varargs(&mut cx, c(0), int());
    let params =
        OptParams { stop_after: Some("inline".into()), verify: true, record: false, ..OptParams::default() };
    let out = opt::optimize(&mut cx, w, &params).unwrap();
    assert_eq!(out.inlined, vec![v]);
    assert!(out.passes.iter().all(|p| p.ir_after.is_none()), "record: false keeps no IR");
    expect![[r#"
        CodeInfo(
        1 ─ %1 =   builtin Core.tuple(x1, 5)::Tuple{Int64, Int64}
        2 ─ %2 =   builtin Core.getfield(%1, 2)::Int64
        3 ─ %3 = φ (#2 => %2)::Int64
        └──      return %3
        ) => Int64"#]]
    .assert_eq(&cx.print(w, &out.body));
}

#[test]
fn varargs_call_with_constants_folds_away() {
    let mut cx = TestCx::new();
    let (_, w) = varargs(&mut cx, c(4), int());
    let out = cx.optimize(w, InlineMode::Heuristic);
    expect![[r#"
        CodeInfo(
        1 ─     return 5
        ) => Int64"#]]
    .assert_eq(&cx.print(w, &out.body));
}

#[test]
fn compact_numbers_everything_densely_in_layout_order() {
    let mut cx = TestCx::new();
    let w = counting_loop(&mut cx);
    let before = opt::optimize(
        &mut cx,
        w,
        &OptParams { stop_after: Some("simplify_cfg".into()), ..OptParams::default() },
    )
    .unwrap()
    .body;
    // DCE leaves dead entries behind: the arenas are larger than what is placed.
    assert!(before.blocks.len() > before.layout.len());
    assert!(before.insts.len() > before.layout.iter().map(|&b| before.blocks[b].insts.len()).sum());
    let body = cx.optimize(w, InlineMode::Heuristic).body;
    let placed: usize = body.layout.iter().map(|&b| body.blocks[b].insts.len()).sum();
    assert_eq!(body.insts.len(), placed);
    assert_eq!(body.blocks.len(), body.layout.len());
    assert!(body.layout.iter().enumerate().all(|(i, b)| b.0 as usize == i));
    let params: usize = body.layout.iter().map(|&b| body.blocks[b].params.len()).sum();
    assert_eq!(body.values.len(), body.nargs() + params + placed);
    expect![[r#"
        CodeInfo(
        1 ─      goto #2
        2 ┄ %2 = φ (#1 => 0, #3 => %5)::Int64
        │   %3 = intrinsic Base.slt_int(%2, x1)::Bool
        └──      goto #4 if not %3
        3 ─ %5 = intrinsic Base.add_int(%2, 1)::Int64
        └──      goto #2
        4 ─      return %2
        ) => Int64"#]]
    .assert_eq(&cx.print(w, &body));
}

#[test]
fn statement_costs_follow_julia() {
    let mut cx = TestCx::new();
    let (_, mut b) = body_of(&mut cx, "costs", &[Ty::INT64, Ty::FLOAT64], int());
    let (x, y) = (b.arg(1), b.arg(2));
    let add = b.builtin(Builtin::AddInt, vec![x.clone(), c(1)], int(), PURE);
    let mul = b.builtin(Builtin::MulInt, vec![add.clone(), c(3)], int(), PURE);
    let div = b.builtin(Builtin::DivFloat, vec![y.clone(), y], Lattice::Type(Ty::FLOAT64), PURE);
    let sdiv = b.builtin(Builtin::CheckedSdivInt, vec![x.clone(), mul.clone()], int(), IMPURE);
    let tuple = b.builtin(Builtin::Tuple, vec![x.clone(), mul], Lattice::ANY, PURE);
    let dynamic = b.call_info(vec![x], CallInfo::Dynamic, Lattice::ANY, IMPURE);
    let throws = b.call_info(vec![c(0)], CallInfo::Dynamic, Lattice::BOTTOM, IMPURE);
    b.ret(add);
    let body = b.finish();
    let costs: Vec<u32> = [div, sdiv, tuple, dynamic, throws]
        .iter()
        .map(|op| {
            let Operand::Value(v) = op else { unreachable!() };
            let ir::ValueDef::Inst(i) = body.values[*v] else { unreachable!() };
            opt::statement_cost(&body, i)
        })
        .collect();
    assert_eq!(costs, vec![20, 40, 0, 1000, 0]);
    // 1 (add) + 4 (mul) + 20 + 40 + 0 + 1000 + 0
    assert_eq!(opt::inline_cost(&body), 1065);
}
