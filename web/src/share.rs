//! Share links: the program, the open panes, the selected CodeInstance's label (and the trail of
//! CodeInstances descended through to it) and the inlining setting, kept in the URL fragment as
//! `#v1.` + base64url(deflate-raw(JSON)); the draft in localStorage (plain JSON); and the share button. The codec is pure and tested natively; the
//! button is the only part that touches the browser. It does not decide when to write the URL
//! (app.rs debounces that).

use std::fmt;

use miniz_oxide::deflate::compress_to_vec;
use miniz_oxide::inflate::decompress_to_vec_with_limit;
use protocol::Inlining;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

use crate::browser;
use crate::state::{inlining_from_id, inlining_id, Pane};

/// The longest fragment accepted or produced (the `#` excluded). Browsers take far longer URLs,
/// but chat apps and mail clients truncate them, and a link that long is no way to share a program.
pub const MAX_LINK_BYTES: usize = 64 * 1024;
/// The largest JSON a link may inflate to, so a crafted link cannot exhaust memory.
const MAX_JSON_BYTES: usize = 4 * 1024 * 1024;
const VERSION: &str = "v1";

/// The shareable part of the page's state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShareState {
    pub source: String,
    /// Open panes, in layout order.
    pub panes: Vec<Pane>,
    /// The selected CodeInstance's label (`state::ci_label`).
    pub ci: Option<String>,
    /// The labels of the CodeInstances descended through to reach it, outermost first.
    pub trail: Vec<String>,
    pub inlining: Inlining,
}

/// The JSON of a link and of the draft. Unknown panes and settings are skipped, so a link from a
/// newer page with the same version still opens.
#[derive(Serialize, Deserialize)]
struct Wire {
    source: String,
    #[serde(default)]
    panes: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    ci: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    trail: Vec<String>,
    #[serde(default)]
    inlining: String,
}

impl From<&ShareState> for Wire {
    fn from(state: &ShareState) -> Wire {
        Wire {
            source: state.source.clone(),
            panes: state.panes.iter().map(|pane| pane.id().to_string()).collect(),
            ci: state.ci.clone(),
            trail: state.trail.clone(),
            inlining: inlining_id(state.inlining).to_string(),
        }
    }
}

