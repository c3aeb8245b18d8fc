//! Dispatch: specificity, ambiguity, varargs, overlays, find_matches and world ranges.

mod common;

use common::{def, show_dispatch, sig};
use expect_test::{expect, Expect};
use types::{MethodTableId, Ty};
use world::World;

const GLOBAL: MethodTableId = MethodTableId(0);

fn check_dispatch(world: &World, s: Ty, expect: Expect) {
    let r = world.dispatch(GLOBAL, s, world.world_counter());
    expect.assert_eq(&show_dispatch(world, r));
}

#[test]
fn most_specific_method_wins_and_incomparable_ones_are_ambiguous() {
    let mut w = World::new();
    def(&mut w, "f", &[Ty::INT64, Ty::ANY], false, GLOBAL);
    def(&mut w, "f", &[Ty::ANY, Ty::INT64], false, GLOBAL);
    let ii = sig(&mut w, "f", &[Ty::INT64, Ty::INT64]);
    let if_ = sig(&mut w, "f", &[Ty::INT64, Ty::FLOAT64]);
    let fi = sig(&mut w, "f", &[Ty::FLOAT64, Ty::INT64]);
    let ff = sig(&mut w, "f", &[Ty::FLOAT64, Ty::FLOAT64]);
    check_dispatch(&w, ii, expect!["ambiguous: Tuple{typeof(f), Int64, Any} | Tuple{typeof(f), Any, Int64}"]);
    check_dispatch(&w, if_, expect!["Tuple{typeof(f), Int64, Any}"]);
    check_dispatch(&w, fi, expect!["Tuple{typeof(f), Any, Int64}"]);
    check_dispatch(&w, ff, expect!["no method"]);
    // A method more specific than both resolves the ambiguity, from its world on.
    let before = w.world_counter();
    def(&mut w, "f", &[Ty::INT64, Ty::INT64], false, GLOBAL);
    check_dispatch(&w, ii, expect!["Tuple{typeof(f), Int64, Int64}"]);
    let old = w.dispatch(GLOBAL, ii, before);
    expect!["ambiguous: Tuple{typeof(f), Int64, Any} | Tuple{typeof(f), Any, Int64}"]
        .assert_eq(&show_dispatch(&w, old));
}

#[test]
fn abstract_hierarchy_orders_methods() {
    let mut w = World::new();
    def(&mut w, "g", &[Ty::ANY], false, GLOBAL);
    def(&mut w, "g", &[Ty::REAL], false, GLOBAL);
    def(&mut w, "g", &[Ty::INTEGER], false, GLOBAL);
    let cases = [(Ty::INT64, "Integer"), (Ty::BOOL, "Integer"), (Ty::FLOAT64, "Real"), (Ty::STRING, "Any")];
    for (arg, want) in cases {
        let s = sig(&mut w, "g", &[arg]);
        let m = w.dispatch(GLOBAL, s, w.world_counter()).unwrap();
        assert_eq!(w.types.display(w.method(m).sig), format!("Tuple{{typeof(g), {want}}}"));
    }
}

#[test]
fn varargs_are_less_specific_than_fixed_arity() {
    let mut w = World::new();
    def(&mut w, "v", &[Ty::INT64, Ty::ANY], true, GLOBAL);
    def(&mut w, "v", &[Ty::INT64, Ty::INT64], false, GLOBAL);
    let one = sig(&mut w, "v", &[Ty::INT64]);
    let two = sig(&mut w, "v", &[Ty::INT64, Ty::INT64]);
    let three = sig(&mut w, "v", &[Ty::INT64, Ty::INT64, Ty::INT64]);
    let str2 = sig(&mut w, "v", &[Ty::STRING, Ty::INT64]);
    check_dispatch(&w, one, expect!["Tuple{typeof(v), Int64, Vararg}"]);
    check_dispatch(&w, two, expect!["Tuple{typeof(v), Int64, Int64}"]);
    check_dispatch(&w, three, expect!["Tuple{typeof(v), Int64, Vararg}"]);
    check_dispatch(&w, str2, expect!["no method"]);
}

fn show_matches(w: &mut World, s: Ty) -> String {
    let world = w.world_counter();
    let r = w.find_matches(GLOBAL, s, world);
    let mut out = String::new();
    for m in &r.matches {
        let msig = w.method(m.method).sig;
        out += &format!(
            "{} spec={} covers={}\n",
            w.types.display(msig),
            w.types.display(m.spec_types),
            m.fully_covers
        );
    }
    out += &format!("ambiguous={} worlds={:?}", r.ambiguous, r.valid_worlds);
    out
}

