//! The wat pane: the text of the selected CodeInstance's wasm module (or the worker's reason
//! why it has none, as after a drop).

use yew::prelude::*;

use crate::ir_panes::placeholder;
use crate::state::InspectView;

#[derive(Properties, PartialEq)]
pub struct WatProps {
    pub inspection: InspectView,
}

#[function_component]
pub fn Wat(props: &WatProps) -> Html {
    let text = match &props.inspection {
        InspectView::Shown(inspection) => inspection.wat.clone(),
        other => placeholder(other),
    };
    html! { <pre class="code wat" data-testid="wat" tabindex="0" aria-label="WebAssembly text">{ text }</pre> }
}
