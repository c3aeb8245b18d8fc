//! The bridge to the compiler's Web Worker: adopts the one web/boot.js spawned before the page's
//! wasm loaded (or spawns it from Trunk's loader shim), posts `protocol::Request`s, decodes
//! `protocol::Response`s, and holds requests back until the worker has said `Ready`. Restarting
//! terminates the worker and spawns a fresh one; events of a worker already replaced are
//! dropped. It keeps no page state: what the answers mean is state.rs's job.

use std::cell::RefCell;
use std::rc::Rc;

use protocol::{Request, Response};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::Callback;

/// The script Trunk writes for `<link data-trunk rel="rust" data-bin="worker" data-type="worker"
/// data-loader-shim>`: `importScripts("./worker.js"); wasm_bindgen("./worker_bg.wasm")`.
/// web/boot.js spawns the first worker from the same URL.
const WORKER_URL: &str = "./worker_loader.js";

pub enum WorkerEvent {
    /// Boxed: a run's report is large, and the enum is moved through every callback.
    Response(Box<Response>),
    /// An `error` event: the script failed to load, or a panic escaped while serving.
    Crashed(String),
}

#[derive(Default)]
struct Inner {
    worker: Option<web_sys::Worker>,
    /// Counts spawns, so handlers of a terminated worker can tell they are stale.
    generation: u32,
    ready: bool,
    queue: Vec<Request>,
    on_event: Option<Callback<WorkerEvent>>,
    handlers: Option<Handlers>,
}

struct Handlers {
    _message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _error: Closure<dyn FnMut(web_sys::Event)>,
}

#[derive(Clone, Default)]
pub struct WorkerBridge {
    inner: Rc<RefCell<Inner>>,
}

impl WorkerBridge {
    /// Spawns the worker; `on_event` hears every response (`Ready` included) and crash.
    pub fn start(&self, on_event: Callback<WorkerEvent>) {
        self.inner.borrow_mut().on_event = Some(on_event);
        self.spawn();
    }

    pub fn send(&self, request: Request) {
        let mut inner = self.inner.borrow_mut();
        if inner.ready {
            if let Some(worker) = &inner.worker {
                post(worker, &request);
            }
        } else {
            inner.queue.push(request);
        }
    }

    /// Terminates the worker (whatever it is running) and spawns a fresh one; queued requests
    /// are dropped, since they were meant for the old one's session.
    pub fn restart(&self) {
        self.terminate();
        self.spawn();
    }

    pub fn terminate(&self) {
        let mut inner = self.inner.borrow_mut();
        if let Some(worker) = inner.worker.take() {
            worker.set_onmessage(None);
            worker.set_onerror(None);
            worker.terminate();
        }
        // A restart may come from inside one of these handlers (a response that retires the
        // worker): free them after the current task rather than under their own feet.
        if let Some(handlers) = inner.handlers.take() {
            wasm_bindgen_futures::spawn_local(async move { drop(handlers) });
        }
        inner.ready = false;
        inner.queue.clear();
    }

    fn spawn(&self) {
        let generation = {
            let mut inner = self.inner.borrow_mut();
            inner.generation += 1;
            inner.generation
        };
        let (worker, early_events) = match early_worker() {
            Some(early) => early,
            None => match web_sys::Worker::new(WORKER_URL) {
                Ok(worker) => (worker, Vec::new()),
                Err(error) => {
                    self.emit(WorkerEvent::Crashed(format!("{error:?}")));
                    return;
                }
            },
        };
        let message = {
            let bridge = self.clone();
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
                bridge.on_message(generation, event);
            })
        };
        let error = {
            let bridge = self.clone();
            Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
                event.prevent_default();
                bridge.on_error(generation, event);
            })
        };
        worker.set_onmessage(Some(message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(error.as_ref().unchecked_ref()));
        {
            let mut inner = self.inner.borrow_mut();
            inner.worker = Some(worker);
            inner.handlers = Some(Handlers { _message: message, _error: error });
            inner.ready = false;
        }
        if !early_events.is_empty() {
            // What the early worker said before it was adopted, in order, after this task (as
            // its events would have come); its later events are tasks of their own, so they
            // come after these.
            let bridge = self.clone();
            wasm_bindgen_futures::spawn_local(async move {
                for event in early_events {
                    match event.dyn_into::<web_sys::MessageEvent>() {
                        Ok(message) => bridge.on_message(generation, message),
                        Err(event) => bridge.on_error(generation, event),
                    }
                }
            });
        }
    }

    fn on_error(&self, generation: u32, event: web_sys::Event) {
        if self.inner.borrow().generation != generation {
            return;
        }
        // A script that fails to load raises a plain `Event`; an exception, an `ErrorEvent`
        // with a message.
        let text =
            js_sys::Reflect::get(&event, &"message".into()).ok().and_then(|message| message.as_string());
        let text = text.filter(|text| !text.is_empty());
        self.emit(WorkerEvent::Crashed(
            text.unwrap_or_else(|| "the worker script could not be loaded".into()),
        ));
    }

    fn on_message(&self, generation: u32, event: web_sys::MessageEvent) {
        let response = match serde_wasm_bindgen::from_value::<Response>(event.data()) {
            Ok(response) => response,
            Err(error) => Response::Failed(format!("the worker's answer could not be read: {error}")),
        };
        {
            let mut inner = self.inner.borrow_mut();
            if inner.generation != generation {
                return;
            }
            if response == Response::Ready {
                inner.ready = true;
                let queue = std::mem::take(&mut inner.queue);
                if let Some(worker) = &inner.worker {
                    for request in &queue {
                        post(worker, request);
                    }
                }
            }
        }
        // The borrow ends before the page hears of it: its handler may send or restart.
        self.emit(WorkerEvent::Response(Box::new(response)));
    }

    fn emit(&self, event: WorkerEvent) {
        let on_event = self.inner.borrow().on_event.clone();
        if let Some(on_event) = on_event {
            on_event.emit(event);
        }
    }
}

/// The worker web/boot.js spawned, with the events it raised before the page's wasm loaded;
/// `None` after the first call, or on a page without boot.js.
fn early_worker() -> Option<(web_sys::Worker, Vec<web_sys::Event>)> {
    let window = web_sys::window()?;
    let take = js_sys::Reflect::get(&window, &"invokelabEarlyWorker".into()).ok()?;
    let early = take.dyn_ref::<js_sys::Function>()?.call0(&window).ok()?;
    if early.is_null() || early.is_undefined() {
        return None;
    }
    let worker = js_sys::Reflect::get(&early, &"worker".into()).ok()?.dyn_into::<web_sys::Worker>().ok()?;
    let events = js_sys::Reflect::get(&early, &"events".into()).ok()?;
    let events = js_sys::Array::from(&events).iter().filter_map(|event| event.dyn_into().ok()).collect();
    Some((worker, events))
}

fn post(worker: &web_sys::Worker, request: &Request) {
    match serde_wasm_bindgen::to_value(request) {
        Ok(value) => {
            if let Err(error) = worker.post_message(&value) {
                web_sys::console::error_1(&error);
            }
        }
        Err(error) => web_sys::console::error_1(&error.into()),
    }
}
