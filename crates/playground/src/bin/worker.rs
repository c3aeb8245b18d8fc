//! The playground's Web Worker: the compiler and the browser host (`host-web`). It receives
//! `protocol::Request`s from the page and answers each with one `protocol::Response`, both
//! encoded with `serde-wasm-bindgen`. It posts `Response::Ready` once loaded and the prelude's
//! snapshot is ready: the one the build ships, fetched (`Playground::prepare_from`), or else
//! taken by loading the prelude (`Playground::prepare`); the page's requests wait for it. While a run is
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

    // The heap's arena goes to its fixed address before the allocator takes any memory: the
    // snapshot's Base modules were made for it (`host_web::ARENA_BASE`).
    let heap_base = host_web::reserve_arena();
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
    // The session after the prelude comes from the snapshot the build ships (fetched while the
    // page is still loading: web/boot.js spawns this worker first); without it, or with one of
    // another build, the prelude loads here. Either way the worker then says Ready. A failure
    // to load the prelude is not lost: the first run takes it again and reports it.
    let starting = playground.clone();
    wasm_bindgen_futures::spawn_local(async move {
        match fetch_bytes(SNAPSHOT_URL).await {
            Ok(bytes) => {
                if let Err(message) = starting.borrow_mut().prepare_from(&bytes) {
                    web_sys::console::warn_1(&format!("{message}; loading the prelude instead").into());
                }
            }
            Err(message) => web_sys::console::warn_1(
                &format!("{SNAPSHOT_URL}: {message}; loading the prelude instead").into(),
            ),
        }
        let _ = starting.borrow_mut().prepare();
        let made_for = starting.borrow().snapshot_modules_heap_base();
        if made_for.is_some_and(|base| base != heap_base) {
            // Runs are right but slower: Base's modules are emitted again as they are called.
            web_sys::console::warn_1(
                &format!("the heap is at {heap_base:#x}, not where the snapshot's modules were made for; emitting them again").into(),
            );
        }
        post(&Response::Ready);
    });

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
        // What the run replaced goes once its answer is out.
        playground.borrow_mut().release();
    });
    // Requests are answered from now on (one before Ready would load the prelude itself; the
    // page waits for Ready).
    scope.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    onmessage.forget();
}

/// The prelude snapshot beside the worker's script (written into dist/ by the build).
#[cfg(target_arch = "wasm32")]
const SNAPSHOT_URL: &str = "prelude.snapshot";

/// The body of `url`, fetched.
#[cfg(target_arch = "wasm32")]
async fn fetch_bytes(url: &str) -> Result<Vec<u8>, String> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;

    let text = |e: wasm_bindgen::JsValue| e.as_string().unwrap_or_else(|| format!("{e:?}"));
    let scope: web_sys::WorkerGlobalScope = js_sys::global().unchecked_into();
    let response: web_sys::Response =
        JsFuture::from(scope.fetch_with_str(url)).await.map_err(text)?.unchecked_into();
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()));
    }
    let buffer = JsFuture::from(response.array_buffer().map_err(text)?).await.map_err(text)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
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
