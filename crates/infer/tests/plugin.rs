//! Issue 3 at the inference level: owners and their interpreters, the compiler-plugin builtins
//! (`_method_instance`, `_typeinf` = the mid-inference interpreter switch, reflection fields),
//! constant propagation, `_apply_iterate` of known-length tuples, and what the optimizer makes of
//! them (a single `invoke` of the plugin's CodeInstance, T7/T8/T22).

mod common;

use std::rc::Rc;

use common::*;
use expect_test::expect;
use ir::{Builtin, CallInfo, GlobalRef, Operand};
use types::{CodeInstanceId, ConstValue, Field, MethodTableId, Ty};
use world::World;

/// The prelude's owner structs, hand-built: `SplitCacheOwner(version)` and
/// `PluginOwner(name, method_table, inlining)`; plus `Base.iterate`.
fn owners(w: &mut World) -> (Ty, Ty) {
    let version = vec![Field { name: "version".into(), ty: Ty::INT64 }];
    let split = w.types.define_struct("SplitCacheOwner", Ty::ANY, false, version);
    w.set_const("Base", "SplitCacheOwner", ConstValue::Type(split)).unwrap();
    let fields = vec![
        Field { name: "name".into(), ty: Ty::SYMBOL },
        Field { name: "method_table".into(), ty: Ty::ANY },
        Field { name: "inlining".into(), ty: Ty::BOOL },
    ];
    let plugin = w.types.define_struct("PluginOwner", Ty::ANY, false, fields);
    w.set_const("Base", "PluginOwner", ConstValue::Type(plugin)).unwrap();
    w.define_function("Base", "iterate");
    (split, plugin)
}

fn split_owner(ty: Ty, version: i64) -> ConstValue {
    ConstValue::Struct { ty, fields: vec![ConstValue::Int(version)].into() }
}

fn plugin_owner(ty: Ty, table: ConstValue, inlining: bool) -> ConstValue {
    ConstValue::Struct {
        ty,
        fields: vec![ConstValue::Symbol("p".into()), table, ConstValue::Bool(inlining)].into(),
    }
}

/// `mysin(x::Float64) = sin_libm(x)`.
fn define_mysin(w: &mut World) {
    let mut b = B::new(&["x"]);
    let x = b.arg(1);
    let r = b.call(vec![bi(Builtin::SinLibm), x]);
    b.ret(r);
    define(w, "mysin", &[Ty::FLOAT64], false, b);
}

fn global(module: &str, name: &str) -> Operand {
    Operand::Global(GlobalRef::new(module, name))
}

fn mi_of(w: &mut World, name: &str, args: &[Ty]) -> types::MethodInstanceId {
    let s = sig(w, name, args);
    let m = w.dispatch(MethodTableId(0), s, w.world_counter()).expect("a method");
    w.specialize(m, s)
}

/// Optimizes `ci` after every CodeInstance its typed body calls (post-order, as the runtime
/// does), stores the results, and prints `ci`'s optimized IR.
fn optimize(w: &mut World, ci: CodeInstanceId) -> String {
    optimize_tree(w, ci, &mut vec![]);
    let c = w.code_instance(ci);
    ir::print_typed(c.inferred.as_ref().unwrap(), &c.rettype, w)
}

fn optimize_tree(w: &mut World, ci: CodeInstanceId, seen: &mut Vec<CodeInstanceId>) {
    if seen.contains(&ci) || w.code_instance(ci).inferred.is_some() {
        return;
    }
    seen.push(ci);
    let Some(body) = w.code_instance(ci).typed.clone() else { return };
    for inst in body.insts.ids() {
        if let Some(c) = body.infos.get(inst).and_then(CallInfo::code_instance) {
            optimize_tree(w, c, seen);
        }
    }
    let params = opt::OptParams { verify: true, ..opt::OptParams::default() };
    let out = opt::optimize(w, ci, &params).expect("optimize");
    w.set_inferred(ci, Rc::new(out.body));
}

fn infer_in(w: &mut World, interp: &dyn infer::Interp, name: &str, args: &[Ty]) -> CodeInstanceId {
    let mi = mi_of(w, name, args);
    infer::typeinf(w, interp, mi).expect("inference")
}

