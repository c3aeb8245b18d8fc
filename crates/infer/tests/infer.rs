//! Inference of hand-built SSA bodies: arithmetic, branches, loops, recursion, unions,
//! missing methods, world ranges, invalidation and the per-owner cache.

mod common;

use common::*;
use expect_test::expect;
use ir::Builtin;
use types::{ConstValue, MethodTableId, Ty};

/// `fib(n) = n < 2 ? n : fib(n-1) + fib(n-2)`
fn define_fib(w: &mut world::World) {
    let mut b = B::new(&["n"]);
    let n = b.arg(1);
    let c = b.call(vec![g("<"), n.clone(), int(2)]);
    let (small, big) = (b.new_block(), b.new_block());
    b.br(c, small, big);
    b.switch(small);
    b.ret(n.clone());
    b.switch(big);
    let n1 = b.call(vec![g("-"), n.clone(), int(1)]);
    let f1 = b.call(vec![g("fib"), n1]);
    let n2 = b.call(vec![g("-"), n, int(2)]);
    let f2 = b.call(vec![g("fib"), n2]);
    let s = b.call(vec![g("+"), f1, f2]);
    b.ret(s);
    define(w, "fib", &[Ty::ANY], false, b);
}

#[test]
fn fib_infers_int64() {
    let mut w = world::World::new();
    prelude(&mut w);
    define_fib(&mut w);
    let ci = infer(&mut w, "fib", &[Ty::INT64]);
    expect!["rettype=Int64 exctype=Union{} nothrow=true effect_free=false terminates=false worlds=[9, ∞]"]
        .assert_eq(&summary(&mut w, ci));
    expect![[r#"
        CodeInfo(
        1 ─ %1 =   dynamic (n < 2)::Bool
        └──      goto #3 if not %1
        2 ─      return n
        3 ─ %4 =   dynamic (n - 1)::Int64
        │   %5 =   dynamic Main.fib(%4)::Int64
        │   %6 =   dynamic (n - 2)::Int64
        │   %7 =   dynamic Main.fib(%6)::Int64
        │   %8 =   dynamic (%5 + %7)::Int64
        └──      return %8
        ) => Int64"#]]
    .assert_eq(&typed(&w, ci));
    // The recursive calls point at fib's own CodeInstance.
    let body = w.code_instance(ci).typed.clone().unwrap();
    let self_call = body.infos.get(ir::Inst(2)).cloned();
    assert_eq!(self_call, Some(ir::CallInfo::Static { mi: w.code_instance(ci).def, ci: Some(ci) }));
}

#[test]
fn constants_fold_through_intrinsics_and_calls() {
    let mut w = world::World::new();
    prelude(&mut w);
    // k() = 2 * 3 + 1
    let mut b = B::new(&[]);
    let m = b.call(vec![g("*"), int(2), int(3)]);
    let s = b.call(vec![bi(Builtin::AddInt), m, int(1)]);
    b.ret(s);
    define(&mut w, "k", &[], false, b);
    let ci = infer(&mut w, "k", &[]);
    // `*` is a generic call whose CI returns Int64, but constant propagation re-infers it with
    // (2, 3): Const(6), and add_int(6, 1) folds.
    expect!["rettype=Const(7) exctype=Union{} nothrow=true effect_free=true terminates=true worlds=[9, ∞]"]
        .assert_eq(&summary(&mut w, ci));
    // c() = add_int(2, 3) folds.
    let mut b = B::new(&[]);
    let s = b.call(vec![bi(Builtin::AddInt), int(2), int(3)]);
    let t = b.call(vec![bi(Builtin::Tuple), s, float(1.5)]);
    let x = b.call(vec![bi(Builtin::Getfield), t, int(2)]);
    b.ret(x);
    define(&mut w, "c", &[], false, b);
    let ci = infer(&mut w, "c", &[]);
    expect![
        "rettype=Const(1.5) exctype=Union{} nothrow=true effect_free=true terminates=true worlds=[10, ∞]"
    ]
    .assert_eq(&summary(&mut w, ci));
}

/// `u(x) = x < 0 ? nothing : x`: a Union result.
#[test]
fn branches_join_into_unions() {
    let mut w = world::World::new();
    prelude(&mut w);
    let mut b = B::new(&["x"]);
    let x = b.arg(1);
    let c = b.call(vec![g("<"), x.clone(), int(0)]);
    let (t, e) = (b.new_block(), b.new_block());
    b.br(c, t, e);
    b.switch(t);
    b.ret(Operand::Const(ConstValue::nothing()));
    b.switch(e);
    b.ret(x);
    define(&mut w, "u", &[Ty::ANY], false, b);
    let ci = infer(&mut w, "u", &[Ty::INT64]);
    expect!["rettype=Union{Nothing, Int64} exctype=Union{} nothrow=true effect_free=true terminates=true worlds=[9, ∞]"]
        .assert_eq(&summary(&mut w, ci));
}

use ir::Operand;

/// `function sum_to(n); s = 0; i = 1; while i < n; s = s + i; i = i + 1; end; s; end`
#[test]
fn loops_reach_a_fixpoint() {
    let mut w = world::World::new();
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
    let ci = infer(&mut w, "sum_to", &[Ty::INT64]);
    expect!["rettype=Int64 exctype=Union{} nothrow=true effect_free=true terminates=false worlds=[9, ∞]"]
        .assert_eq(&summary(&mut w, ci));
    expect![[r#"
        CodeInfo(
        1 ─      goto #2
        2 ┄ %2 = φ (#1 => 0, #3 => %6)::Int64
        │   %3 = φ (#1 => 1, #3 => %7)::Int64
        │   %4 =   dynamic (%3 < n)::Bool
        └──      goto #4 if not %4
        3 ─ %6 =   dynamic (%2 + %3)::Int64
        │   %7 =   dynamic (%3 + 1)::Int64
        └──      goto #2
        4 ─      return %2
        ) => Int64"#]]
    .assert_eq(&typed(&w, ci));
}

#[test]
fn a_call_with_no_method_is_bottom_and_records_a_method_table_edge() {
    let mut w = world::World::new();
    prelude(&mut w);
    // bad(x) = x + "s"; later `+(::Int64, ::String)` is defined.
    let mut b = B::new(&["x"]);
    let x = b.arg(1);
    let r = b.call(vec![g("+"), x, Operand::Const(ConstValue::Str("s".into()))]);
    b.ret(r);
    define(&mut w, "bad", &[Ty::ANY], false, b);
    let ci = infer(&mut w, "bad", &[Ty::INT64]);
    expect![
        "rettype=Union{} exctype=MethodError nothrow=false effect_free=true terminates=true worlds=[9, ∞]"
    ]
    .assert_eq(&summary(&mut w, ci));
    let info = w.code_instance(ci).typed.as_ref().unwrap().infos.get(ir::Inst(0)).cloned();
    assert_eq!(info, Some(ir::CallInfo::Throws));
    let mut b = B::new(&["x", "y"]);
    let x = b.arg(1);
    b.ret(x);
    define(&mut w, "+", &[Ty::INT64, Ty::STRING], false, b);
    expect![
        "rettype=Union{} exctype=MethodError nothrow=false effect_free=true terminates=true worlds=[9, 9]"
    ]
    .assert_eq(&summary(&mut w, ci));
    let again = infer(&mut w, "bad", &[Ty::INT64]);
    assert_ne!(again, ci);
    expect!["rettype=Int64 exctype=Union{} nothrow=true effect_free=true terminates=true worlds=[10, ∞]"]
        .assert_eq(&summary(&mut w, again));
}

/// `h(x) = x + 1; g(x) = h(x) * 2`, then `h` is redefined (T11).
#[test]
fn redefining_a_callee_caps_the_inferred_caller() {
    let mut w = world::World::new();
    prelude(&mut w);
    let define_h = |w: &mut world::World, k: i64| {
        let mut b = B::new(&["x"]);
        let x = b.arg(1);
        let r = b.call(vec![g("+"), x, int(k)]);
        b.ret(r);
        define(w, "h", &[Ty::ANY], false, b);
    };
    define_h(&mut w, 1);
    let mut b = B::new(&["x"]);
    let x = b.arg(1);
    let r = b.call(vec![g("h"), x]);
    let r = b.call(vec![g("*"), r, int(2)]);
    b.ret(r);
    define(&mut w, "gg", &[Ty::ANY], false, b);
    let g_ci = infer(&mut w, "gg", &[Ty::INT64]);
    let world = w.world_counter();
    assert_eq!(w.lookup_ci(w.code_instance(g_ci).def, &ConstValue::nothing(), world), Some(g_ci));
    expect!["rettype=Int64 exctype=Union{} nothrow=true effect_free=true terminates=true worlds=[10, ∞]"]
        .assert_eq(&summary(&mut w, g_ci));
    define_h(&mut w, 100);
    expect!["rettype=Int64 exctype=Union{} nothrow=true effect_free=true terminates=true worlds=[10, 10]"]
        .assert_eq(&summary(&mut w, g_ci));
    // Shadowing `gg` itself for Int64 does not cap the new CI of gg(::Int64).
    let g2 = infer(&mut w, "gg", &[Ty::INT64]);
    let mut b = B::new(&["x"]);
    let x = b.arg(1);
    b.ret(x);
    define(&mut w, "gg", &[Ty::INT64], false, b);
    expect!["rettype=Int64 exctype=Union{} nothrow=true effect_free=true terminates=true worlds=[11, ∞]"]
        .assert_eq(&summary(&mut w, g2));
}

#[test]
fn abstract_arguments_give_dynamic_calls_with_joined_results() {
    let mut w = world::World::new();
    prelude(&mut w);
    // d(x) = x + x, inferred for x::Any: two `+` methods match, neither covers.
    let mut b = B::new(&["x"]);
    let x = b.arg(1);
    let r = b.call(vec![g("+"), x.clone(), x]);
    b.ret(r);
    define(&mut w, "d", &[Ty::ANY], false, b);
    let ci = infer(&mut w, "d", &[Ty::ANY]);
    expect!["rettype=Union{Float64, Int64} exctype=MethodError nothrow=false effect_free=false terminates=false worlds=[9, ∞]"]
        .assert_eq(&summary(&mut w, ci));
    let info = w.code_instance(ci).typed.as_ref().unwrap().infos.get(ir::Inst(0)).cloned();
    assert_eq!(info, Some(ir::CallInfo::Dynamic));
}

#[test]
fn the_cache_is_partitioned_by_owner() {
    let mut w = world::World::new();
    prelude(&mut w);
    define_fib(&mut w);
    let s = sig(&mut w, "fib", &[Ty::INT64]);
    let world = w.world_counter();
    let m = w.dispatch(MethodTableId(0), s, world).unwrap();
    let mi = w.specialize(m, s);
    let native = infer::typeinf(&mut w, &infer::NativeInterp { world }, mi).unwrap();
    let plugin = infer::PluginInterp {
        world,
        owner: ConstValue::Symbol("SplitCacheOwner".into()),
        method_table: MethodTableId(0),
        params: infer::InferParams::default(),
        inlining: true,
    };
    let foreign = infer::typeinf(&mut w, &plugin, mi).unwrap();
    assert_ne!(native, foreign);
    assert_eq!(infer::typeinf(&mut w, &plugin, mi).unwrap(), foreign);
    assert_eq!(infer::typeinf(&mut w, &infer::NativeInterp { world }, mi).unwrap(), native);
    assert_eq!(w.code_instance(foreign).owner, ConstValue::Symbol("SplitCacheOwner".into()));
    // The plugin's callees (`<`, `-`, `+`) live in its own partition too.
    let lt = sig(&mut w, "<", &[Ty::INT64, Ty::INT64]);
    let lt_m = w.dispatch(MethodTableId(0), lt, world).unwrap();
    let lt_mi = w.specialize(lt_m, lt);
    let owners: Vec<ConstValue> =
        w.method_instance(lt_mi).cache.iter().map(|&c| w.code_instance(c).owner.clone()).collect();
    assert_eq!(owners, vec![ConstValue::nothing(), ConstValue::Symbol("SplitCacheOwner".into())]);
}

#[test]
fn overlay_tables_change_what_a_plugin_infers() {
    let mut w = world::World::new();
    prelude(&mut w);
    let mt = w.new_method_table("MyTable");
    // s(x::Float64) = 1.0 globally, but the overlay returns an Int64.
    let mut b = B::new(&["x"]);
    b.ret(float(1.0));
    define(&mut w, "s", &[Ty::FLOAT64], false, b);
    let mut b = B::new(&["x"]);
    b.ret(int(1));
    define_in(&mut w, "s", &[Ty::FLOAT64], false, b, mt);
    let mut b = B::new(&["x"]);
    let x = b.arg(1);
    let r = b.call(vec![g("s"), x]);
    b.ret(r);
    define(&mut w, "caller", &[Ty::FLOAT64], false, b);
    let s = sig(&mut w, "caller", &[Ty::FLOAT64]);
    let world = w.world_counter();
    let m = w.dispatch(MethodTableId(0), s, world).unwrap();
    let mi = w.specialize(m, s);
    let native = infer::typeinf(&mut w, &infer::NativeInterp { world }, mi).unwrap();
    let plugin = infer::PluginInterp {
        world,
        owner: ConstValue::Symbol("Overlay".into()),
        method_table: mt,
        params: infer::InferParams::default(),
        inlining: true,
    };
    let overlaid = infer::typeinf(&mut w, &plugin, mi).unwrap();
    assert_eq!(show_lattice(&w, &w.code_instance(native).rettype.clone()), "Const(1.0)");
    assert_eq!(show_lattice(&w, &w.code_instance(overlaid).rettype.clone()), "Const(1)");
}

#[test]
fn return_type_of_a_signature() {
    let mut w = world::World::new();
    prelude(&mut w);
    define_fib(&mut w);
    let world = w.world_counter();
    let interp = infer::NativeInterp { world };
    let s = sig(&mut w, "fib", &[Ty::INT64]);
    assert_eq!(infer::return_type(&mut w, &interp, s), types::Lattice::Type(Ty::INT64));
    let s = sig(&mut w, "fib", &[Ty::FLOAT64]);
    // fib(::Float64): `<(Float64, Int64)` has no method, so only the `n < 2` call throws.
    assert_eq!(infer::return_type(&mut w, &interp, s), types::Lattice::BOTTOM);
    let s = sig(&mut w, "nosuch", &[]);
    assert_eq!(infer::return_type(&mut w, &interp, s), types::Lattice::BOTTOM);
}

/// `ev(n) = n < 1 ? true : od(n - 1)`, `od(n) = n < 1 ? false : ev(n - 1)`: a two-frame cycle.
#[test]
fn mutual_recursion_converges() {
    let mut w = world::World::new();
    prelude(&mut w);
    for (name, base, other) in [("ev", true, "od"), ("od", false, "ev")] {
        let mut b = B::new(&["n"]);
        let n = b.arg(1);
        let c = b.call(vec![g("<"), n.clone(), int(1)]);
        let (t, e) = (b.new_block(), b.new_block());
        b.br(c, t, e);
        b.switch(t);
        b.ret(Operand::Const(ConstValue::Bool(base)));
        b.switch(e);
        let m = b.call(vec![g("-"), n, int(1)]);
        let r = b.call(vec![g(other), m]);
        b.ret(r);
        define(&mut w, name, &[Ty::ANY], false, b);
    }
    let ci = infer(&mut w, "ev", &[Ty::INT64]);
    expect!["rettype=Bool exctype=Union{} nothrow=true effect_free=false terminates=false worlds=[10, ∞]"]
        .assert_eq(&summary(&mut w, ci));
    let od = sig(&mut w, "od", &[Ty::INT64]);
    let od_m = w.dispatch(MethodTableId(0), od, w.world_counter()).unwrap();
    let od_mi = w.specialize(od_m, od);
    let od_ci = w.lookup_ci(od_mi, &ConstValue::nothing(), w.world_counter()).unwrap();
    expect!["rettype=Bool exctype=Union{} nothrow=true effect_free=false terminates=false worlds=[10, ∞]"]
        .assert_eq(&summary(&mut w, od_ci));
}

/// `grow(x) = grow((x,))`: every call has a new signature. As in Julia (typelimits.jl), the
/// third level is limited to `grow(::Tuple{Any})`, which calls itself: a cycle that never
/// returns, so `Union{}`.
#[test]
fn growing_signatures_stop() {
    let mut w = world::World::new();
    let mut b = B::new(&["x"]);
    let x = b.arg(1);
    let t = b.call(vec![bi(Builtin::Tuple), x]);
    let r = b.call(vec![g("grow"), t]);
    b.ret(r);
    let method = define(&mut w, "grow", &[Ty::ANY], false, b);
    let ci = infer(&mut w, "grow", &[Ty::INT64]);
    expect!["rettype=Union{} exctype=Union{} nothrow=true effect_free=false terminates=false worlds=[2, ∞]"]
        .assert_eq(&summary(&mut w, ci));
    let mut specializations: Vec<String> = (w.method_instances_of(method).into_iter())
        .map(|mi| w.types.display(w.method_instance(mi).spec_types))
        .collect();
    specializations.sort();
    expect![[r#"
        [
            "Tuple{typeof(grow), Int64}",
            "Tuple{typeof(grow), Tuple{Any}}",
            "Tuple{typeof(grow), Tuple{Int64}}",
        ]
    "#]]
    .assert_debug_eq(&specializations);
}

/// `pairs(x, n) = pairs((x, x), n - 1)`: the pair of pairs is limited to `Tuple{Any, Any}`.
#[test]
fn growing_pairs_are_limited_to_pairs_of_any() {
    let mut w = world::World::new();
    let mut b = B::new(&["x", "n"]);
    let (x, n) = (b.arg(1), b.arg(2));
    let t = b.call(vec![bi(Builtin::Tuple), x.clone(), x]);
    let r = b.call(vec![g("pairs"), t, n]);
    b.ret(r);
    let method = define(&mut w, "pairs", &[Ty::ANY, Ty::INT64], false, b);
    infer(&mut w, "pairs", &[Ty::INT64, Ty::INT64]);
    let mut specializations: Vec<String> = (w.method_instances_of(method).into_iter())
        .map(|mi| w.types.display(w.method_instance(mi).spec_types))
        .collect();
    specializations.sort();
    expect![[r#"
        [
            "Tuple{typeof(pairs), Int64, Int64}",
            "Tuple{typeof(pairs), Tuple{Any, Any}, Int64}",
            "Tuple{typeof(pairs), Tuple{Int64, Int64}, Int64}",
        ]
    "#]]
    .assert_debug_eq(&specializations);
}

/// `sq(x) = x * x; k(x) = invoke(sq, SQ, x)` with `SQ` a constant CodeInstance (T15, T16).
#[test]
fn invoke_of_a_constant_code_instance() {
    let mut w = world::World::new();
    prelude(&mut w);
    let mut b = B::new(&["x"]);
    let x = b.arg(1);
    let r = b.call(vec![g("*"), x.clone(), x]);
    b.ret(r);
    define(&mut w, "sq", &[Ty::INT64], false, b);
    let sq = infer(&mut w, "sq", &[Ty::INT64]);
    let sq_const = Operand::Const(ConstValue::CodeInstance(sq));
    let mut b = B::new(&["x"]);
    let x = b.arg(1);
    let r = b.call(vec![bi(Builtin::Invoke), g("sq"), sq_const.clone(), x]);
    b.ret(r);
    define(&mut w, "k", &[Ty::ANY], false, b);
    let k_int = infer(&mut w, "k", &[Ty::INT64]);
    expect!["rettype=Int64 exctype=Union{} nothrow=true effect_free=true terminates=true worlds=[10, ∞]"]
        .assert_eq(&summary(&mut w, k_int));
    let info = w.code_instance(k_int).typed.as_ref().unwrap().infos.get(ir::Inst(0)).cloned();
    assert_eq!(info, Some(ir::CallInfo::InvokeCodeInstance { ci: sq }));
    let k_any = infer(&mut w, "k", &[Ty::ANY]);
    expect!["rettype=Int64 exctype=TypeError nothrow=false effect_free=true terminates=true worlds=[10, ∞]"]
        .assert_eq(&summary(&mut w, k_any));
    let k_float = infer(&mut w, "k", &[Ty::FLOAT64]);
    expect![
        "rettype=Union{} exctype=TypeError nothrow=false effect_free=false terminates=false worlds=[10, ∞]"
    ]
    .assert_eq(&summary(&mut w, k_float));
    // Capping SQ invalidates k's CIs through their CodeInstance edge.
    w.invalidate_code_instance(sq, w.world_counter());
    assert_eq!(w.code_instance(k_int).max_world, w.world_counter());
}
