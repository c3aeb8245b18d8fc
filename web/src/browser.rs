//! Thin wrappers over the few browser APIs the page uses beyond Yew's (the address bar,
//! localStorage, the clipboard, a `<select>`'s value, button-like elements). Each fails quietly: a page without storage or clipboard still
//! works, it only remembers or copies less. No state lives here.

use wasm_bindgen::{JsCast, JsValue};
use yew::{Callback, Event, TargetCast};

const DRAFT_KEY: &str = "invokelab.draft";

/// A `<select>`'s `change` handler: emits its new value through `parse`, ignoring values that
/// do not parse.
pub fn on_select<T: 'static>(
    emit: Callback<T>,
    parse: impl Fn(&str) -> Option<T> + 'static,
) -> Callback<Event> {
    Callback::from(move |event: Event| {
        let select: web_sys::HtmlSelectElement = event.target_unchecked_into();
        if let Some(value) = parse(&select.value()) {
            emit.emit(value);
        }
    })
}

/// The click and key handlers of a focusable element that acts like a button (a table row, a
/// tree node): a click, Enter or Space emits `value`.
pub fn on_activate<T: Clone + 'static>(
    emit: &Callback<T>,
    value: T,
) -> (Callback<yew::MouseEvent>, Callback<yew::KeyboardEvent>) {
    let onclick = {
        let (emit, value) = (emit.clone(), value.clone());
        Callback::from(move |_: yew::MouseEvent| emit.emit(value.clone()))
    };
    let emit = emit.clone();
    let onkeydown = Callback::from(move |event: yew::KeyboardEvent| {
        if event.key() == "Enter" || event.key() == " " {
            event.prevent_default();
            emit.emit(value.clone());
        }
    });
    (onclick, onkeydown)
}

/// The fragment in the address bar, with its `#` (or empty).
pub fn location_hash() -> String {
    web_sys::window().and_then(|window| window.location().hash().ok()).unwrap_or_default()
}

/// Puts `#fragment` in the address bar (none at all for an empty one) without a history entry
/// or a `hashchange` event.
pub fn replace_fragment(fragment: &str) {
    let Some(window) = web_sys::window() else { return };
    let url = if fragment.is_empty() {
        let location = window.location();
        format!("{}{}", location.pathname().unwrap_or_default(), location.search().unwrap_or_default())
    } else {
        format!("#{fragment}")
    };
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}

/// The page's address with `#fragment` in place of its own.
pub fn page_url_with_fragment(fragment: &str) -> String {
    let href = web_sys::window().and_then(|window| window.location().href().ok()).unwrap_or_default();
    let base = href.split('#').next().unwrap_or_default();
    format!("{base}#{fragment}")
}

pub fn load_draft() -> Option<String> {
    local_storage()?.get_item(DRAFT_KEY).ok().flatten()
}

pub fn save_draft(json: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(DRAFT_KEY, json);
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    // Reading `localStorage` throws where storage is disabled; `local_storage` maps that to Err.
    web_sys::window()?.local_storage().ok().flatten()
}

/// `navigator.clipboard.writeText(text)`, or `None` where there is no clipboard API (an
/// insecure origin) or it throws at once.
pub fn clipboard_write(text: &str) -> Option<js_sys::Promise> {
    let navigator = web_sys::window()?.navigator();
    let clipboard = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard")).ok()?;
    if clipboard.is_undefined() || clipboard.is_null() {
        return None;
    }
    let write_text = js_sys::Reflect::get(&clipboard, &JsValue::from_str("writeText")).ok()?;
    let write_text: js_sys::Function = write_text.dyn_into().ok()?;
    write_text.call1(&clipboard, &JsValue::from_str(text)).ok()?.dyn_into().ok()
}
