//! The source editor: a Yew wrapper around `window.InvokelabEditor` (CodeMirror 6, bundled from
//! web/editor/editor.mjs into web/generated/editor.js). It owns no text: the page's state does.
//! The user's edits go out through `on_change`; the page's replacements come in by bumping
//! `doc_version`; diagnostics and the IR's source highlights are pushed in whole; the user's
//! selection comes out as whole lines. It does not convert offsets (the worker sends
//! UTF-16 offsets, as CodeMirror counts).

use std::cell::RefCell;
use std::rc::Rc;

use protocol::{Diagnostic, Severity, SourceRange};
use serde::Serialize;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::*;
use yew::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// The handle `InvokelabEditor.create` returns.
    type EditorHandle;

    #[wasm_bindgen(catch, js_namespace = InvokelabEditor, js_name = create)]
    fn create_editor(
        parent: &web_sys::Element,
        doc: &str,
        callbacks: &JsValue,
    ) -> Result<EditorHandle, JsValue>;

    #[wasm_bindgen(method, js_name = setDoc)]
    fn set_doc(this: &EditorHandle, text: &str);

    #[wasm_bindgen(method, js_name = setDiagnostics)]
    fn set_diagnostics(this: &EditorHandle, list: &JsValue);

    #[wasm_bindgen(method, js_name = setHighlights)]
    fn set_highlights(this: &EditorHandle, list: &JsValue);

    #[wasm_bindgen(method)]
    fn destroy(this: &EditorHandle);
}

#[derive(Serialize)]
struct JsDiagnostic<'a> {
    from: u32,
    to: u32,
    severity: &'static str,
    message: &'a str,
}

/// The live editor and the closures it calls (dropped together).
struct Instance {
    handle: EditorHandle,
    _on_change: Closure<dyn FnMut(String)>,
    _on_run: Closure<dyn FnMut()>,
    _on_selection: Closure<dyn FnMut(JsValue)>,
}

#[derive(Properties, PartialEq)]
pub struct EditorProps {
    pub doc: AttrValue,
    pub doc_version: u64,
    pub diagnostics: Rc<Vec<Diagnostic>>,
    pub on_change: Callback<String>,
    pub on_run: Callback<()>,
    /// Source spans to highlight (the IR line in focus).
    pub highlights: Rc<Vec<SourceRange>>,
    /// The whole lines of the user's selection, or none.
    pub on_selection: Callback<Option<SourceRange>>,
}

#[function_component]
pub fn Editor(props: &EditorProps) -> Html {
    let parent = use_node_ref();
    let instance = use_mut_ref(|| None::<Instance>);
    let failure = use_state(|| None::<String>);
    // The editor's closures are made once; they call whatever callbacks the latest render passed.
    let callbacks =
        use_mut_ref(|| (props.on_change.clone(), props.on_run.clone(), props.on_selection.clone()));
    *callbacks.borrow_mut() = (props.on_change.clone(), props.on_run.clone(), props.on_selection.clone());

    {
        let parent = parent.clone();
        let instance = instance.clone();
        let failure = failure.clone();
        let doc = props.doc.clone();
        use_effect_with((), move |_| {
            if let Some(element) = parent.cast::<web_sys::Element>() {
                match create(&element, &doc, callbacks) {
                    Ok(created) => *instance.borrow_mut() = Some(created),
                    Err(error) => failure.set(Some(format!("The editor failed to load: {error:?}"))),
                }
            }
            move || {
                if let Some(old) = instance.borrow_mut().take() {
                    old.handle.destroy();
                }
            }
        });
    }
    {
        let instance = instance.clone();
        let doc = props.doc.clone();
        use_effect_with(props.doc_version, move |_| {
            if let Some(live) = &*instance.borrow() {
                live.handle.set_doc(&doc);
            }
        });
    }
    {
        let instance = instance.clone();
        use_effect_with((props.diagnostics.clone(), props.doc_version), move |(diagnostics, _)| {
            if let Some(live) = &*instance.borrow() {
                let list: Vec<JsDiagnostic> = diagnostics
                    .iter()
                    .map(|diagnostic| JsDiagnostic {
                        from: diagnostic.from,
                        to: diagnostic.to,
                        severity: match diagnostic.severity {
                            Severity::Error => "error",
                            Severity::Warning => "warning",
                        },
                        message: &diagnostic.message,
                    })
                    .collect();
                if let Ok(value) = serde_wasm_bindgen::to_value(&list) {
                    live.handle.set_diagnostics(&value);
                }
            }
        });
    }

    {
        let instance = instance.clone();
        use_effect_with((props.highlights.clone(), props.doc_version), move |(highlights, _)| {
            if let Some(live) = &*instance.borrow() {
                if let Ok(value) = serde_wasm_bindgen::to_value(&**highlights) {
                    live.handle.set_highlights(&value);
                }
            }
        });
    }

    html! {
        <div class="editor" data-testid="editor" ref={parent}>
            if let Some(text) = &*failure { <p class="error">{ text.clone() }</p> }
        </div>
    }
}

type Callbacks = Rc<RefCell<(Callback<String>, Callback<()>, Callback<Option<SourceRange>>)>>;

fn create(parent: &web_sys::Element, doc: &str, callbacks: Callbacks) -> Result<Instance, JsValue> {
    let on_change = {
        let callbacks = callbacks.clone();
        Closure::<dyn FnMut(String)>::new(move |text: String| {
            let on_change = callbacks.borrow().0.clone();
            on_change.emit(text);
        })
    };
    let on_run = {
        let callbacks = callbacks.clone();
        Closure::<dyn FnMut()>::new(move || {
            let on_run = callbacks.borrow().1.clone();
            on_run.emit(());
        })
    };
    let on_selection = Closure::<dyn FnMut(JsValue)>::new(move |range: JsValue| {
        let on_selection = callbacks.borrow().2.clone();
        // `null` (no selection) and anything malformed are no selection.
        on_selection.emit(serde_wasm_bindgen::from_value::<SourceRange>(range).ok());
    });
    let object = js_sys::Object::new();
    js_sys::Reflect::set(&object, &"onChange".into(), on_change.as_ref())?;
    js_sys::Reflect::set(&object, &"onRun".into(), on_run.as_ref())?;
    js_sys::Reflect::set(&object, &"onSelection".into(), on_selection.as_ref())?;
    let handle = create_editor(parent, doc, &object)?;
    Ok(Instance { handle, _on_change: on_change, _on_run: on_run, _on_selection: on_selection })
}