#[test]
fn owners_decode_to_interpreters() {
    let mut w = World::new();
    let (split, plugin) = owners(&mut w);
    let mt = w.new_method_table("MT");
    let show = |i: infer::PluginInterp| {
        format!("world={} table={} inlining={}", i.world, i.method_table.0, i.inlining)
    };
    let native = infer::interp_for_owner(&w, &ConstValue::nothing(), 5);
    assert_eq!(native.owner, ConstValue::nothing());
    expect!["world=5 table=0 inlining=true"].assert_eq(&show(native));
    expect!["world=5 table=0 inlining=true"].assert_eq(&show(infer::interp_for_owner(
        &w,
        &split_owner(split, 0),
        5,
    )));
    let overlay = plugin_owner(plugin, ConstValue::MethodTable(mt), false);
    let interp = infer::interp_for_owner(&w, &overlay, 7);
    assert_eq!(interp.owner, overlay);
    expect!["world=7 table=1 inlining=false"].assert_eq(&show(interp));
    let global = plugin_owner(plugin, ConstValue::nothing(), true);
    expect!["world=7 table=0 inlining=true"].assert_eq(&show(infer::interp_for_owner(&w, &global, 7)));
    // A struct of another type with PluginOwner's fields is just some owner token.
    let other = w.types.define_struct("Other", Ty::ANY, false, w.types.fields(plugin).to_vec());
    let fake = ConstValue::Struct { ty: other, fields: vec![ConstValue::Bool(false)].into() };
    expect!["world=7 table=0 inlining=true"].assert_eq(&show(infer::interp_for_owner(&w, &fake, 7)));
    expect!["world=7 table=0 inlining=true"].assert_eq(&show(infer::interp_for_owner(
        &w,
        &ConstValue::Symbol("x".into()),
        7,
    )));
    // The optimizer reads the same flag for a CodeInstance of that owner.
    define_mysin(&mut w);
    let mi = mi_of(&mut w, "mysin", &[Ty::FLOAT64]);
    let ci = w.blank_ci(mi, overlay, 1, types::Lattice::ANY);
    let ci = w.insert_ci(ci);
    assert!(!opt::OptContext::owner_allows_inlining(&w, ci));
    let ci = w.blank_ci(mi, ConstValue::nothing(), 1, types::Lattice::ANY);
    let ci = w.insert_ci(ci);
    assert!(opt::OptContext::owner_allows_inlining(&w, ci));
}

/// `k(x) = Core._method_instance(mysin, x)`: constant for a concrete `x`, with a dispatch edge.
#[test]
fn method_instance_folds_for_concrete_arguments() {
    let mut w = World::new();
    prelude(&mut w);
    let mut b = B::new(&["x"]);
    b.ret(float(0.0));
    define(&mut w, "mysin", &[Ty::REAL], false, b);
    let mut b = B::new(&["x"]);
    let x = b.arg(1);
    let r = b.call(vec![bi(Builtin::MethodInstanceOf), g("mysin"), x]);
    b.ret(r);
    define(&mut w, "k", &[Ty::ANY], false, b);
    let k = infer(&mut w, "k", &[Ty::FLOAT64]);
    let Some(ConstValue::MethodInstance(mi)) = w.code_instance(k).rettype.as_const().cloned() else {
        panic!("not folded: {}", summary(&mut w, k));
    };
    expect!["Tuple{typeof(mysin), Float64}"].assert_eq(&w.types.display(w.method_instance(mi).spec_types));
    let k_any = infer(&mut w, "k", &[Ty::ANY]);
    expect!["rettype=Core.MethodInstance exctype=Any nothrow=false effect_free=true terminates=true worlds=[10, ∞]"]
        .assert_eq(&summary(&mut w, k_any));
    // A more specific method changes what the lookup finds: k(::Float64) is capped.
    let mut b = B::new(&["x"]);
    b.ret(float(1.0));
    define(&mut w, "mysin", &[Ty::FLOAT64], false, b);
    assert_eq!(w.code_instance(k).max_world, w.world_counter() - 1);
}