impl From<Wire> for ShareState {
    fn from(wire: Wire) -> ShareState {
        let mut panes: Vec<Pane> = wire.panes.iter().filter_map(|id| Pane::from_id(id)).collect();
        panes.sort();
        panes.dedup();
        ShareState {
            source: wire.source,
            panes,
            ci: wire.ci,
            trail: wire.trail,
            inlining: inlining_from_id(&wire.inlining).unwrap_or(Inlining::Heuristic),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkError {
    TooLong { bytes: usize },
    UnknownVersion(String),
    Malformed(&'static str),
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LinkError::TooLong { bytes } => write!(
                f,
                "This link is too long to open ({} KiB; the limit is {} KiB).",
                bytes.div_ceil(1024),
                MAX_LINK_BYTES / 1024
            ),
            LinkError::UnknownVersion(version) => write!(
                f,
                "This link was made by another version of the playground (format \u{201c}{version}\u{201d}) and cannot be opened here."
            ),
            LinkError::Malformed(why) => write!(f, "This link is damaged and cannot be opened ({why})."),
        }
    }
}

/// The fragment (without `#`) for a state.
pub fn encode(state: &ShareState) -> Result<String, LinkError> {
    let json = serde_json::to_vec(&Wire::from(state)).unwrap_or_default();
    let fragment = format!("{VERSION}.{}", base64url_encode(&compress_to_vec(&json, 9)));
    if fragment.len() > MAX_LINK_BYTES {
        return Err(LinkError::TooLong { bytes: fragment.len() });
    }
    Ok(fragment)
}

/// A fragment (with or without its `#`): `Ok(None)` when there is none.
pub fn decode(fragment: &str) -> Result<Option<ShareState>, LinkError> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    if fragment.is_empty() {
        return Ok(None);
    }
    if fragment.len() > MAX_LINK_BYTES {
        return Err(LinkError::TooLong { bytes: fragment.len() });
    }
    let Some((version, payload)) = fragment.split_once('.') else {
        return Err(LinkError::Malformed("not a playground link"));
    };
    let numbered =
        version.len() > 1 && version.starts_with('v') && version[1..].bytes().all(|b| b.is_ascii_digit());
    if !numbered {
        return Err(LinkError::Malformed("not a playground link"));
    }
    if version != VERSION {
        return Err(LinkError::UnknownVersion(version.to_string()));
    }
    let compressed = base64url_decode(payload).ok_or(LinkError::Malformed("bad base64"))?;
    let json = decompress_to_vec_with_limit(&compressed, MAX_JSON_BYTES)
        .map_err(|_| LinkError::Malformed("bad compressed data"))?;
    let wire: Wire = serde_json::from_slice(&json).map_err(|_| LinkError::Malformed("bad contents"))?;
    Ok(Some(wire.into()))
}

pub fn draft_to_json(state: &ShareState) -> String {
    serde_json::to_string(&Wire::from(state)).unwrap_or_default()
}

pub fn draft_from_json(json: &str) -> Option<ShareState> {
    serde_json::from_str::<Wire>(json).ok().map(ShareState::from)
}

/// Where the page starts: a link in the address bar, else the draft, else the default program.
#[derive(Debug, PartialEq)]
pub struct Startup {
    pub state: ShareState,
    /// Why the link in the address bar was not used.
    pub rejected_link: Option<String>,
}

pub fn startup(fragment: &str, draft: Option<&str>, default: impl FnOnce() -> ShareState) -> Startup {
    let fallback = |error: Option<LinkError>| {
        let draft = draft.and_then(draft_from_json);
        let rejected_link = error.map(|error| match draft {
            Some(_) => format!("{error} Your last draft was loaded instead."),
            None => format!("{error} The default example was loaded instead."),
        });
        Startup { state: draft.unwrap_or_else(default), rejected_link }
    };
    match decode(fragment) {
        Ok(Some(state)) => Startup { state, rejected_link: None },
        Ok(None) => fallback(None),
        Err(error) => fallback(Some(error)),
    }
}

const BASE64URL: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// RFC 4648 §5 without padding.
fn base64url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(BASE64URL[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    let text = text.trim_end_matches('=');
    if text.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(text.len() / 4 * 3 + 2);
    for chunk in text.as_bytes().chunks(4) {
        let mut n = 0u32;
        for (i, c) in chunk.iter().enumerate() {
            let value = BASE64URL.iter().position(|x| x == c)? as u32;
            n |= value << (18 - 6 * i);
        }
        out.extend(n.to_be_bytes()[1..chunk.len()].iter());
    }
    Some(out)
}

#[derive(Properties, PartialEq)]
pub struct ShareButtonProps {
    pub state: ShareState,
    /// Told the fragment written, so the page knows the next `hashchange` is not a new link.
    pub on_written: Callback<String>,
}

#[derive(Clone, PartialEq)]
enum ShareStatus {
    Idle,
    Copied,
    /// The clipboard refused: show the link to copy by hand.
    Manual(String),
    Error(String),
}

/// Writes the current state into the address bar at once and copies the link.
#[function_component]
pub fn ShareButton(props: &ShareButtonProps) -> Html {
    let status = use_state(|| ShareStatus::Idle);
    let reset = use_mut_ref(|| None::<gloo_timers::callback::Timeout>);
    let onclick = {
        let status = status.clone();
        let state = props.state.clone();
        let on_written = props.on_written.clone();
        Callback::from(move |_: MouseEvent| {
            let fragment = match encode(&state) {
                Ok(fragment) => fragment,
                Err(error) => {
                    status.set(ShareStatus::Error(format!("{error} Your draft is kept in this browser.")));
                    return;
                }
            };
            browser::replace_fragment(&fragment);
            on_written.emit(fragment.clone());
            let link = browser::page_url_with_fragment(&fragment);
            let status = status.clone();
            let reset = reset.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let copied = match browser::clipboard_write(&link) {
                    Some(promise) => JsFuture::from(promise).await.is_ok(),
                    None => false,
                };
                if copied {
                    status.set(ShareStatus::Copied);
                    let back = status.clone();
                    *reset.borrow_mut() =
                        Some(gloo_timers::callback::Timeout::new(2500, move || back.set(ShareStatus::Idle)));
                } else {
                    status.set(ShareStatus::Manual(link));
                }
            });
        })
    };
    let close = {
        let status = status.clone();
        Callback::from(move |_: MouseEvent| status.set(ShareStatus::Idle))
    };
    let select_all = Callback::from(|event: FocusEvent| {
        if let Some(input) =
            event.target().and_then(|target| target.dyn_into::<web_sys::HtmlInputElement>().ok())
        {
            input.select();
        }
    });
    let message = match &*status {
        ShareStatus::Idle => html! {},
        ShareStatus::Copied => {
            html! { <span class="share-status" data-testid="share-status" role="status">{ "Link copied" }</span> }
        }
        ShareStatus::Manual(link) => html! {
            <span class="share-status share-manual" data-testid="share-status" role="status">
                { "Copy this link: " }
                <input class="share-link" data-testid="share-link" readonly=true value={link.clone()} onfocus={select_all} autofocus=true />
                <button class="icon" onclick={close.clone()} aria-label="Close">{ "×" }</button>
            </span>
        },
        ShareStatus::Error(text) => html! {
            <span class="share-status error" data-testid="share-status" role="status">
                { text.clone() }
                <button class="icon" onclick={close} aria-label="Close">{ "×" }</button>
            </span>
        },
    };
    html! {
        <span class="share">
            <button data-testid="share" onclick={onclick} title="Copy a link to this program and these panes">{ "Share" }</button>
            { message }
        </span>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(source: &str) -> ShareState {
        ShareState {
            source: source.into(),
            panes: vec![Pane::Output, Pane::Ir, Pane::Cache],
            ci: Some("mysin(::Float64) (owner PluginOwner(:newton))".into()),
            trail: vec!["run(::Float64)".into()],
            inlining: Inlining::Never,
        }
    }

    #[test]
    fn round_trip() {
        let state = sample("f(x) = x + 1\nprintln(f(2))\n");
        let fragment = encode(&state).unwrap();
        assert!(fragment.starts_with("v1."));
        assert!(fragment.bytes().all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b)), "{fragment}");
        assert_eq!(decode(&fragment), Ok(Some(state.clone())));
        assert_eq!(decode(&format!("#{fragment}")), Ok(Some(state)));
    }

    #[test]
    fn round_trip_of_unicode_and_empty_programs() {
        for source in
            ["", "π = 3.14 # ≈ π\nprintln(\"∀x ∈ ℝ: 😀\")\n", "\u{0}\r\n\t\\\"", "é".repeat(1000).as_str()]
        {
            let mut state = sample(source);
            state.ci = None;
            state.panes.clear();
            assert_eq!(decode(&encode(&state).unwrap()), Ok(Some(state)));
        }
    }

    #[test]
    fn base64url_matches_rfc_4648_vectors() {
        for (bytes, text) in [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64url_encode(bytes.as_bytes()), text);
            assert_eq!(base64url_decode(text).as_deref(), Some(bytes.as_bytes()));
        }
        assert_eq!(base64url_encode(&[0xfb, 0xff]), "-_8");
        assert_eq!(base64url_decode("Zg=="), Some(b"f".to_vec()));
        assert_eq!(base64url_decode("Z"), None);
        assert_eq!(base64url_decode("Zm9v+A"), None);
    }

    #[test]
    fn no_fragment_is_no_link() {
        assert_eq!(decode(""), Ok(None));
        assert_eq!(decode("#"), Ok(None));
    }

    #[test]
    fn malformed_links_are_errors() {
        assert_eq!(decode("#section-2"), Err(LinkError::Malformed("not a playground link")));
        assert_eq!(decode("#v.abc"), Err(LinkError::Malformed("not a playground link")));
        assert_eq!(decode("#v1.*&"), Err(LinkError::Malformed("bad base64")));
        assert_eq!(decode("#v1.AAAA"), Err(LinkError::Malformed("bad compressed data")));
        let not_json = format!("v1.{}", base64url_encode(&compress_to_vec(b"{\"panes\": 3}", 9)));
        assert_eq!(decode(&not_json), Err(LinkError::Malformed("bad contents")));
        let truncated = encode(&sample("println(1)")).unwrap();
        assert!(matches!(decode(&truncated[..truncated.len() - 5]), Err(LinkError::Malformed(_))));
    }

    #[test]
    fn unknown_versions_are_named() {
        assert_eq!(decode("#v2.abc"), Err(LinkError::UnknownVersion("v2".into())));
        assert!(LinkError::UnknownVersion("v2".into()).to_string().contains("v2"));
    }

    #[test]
    fn too_long_links_are_refused_both_ways() {
        let long = format!("v1.{}", "A".repeat(MAX_LINK_BYTES));
        assert_eq!(decode(&long), Err(LinkError::TooLong { bytes: long.len() }));
        // Pseudo-random text does not compress below the limit.
        let mut seed = 7u64;
        let noise: String = (0..120_000)
            .map(|_| {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                char::from(b' ' + (seed >> 58) as u8 + (seed >> 40 & 31) as u8)
            })
            .collect();
        assert!(matches!(encode(&sample(&noise)), Err(LinkError::TooLong { .. })));
        assert!(LinkError::TooLong { bytes: 70_000 }.to_string().contains("69 KiB"));
    }

    #[test]
    fn unknown_panes_and_settings_are_skipped() {
        let json = br#"{"source":"1","panes":["wat","future-pane","output","wat"],"inlining":"sometimes"}"#;
        let fragment = format!("v1.{}", base64url_encode(&compress_to_vec(json, 9)));
        let state = decode(&fragment).unwrap().unwrap();
        assert_eq!(state.panes, vec![Pane::Output, Pane::Wat]);
        assert_eq!(state.inlining, Inlining::Heuristic);
        assert_eq!(state.ci, None);
    }

    #[test]
    fn startup_prefers_the_link_then_the_draft_then_the_default() {
        let link = sample("from link");
        let draft = draft_to_json(&sample("from draft"));
        let default = || sample("default");
        let fragment = format!("#{}", encode(&link).unwrap());
        assert_eq!(startup(&fragment, Some(&draft), default), Startup { state: link, rejected_link: None });
        assert_eq!(startup("", Some(&draft), default).state.source, "from draft");
        assert_eq!(startup("", Some("{broken"), default).state.source, "default");
        assert_eq!(startup("", None, default).state.source, "default");
    }

    #[test]
    fn a_rejected_link_says_why_and_keeps_the_draft() {
        let draft = draft_to_json(&sample("my work"));
        let started = startup("#v9.xyz", Some(&draft), || sample("default"));
        assert_eq!(started.state.source, "my work");
        let message = started.rejected_link.unwrap();
        assert!(message.contains("another version") && message.contains("last draft"), "{message}");
        let started = startup("#v1.!!", None, || sample("default"));
        assert_eq!(started.state.source, "default");
        assert!(started.rejected_link.unwrap().contains("damaged"));
    }
}