#[test]
fn find_matches_lists_applicable_methods_most_specific_first() {
    let mut w = World::new();
    def(&mut w, "h", &[Ty::ANY], false, GLOBAL); // world 2
    def(&mut w, "h", &[Ty::INT64], false, GLOBAL); // world 3
    def(&mut w, "h", &[Ty::FLOAT64], false, GLOBAL); // world 4
    let any = sig(&mut w, "h", &[Ty::ANY]);
    expect![[r#"
        Tuple{typeof(h), Int64} spec=Tuple{typeof(h), Int64} covers=false
        Tuple{typeof(h), Float64} spec=Tuple{typeof(h), Float64} covers=false
        Tuple{typeof(h), Any} spec=Tuple{typeof(h), Any} covers=true
        ambiguous=false worlds=(4, 18446744073709551615)"#]]
    .assert_eq(&show_matches(&mut w, any));
    // A concrete signature keeps only the method it dispatches to: the others are shadowed.
    let int = sig(&mut w, "h", &[Ty::INT64]);
    expect![[r#"
        Tuple{typeof(h), Int64} spec=Tuple{typeof(h), Int64} covers=true
        ambiguous=false worlds=(3, 18446744073709551615)"#]]
    .assert_eq(&show_matches(&mut w, int));
    let s = sig(&mut w, "h", &[Ty::STRING]);
    expect![[r#"
        Tuple{typeof(h), Any} spec=Tuple{typeof(h), String} covers=true
        ambiguous=false worlds=(2, 18446744073709551615)"#]]
    .assert_eq(&show_matches(&mut w, s));
}

#[test]
fn find_matches_reports_ambiguity_and_no_match() {
    let mut w = World::new();
    def(&mut w, "a", &[Ty::INT64, Ty::ANY], false, GLOBAL);
    def(&mut w, "a", &[Ty::ANY, Ty::INT64], false, GLOBAL);
    let ii = sig(&mut w, "a", &[Ty::INT64, Ty::INT64]);
    expect![[r#"
        Tuple{typeof(a), Int64, Any} spec=Tuple{typeof(a), Int64, Int64} covers=true
        Tuple{typeof(a), Any, Int64} spec=Tuple{typeof(a), Int64, Int64} covers=true
        ambiguous=true worlds=(3, 18446744073709551615)"#]]
    .assert_eq(&show_matches(&mut w, ii));
    let ss = sig(&mut w, "a", &[Ty::STRING, Ty::STRING]);
    expect!["ambiguous=false worlds=(1, 18446744073709551615)"].assert_eq(&show_matches(&mut w, ss));
}

#[test]
fn lookup_in_an_old_world_ends_before_the_next_definition() {
    let mut w = World::new();
    def(&mut w, "k", &[Ty::ANY], false, GLOBAL); // world 2
    def(&mut w, "k", &[Ty::INT64], false, GLOBAL); // world 3
    let s = sig(&mut w, "k", &[Ty::INT64]);
    let r = w.find_matches(GLOBAL, s, 2);
    assert_eq!(r.valid_worlds, (2, 2));
    assert_eq!(w.types.display(w.method(r.matches[0].method).sig), "Tuple{typeof(k), Any}");
    assert_eq!(w.find_matches(GLOBAL, s, 1).matches.len(), 0);
    assert_eq!(w.find_matches(GLOBAL, s, 1).valid_worlds, (1, 1));
}

#[test]
fn overwriting_a_signature_hides_the_old_method_from_the_new_world() {
    let mut w = World::new();
    let old = def(&mut w, "q", &[Ty::ANY], false, GLOBAL); // world 2
    let new = def(&mut w, "q", &[Ty::ANY], false, GLOBAL); // world 3
    let s = sig(&mut w, "q", &[Ty::INT64]);
    assert_eq!(w.dispatch(GLOBAL, s, 2), Ok(old));
    assert_eq!(w.dispatch(GLOBAL, s, 3), Ok(new));
    assert_eq!(w.method(old).deleted_world, 3);
    assert_eq!(w.find_matches(GLOBAL, s, 3).valid_worlds, (3, u64::MAX));
    assert_eq!(w.find_matches(GLOBAL, s, 2).valid_worlds, (2, 2));
}

#[test]
fn overlay_methods_shadow_global_ones_of_equal_or_lesser_specificity() {
    let mut w = World::new();
    let mt = w.new_method_table("MyTable");
    let g_any = def(&mut w, "s", &[Ty::ANY], false, GLOBAL);
    let g_float = def(&mut w, "s", &[Ty::FLOAT64], false, GLOBAL);
    let o_float = def(&mut w, "s", &[Ty::FLOAT64], false, mt);
    let g_int = def(&mut w, "s", &[Ty::INT64], false, GLOBAL);
    let o_real = def(&mut w, "s", &[Ty::REAL], false, mt);
    let now = w.world_counter();
    let float = sig(&mut w, "s", &[Ty::FLOAT64]);
    let int = sig(&mut w, "s", &[Ty::INT64]);
    let bool_ = sig(&mut w, "s", &[Ty::BOOL]);
    let string = sig(&mut w, "s", &[Ty::STRING]);
    assert_eq!(w.dispatch(GLOBAL, float, now), Ok(g_float));
    assert_eq!(w.dispatch(mt, float, now), Ok(o_float));
    // The global Int64 method is more specific than the overlay's Real method.
    assert_eq!(w.dispatch(mt, int, now), Ok(g_int));
    assert_eq!(w.dispatch(mt, bool_, now), Ok(o_real));
    assert_eq!(w.dispatch(mt, string, now), Ok(g_any));
    // Adding to the overlay does not change global dispatch.
    assert_eq!(w.dispatch(GLOBAL, bool_, now), Ok(g_any));
}
