//! A differential fuzzer: random programs over the subset (`generate`), each run on the wasm
//! engine with the inliner's heuristic, with inlining forced on and forced off, under GC stress,
//! and on the reference interpreter, then on both engines again with a small step budget
//! (`run`), reporting panics, hangs, invalid modules, internal errors and any difference in
//! output, with the failing program minimized (`minimize`).
//!
//! It drives the compiler only through the entry points the file tests use (`runtime::Options`,
//! `host_wasmtime::run`) and knows nothing of its stages. Everything is deterministic: a seed
//! names a program, a campaign seed names a campaign (wall-clock limits aside).

mod campaign;
mod generate;
mod minimize;
mod program;
mod rng;
mod run;

pub use campaign::{campaign, program_seed, render_outputs, CampaignOptions, Found, Summary};
pub use generate::generate;
pub use minimize::minimize;
pub use program::{Expr, Item, Piece, Program, Stmt};
pub use rng::Rng;
pub use run::{capture_panics, check, configurations, run_config, Config, Failure, Limits, Outcome, Report};
