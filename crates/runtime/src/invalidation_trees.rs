//! The session's invalidation log (`world::InvalidationLog`) labelled for people, and its text
//! form (`--dump invalidations`), in the shape of SnoopCompile's `invalidation_trees`: per
//! definition, the MethodInstances whose backedges it hit (`superseding` their method `with`
//! them), the lookups whose method-table edges fired (`signature ... triggered`), or the
//! binding it redefined, each with the tree of CodeInstances capped under it.
//!
//! It reads the log and labels ids; it decides nothing about what is invalidated.

use types::{CodeInstanceId, ConstValue, Ty, TyKind};
use world::{BackedgeKind, InvalidationCause, RootKind};

use crate::heap::ObjectRef;
use crate::labels::{object_label, owner_repr};
use crate::session::Session;

/// One definition's invalidations.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidationTree {
    /// `inserting` a method, or `redefining` a constant.
    pub action: &'static str,
    /// The new method as Julia shows it (`f(x::Int64) @ Main main.jl:5`), or `const Main.K`.
    pub definition: String,
    /// The method with the identical signature it replaced, if any.
    pub replaced: Option<String>,
    /// The world the definition made; everything below is capped at the world before it.
    pub world: u64,
    pub roots: Vec<TreeRoot>,
}

/// What a root stands for (SnoopCompile's lists of a `MethodInvalidations`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TreeRootKind {
    Backedges,
    MtBackedges,
    Binding,
}

