//! The IR pane: the selected CodeInstance's typed IR before and after the optimizer, side by
//! side, removed lines marked on the left and added ones on the right, under the trail of
//! CodeInstances descended through to reach it (Cthulhu's `descend`, with its way back). Each
//! side links its lines to source and callees (`ir_text`). It shows an `InspectView`; choosing
//! the CodeInstance is the picker's job.

use protocol::CiId;
use yew::prelude::*;

use crate::diff::{line_diff, Mark};
use crate::ir_text::{IrNav, IrRef, IrTextView, Which};
use crate::state::InspectView;

#[derive(Properties, PartialEq)]
pub struct IrPanesProps {
    pub inspection: InspectView,
    /// The trail: the CodeInstances descended through, outermost first, then the shown one.
    pub trail: Vec<(CiId, String)>,
    pub on_back_to: Callback<usize>,
    pub nav: IrNav,
}

#[function_component]
pub fn IrPanes(props: &IrPanesProps) -> Html {
    let trail = trail_view(&props.trail, &props.on_back_to);
    let InspectView::Shown(inspection) = &props.inspection else {
        return html! {
            <div class="ir-panes">
                { trail }
                <p class="status-line">{ placeholder(&props.inspection) }</p>
            </div>
        };
    };
    let diff = line_diff(&inspection.before.text, &inspection.after.text);
    let changed = diff.removed.iter().filter(|x| **x).count() + diff.added.iter().filter(|x| **x).count();
    html! {
        <div class="ir-panes">
            { trail }
            if changed == 0 { <p class="status-line">{ "The optimizer changed nothing." }</p> }
            <p class="hint">{ "Point at a statement to see its source; click a call (or Enter) to descend, Backspace to go back." }</p>
            <div class="side-by-side">
                <section>
                    <h3>{ "Before optimization" }<small>{ " (@code_typed optimize=false)" }</small></h3>
                    <IrTextView ir={IrRef { inspection: inspection.clone(), which: Which::Before }} marks={diff.removed} mark={Mark::Removed}
                        testid="ir-before" label="Typed IR before optimization" nav={props.nav.clone()} />
                </section>
                <section>
                    <h3>{ "After optimization" }<small>{ " (@code_typed)" }</small></h3>
                    <IrTextView ir={IrRef { inspection: inspection.clone(), which: Which::After }} marks={diff.added} mark={Mark::Added}
                        testid="ir-after" label="Typed IR after optimization" nav={props.nav.clone()} />
                </section>
            </div>
        </div>
    }
}

/// The breadcrumbs: each CodeInstance of the trail is a way back to it; the last is the one
/// shown.
fn trail_view(trail: &[(CiId, String)], on_back_to: &Callback<usize>) -> Html {
    if trail.len() < 2 {
        return html! {};
    }
    let last = trail.len() - 1;
    let crumbs = trail.iter().enumerate().map(|(index, (_, name))| {
        if index == last {
            html! { <li aria-current="page"><span>{ name.clone() }</span></li> }
        } else {
            let on_back_to = on_back_to.clone();
            let onclick = Callback::from(move |_: MouseEvent| on_back_to.emit(index));
            html! { <li><button class="link" onclick={onclick}>{ name.clone() }</button></li> }
        }
    });
    let back = {
        let on_back_to = on_back_to.clone();
        Callback::from(move |_: MouseEvent| on_back_to.emit(last - 1))
    };
    html! {
        <nav class="trail" aria-label="Descended through" data-testid="trail">
            <button class="back" onclick={back} title="Back (Backspace)">{ "← Back" }</button>
            <ol>{ for crumbs }</ol>
        </nav>
    }
}

/// What the IR, pipeline and wat panes say when there is no inspection to show.
pub fn placeholder(view: &InspectView) -> String {
    match view {
        InspectView::Empty => "Run the program, then pick a CodeInstance.".into(),
        InspectView::Loading(_) => "Loading…".into(),
        InspectView::Failed(message) => message.clone(),
        InspectView::Shown(_) => String::new(),
    }
}
