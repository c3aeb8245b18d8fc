//! The Invalidations pane: what each definition of the session invalidated, as SnoopCompile's
//! invalidation trees show it (the worker's `RunReport::invalidations`): the new method or the
//! redefined constant and its world, each root (a MethodInstance whose backedges it hit, a
//! lookup whose method-table edge fired, the binding) and the tree of CodeInstances capped
//! under it, each with the world it was capped at. Clicking a CodeInstance selects it for the
//! IR panes; the pane sends nothing itself.

use std::rc::Rc;

use protocol::{CiId, InvalidatedCi, InvalidationRoot, InvalidationTree};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct InvalidationsProps {
    pub trees: Rc<Vec<InvalidationTree>>,
    pub selected: Option<CiId>,
    pub on_select: Callback<CiId>,
}

#[function_component]
pub fn Invalidations(props: &InvalidationsProps) -> Html {
    html! {
        <div class="invalidations" data-testid="invalidations">
            if props.trees.is_empty() {
                <p class="status-line">{ "No definition has invalidated a CodeInstance in this session: \
                    add a method that a compiled call could now dispatch to, or redefine a constant that compiled code reads." }</p>
            }
            { for props.trees.iter().map(|tree| tree_view(props, tree)) }
        </div>
    }
}

fn tree_view(props: &InvalidationsProps, tree: &InvalidationTree) -> Html {
    html! {
        <article class="inv-tree" data-testid="inv-tree" data-world={tree.world.to_string()}>
            <header class="inv-head">
                <span class="inv-action">{ tree.action.clone() }</span>
                { " " }<code class="inv-def">{ tree.definition.clone() }</code>
                { " " }<span class="badge" title="the world this definition started">{ format!("world {}", tree.world) }</span>
                if let Some(replaced) = &tree.replaced {
                    <div class="inv-replaced"><small>{ "replacing " }</small><code>{ replaced.clone() }</code></div>
                }
                <div class="inv-invalidated"><small>{ format!("invalidated (capped at world {}):", tree.world.saturating_sub(1)) }</small></div>
            </header>
            { for tree.roots.iter().map(|root| root_view(props, root)) }
        </article>
    }
}

fn root_view(props: &InvalidationsProps, root: &InvalidationRoot) -> Html {
    html! {
        <section class="inv-root" data-kind={root.kind.clone()}>
            <div class="inv-root-label">
                <span class={classes!("inv-kind", format!("inv-kind-{}", root.kind))}>{ root.kind.clone() }</span>
                { " " }<span class="mono">{ root.summary.clone() }</span>
                <small>{ format!(" ({} children)", root.nodes.len()) }</small>
            </div>
            <ul class="inv-nodes" role="tree" aria-label={root.label.clone()}>
                { for root.nodes.iter().map(|node| node_view(props, node)) }
            </ul>
        </section>
    }
}

fn node_view(props: &InvalidationsProps, node: &InvalidatedCi) -> Html {
    let ci = node.ci;
    let (onclick, onkeydown) = crate::browser::on_activate(&props.on_select, ci);
    let selected = props.selected == Some(ci);
    // Each level of the tree is one step of indent with a guide line, drawn as text: the page's
    // Content-Security-Policy allows no inline style.
    let guides = "│ ".repeat(node.depth as usize);
    html! {
        <li class={classes!("inv-node", selected.then_some("selected"))} role="treeitem" aria-level={(node.depth + 1).to_string()}
            data-ci={ci.to_string()} data-depth={node.depth.to_string()} tabindex="0" onclick={onclick} onkeydown={onkeydown}>
            <span class="inv-guides" aria-hidden="true">{ guides }</span>
            <span class="mono">{ node.method_instance.clone() }</span>
            if node.owner != "nothing" { <small class="mono">{ format!(" [owner {}]", node.owner) }</small> }
            { " " }<span class="inv-capped" data-testid="inv-capped" title={format!("valid in worlds {}:{} now", node.min_world, node.max_world)}>
                { format!("capped at world {}", node.max_world) }</span>
            <small class="inv-range">{ format!(" worlds {}:{}", node.min_world, node.max_world) }</small>
            if let Some(edge) = &node.edge { <small class="inv-edge">{ format!(", called {edge}") }</small> }
            if node.children > 0 { <small>{ format!(" ({} children)", node.children) }</small> }
        </li>
    }
}