impl TreeRootKind {
    /// The list's name in SnoopCompile's output (`binding` is invokelab's).
    pub fn name(self) -> &'static str {
        match self {
            TreeRootKind::Backedges => "backedges",
            TreeRootKind::MtBackedges => "mt_backedges",
            TreeRootKind::Binding => "binding",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TreeRoot {
    pub kind: TreeRootKind,
    /// `MethodInstance for f(::Int64)`, the signature looked up, or `Main.K`.
    pub label: String,
    /// The line SnoopCompile's `showlist` writes for it, without the count:
    /// `superseding f(x::Real) @ Main main.jl:1 with MethodInstance for f(::Int64)`.
    pub summary: String,
    /// The capped CodeInstances in preorder (a node, then its subtree).
    pub nodes: Vec<TreeNode>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TreeNode {
    pub ci: CodeInstanceId,
    /// `MethodInstance for g(::Int64)`.
    pub method_instance: String,
    /// The cache owner as Julia shows it; `nothing` for native code.
    pub owner: String,
    /// 0 directly under the root.
    pub depth: u32,
    /// How many nodes its subtree has below it (SnoopCompile's `countchildren`).
    pub children: u32,
    pub min_world: u64,
    /// The world it was capped at.
    pub max_world: u64,
    /// Directly under a `backedges` root: the call whose backedge was hit (`f(::Int64)`, or
    /// `invoke f(::Real)`).
    pub edge: Option<String>,
}

/// Every event of the session's log, labelled, oldest first.
pub fn invalidation_trees(session: &Session) -> Vec<InvalidationTree> {
    let world = &session.world;
    let mut trees = Vec::new();
    for event in world.invalidation_log().events() {
        let (action, definition, replaced) = match &event.cause {
            InvalidationCause::MethodInsert { method, replaced } => (
                "inserting",
                object_label(session, ObjectRef::Method(*method)),
                replaced.map(|m| object_label(session, ObjectRef::Method(m))),
            ),
            InvalidationCause::ConstRedefined { module, name } => {
                ("redefining", format!("const {module}.{name}"), None)
            }
        };
        let (of_node, of_root) = event.children();
        // Subtree sizes: a node comes before its children, so a backward sweep adds each
        // node's total into its parent's.
        let mut below = vec![0u32; event.nodes.len()];
        for i in (0..event.nodes.len()).rev() {
            if let Some(p) = event.nodes[i].parent {
                below[p as usize] += below[i] + 1;
            }
        }
        let roots = event
            .roots
            .iter()
            .enumerate()
            .map(|(r, root)| {
                let (kind, label, summary) = match &root.kind {
                    RootKind::Backedges { mi } => {
                        let label = object_label(session, ObjectRef::MethodInstance(*mi));
                        let method =
                            object_label(session, ObjectRef::Method(world.method_instance(*mi).method));
                        let summary = format!("superseding {method} with {label}");
                        (TreeRootKind::Backedges, label, summary)
                    }
                    RootKind::MethodTable { sig } => {
                        let label = world.types.display(*sig);
                        let summary = format!("signature {label} triggered");
                        (TreeRootKind::MtBackedges, label, summary)
                    }
                    RootKind::Binding => {
                        let label = match &event.cause {
                            InvalidationCause::ConstRedefined { module, name } => format!("{module}.{name}"),
                            InvalidationCause::MethodInsert { .. } => String::new(),
                        };
                        let readers = of_root[r].len();
                        let summary = format!("{label}, read by {readers} CodeInstance(s)");
                        (TreeRootKind::Binding, label, summary)
                    }
                };
                // Preorder without recursion (a chain of callers may be deep).
                let mut nodes = Vec::new();
                let mut stack: Vec<(u32, u32)> = of_root[r].iter().rev().map(|&n| (n, 0)).collect();
                while let Some((n, depth)) = stack.pop() {
                    let node = &event.nodes[n as usize];
                    let code = world.code_instance(node.ci);
                    nodes.push(TreeNode {
                        ci: node.ci,
                        method_instance: object_label(session, ObjectRef::MethodInstance(code.def)),
                        owner: if code.owner == ConstValue::nothing() {
                            "nothing".to_string()
                        } else {
                            owner_repr(world, &code.owner)
                        },
                        depth,
                        children: below[n as usize],
                        min_world: code.min_world,
                        max_world: node.max_world,
                        edge: node.edge.map(|(sig, kind)| edge_text(session, sig, kind)),
                    });
                    stack.extend(of_node[n as usize].iter().rev().map(|&c| (c, depth + 1)));
                }
                TreeRoot { kind, label, summary, nodes }
            })
            .collect();
        trees.push(InvalidationTree { action, definition, replaced, world: event.world, roots });
    }
    trees
}

/// A backedge's signature as the call it stands for: `f(::Int64)`, `invoke f(::Real)`.
fn edge_text(session: &Session, sig: Ty, kind: BackedgeKind) -> String {
    let types = &session.world.types;
    let call = match types.kind(sig) {
        TyKind::Tuple { elems, vararg: None } if !elems.is_empty() => {
            let f = types.display(elems[0]);
            let name = f.strip_prefix("typeof(").and_then(|f| f.strip_suffix(')')).unwrap_or(&f).to_string();
            let args: Vec<String> = elems[1..].iter().map(|&t| format!("::{}", types.display(t))).collect();
            format!("{name}({})", args.join(", "))
        }
        _ => types.display(sig),
    };
    match kind {
        BackedgeKind::Dispatch => call,
        BackedgeKind::Invoke => format!("invoke {call}"),
    }
}

/// The trees as text (`--dump invalidations`): per definition SnoopCompile's summary
/// (`inserting f(x::Int64) @ Main main.jl:5 invalidated:` and one numbered line per root), then
/// each root's tree as SnoopCompile's `show(node)` prints it, one space of indent per depth,
/// each CodeInstance with its world range after capping.
pub fn invalidations_text(session: &Session) -> String {
    let trees = invalidation_trees(session);
    let omitted = session.world.invalidation_log().omitted_events;
    let mut out = String::new();
    if trees.is_empty() && omitted == 0 {
        out.push_str("no definition invalidated any CodeInstance\n");
    }
    for tree in &trees {
        out.push_str(&format!("{} {} in world {}", tree.action, tree.definition, tree.world));
        if let Some(replaced) = &tree.replaced {
            out.push_str(&format!(", replacing {replaced}"));
        }
        out.push_str(&format!(", capped at world {}, invalidated:\n", tree.world - 1));
        for kind in [TreeRootKind::MtBackedges, TreeRootKind::Backedges, TreeRootKind::Binding] {
            let roots: Vec<&TreeRoot> = tree.roots.iter().filter(|r| r.kind == kind).collect();
            let width = roots.len().to_string().len();
            let indent = " ".repeat(3 + kind.name().len() + 2);
            for (i, root) in roots.iter().enumerate() {
                let lead = if i == 0 { format!("   {}: ", kind.name()) } else { indent.clone() };
                out.push_str(&format!(
                    "{lead}{:>width$}: {} ({} children)\n",
                    i + 1,
                    root.summary,
                    root.nodes.len()
                ));
            }
        }
        for root in &tree.roots {
            out.push_str(&format!("{} ({} children)\n", root.label, root.nodes.len()));
            for node in &root.nodes {
                let owner =
                    if node.owner == "nothing" { String::new() } else { format!(" [owner {}]", node.owner) };
                let edge = node.edge.as_ref().map(|e| format!(", called {e}")).unwrap_or_default();
                out.push_str(&format!(
                    "{}{}{owner} (worlds {}:{}{edge}) ({} children)\n",
                    " ".repeat(node.depth as usize + 1),
                    node.method_instance,
                    node.min_world,
                    node.max_world,
                    node.children
                ));
            }
        }
    }
    if omitted > 0 {
        out.push_str(&format!(
            "{omitted} more definition(s) invalidated code but are not shown: the log keeps {} CodeInstances\n",
            world::MAX_LOGGED_NODES
        ));
    }
    out
}
