//! The output pane: what the last run printed (stdout, the value of its last expression, stderr),
//! its stage timings, and the run's status (waiting for the worker, running, stopped, failed).
//! It shows a `RunView`; it does not know how runs start or stop.

use protocol::{RunReport, Timings};
use yew::prelude::*;

use crate::state::{RunView, WorkerPhase};

#[derive(Properties, PartialEq)]
pub struct OutputProps {
    pub run: RunView,
    pub worker: WorkerPhase,
}

#[function_component]
pub fn Output(props: &OutputProps) -> Html {
    let body = match &props.run {
        RunView::Idle => match &props.worker {
            WorkerPhase::Starting => {
                html! { <p class="status-line" data-status="starting">{ "Starting the compiler worker…" }</p> }
            }
            WorkerPhase::Ready => {
                html! { <p class="status-line" data-status="idle">{ "Press Run (Ctrl+Enter) to compile and run the program." }</p> }
            }
            WorkerPhase::Broken(message) => {
                html! { <pre class="stderr" data-status="broken">{ format!("The compiler worker failed to start: {message}") }</pre> }
            }
        },
        RunView::Running => {
            let text = if props.worker == WorkerPhase::Ready {
                "Running…"
            } else {
                "Starting the compiler worker…"
            };
            html! { <p class="status-line" data-status="running">{ text }</p> }
        }
        RunView::Stopped => html! { <p class="status-line stopped" data-status="stopped">{ "Stopped." }</p> },
        RunView::Failed(message) => {
            html! { <pre class="stderr" data-status="failed">{ message.clone() }</pre> }
        }
        RunView::Done(report) => report_view(report),
    };
    html! { <div class="output" data-testid="output">{ body }</div> }
}

fn report_view(report: &RunReport) -> Html {
    let status = if report.success { "done" } else { "error" };
    html! {
        <div data-status={status}>
            if !report.stdout.is_empty() { <pre class="stdout" data-testid="stdout">{ report.stdout.clone() }</pre> }
            if let Some(result) = &report.result { <pre class="result" data-testid="result" title="The value of the last expression">{ result.clone() }</pre> }
            if !report.stderr.is_empty() { <pre class="stderr" data-testid="stderr">{ report.stderr.clone() }</pre> }
            if report.stdout.is_empty() && report.result.is_none() && report.stderr.is_empty() {
                <p class="status-line">{ if report.success { "(no output)" } else { "The program failed." } }</p>
            }
            if report.retire_worker {
                <p class="status-line note">{ "The compiler worker was restarted after this run; run again to inspect its CodeInstances." }</p>
            }
            { timings_view(&report.timings) }
        </div>
    }
}

fn timings_view(timings: &Timings) -> Html {
    let stages = [
        ("parse", timings.parse),
        ("lower", timings.lower),
        ("infer", timings.infer),
        ("optimize", timings.optimize),
        ("codegen", timings.codegen),
        ("instantiate", timings.instantiate),
        ("run", timings.run),
        ("total", timings.total),
    ];
    html! {
        <table class="timings" data-testid="timings">
            <caption>{ "Time per stage (ms)" }</caption>
            <tr>
                { for stages.iter().map(|(name, _)| html! { <th scope="col">{ *name }</th> }) }
                <th scope="col">{ "modules compiled" }</th>
            </tr>
            <tr>
                { for stages.iter().map(|(name, ms)| html! { <td data-stage={*name}>{ format_ms(*ms) }</td> }) }
                <td data-stage="modules">{ timings.modules_compiled }</td>
            </tr>
        </table>
    }
}

fn format_ms(ms: f64) -> String {
    if ms >= 100.0 {
        format!("{ms:.0}")
    } else {
        format!("{ms:.1}")
    }
}