/// `wnc(f, x) = invoke(f, Core._typeinf(OWNER, Core._method_instance(f, x), 1), x)` with a
/// constant owner: the mid-inference switch infers `mysin` in the owner's partition and the
/// optimizer leaves one direct invoke of that CodeInstance (T8's shape).
#[test]
fn typeinf_folds_and_optimizes_to_one_invoke_of_the_plugin_ci() {
    let mut w = World::new();
    prelude(&mut w);
    let (split, _) = owners(&mut w);
    define_mysin(&mut w);
    let owner = split_owner(split, 0);
    w.set_const("Main", "OWNER", owner.clone()).unwrap();
    let mut b = B::new(&["f", "x"]);
    let (f, x) = (b.arg(1), b.arg(2));
    let mi = b.call(vec![bi(Builtin::MethodInstanceOf), f.clone(), x.clone()]);
    let ci = b.call(vec![bi(Builtin::Typeinf), g("OWNER"), mi, int(1)]);
    let r = b.call(vec![bi(Builtin::Invoke), f, ci, x]);
    b.ret(r);
    define(&mut w, "wnc", &[Ty::ANY, Ty::ANY], false, b);
    let mysin_ty = w.define_function("Main", "mysin");
    let k = infer(&mut w, "wnc", &[mysin_ty, Ty::FLOAT64]);
    // The plugin CI may lack code when called, so the call may throw ErrorException.
    expect!["rettype=Float64 exctype=ErrorException nothrow=false effect_free=true terminates=true worlds=[10, ∞]"]
        .assert_eq(&summary(&mut w, k));
    let mysin_mi = mi_of(&mut w, "mysin", &[Ty::FLOAT64]);
    let world = w.world_counter();
    let plugin_ci = w.lookup_ci(mysin_mi, &owner, world).expect("a CodeInstance in the owner's partition");
    assert_eq!(w.lookup_ci(mysin_mi, &ConstValue::nothing(), world), None, "the native cache is untouched");
    assert!(w.code_instance(k).edges.contains(&world::Edge::CodeInstance(plugin_ci)));
    expect![[r#"
        CodeInfo(
        1 ─ %1 =   builtin Core._method_instance(f, x)::Core.MethodInstance
        │   %2 =   builtin Core._typeinf(Main.OWNER, %1, 1)::Core.CodeInstance
        │   %3 =   builtin Core.invoke(f, %2, x)::Float64
        └──      return %3
        ) => Float64"#]]
    .assert_eq(&typed(&w, k));
    expect![[r#"
        CodeInfo(
        1 ─ %1 =    invoke mysin(x::Float64)::Float64
        └──      return %1
        ) => Float64"#]]
    .assert_eq(&optimize(&mut w, k));
}

/// The prelude's splatting form: `wnc(f, args...)` calls `_method_instance` and `invoke` through
/// `Core._apply_iterate(Base.iterate, g, Core.tuple(...), args)`; the optimizer flattens both
/// (SEMANTICS §3.4's expected IR).
#[test]
fn apply_iterate_of_known_tuples_becomes_a_direct_call() {
    let mut w = World::new();
    prelude(&mut w);
    let (split, _) = owners(&mut w);
    define_mysin(&mut w);
    w.set_const("Main", "OWNER", split_owner(split, 0)).unwrap();
    let mut b = B::new(&["f", "args"]);
    let (f, args) = (b.arg(1), b.arg(2));
    let t1 = b.call(vec![bi(Builtin::Tuple), f.clone()]);
    let apply = bi(Builtin::ApplyIterate);
    let iterate = global("Base", "iterate");
    let mi = b.call(vec![apply.clone(), iterate.clone(), bi(Builtin::MethodInstanceOf), t1, args.clone()]);
    let ci = b.call(vec![bi(Builtin::Typeinf), g("OWNER"), mi, int(1)]);
    let t2 = b.call(vec![bi(Builtin::Tuple), f, ci]);
    let r = b.call(vec![apply, iterate, bi(Builtin::Invoke), t2, args]);
    b.ret(r);
    define(&mut w, "wnc", &[Ty::ANY, Ty::ANY], true, b);
    let mysin_ty = w.define_function("Main", "mysin");
    let k = infer(&mut w, "wnc", &[mysin_ty, Ty::FLOAT64]);
    expect!["rettype=Float64 exctype=ErrorException nothrow=false effect_free=true terminates=true worlds=[10, ∞]"]
        .assert_eq(&summary(&mut w, k));
    expect![[r#"
        CodeInfo(
        1 ─ %1 =   builtin Core.getfield(args, 1)::Float64
        │   %2 =    invoke mysin(%1::Float64)::Float64
        └──      return %2
        ) => Float64"#]]
    .assert_eq(&optimize(&mut w, k));
    // A collection of unknown length stays a builtin call.
    let mut b = B::new(&["f", "v"]);
    let (f, v) = (b.arg(1), b.arg(2));
    let r = b.call(vec![bi(Builtin::ApplyIterate), global("Base", "iterate"), f, v]);
    b.ret(r);
    define(&mut w, "splat", &[Ty::ANY, Ty::ANY], false, b);
    let k = infer(&mut w, "splat", &[mysin_ty, Ty::VECTOR_ANY]);
    let out = optimize(&mut w, k);
    assert!(out.contains("dynamic builtin Core._apply_iterate(Base.iterate, f, v)"), "{out}");
}

/// `body(owner, f, x)` folds only with a constant owner; `outer(f, x) = body(SplitCacheOwner(0),
/// f, x)` gets it through constant propagation (the keyword-sorter shape of
/// `with_new_compiler(f, args...; owner)`), and `%new` of the owner is a constant.
#[test]
fn constant_propagation_carries_the_owner_into_the_callee() {
    let mut w = World::new();
    prelude(&mut w);
    let (split, _) = owners(&mut w);
    define_mysin(&mut w);
    let mut b = B::new(&["owner", "f", "x"]);
    let (o, f, x) = (b.arg(1), b.arg(2), b.arg(3));
    let mi = b.call(vec![bi(Builtin::MethodInstanceOf), f.clone(), x.clone()]);
    let ci = b.call(vec![bi(Builtin::Typeinf), o, mi, int(1)]);
    let r = b.call(vec![bi(Builtin::Invoke), f, ci, x]);
    b.ret(r);
    define(&mut w, "body", &[Ty::ANY, Ty::ANY, Ty::ANY], false, b);
    let mut b = B::new(&["f", "x"]);
    let (f, x) = (b.arg(1), b.arg(2));
    let owner = b.new_struct(split, vec![int(0)]);
    let r = b.call(vec![g("body"), owner, f, x]);
    b.ret(r);
    define(&mut w, "outer", &[Ty::ANY, Ty::ANY], false, b);
    let mysin_ty = w.define_function("Main", "mysin");
    let k = infer(&mut w, "outer", &[mysin_ty, Ty::FLOAT64]);
    expect![[r#"
        CodeInfo(
        1 ─ %1 = %new(SplitCacheOwner, 0)::SplitCacheOwner
        │   %2 =   dynamic Main.body(%1, f, x)::Float64
        └──      return %2
        ) => Float64"#]]
    .assert_eq(&typed(&w, k));
    let typed_body = w.code_instance(k).typed.clone().unwrap();
    let owner_value = typed_body.result(ir::Inst(0));
    let owner_lattice = typed_body.types.get(owner_value).cloned().unwrap();
    assert_eq!(
        owner_lattice,
        types::Lattice::Const(split_owner(split, 0)),
        "%new of constants is a constant"
    );
    // The ordinary CodeInstance of `body` knows nothing of the owner.
    let body_mi = mi_of(&mut w, "body", &[split, mysin_ty, Ty::FLOAT64]);
    let regular = w.lookup_ci(body_mi, &ConstValue::nothing(), w.world_counter()).unwrap();
    expect!["rettype=Any exctype=Any nothrow=false effect_free=false terminates=false worlds=[10, ∞]"]
        .assert_eq(&summary(&mut w, regular));
    let info = w.code_instance(k).typed.as_ref().unwrap().infos.get(ir::Inst(1)).cloned();
    let Some(CallInfo::Static { mi, ci: Some(const_ci) }) = info else { panic!("{info:?}") };
    assert_eq!(mi, body_mi);
    assert_ne!(const_ci, regular, "the call uses the constant-propagated CodeInstance");
    assert!(!w.method_instance(body_mi).cache.contains(&const_ci), "kept out of the MI's cache");
    expect![[r#"
        CodeInfo(
        1 ─ %1 =    invoke mysin(x::Float64)::Float64
        └──      return %1
        ) => Float64"#]]
    .assert_eq(&optimize(&mut w, k));
    // Inferring `outer` again reuses the stored constant result.
    let n = w.method_instance(body_mi).cache.len();
    let mi = mi_of(&mut w, "outer", &[mysin_ty, Ty::FLOAT64]);
    w.invalidate_code_instance(k, w.world_counter());
    w.advance_world();
    let world = w.world_counter();
    let again = infer::typeinf(&mut w, &infer::NativeInterp { world }, mi).unwrap();
    assert_ne!(again, k);
    assert_eq!(w.method_instance(body_mi).cache.len(), n);
}

/// `choose(n) = n == 1 ? 1 : 2.0`: `choose(1)` is `Const(1)`; a recursive `fact(5)` stays
/// bounded (no constant propagation into a callee already on the stack).
#[test]
fn constant_propagation_is_precise_and_bounded() {
    let mut w = World::new();
    prelude(&mut w);
    let mut b = B::new(&["n"]);
    let n = b.arg(1);
    let c = b.call(vec![bi(Builtin::EqInt), n, int(1)]);
    let (t, e) = (b.new_block(), b.new_block());
    b.br(c, t, e);
    b.switch(t);
    b.ret(int(1));
    b.switch(e);
    b.ret(float(2.0));
    define(&mut w, "choose", &[Ty::INT64], false, b);
    let mut b = B::new(&[]);
    let r = b.call(vec![g("choose"), int(1)]);
    b.ret(r);
    define(&mut w, "one", &[], false, b);
    let k = infer(&mut w, "one", &[]);
    expect!["rettype=Const(1) exctype=Union{} nothrow=true effect_free=true terminates=true worlds=[10, ∞]"]
        .assert_eq(&summary(&mut w, k));
    // fact(n) = n < 1 ? 1 : n * fact(n - 1)
    let mut b = B::new(&["n"]);
    let n = b.arg(1);
    let c = b.call(vec![g("<"), n.clone(), int(1)]);
    let (t, e) = (b.new_block(), b.new_block());
    b.br(c, t, e);
    b.switch(t);
    b.ret(int(1));
    b.switch(e);
    let m = b.call(vec![g("-"), n.clone(), int(1)]);
    let rec = b.call(vec![g("fact"), m]);
    let r = b.call(vec![g("*"), n, rec]);
    b.ret(r);
    define(&mut w, "fact", &[Ty::INT64], false, b);
    let mut b = B::new(&[]);
    let r = b.call(vec![g("fact"), int(5)]);
    b.ret(r);
    define(&mut w, "f5", &[], false, b);
    let k = infer(&mut w, "f5", &[]);
    expect!["rettype=Int64 exctype=Union{} nothrow=true effect_free=false terminates=false worlds=[12, ∞]"]
        .assert_eq(&summary(&mut w, k));
}

/// `f() = invoke(g, _typeinf(:B, mi(g), 1))`, `g() = invoke(f, _typeinf(:A, mi(f), 1))`:
/// inferring `f` for owner `:A` switches to `:B` for `g`, whose fold of `f` for `:A` is
/// recursion across owners: not folded, so it terminates with `Any`.
#[test]
fn recursion_across_owners_terminates() {
    let mut w = World::new();
    prelude(&mut w);
    w.set_const("Main", "OA", ConstValue::Symbol("A".into())).unwrap();
    w.set_const("Main", "OB", ConstValue::Symbol("B".into())).unwrap();
    for (name, other, owner) in [("f", "g", "OB"), ("g", "f", "OA")] {
        let mut b = B::new(&[]);
        let mi = b.call(vec![bi(Builtin::MethodInstanceOf), g(other)]);
        let ci = b.call(vec![bi(Builtin::Typeinf), g(owner), mi, int(1)]);
        let r = b.call(vec![bi(Builtin::Invoke), g(other), ci]);
        b.ret(r);
        define(&mut w, name, &[], false, b);
    }
    let world = w.world_counter();
    let a = infer::interp_for_owner(&w, &ConstValue::Symbol("A".into()), world);
    let f = infer_in(&mut w, &a, "f", &[]);
    assert_eq!(w.code_instance(f).owner, ConstValue::Symbol("A".into()));
    let g_mi = mi_of(&mut w, "g", &[]);
    let g_b = w.lookup_ci(g_mi, &ConstValue::Symbol("B".into()), world).expect("g inferred for :B");
    expect!["rettype=Any exctype=Any nothrow=false effect_free=false terminates=false worlds=[10, ∞]"]
        .assert_eq(&summary(&mut w, g_b));
    expect!["rettype=Any exctype=Any nothrow=false effect_free=false terminates=false worlds=[10, ∞]"]
        .assert_eq(&summary(&mut w, f));
}

/// T22: `drop(x) = (invoke(sq, SQ, x); 1)`: the unused invoke of a native, total CodeInstance
/// is removed; of a plugin-owned one it stays (it may raise "Failed to invoke or compile
/// external codeinst").
#[test]
fn unused_invokes_are_removed_only_for_native_total_code_instances() {
    let mut w = World::new();
    prelude(&mut w);
    let mut b = B::new(&["x"]);
    let x = b.arg(1);
    let r = b.call(vec![bi(Builtin::MulInt), x.clone(), x]);
    b.ret(r);
    define(&mut w, "sq", &[Ty::INT64], false, b);
    let world = w.world_counter();
    let native = infer(&mut w, "sq", &[Ty::INT64]);
    let owner = ConstValue::Symbol("p".into());
    let interp = infer::interp_for_owner(&w, &owner, world);
    let plugin = infer_in(&mut w, &interp, "sq", &[Ty::INT64]);
    for (name, ci) in [("drop_native", native), ("drop_plugin", plugin)] {
        let mut b = B::new(&["x"]);
        let x = b.arg(1);
        b.call(vec![bi(Builtin::Invoke), g("sq"), Operand::Const(ConstValue::CodeInstance(ci)), x]);
        b.ret(int(1));
        define(&mut w, name, &[Ty::INT64], false, b);
    }
    let k = infer(&mut w, "drop_native", &[Ty::INT64]);
    expect![[r#"
        CodeInfo(
        1 ─     return 1
        ) => Int64"#]]
    .assert_eq(&optimize(&mut w, k));
    let k = infer(&mut w, "drop_plugin", &[Ty::INT64]);
    expect!["rettype=Const(1) exctype=ErrorException nothrow=false effect_free=true terminates=true worlds=[11, ∞]"]
        .assert_eq(&summary(&mut w, k));
    expect![[r#"
        CodeInfo(
        1 ─        invoke sq(x::Int64)::Int64
        └──     return 1
        ) => Int64"#]]
    .assert_eq(&optimize(&mut w, k));
}

/// `p(x) = sq(x) + 1` for a `PluginOwner` with `inlining=false`: its own callee stays an
/// invoke; with `inlining=true` it is inlined.
#[test]
fn a_plugin_owner_can_turn_inlining_off() {
    let mut w = World::new();
    prelude(&mut w);
    let (_, plugin) = owners(&mut w);
    let mut b = B::new(&["x"]);
    let x = b.arg(1);
    let r = b.call(vec![bi(Builtin::MulInt), x.clone(), x]);
    b.ret(r);
    define(&mut w, "sq", &[Ty::INT64], false, b);
    let mut b = B::new(&["x"]);
    let x = b.arg(1);
    let s = b.call(vec![g("sq"), x]);
    let r = b.call(vec![bi(Builtin::AddInt), s, int(1)]);
    b.ret(r);
    define(&mut w, "p", &[Ty::INT64], false, b);
    let world = w.world_counter();
    for (inlining, expected) in [
        (
            false,
            expect![[r#"
                CodeInfo(
                1 ─ %1 =    invoke sq(x::Int64)::Int64
                │   %2 = intrinsic Base.add_int(%1, 1)::Int64
                └──      return %2
                ) => Int64"#]],
        ),
        (
            true,
            expect![[r#"
                CodeInfo(
                1 ─ %1 = intrinsic Base.mul_int(x, x)::Int64
                │   %2 = intrinsic Base.add_int(%1, 1)::Int64
                └──      return %2
                ) => Int64"#]],
        ),
    ] {
        let owner = plugin_owner(plugin, ConstValue::nothing(), inlining);
        let interp = infer::interp_for_owner(&w, &owner, world);
        let k = infer_in(&mut w, &interp, "p", &[Ty::INT64]);
        expected.assert_eq(&optimize(&mut w, k));
    }
}

/// Fields of constant CodeInstances and MethodInstances, and the other plugin builtins.
#[test]
fn reflection_fields_and_builtin_results() {
    let mut w = World::new();
    prelude(&mut w);
    define_mysin(&mut w);
    let ci = infer(&mut w, "mysin", &[Ty::FLOAT64]);
    let ci_op = Operand::Const(ConstValue::CodeInstance(ci));
    let sym = |s: &str| Operand::Const(ConstValue::Symbol(s.into()));
    let cases: Vec<(&str, Vec<Operand>)> = vec![
        ("rettype", vec![bi(Builtin::Getfield), ci_op.clone(), sym("rettype")]),
        ("max_world", vec![bi(Builtin::Getfield), ci_op.clone(), sym("max_world")]),
        ("min_world", vec![bi(Builtin::Getfield), ci_op.clone(), sym("min_world")]),
        ("owner", vec![bi(Builtin::Getfield), ci_op.clone(), sym("owner")]),
        ("barrier", vec![bi(Builtin::InferenceBarrier), int(1)]),
        ("methods", vec![bi(Builtin::Methods), g("mysin")]),
        ("latest", vec![bi(Builtin::InvokeLatest), g("mysin"), float(1.0)]),
        ("drop", vec![bi(Builtin::DropNativeCode), ci_op.clone()]),
        ("typeinf", vec![bi(Builtin::Typeinf), sym("x"), int(1), int(1)]),
    ];
    let mut out = String::new();
    for (name, call) in cases {
        let mut b = B::new(&[]);
        let r = b.call(call);
        b.ret(r);
        define(&mut w, name, &[], false, b);
        let k = infer(&mut w, name, &[]);
        let c = w.code_instance(k).clone();
        out.push_str(&format!("{name}: {} nothrow={}\n", show_lattice(&w, &c.rettype), c.effects.nothrow));
    }
    // A non-constant CodeInstance: types only.
    let mut b = B::new(&["c"]);
    let c = b.arg(1);
    let d = b.call(vec![bi(Builtin::Getfield), c, sym("def")]);
    let s = b.call(vec![bi(Builtin::Getfield), d, sym("specTypes")]);
    b.ret(s);
    define(&mut w, "spec", &[Ty::CODE_INSTANCE], false, b);
    let k = infer(&mut w, "spec", &[Ty::CODE_INSTANCE]);
    let c = w.code_instance(k).clone();
    out.push_str(&format!("spec: {} nothrow={}\n", show_lattice(&w, &c.rettype), c.effects.nothrow));
    expect![[r#"
        rettype: Const(Float64) nothrow=true
        max_world: UInt64 nothrow=true
        min_world: UInt64 nothrow=true
        owner: Const(nothing) nothrow=true
        barrier: Any nothrow=true
        methods: Vector{Any} nothrow=false
        latest: Any nothrow=false
        drop: Nothing nothrow=true
        typeinf: Core.CodeInstance nothrow=false
        spec: Type nothrow=true
    "#]]
    .assert_eq(&out);
}

/// T19: `caller() = invoke(g, GCI, 1)` is valid only inside GCI's range and capped with it;
/// re-inferred in a world past GCI's range it is `Union{}` with ErrorException (the builtin
/// raises "invoke: CodeInstance not valid for this world").
#[test]
fn a_stale_constant_code_instance_makes_the_caller_throw() {
    let mut w = World::new();
    prelude(&mut w);
    let mut b = B::new(&["x"]);
    let x = b.arg(1);
    let r = b.call(vec![g("+"), x, int(1)]);
    b.ret(r);
    define(&mut w, "h", &[Ty::ANY], false, b);
    let mut b = B::new(&["x"]);
    let x = b.arg(1);
    let r = b.call(vec![g("h"), x]);
    b.ret(r);
    define(&mut w, "gg", &[Ty::ANY], false, b);
    let gci = infer(&mut w, "gg", &[Ty::INT64]);
    let mut b = B::new(&[]);
    let r = b.call(vec![bi(Builtin::Invoke), g("gg"), Operand::Const(ConstValue::CodeInstance(gci)), int(1)]);
    b.ret(r);
    define(&mut w, "caller", &[], false, b);
    let caller = infer(&mut w, "caller", &[]);
    expect!["rettype=Int64 exctype=Union{} nothrow=true effect_free=true terminates=true worlds=[11, ∞]"]
        .assert_eq(&summary(&mut w, caller));
    // h(x) = x + 100 caps gg's CI through its dispatch edge, and caller's through its CI edge.
    let mut b = B::new(&["x"]);
    let x = b.arg(1);
    let r = b.call(vec![g("+"), x, int(100)]);
    b.ret(r);
    define(&mut w, "h", &[Ty::ANY], false, b);
    let capped = w.world_counter() - 1;
    assert_eq!(w.code_instance(gci).max_world, capped);
    assert_eq!(w.code_instance(caller).max_world, capped);
    let again = infer(&mut w, "caller", &[]);
    expect!["rettype=Union{} exctype=ErrorException nothrow=false effect_free=false terminates=false worlds=[12, ∞]"]
        .assert_eq(&summary(&mut w, again));
}

/// A counted loop inferred with a constant bound still exits (the loop variable widens).
#[test]
fn constant_propagation_through_a_loop() {
    let mut w = World::new();
    prelude(&mut w);
    let mut b = B::new(&["n"]);
    let n = b.arg(1);
    let head = b.new_block();
    let (body, exit) = (b.new_block(), b.new_block());
    b.jump(head, vec![int(0), int(1)]);
    b.switch(head);
    let s = b.param(head);
    let i = b.param(head);
    let c = b.call(vec![g("<"), i.clone(), n]);
    b.br(c, body, exit);
    b.switch(body);
    let s2 = b.call(vec![g("+"), s.clone(), i.clone()]);
    let i2 = b.call(vec![g("+"), i, int(1)]);
    b.jump(head, vec![s2, i2]);
    b.switch(exit);
    b.ret(s);
    define(&mut w, "sum_to", &[Ty::INT64], false, b);
    let mut b = B::new(&[]);
    let r = b.call(vec![g("sum_to"), int(3)]);
    b.ret(r);
    define(&mut w, "s3", &[], false, b);
    let k = infer(&mut w, "s3", &[]);
    expect!["rettype=Int64 exctype=Union{} nothrow=true effect_free=true terminates=false worlds=[10, ∞]"]
        .assert_eq(&summary(&mut w, k));
    // The increment is not the first round's constant: the loop body was re-inferred once `i`
    // widened (the block that feeds the back edge reads the φ itself).
    expect![[r#"
        CodeInfo(
        1 ─      goto #2
        2 ┄ %2 = φ (#1 => 0, #3 => %6)::Int64
        │   %3 = φ (#1 => 1, #3 => %7)::Int64
        │   %4 = intrinsic Base.slt_int(%3, 3)::Bool
        └──      goto #4 if not %4
        3 ─ %6 = intrinsic Base.add_int(%2, %3)::Int64
        │   %7 = intrinsic Base.add_int(%3, 1)::Int64
        └──      goto #2
        4 ─      return %2
        ) => Int64"#]]
    .assert_eq(&optimize(&mut w, k));
}

/// After a call that never returns the block ends in `unreachable` (T16's IR shape), and a
/// call resolved by dispatch on abstract argument types stays dynamic unless it is inlined
/// (so run-time dispatch specializes it, in the caller's owner: T6).
#[test]
fn noreturn_calls_end_blocks_and_abstract_calls_stay_dynamic() {
    let mut w = World::new();
    prelude(&mut w);
    let mut b = B::new(&["x"]);
    let x = b.arg(1);
    let r = b.call(vec![bi(Builtin::Throw), x]);
    b.ret(r);
    define(&mut w, "boom", &[Ty::ANY], false, b);
    let mut b = B::new(&["x"]);
    let x = b.arg(1);
    let s = b.call(vec![g("boom"), x]);
    let r = b.call(vec![g("+"), s, int(1)]);
    b.ret(r);
    define(&mut w, "caller", &[Ty::INT64], false, b);
    let k = infer(&mut w, "caller", &[Ty::INT64]);
    let mut params = opt::OptParams { verify: true, ..opt::OptParams::default() };
    params.inlining = opt::InlineMode::Never;
    let boom =
        w.code_instance(k).typed.as_ref().unwrap().infos.get(ir::Inst(0)).and_then(CallInfo::code_instance);
    optimize_tree(&mut w, boom.unwrap(), &mut vec![]);
    let out = opt::optimize(&mut w, k, &params).unwrap();
    expect![[r#"
        CodeInfo(
        1 ─        invoke boom(x::Int64)::Union{}
        └──     unreachable
        ) => Union{}"#]]
    .assert_eq(&ir::print_typed(&out.body, &w.code_instance(k).rettype.clone(), &w));
    // dyn(x) = work(x) with x::Any: `work(::Any)` (a dynamic `+`) is too costly to inline, so
    // the call stays dynamic; with x::Int64 it is resolved (and inlined).
    let mut b = B::new(&["x"]);
    let x = b.arg(1);
    let r = b.call(vec![g("+"), x.clone(), x]);
    b.ret(r);
    define(&mut w, "work", &[Ty::ANY], false, b);
    let mut b = B::new(&["x"]);
    let x = b.arg(1);
    let r = b.call(vec![g("work"), x]);
    b.ret(r);
    define(&mut w, "dyn", &[Ty::ANY], false, b);
    let k = infer(&mut w, "dyn", &[Ty::ANY]);
    expect![[r#"
        CodeInfo(
        1 ─ %1 =   dynamic Main.work(x)::Union{Float64, Int64}
        └──      return %1
        ) => Union{Float64, Int64}"#]]
    .assert_eq(&optimize(&mut w, k));
    let k = infer(&mut w, "dyn", &[Ty::INT64]);
    expect![[r#"
        CodeInfo(
        1 ─ %1 = intrinsic Base.add_int(x, x)::Int64
        └──      return %1
        ) => Int64"#]]
    .assert_eq(&optimize(&mut w, k));
}
