//! The IR pane: the selected CodeInstance's typed IR before and after the optimizer, side by
//! side, removed lines marked on the left and added ones on the right. It shows an
//! `InspectView`; choosing the CodeInstance is the picker's job.

use yew::prelude::*;

use crate::diff::{line_diff, Mark, MarkedText};
use crate::state::InspectView;

#[derive(Properties, PartialEq)]
pub struct IrPanesProps {
    pub inspection: InspectView,
}

#[function_component]
pub fn IrPanes(props: &IrPanesProps) -> Html {
    let (before, after, removed, added, note) = match &props.inspection {
        InspectView::Shown(inspection) => {
            let diff = line_diff(&inspection.before, &inspection.after);
            let changed =
                diff.removed.iter().filter(|x| **x).count() + diff.added.iter().filter(|x| **x).count();
            let note = if changed == 0 { Some("The optimizer changed nothing.".to_string()) } else { None };
            (
                AttrValue::from(inspection.before.clone()),
                AttrValue::from(inspection.after.clone()),
                diff.removed,
                diff.added,
                note,
            )
        }
        other => (AttrValue::default(), AttrValue::default(), vec![], vec![], Some(placeholder(other))),
    };
    html! {
        <div class="ir-panes">
            if let Some(note) = note { <p class="status-line">{ note }</p> }
            <div class="side-by-side">
                <section>
                    <h3>{ "Before optimization" }<small>{ " (@code_typed optimize=false)" }</small></h3>
                    <MarkedText text={before} marks={removed} mark={Mark::Removed} testid="ir-before" label="Typed IR before optimization" />
                </section>
                <section>
                    <h3>{ "After optimization" }<small>{ " (@code_typed)" }</small></h3>
                    <MarkedText text={after} marks={added} mark={Mark::Added} testid="ir-after" label="Typed IR after optimization" />
                </section>
            </div>
        </div>
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
