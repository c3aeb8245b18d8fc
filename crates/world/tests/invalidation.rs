//! Invalidation through backedges, the CodeInstance cache per owner, and bindings.

mod common;

use common::{ci_with_edges, def, mi, show_range, sig};
use expect_test::expect;
use ir::GlobalRef;
use types::{ConstValue, Lattice, MethodTableId, Ty};
use world::{Edge, World};

const GLOBAL: MethodTableId = MethodTableId(0);

/// `h(x) = x + 1; g(x) = h(x) * 2`, with g's CI depending on h's MI by dispatch.
fn h_and_g(w: &mut World) -> (types::CodeInstanceId, types::CodeInstanceId) {
    let h = def(w, "h", &[Ty::ANY], false, GLOBAL);
    let g = def(w, "g", &[Ty::ANY], false, GLOBAL);
    let h_ci = ci_with_edges(w, "h", h, &[Ty::INT64], vec![]);
    let h_mi = w.code_instance(h_ci).def;
    let h_sig = sig(w, "h", &[Ty::INT64]);
    let g_ci = ci_with_edges(w, "g", g, &[Ty::INT64], vec![Edge::Dispatch { sig: h_sig, mi: h_mi }]);
    (h_ci, g_ci)
}

#[test]
fn redefining_a_callee_caps_the_caller_but_not_the_callee() {
    let mut w = World::new();
    let (h_ci, g_ci) = h_and_g(&mut w);
    assert_eq!(w.world_counter(), 3);
    def(&mut w, "h", &[Ty::ANY], false, GLOBAL); // world 4 overwrites h(x)
    expect!["[3, 3]"].assert_eq(&show_range(&w, g_ci));
    // The CI of the overwritten method itself keeps its range (src/gf.c caps callers only).
    expect!["[3, ∞]"].assert_eq(&show_range(&w, h_ci));
}

#[test]
fn a_more_specific_method_for_a_cis_own_signature_does_not_cap_it() {
    let mut w = World::new();
    let (h_ci, g_ci) = h_and_g(&mut w);
    def(&mut w, "h", &[Ty::INT64], false, GLOBAL); // world 4
    expect!["[3, ∞]"].assert_eq(&show_range(&w, h_ci));
    expect!["[3, 3]"].assert_eq(&show_range(&w, g_ci));
}

#[test]
fn unrelated_or_less_specific_methods_do_not_invalidate() {
    let mut w = World::new();
    let (_, g_ci) = h_and_g(&mut w);
    def(&mut w, "h", &[Ty::STRING], false, GLOBAL); // does not intersect Tuple{typeof(h), Int64}
    def(&mut w, "g", &[Ty::INT64], false, GLOBAL); // shadows g itself: g's callers, not g
    def(&mut w, "other", &[Ty::INT64], false, GLOBAL);
    expect!["[3, ∞]"].assert_eq(&show_range(&w, g_ci));
}

#[test]
fn invalidation_is_transitive_and_reaches_code_instance_edges() {
    let mut w = World::new();
    let (_, g_ci) = h_and_g(&mut w);
    let top = def(&mut w, "top", &[], false, GLOBAL);
    let g_mi = w.code_instance(g_ci).def;
    let g_sig = sig(&mut w, "g", &[Ty::INT64]);
    let top_ci = ci_with_edges(&mut w, "top", top, &[], vec![Edge::Dispatch { sig: g_sig, mi: g_mi }]);
    let user = def(&mut w, "user", &[], false, GLOBAL);
    let user_ci = ci_with_edges(&mut w, "user", user, &[], vec![Edge::CodeInstance(g_ci)]);
    let unrelated = def(&mut w, "unrelated", &[], false, GLOBAL);
    let unrelated_ci = ci_with_edges(&mut w, "unrelated", unrelated, &[], vec![]);
    let before = w.world_counter();
    def(&mut w, "h", &[Ty::ANY], false, GLOBAL);
    for ci in [g_ci, top_ci, user_ci] {
        assert_eq!(w.code_instance(ci).max_world, before, "{ci}");
    }
    assert_eq!(w.code_instance(unrelated_ci).max_world, u64::MAX);
}

#[test]
fn an_already_capped_ci_keeps_its_earlier_cap() {
    let mut w = World::new();
    let (_, g_ci) = h_and_g(&mut w);
    def(&mut w, "h", &[Ty::ANY], false, GLOBAL); // world 4: g capped at 3
    def(&mut w, "h", &[Ty::ANY], false, GLOBAL); // world 5
    expect!["[3, 3]"].assert_eq(&show_range(&w, g_ci));
}

#[test]
fn method_table_edges_fire_when_a_matching_method_appears() {
    let mut w = World::new();
    let caller = def(&mut w, "caller", &[], false, GLOBAL);
    let missing = sig(&mut w, "missing", &[Ty::INT64]);
    let ci = ci_with_edges(&mut w, "caller", caller, &[], vec![Edge::MethodTable { sig: missing }]);
    def(&mut w, "missing", &[Ty::STRING], false, GLOBAL);
    expect!["[2, ∞]"].assert_eq(&show_range(&w, ci));
    def(&mut w, "missing", &[Ty::INTEGER], false, GLOBAL);
    expect!["[2, 3]"].assert_eq(&show_range(&w, ci));
}

