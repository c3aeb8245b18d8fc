//! The playground page (bin `app`, built by Trunk from web/index.html): a Yew app whose compiler
//! runs in a Web Worker (crates/playground, bin `worker`), so the page never freezes. This crate
//! knows the worker only through `protocol`'s messages; it does not link the compiler.

mod app;
mod browser;
mod cache_table;
mod ci_picker;
mod diagnostics;
mod diff;
mod editor;
mod examples;
mod invalidations;
mod ir_panes;
mod ir_text;
mod output;
mod pipeline;
mod share;
mod state;
mod toolbar;
mod warntype;
mod wat;
mod worker;

fn main() {
    console_error_panic_hook::set_once();
    yew::Renderer::<app::App>::new().render();
}
