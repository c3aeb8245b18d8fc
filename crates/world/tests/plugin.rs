//! Issue 3 in the object model: constant-propagation CodeInstances (kept out of the MI's cache,
//! still invalidated), edges added after the fact (inlining), and owner tokens decoded into
//! interpreter settings.

mod common;

use common::{ci_with_edges, def, show_range, sig};
use types::{ConstValue, Field, Lattice, MethodTableId, Ty};
use world::{Edge, OwnerSettings, World};

const GLOBAL: MethodTableId = MethodTableId(0);

#[test]
fn constant_results_are_found_by_their_arguments_but_not_by_the_cache() {
    let mut w = World::new();
    let h = def(&mut w, "h", &[Ty::ANY], false, GLOBAL);
    let g = def(&mut w, "g", &[Ty::ANY], false, GLOBAL);
    let h_ci = ci_with_edges(&mut w, "h", h, &[Ty::INT64], vec![]);
    let h_mi = w.code_instance(h_ci).def;
    let h_sig = sig(&mut w, "h", &[Ty::INT64]);
    let g_ci = ci_with_edges(&mut w, "g", g, &[Ty::INT64], vec![]);
    let g_mi = w.code_instance(g_ci).def;
    let args = vec![Lattice::ANY, Lattice::Const(ConstValue::Int(2))];
    let mut c = w.blank_ci(g_mi, ConstValue::nothing(), 3, Lattice::Const(ConstValue::Int(4)));
    c.edges = vec![Edge::Dispatch { sig: h_sig, mi: h_mi }];
    let const_ci = w.insert_const_ci(args.clone(), c);
    assert_eq!(w.method_instance(g_mi).cache, vec![g_ci]);
    assert_eq!(w.lookup_ci(g_mi, &ConstValue::nothing(), 3), Some(g_ci));
    assert_eq!(w.lookup_const_ci(g_mi, &ConstValue::nothing(), &args, 3), Some(const_ci));
    let other = vec![Lattice::ANY, Lattice::Const(ConstValue::Int(3))];
    assert_eq!(w.lookup_const_ci(g_mi, &ConstValue::nothing(), &other, 3), None);
    let plugin = ConstValue::Symbol("p".into());
    assert_eq!(w.lookup_const_ci(g_mi, &plugin, &args, 3), None, "keyed by owner");
    // Its edges work like any CI's: overwriting h caps it.
    def(&mut w, "h", &[Ty::ANY], false, GLOBAL);
    assert_eq!(show_range(&w, const_ci), "[3, 3]");
    assert_eq!(w.lookup_const_ci(g_mi, &ConstValue::nothing(), &args, 4), None);
}

#[test]
fn edges_added_later_invalidate_the_caller() {
    let mut w = World::new();
    let h = def(&mut w, "h", &[Ty::ANY], false, GLOBAL);
    let g = def(&mut w, "g", &[Ty::ANY], false, GLOBAL);
    let h_ci = ci_with_edges(&mut w, "h", h, &[Ty::INT64], vec![]);
    let g_ci = ci_with_edges(&mut w, "g", g, &[Ty::INT64], vec![]);
    w.add_edge(g_ci, Edge::CodeInstance(h_ci));
    w.add_edge(g_ci, Edge::CodeInstance(h_ci));
    assert_eq!(w.code_instance(g_ci).edges, vec![Edge::CodeInstance(h_ci)]);
    w.invalidate_code_instance(h_ci, 3);
    assert_eq!(show_range(&w, g_ci), "[3, 3]");
}

#[test]
fn owner_settings_come_from_the_prelude_plugin_owner() {
    let mut w = World::new();
    let fields = vec![
        Field { name: "name".into(), ty: Ty::SYMBOL },
        Field { name: "method_table".into(), ty: Ty::ANY },
        Field { name: "inlining".into(), ty: Ty::BOOL },
    ];
    let plugin = w.types.define_struct("PluginOwner", Ty::ANY, false, fields);
    let mt = w.new_method_table("MT");
    let owner = ConstValue::Struct {
        ty: plugin,
        fields: vec![ConstValue::Symbol("p".into()), ConstValue::MethodTable(mt), ConstValue::Bool(false)]
            .into(),
    };
    // Not yet bound as `Base.PluginOwner`: an ordinary token.
    assert_eq!(w.owner_settings(&owner), OwnerSettings::GLOBAL);
    w.set_const("Base", "PluginOwner", ConstValue::Type(plugin)).unwrap();
    assert_eq!(w.owner_settings(&owner), OwnerSettings { method_table: mt, inlining: false });
    assert_eq!(w.owner_settings(&ConstValue::nothing()), OwnerSettings::GLOBAL);
    let h = def(&mut w, "h", &[Ty::ANY], false, GLOBAL);
    let h_ci = ci_with_edges(&mut w, "h", h, &[Ty::INT64], vec![]);
    assert!(w.owner_allows_inlining(h_ci));
    let mi = w.code_instance(h_ci).def;
    let ci = w.blank_ci(mi, owner, 1, Lattice::ANY);
    let ci = w.insert_ci(ci);
    assert!(!w.owner_allows_inlining(ci));
}
