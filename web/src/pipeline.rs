//! The pipeline pane: the optimizer's passes in order, each marked changed or unchanged, and the
//! IR after the selected pass with the lines that pass added marked (removals show as a gutter
//! tick, so the text stays the pass's exact output). ArrowUp/ArrowDown move through the list
//! when it has focus. The pass names are the optimizer's own (`--dump passes` prints the same IR
//! under the same names). The IR links to source and callees as the IR panes do (`ir_text`).

use yew::prelude::*;

use crate::diff::{line_diff, Mark};
use crate::ir_panes::placeholder;
use crate::ir_text::{IrNav, IrRef, IrTextView, Which};
use crate::state::InspectView;

#[derive(Properties, PartialEq)]
pub struct PipelineProps {
    pub inspection: InspectView,
    pub selected_pass: usize,
    pub on_select: Callback<usize>,
    pub nav: IrNav,
}

#[function_component]
pub fn Pipeline(props: &PipelineProps) -> Html {
    let InspectView::Shown(inspection) = &props.inspection else {
        return html! {
            <div class="pipeline">
                <p class="status-line">{ placeholder(&props.inspection) }</p>
                <ol class="pass-list" data-testid="pass-list" role="listbox" aria-label="Passes"></ol>
            </div>
        };
    };
    let count = inspection.passes.len();
    let selected = props.selected_pass.min(count.saturating_sub(1));
    let onkeydown = {
        let on_select = props.on_select.clone();
        Callback::from(move |event: KeyboardEvent| {
            let next = match event.key().as_str() {
                "ArrowUp" => selected.checked_sub(1),
                "ArrowDown" => Some(selected + 1).filter(|next| *next < count),
                "Home" => Some(0),
                "End" => count.checked_sub(1),
                _ => return,
            };
            event.prevent_default();
            if let Some(next) = next {
                on_select.emit(next);
            }
        })
    };
    let items = inspection.passes.iter().enumerate().map(|(index, pass)| {
        let onclick = {
            let on_select = props.on_select.clone();
            Callback::from(move |_: MouseEvent| on_select.emit(index))
        };
        let marker = if pass.changed { "●" } else { "○" };
        let state = if pass.changed { "changed" } else { "unchanged" };
        html! {
            <li role="option" aria-selected={(index == selected).to_string()} class={classes!("pass", state, (index == selected).then_some("selected"))}
                data-pass={pass.name.clone()} data-changed={pass.changed.to_string()} onclick={onclick}>
                <span class="marker" title={state}>{ marker }</span>
                <span class="pass-index">{ index + 1 }</span>
                <span class="pass-name">{ pass.name.clone() }</span>
            </li>
        }
    });
    let shown = inspection.passes.get(selected).map(|pass| {
        let previous = match selected.checked_sub(1) {
            Some(index) => &inspection.passes[index].ir.text,
            None => &inspection.before.text,
        };
        let diff = line_diff(previous, &pass.ir.text);
        let added = diff.added.iter().filter(|x| **x).count();
        let removed = diff.removed.iter().filter(|x| **x).count();
        html! {
            <section class="pass-ir">
                <h3>{ format!("After {}", pass.name) }<small>{ format!(" (+{added} −{removed} lines)") }</small></h3>
                <IrTextView ir={IrRef { inspection: inspection.clone(), which: Which::Pass(selected) }} marks={diff.added} mark={Mark::Added}
                    removed_before={diff.removed_before} testid="pass-ir" label="IR after the selected pass" nav={props.nav.clone()} />
            </section>
        }
    });
    html! {
        <div class="pipeline">
            if count == 0 { <p class="status-line">{ "No passes were recorded for this CodeInstance." }</p> }
            <div class="pipeline-body">
                <ol class="pass-list" data-testid="pass-list" role="listbox" aria-label="Passes" tabindex="0" onkeydown={onkeydown}>
                    { for items }
                </ol>
                { for shown }
            </div>
        </div>
    }
}
