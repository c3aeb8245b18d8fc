//! The output pane: what the last run printed (stdout, the value of its last expression, stderr),
//! its stage timings, and the run's status (waiting for the worker, running, stopped, failed).
//! It shows a `RunView` and the run's `Stdout`, which grows while the program runs (streamed by
//! the worker) and stays when it is stopped; it does not know how runs start or stop. While the
//! output grows, the pane follows its end unless the user has scrolled up.

use std::rc::Rc;

use protocol::{RunReport, Timings, OUTPUT_CAP};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::state::{RunView, Stdout, WorkerPhase};

#[derive(Properties, PartialEq)]
pub struct OutputProps {
    pub run: RunView,
    pub stdout: Rc<Stdout>,
    pub worker: WorkerPhase,
}

#[function_component]
pub fn Output(props: &OutputProps) -> Html {
    let node = use_node_ref();
    // The scroll height the pane had after the last update: a user still at that bottom is
    // following the output.
    let last_height = use_mut_ref(|| 0);
    {
        let node = node.clone();
        use_effect_with(props.stdout.text.len(), move |_| {
            let pane = node
                .cast::<web_sys::Element>()
                .and_then(|output| output.closest(".pane-body").ok().flatten())
                .and_then(|pane| pane.dyn_into::<web_sys::Element>().ok());
            if let Some(pane) = pane {
                let previous = *last_height.borrow();
                let following = pane.scroll_top() + pane.client_height() + 4 >= previous;
                if following {
                    pane.set_scroll_top(pane.scroll_height());
                }
                *last_height.borrow_mut() = pane.scroll_height();
            }
        });
    }
    let stdout = stdout_view(&props.stdout);
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
            html! { <>{ stdout }<p class="status-line" data-status="running">{ text }</p></> }
        }
        RunView::Stopped => {
            html! { <>{ stdout }<p class="status-line stopped" data-status="stopped">{ "Stopped." }</p></> }
        }
        RunView::Failed(message) => {
            html! { <>{ stdout }<pre class="stderr" data-status="failed">{ message.clone() }</pre></> }
        }
        RunView::Done(report) => report_view(report, stdout, props.stdout.text.is_empty()),
    };
    html! { <div class="output" data-testid="output" ref={node}>{ body }</div> }
}

/// The program's standard output so far, after a note of how much is no longer shown.
fn stdout_view(stdout: &Stdout) -> Html {
    let dropped = (stdout.dropped > 0).then(|| {
        let text = format!(
            "{} of earlier output not shown (the page keeps the last {}).",
            format_bytes(stdout.dropped),
            format_bytes(OUTPUT_CAP as u64)
        );
        html! { <p class="status-line note" data-testid="stdout-dropped">{ text }</p> }
    });
    html! {
        <>
            { for dropped }
            if !stdout.text.is_empty() { <pre class="stdout" data-testid="stdout">{ stdout.text.clone() }</pre> }
        </>
    }
}

fn format_bytes(bytes: u64) -> String {
    match bytes {
        0..1024 => format!("{bytes} bytes"),
        1024..0x10_0000 => format!("{:.1} KiB", bytes as f64 / 1024.0),
        _ => format!("{:.1} MiB", bytes as f64 / 1048576.0),
    }
}

fn report_view(report: &RunReport, stdout: Html, no_stdout: bool) -> Html {
    let status = if report.success { "done" } else { "error" };
    html! {
        <div data-status={status}>
            { stdout }
            if let Some(result) = &report.result { <pre class="result" data-testid="result" title="The value of the last expression">{ result.clone() }</pre> }
            if !report.stderr.is_empty() { <pre class="stderr" data-testid="stderr">{ report.stderr.clone() }</pre> }
            if no_stdout && report.result.is_none() && report.stderr.is_empty() {
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
