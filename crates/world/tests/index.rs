//! The method table's index (by function, then first argument) seen from outside: constructors
//! keyed by their `Type{T}`, first arguments that are unions, `Any` or varargs found by concrete
//! lookups, overlay hiding, and invalidation that examines only the new method's function.

mod common;

use common::{ci_with_edges, def, def_for, mi, sig};
use expect_test::expect;
use types::{MethodId, MethodTableId, Ty};
use world::{Edge, World};

const GLOBAL: MethodTableId = MethodTableId(0);

/// A method of the callable `func_ty` (a constructor when it is `Type{T}`).
fn def_callable(w: &mut World, func_ty: Ty, args: &[Ty], table: MethodTableId) -> MethodId {
    let name = w.types.display(func_ty);
    def_for(w, &name, func_ty, args, false, table)
}

fn lookup_sigs(w: &mut World, table: MethodTableId, s: Ty) -> String {
    let found = w.find_matches(table, s, w.world_counter());
    let sigs: Vec<String> = found.matches.iter().map(|m| w.types.display(w.method(m.method).sig)).collect();
    format!("{} ambiguous={} worlds={:?}", sigs.join(" > "), found.ambiguous, found.valid_worlds)
}

#[test]
fn constructors_are_found_by_their_own_type() {
    let mut w = World::new();
    let p = w.types.define_struct("P", Ty::ANY, false, vec![]);
    let q = w.types.define_struct("Q", Ty::ANY, false, vec![]);
    let (type_p, type_q) = (w.types.type_type(p), w.types.type_type(q));
    let p_int = def_callable(&mut w, type_p, &[Ty::INT64], GLOBAL);
    def_callable(&mut w, type_q, &[Ty::INT64], GLOBAL);
    let p_any = def_callable(&mut w, type_p, &[Ty::ANY], GLOBAL);
    let call = w.types.tuple(vec![type_p, Ty::INT64]);
    assert_eq!(w.dispatch(GLOBAL, call, w.world_counter()), Ok(p_int));
    let call = w.types.tuple(vec![type_p, Ty::STRING]);
    assert_eq!(w.dispatch(GLOBAL, call, w.world_counter()), Ok(p_any));
    expect!["Tuple{Type{P}, Any} ambiguous=false worlds=(4, 18446744073709551615)"]
        .assert_eq(&lookup_sigs(&mut w, GLOBAL, call));
}

#[test]
fn union_any_and_vararg_first_arguments_meet_concrete_lookups() {
    let mut w = World::new();
    let int_or_string = w.types.union(&[Ty::INT64, Ty::STRING]);
    def(&mut w, "f", &[Ty::FLOAT64], false, GLOBAL);
    def(&mut w, "f", &[int_or_string], false, GLOBAL);
    def(&mut w, "f", &[Ty::ANY], false, GLOBAL);
    def(&mut w, "f", &[Ty::INTEGER], true, GLOBAL);
    def(&mut w, "f", &[], false, GLOBAL);
    let int = sig(&mut w, "f", &[Ty::INT64]);
    expect!["Tuple{typeof(f), Union{Int64, String}} ambiguous=false worlds=(5, 18446744073709551615)"]
        .assert_eq(&lookup_sigs(&mut w, GLOBAL, int));
    let none = sig(&mut w, "f", &[]);
    expect!["Tuple{typeof(f)} ambiguous=false worlds=(6, 18446744073709551615)"]
        .assert_eq(&lookup_sigs(&mut w, GLOBAL, none));
    // A struct below a concrete type (the subset does not forbid it) is still found from above.
    let below = w.types.define_struct("W", Ty::INT64, false, vec![]);
    def(&mut w, "f", &[below], false, GLOBAL);
    expect!["Tuple{typeof(f), W} > Tuple{typeof(f), Union{Int64, String}} ambiguous=false worlds=(7, 18446744073709551615)"]
        .assert_eq(&lookup_sigs(&mut w, GLOBAL, int));
}

#[test]
fn an_overlay_method_hides_the_global_one_with_its_signature() {
    let mut w = World::new();
    let mt = w.new_method_table("MT");
    let p = w.types.define_struct("P", Ty::ANY, false, vec![]);
    let type_p = w.types.type_type(p);
    def_callable(&mut w, type_p, &[Ty::FLOAT64], GLOBAL);
    let overlay = def_callable(&mut w, type_p, &[Ty::FLOAT64], mt);
    let call = w.types.tuple(vec![type_p, Ty::FLOAT64]);
    assert_eq!(w.dispatch(mt, call, w.world_counter()), Ok(overlay));
    let found = w.find_matches(mt, call, w.world_counter());
    assert_eq!(found.matches.iter().map(|m| m.method).collect::<Vec<_>>(), vec![overlay]);
    assert!(!found.ambiguous);
}

#[test]
fn invalidation_examines_only_the_new_methods_function() {
    let mut w = World::new();
    // 50 functions `k_i(x::Any)`, each called from its own `caller_i` with an Int64.
    let mut callers = Vec::new();
    for i in 0..50 {
        let (k, caller) = (format!("k{i}"), format!("caller{i}"));
        let callee = def(&mut w, &k, &[Ty::ANY], false, GLOBAL);
        let callee_mi = mi(&mut w, &k, callee, &[Ty::INT64]);
        let call = sig(&mut w, &k, &[Ty::INT64]);
        let caller_method = def(&mut w, &caller, &[], false, GLOBAL);
        let edges = vec![Edge::Dispatch { sig: call, mi: callee_mi }];
        callers.push(ci_with_edges(&mut w, &caller, caller_method, &[], edges));
    }
    let before = w.world_counter();
    def(&mut w, "k7", &[Ty::INT64], false, GLOBAL);
    let report = w.last_invalidation();
    assert_eq!(report.invalidated, vec![callers[7]]);
    assert_eq!(report.checked_method_instances, 1);
    assert_eq!(w.code_instance(callers[7]).max_world, before);
    assert_eq!(w.code_instance(callers[8]).max_world, u64::MAX);
    // A method of a function nobody calls examines nothing.
    def(&mut w, "fresh", &[Ty::INT64], false, GLOBAL);
    assert_eq!(w.last_invalidation().checked_method_instances, 0);
    assert!(w.last_invalidation().invalidated.is_empty());
}
