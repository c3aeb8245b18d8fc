//! The diagnostics list under the editor: one `line:col message` entry per diagnostic of the last
//! run (the editor marks the same spans). Positions are the worker's 1-based line and column.

use std::rc::Rc;

use protocol::{Diagnostic, Severity};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DiagnosticsProps {
    pub diagnostics: Rc<Vec<Diagnostic>>,
}

#[function_component]
pub fn Diagnostics(props: &DiagnosticsProps) -> Html {
    let items = props.diagnostics.iter().map(|diagnostic| {
        let severity = match diagnostic.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        html! {
            <li class={severity} data-severity={severity}>
                <span class="position">{ format!("{}:{}", diagnostic.line, diagnostic.column) }</span>
                { " " }
                <span class="message">{ diagnostic.message.clone() }</span>
            </li>
        }
    });
    html! {
        <ul class="diagnostics" data-testid="diagnostics" aria-label="Diagnostics" data-count={props.diagnostics.len().to_string()}>
            { for items }
        </ul>
    }
}
