//! The invalidation log: one event per definition that capped something, its roots (the
//! MethodInstance whose backedges were hit, the lookup whose method-table edge fired) and the
//! tree of capped CodeInstances with the world each was capped at.

mod common;

use common::{ci_with_edges, def, sig};
use expect_test::expect;
use types::{MethodTableId, Ty};
use world::{Edge, InvalidationCause, RootKind, World, MAX_LOGGED_NODES};

const GLOBAL: MethodTableId = MethodTableId(0);

/// The log as text: per event its cause and world, per root its kind and its tree, each node
/// as `name [min:max]` indented by its depth.
fn show_log(w: &World) -> String {
    let name = |ci: types::CodeInstanceId| {
        let code = w.code_instance(ci);
        let mi = w.method_instance(code.def);
        format!("{} [{}:{}]", w.types.display(mi.spec_types), code.min_world, code.max_world)
    };
    let mut out = String::new();
    for event in w.invalidation_log().events() {
        let cause = match &event.cause {
            InvalidationCause::MethodInsert { method, replaced } => format!(
                "insert {}{}",
                w.types.display(w.method(*method).sig),
                if replaced.is_some() { " (replacing)" } else { "" }
            ),
            InvalidationCause::ConstRedefined { module, name } => format!("const {module}.{name}"),
        };
        out.push_str(&format!("{cause} in world {}\n", event.world));
        let (of_node, of_root) = event.children();
        for (r, root) in event.roots.iter().enumerate() {
            let kind = match root.kind {
                RootKind::Backedges { mi } => {
                    format!("backedges of {}", w.types.display(w.method_instance(mi).spec_types))
                }
                RootKind::MethodTable { sig } => format!("method table {}", w.types.display(sig)),
                RootKind::Binding => "binding".to_string(),
            };
            out.push_str(&format!("  {kind}\n"));
            let mut stack: Vec<(u32, usize)> = of_root[r].iter().rev().map(|&n| (n, 2)).collect();
            while let Some((n, depth)) = stack.pop() {
                let node = &event.nodes[n as usize];
                let edge = node.edge.map(|(s, _)| format!(" via {}", w.types.display(s))).unwrap_or_default();
                out.push_str(&format!(
                    "{}{}{edge} capped at {}\n",
                    "  ".repeat(depth),
                    name(node.ci),
                    node.max_world
                ));
                stack.extend(of_node[n as usize].iter().rev().map(|&c| (c, depth + 1)));
            }
        }
    }
    out
}

#[test]
fn a_redefinition_logs_the_hit_method_instance_and_its_callers_as_a_tree() {
    let mut w = World::new();
    let h = def(&mut w, "h", &[Ty::ANY], false, GLOBAL);
    let g = def(&mut w, "g", &[Ty::ANY], false, GLOBAL);
    let top = def(&mut w, "top", &[], false, GLOBAL);
    let h_ci = ci_with_edges(&mut w, "h", h, &[Ty::INT64], vec![]);
    let h_mi = w.code_instance(h_ci).def;
    let h_sig = sig(&mut w, "h", &[Ty::INT64]);
    let g_ci = ci_with_edges(&mut w, "g", g, &[Ty::INT64], vec![Edge::Dispatch { sig: h_sig, mi: h_mi }]);
    let g_mi = w.code_instance(g_ci).def;
    let g_sig = sig(&mut w, "g", &[Ty::INT64]);
    ci_with_edges(&mut w, "top", top, &[], vec![Edge::Dispatch { sig: g_sig, mi: g_mi }]);
    let unrelated = def(&mut w, "unrelated", &[], false, GLOBAL);
    ci_with_edges(&mut w, "unrelated", unrelated, &[], vec![Edge::CodeInstance(g_ci)]);
    def(&mut w, "other", &[Ty::INT64], false, GLOBAL); // caps nothing: no event
    def(&mut w, "h", &[Ty::INT64], false, GLOBAL); // more specific for h(::Int64)'s callers
    def(&mut w, "h", &[Ty::INT64], false, GLOBAL); // replaces it: g was capped already
    expect![[r#"
        insert Tuple{typeof(h), Int64} in world 7
          backedges of Tuple{typeof(h), Int64}
            Tuple{typeof(g), Int64} [4:6] via Tuple{typeof(h), Int64} capped at 6
              Tuple{typeof(unrelated)} [5:6] capped at 6
              Tuple{typeof(top)} [4:6] capped at 6
    "#]]
    .assert_eq(&show_log(&w));
}

#[test]
fn a_method_table_edge_is_its_own_root() {
    let mut w = World::new();
    let caller = def(&mut w, "caller", &[], false, GLOBAL);
    let missing = sig(&mut w, "missing", &[Ty::INT64]);
    ci_with_edges(&mut w, "caller", caller, &[], vec![Edge::MethodTable { sig: missing }]);
    def(&mut w, "missing", &[Ty::INTEGER], false, GLOBAL);
    expect![[r#"
        insert Tuple{typeof(missing), Integer} in world 3
          method table Tuple{typeof(missing), Int64}
            Tuple{typeof(caller)} [2:2] capped at 2
    "#]]
    .assert_eq(&show_log(&w));
    w.clear_invalidation_log();
    assert!(w.invalidation_log().events().is_empty());
}

#[test]
fn the_log_is_bounded() {
    let mut w = World::new();
    let f = def(&mut w, "f", &[Ty::ANY], false, GLOBAL);
    let f_sig = sig(&mut w, "f", &[Ty::INT64]);
    let f_mi = w.specialize(f, f_sig);
    let caller = def(&mut w, "caller", &[], false, GLOBAL);
    let edges = || vec![Edge::Dispatch { sig: f_sig, mi: f_mi }];
    // One redefinition that caps more CodeInstances than the log keeps: counted, not kept.
    for _ in 0..=MAX_LOGGED_NODES {
        ci_with_edges(&mut w, "caller", caller, &[], edges());
    }
    def(&mut w, "f", &[Ty::ANY], false, GLOBAL);
    // A small one after it is kept.
    ci_with_edges(&mut w, "caller", caller, &[], edges());
    def(&mut w, "f", &[Ty::ANY], false, GLOBAL);
    let log = w.invalidation_log();
    assert_eq!(log.omitted_events, 1);
    assert_eq!(log.events().len(), 1);
    assert_eq!(log.events()[0].nodes.len(), 1);
}