#[test]
fn invoke_edges_ignore_methods_that_invoke_would_not_select() {
    let mut w = World::new();
    let real = def(&mut w, "f", &[Ty::REAL], false, GLOBAL);
    let caller = def(&mut w, "caller", &[], false, GLOBAL);
    let real_mi = mi(&mut w, "f", real, &[Ty::INT64]);
    let invoke_sig = sig(&mut w, "f", &[Ty::REAL]);
    let ci =
        ci_with_edges(&mut w, "caller", caller, &[], vec![Edge::Invoke { sig: invoke_sig, mi: real_mi }]);
    def(&mut w, "f", &[Ty::INTEGER], false, GLOBAL); // invoke(f, Tuple{Real}, x) still selects f(::Real)
    expect!["[3, ∞]"].assert_eq(&show_range(&w, ci));
    def(&mut w, "f", &[Ty::REAL], false, GLOBAL); // overwriting f(::Real) does change it
    expect!["[3, 4]"].assert_eq(&show_range(&w, ci));
}

#[test]
fn the_cache_is_partitioned_by_owner_and_world() {
    let mut w = World::new();
    let p = def(&mut w, "p", &[Ty::ANY], false, GLOBAL);
    let p_mi = mi(&mut w, "p", p, &[Ty::INT64]);
    let native = w.blank_ci(p_mi, ConstValue::nothing(), 2, Lattice::Type(Ty::INT64));
    let native = w.insert_ci(native);
    let owner = ConstValue::Symbol("Plugin".into());
    let plugin = w.blank_ci(p_mi, owner.clone(), 2, Lattice::Type(Ty::INT64));
    let plugin = w.insert_ci(plugin);
    assert_eq!(w.lookup_ci(p_mi, &ConstValue::nothing(), 2), Some(native));
    assert_eq!(w.lookup_ci(p_mi, &owner, 2), Some(plugin));
    assert_eq!(w.lookup_ci(p_mi, &ConstValue::Symbol("Other".into()), 2), None);
    assert_eq!(w.lookup_ci(p_mi, &ConstValue::nothing(), 1), None);
    w.invalidate_code_instance(native, 2);
    assert_eq!(w.lookup_ci(p_mi, &ConstValue::nothing(), 3), None);
    assert_eq!(w.lookup_ci(p_mi, &owner, 3), Some(plugin));
    assert_eq!(w.code_instances_of_method(p), vec![native, plugin]);
    let f = w.define_function("Main", "p");
    assert_eq!(w.code_instances_of_function(f), vec![native, plugin]);
    assert_eq!(w.specialize(p, w.method_instance(p_mi).spec_types), p_mi);
}

#[test]
fn bindings_resolve_through_main_base_core() {
    let mut w = World::new();
    w.set_const("Core", "c", ConstValue::Int(1)).unwrap();
    w.set_const("Base", "b", ConstValue::Int(2)).unwrap();
    w.set_const("Main", "b", ConstValue::Int(3)).unwrap();
    w.declare_global("Main", "x");
    let show = |w: &World, m: &str, n: &str| match w.resolve(&GlobalRef::new(m, n)) {
        Some((module, b)) => format!("{module}: {:?} const={}", b.value, b.constant),
        None => "undefined".to_string(),
    };
    let out = [
        ("Main", "c"),
        ("Main", "b"),
        ("Base", "b"),
        ("Base", "c"),
        ("Core", "b"),
        ("Main", "x"),
        ("Base", "x"),
    ]
    .iter()
    .map(|(m, n)| format!("{m}.{n} -> {}", show(&w, m, n)))
    .collect::<Vec<_>>()
    .join("\n");
    expect![[r#"
        Main.c -> Core: Some(Int(1)) const=true
        Main.b -> Main: Some(Int(3)) const=true
        Base.b -> Base: Some(Int(2)) const=true
        Base.c -> Core: Some(Int(1)) const=true
        Core.b -> undefined
        Main.x -> Main: None const=false
        Base.x -> undefined"#]]
    .assert_eq(&out);
    assert!(w.set_const("Main", "b", ConstValue::Int(3)).is_ok());
    expect!["invalid redefinition of constant Main.b"]
        .assert_eq(&w.set_const("Main", "b", ConstValue::Int(4)).unwrap_err().to_string());
    expect!["cannot declare Main.x constant; it was already declared global"]
        .assert_eq(&w.set_const("Main", "x", ConstValue::Int(4)).unwrap_err().to_string());
    // Julia 1.12 redefines a constant in a new world instead (the readers' invalidation is
    // tested by tests/files/lang/const_redefinition.jl).
    let before = w.world_counter();
    assert!(w.redefine_const("Main", "b", ConstValue::Int(4)).is_ok());
    assert_eq!(w.world_counter(), before + 1);
    assert_eq!(w.resolve_const(&GlobalRef::new("Main", "b")), Some(&ConstValue::Int(4)));
    assert!(w.redefine_const("Main", "b", ConstValue::Int(4)).is_ok());
    assert_eq!(w.world_counter(), before + 1, "the same value again is no new world");
    expect!["cannot declare Main.x constant; it was already declared global"]
        .assert_eq(&w.redefine_const("Main", "x", ConstValue::Int(4)).unwrap_err().to_string());
}

#[test]
fn functions_are_singletons_and_types_are_callable() {
    let mut w = World::new();
    let f1 = w.define_function("Main", "f");
    let f2 = w.define_function("Main", "f");
    assert_eq!(f1, f2);
    assert_eq!(w.types.display(f1), "typeof(f)");
    assert_eq!(w.resolve_const(&GlobalRef::new("Main", "f")), Some(&ConstValue::Singleton(f1)));
    w.set_const("Core", "Float64", ConstValue::Type(Ty::FLOAT64)).unwrap();
    let ctor = w.define_function("Core", "Float64");
    assert_eq!(w.types.display(ctor), "Type{Float64}");
    assert!(w.is_function_type(f1));
    assert!(!w.is_function_type(Ty::INT64));
}
