//! The playground's Web Worker: receives `protocol::Request`s from the page, answers with
//! `protocol::Response`s. (Being built: answers `Failed` for now.)

#[cfg(target_arch = "wasm32")]
fn main() {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    console_error_panic_hook::set_once();
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let post = scope.clone();
    let onmessage = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |_e: web_sys::MessageEvent| {
        let r = protocol::Response::Failed("the worker is not built yet".into());
        let _ = post.post_message(&serde_wasm_bindgen::to_value(&r).unwrap_or_default());
    });
    scope.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    onmessage.forget();
    let ready = serde_wasm_bindgen::to_value(&protocol::Response::Ready).unwrap_or_default();
    let _ = scope.post_message(&ready);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the playground's worker runs in a browser (build it with trunk; see README)");
    std::process::exit(2);
}
