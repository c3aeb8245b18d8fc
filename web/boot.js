//! The page's boot script, a classic script first in <head> (Trunk's `pattern_script` writes its tag
//! in place of the page's `<link data-trunk rel="rust">`, with the hashed names of the page's
//! wasm-bindgen module and wasm; see Trunk.toml). It replaces Trunk's inline module script, so the
//! Content-Security-Policy can allow only the page's own script files (README, "The playground").
//!
//! It does two things:
//! - spawns the compiler's Web Worker at once, so that the worker's wasm loads and its prelude
//!   snapshot is taken while the page's own wasm and the editor load; the worker's first events are
//!   kept until the page's bridge (web/src/worker.rs) adopts it with `invokelabEarlyWorker()`;
//! - starts the page's wasm once the document is parsed (the page needs `window.InvokelabEditor`,
//!   which the parser-blocking editor script after this one defines).
//! It does not know the page's messages or state: the bridge does.
(() => {
  const script = document.currentScript;
  // The same URL the bridge spawns the worker from after a restart (web/src/worker.rs WORKER_URL).
  let early = null;
  try {
    const worker = new Worker("./worker_loader.js");
    const events = [];
    // An error kept here is handled (the bridge reports it), so the browser does not log it.
    const keep = (event) => {
      if (event.type === "error") event.preventDefault();
      events.push(event);
    };
    worker.addEventListener("message", keep);
    worker.addEventListener("error", keep);
    early = { worker, events, keep };
  } catch {
    // The bridge spawns its own and reports the failure.
  }
  // Hands the worker and the events it raised so far to the bridge, once; later calls get null.
  window.invokelabEarlyWorker = () => {
    const taken = early;
    early = null;
    if (!taken) return null;
    taken.worker.removeEventListener("message", taken.keep);
    taken.worker.removeEventListener("error", taken.keep);
    return { worker: taken.worker, events: taken.events };
  };

  const start = async () => {
    const { default: init } = await import(script.dataset.appJs);
    await init({ module_or_path: script.dataset.appWasm });
  };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", () => start(), { once: true });
  } else {
    start();
  }
})();
