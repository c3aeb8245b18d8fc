//! The playground's Web Worker: the compiler and the browser host (`host-web`). It receives
//! `protocol::Request`s from the page and answers each with one `protocol::Response`, both
//! encoded with `serde-wasm-bindgen`. It posts `Response::Ready` once loaded and the prelude's
//! snapshot is taken (`Playground::prepare`; the page's requests wait for it). While a run is
//! being served it also posts the program's output as it comes (`Response::Output`, batched by
//! `playground::OutputStream`): the sink is called synchronously from inside the run, and
//! `postMessage` from the worker's global scope does not wait for the page.
//!
//! A request runs to completion before the next one is read (the worker is single-threaded);
//! the page stops a runaway program by terminating the worker and starting a fresh one.

#[cfg(target_arch = "wasm32")]
fn main() {
    use std::cell::RefCell;
    use std::rc::Rc;

    use host_web::WebHost;
    use playground::Playground;
    use protocol::{Request, Response};
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;

    console_error_panic_hook::set_once();
    // The allocator (dlmalloc) grows the worker's memory a few pages at a time as the prelude
    // loads, and V8 takes every `memory.grow` as a hint to collect garbage: loading the prelude
    // spent ~40% of its time there. One block taken and given back at once makes the memory
    // that size in one step, and the allocator serves the prelude from it (pages never
    // written cost no physical memory).
    drop(Vec::<u8>::with_capacity(RESERVED_HEAP));
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let new_host: playground::NewHost<WebHost> = Box::new(|session| {
        WebHost::new(session, Rc::new(runtime::SessionImports)).map_err(|e| format!("{e:?}"))
    });
    fn post(response: &Response) {
        let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let value = serde_wasm_bindgen::to_value(response)
            .unwrap_or_else(|e| wasm_bindgen::JsValue::from_str(&format!("encoding failed: {e}")));
        let _ = scope.post_message(&value);
    }
    // The sink must be `Send` (runtime `OutputSink`), so it holds no JS value: it finds the
    // global scope at each message.
    let output =
        playground::OutputStream::new(Box::new(|response| post(&response)), Box::new(js_sys::Date::now));
    let playground =
        Rc::new(RefCell::new(Playground::new(new_host, host_web::MAX_HEAP_BYTES).with_output(output)));
    // The prelude loads now, while the page is still loading (web/boot.js spawns this worker
    // first). A failure is not lost: the first run takes it again and reports it.
    let _ = playground.borrow_mut().prepare();

    let onmessage = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
        let response = match serde_wasm_bindgen::from_value::<Request>(event.data()) {
            Ok(request) => {
                // Requests are handled one at a time, so this borrow is never contended.
                let mut playground = playground.borrow_mut();
                let mut response = playground.handle(request);
                if let Response::Ran(report) = &mut response {
                    report.retire_worker = playground.live_host().is_some_and(|h| h.poisoned());
                }
                response
            }
            Err(e) => Response::Failed(format!("malformed request: {e}")),
        };
        post(&response);
    });
    scope.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    onmessage.forget();
    post(&Response::Ready);
}

/// What the worker's allocator is given at start: the prelude's session and its snapshot take
/// ~20 MB; runs take more. (The heap of generated code, `host_web::MAX_HEAP_BYTES`, is its
/// own block.)
#[cfg(target_arch = "wasm32")]
const RESERVED_HEAP: usize = 64 << 20;

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the playground's worker runs in a browser (build it with trunk; see README)");
    std::process::exit(2);
}
