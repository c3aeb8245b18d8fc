//! The toolbar: Run and Stop, the worker's status, the inlining setting, the examples, the pane
//! toggles and Share. It raises callbacks and shows what it is given; it wraps onto more lines
//! on a narrow screen.

use protocol::Inlining;
use yew::prelude::*;

use crate::examples::{Example, ExamplePicker};
use crate::share::{ShareButton, ShareState};
use crate::state::{inlining_from_id, inlining_id, Pane, WorkerPhase};

#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    pub running: bool,
    pub worker: WorkerPhase,
    pub inlining: Inlining,
    pub panes: Vec<Pane>,
    pub example: Option<AttrValue>,
    pub share: ShareState,
    /// The next run keeps the live session (after a drop, program unchanged).
    pub keeps_session: bool,
    pub on_run: Callback<()>,
    pub on_stop: Callback<()>,
    pub on_inlining: Callback<Inlining>,
    pub on_toggle_pane: Callback<Pane>,
    pub on_example: Callback<&'static Example>,
    pub on_share_written: Callback<String>,
}

#[function_component]
pub fn Toolbar(props: &ToolbarProps) -> Html {
    let run = {
        let on_run = props.on_run.clone();
        Callback::from(move |_: MouseEvent| on_run.emit(()))
    };
    let stop = {
        let on_stop = props.on_stop.clone();
        Callback::from(move |_: MouseEvent| on_stop.emit(()))
    };
    let inlining = crate::browser::on_select(props.on_inlining.clone(), inlining_from_id);
    let (status_id, status_text) = match (&props.worker, props.running) {
        (WorkerPhase::Broken(_), _) => ("broken", "Worker failed"),
        (WorkerPhase::Starting, _) => ("starting", "Starting worker…"),
        (WorkerPhase::Ready, true) => ("running", "Running…"),
        (WorkerPhase::Ready, false) => ("ready", "Ready"),
    };
    let toggles = Pane::ALL.into_iter().map(|pane| {
        let open = props.panes.contains(&pane);
        let onclick = {
            let on_toggle_pane = props.on_toggle_pane.clone();
            Callback::from(move |_: MouseEvent| on_toggle_pane.emit(pane))
        };
        html! {
            <button class="toggle" data-testid={format!("pane-toggle-{}", pane.id())} aria-pressed={open.to_string()} onclick={onclick}
                title={format!("{} the {} pane", if open { "Hide" } else { "Show" }, pane.title())}>{ pane.title() }</button>
        }
    });
    html! {
        <header class="toolbar" role="toolbar" aria-label="Playground">
            <h1 class="brand">{ "invokelab" }</h1>
            <div class="group">
                <button class="primary" data-testid="run" onclick={run} disabled={props.running}
                    title="Compile and run (Ctrl+Enter / Cmd+Enter)">{ "Run" }</button>
                <button data-testid="stop" onclick={stop} disabled={!props.running} title="Stop the run (restarts the compiler worker)">{ "Stop" }</button>
                <span class={classes!("worker-status", status_id)} data-testid="worker-status" data-state={status_id} role="status">{ status_text }</span>
            </div>
            if props.keeps_session {
                <p class="hint" data-testid="keep-session-hint">{ "Next run keeps this session (program unchanged since a drop): watch the dropped CodeInstances get cured." }</p>
            }
            <div class="group">
                <label class="field">
                    <span class="field-label">{ "Inlining" }</span>
                    <select data-testid="inlining" onchange={inlining}>
                        { for [Inlining::Heuristic, Inlining::Always, Inlining::Never].into_iter().map(|choice| html! {
                            <option value={inlining_id(choice)} selected={choice == props.inlining}>{ inlining_id(choice) }</option>
                        }) }
                    </select>
                </label>
                <ExamplePicker current={props.example.clone()} on_choose={props.on_example.clone()} />
            </div>
            <div class="group panes-toggles" role="group" aria-label="Panes">{ for toggles }</div>
            <div class="group end">
                <ShareButton state={props.share.clone()} on_written={props.on_share_written.clone()} />
            </div>
        </header>
    }
}
