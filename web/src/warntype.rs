//! The Warntype pane: `@code_warntype` of the selected CodeInstance's MethodInstance, its types
//! marked as Julia marks them on a terminal. The worker sends the text with Julia's ANSI
//! colours (`runtime::warntype_text`); this pane turns them into spans: a concrete type (cyan)
//! `wt-ok`, a small union of concrete types (bold yellow) `wt-union`, any other type that is
//! not concrete (bold light red) `wt-bad`.

use yew::prelude::*;

use crate::ir_panes::placeholder;
use crate::state::InspectView;

/// A run of text and the class its colour stands for (`None`: plain).
#[derive(Clone, Debug, PartialEq)]
pub struct Run {
    pub text: String,
    pub class: Option<&'static str>,
}

/// Splits text with ANSI colour codes into runs. Only the codes Julia's warntype printer
/// writes are meaningful (36 cyan, 33 yellow, 91 light red; 1/22 bold on and off; 39 the
/// default colour); any other code is dropped.
pub fn runs(text: &str) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    let mut class: Option<&'static str> = None;
    let mut rest = text;
    while let Some(start) = rest.find('\x1b') {
        push(&mut out, &rest[..start], class);
        let after = &rest[start..];
        let Some(end) = after.find('m') else {
            rest = "";
            break;
        };
        class = match &after[..end] {
            "\x1b[36" => Some("wt-ok"),
            "\x1b[33" => Some("wt-union"),
            "\x1b[91" => Some("wt-bad"),
            "\x1b[39" => None,
            _ => class,
        };
        rest = &after[end + 1..];
    }
    push(&mut out, rest, class);
    out
}

fn push(out: &mut Vec<Run>, text: &str, class: Option<&'static str>) {
    if text.is_empty() {
        return;
    }
    match out.last_mut() {
        Some(last) if last.class == class => last.text.push_str(text),
        _ => out.push(Run { text: text.to_string(), class }),
    }
}

#[derive(Properties, PartialEq)]
pub struct WarntypeProps {
    pub inspection: InspectView,
}

#[function_component]
pub fn Warntype(props: &WarntypeProps) -> Html {
    let body = match &props.inspection {
        InspectView::Shown(inspection) => runs(&inspection.warntype)
            .into_iter()
            .map(|run| match run.class {
                Some(class) => html! { <span class={class}>{ run.text }</span> },
                None => html! { { run.text } },
            })
            .collect::<Html>(),
        other => html! { { placeholder(other) } },
    };
    html! {
        <pre class="code warntype" data-testid="warntype" tabindex="0" aria-label="@code_warntype">{ body }</pre>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn julia_colours_become_classes() {
        let text = "  a\x1b[36m::Int64\x1b[39m\nBody\x1b[33m\x1b[1m::Union{Float64, Int64}\x1b[22m\x1b[39m\n%1\x1b[91m\x1b[1m::Any\x1b[22m\x1b[39m";
        let got: Vec<(String, Option<&str>)> = runs(text).into_iter().map(|r| (r.text, r.class)).collect();
        let want = vec![
            ("  a".to_string(), None),
            ("::Int64".to_string(), Some("wt-ok")),
            ("\nBody".to_string(), None),
            ("::Union{Float64, Int64}".to_string(), Some("wt-union")),
            ("\n%1".to_string(), None),
            ("::Any".to_string(), Some("wt-bad")),
        ];
        assert_eq!(got, want);
        assert_eq!(runs("plain"), vec![Run { text: "plain".into(), class: None }]);
    }
}
