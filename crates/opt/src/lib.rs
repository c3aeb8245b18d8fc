//! The optimizer: a named pass pipeline over typed SSA IR, modelled on Julia's
//! Compiler/src/optimize.jl `run_passes_ipo_safe`.
//!
//! Invariant: `opt` knows nothing of syntax, wasm or engines, and never redoes dispatch: it
//! consumes the call infos inference recorded. A call whose info names a CodeInstance becomes a
//! direct `Invoke` of exactly that CodeInstance; plugin-owned targets are never swapped for
//! native code (SEMANTICS.md §3.3). The pass names in `PASSES` are the API shared by the CLI
//! dumps (`--dump passes`), the UI's pipeline view and the tests; keep them stable.
//!
//! Ordering requirement: the inliner copies a callee's *optimized* body (`inferred`), so the
//! caller of `optimize` (the runtime) must optimize the CodeInstances an inference run created in
//! post-order (callees before callers) and store each result before optimizing its callers.
//! A callee without an optimized body is simply not inlined (it stays an `Invoke`).
//!
//! Every rewrite of a body between inference and codegen is a pass here, so what the dumps show
//! is what both engines run: the self-call passes `tailrec` (tail recursion as a loop), `unroll`
//! and `peel` (inlining of a function into itself, under the inlining policy) included.

mod compact;
mod const_fold;
mod context;
mod dce;
mod inline;
mod peel;
mod resolve_invokes;
mod simplify_cfg;
mod tailrec;
mod unroll;
mod util;
mod verify;
mod world_impl;

use ir::Body;
use types::CodeInstanceId;

pub use context::OptContext;
pub use inline::{inline_cost, inline_decisions, statement_cost, InlineDecision, INLINE_COST_THRESHOLD};
pub use resolve_invokes::{invoke_decision, InvokeDecision};

/// The passes, in the order they run. `tailrec`, `unroll` and `peel` rewrite self calls (see
/// their files); they come after the clean-up passes, which give them the body's final shape.
pub const PASSES: &[&str] = &[
    "resolve_invokes",
    "inline",
    "const_fold",
    "dce",
    "simplify_cfg",
    "tailrec",
    "unroll",
    "peel",
    "compact",
];

/// How the inliner decides.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum InlineMode {
    /// The cost model decides (`@inline` / `@noinline` respected).
    #[default]
    Heuristic,
    /// Inline every legal site, whatever the cost (`@noinline` still respected).
    Always,
    /// Inline nothing.
    Never,
}

#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub struct OptParams {
    pub inlining: InlineMode,
    /// Stop after the pass with this name (one of `PASSES`).
    pub stop_after: Option<String>,
    /// Run the IR verifier after every pass (on in tests).
    pub verify: bool,
    /// Keep a copy of the IR after each pass in `PassRecord::ir_after`.
    pub record: bool,
}

/// What one pass did.
#[derive(Clone, PartialEq, Debug)]
pub struct PassRecord {
    pub name: &'static str,
    pub changed: bool,
    /// The IR after the pass (when `OptParams::record`); print it with the IR printer.
    pub ir_after: Option<Body>,
}

#[derive(Clone, PartialEq, Debug)]
pub struct Optimized {
    pub body: Body,
    pub passes: Vec<PassRecord>,
    /// CodeInstances whose bodies were copied in, in the order they were inlined (each was also
    /// reported through `OptContext::add_inlining_edge`).
    pub inlined: Vec<CodeInstanceId>,
}

#[derive(Clone, PartialEq, Eq, Debug)]
pub enum OptError {
    /// The CodeInstance has no typed body to optimize.
    NoTypedBody(CodeInstanceId),
    /// `stop_after` names no pass.
    UnknownPass(String),
    /// The verifier rejected the IR after a pass: a bug in that pass (or in its input).
    Verify { pass: &'static str, message: String },
}

impl std::fmt::Display for OptError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OptError::NoTypedBody(ci) => write!(f, "{ci} has no typed IR to optimize"),
            OptError::UnknownPass(name) => {
                write!(f, "unknown pass `{name}` (passes: {})", PASSES.join(", "))
            }
            OptError::Verify { pass, message } => write!(f, "invalid IR after pass `{pass}`: {message}"),
        }
    }
}

impl std::error::Error for OptError {}

/// Optimizes the typed body of `ci` and returns the result; the caller stores it as the CI's
/// `inferred` IR. See the crate docs for the post-order requirement.
pub fn optimize<C: OptContext + ?Sized>(
    cx: &mut C,
    ci: CodeInstanceId,
    params: &OptParams,
) -> Result<Optimized, OptError> {
    let body = cx.typed_body(ci).ok_or(OptError::NoTypedBody(ci))?.clone();
    run_passes(cx, ci, body, params)
}

/// Runs the pipeline on `body`, which belongs to `ci` (the caller, for owner and recursion
/// checks). Exposed so tests and tools can optimize a body that is not stored anywhere.
pub fn run_passes<C: OptContext + ?Sized>(
    cx: &mut C,
    ci: CodeInstanceId,
    mut body: Body,
    params: &OptParams,
) -> Result<Optimized, OptError> {
    if let Some(stop) = &params.stop_after {
        if !PASSES.contains(&stop.as_str()) {
            return Err(OptError::UnknownPass(stop.clone()));
        }
    }
    if params.verify {
        verify::check(&body).map_err(|message| OptError::Verify { pass: "input", message })?;
    }
    let mut passes = Vec::new();
    let mut inlined = Vec::new();
    // Whether `tailrec` turned the body into a loop (`unroll` only unrolls such bodies).
    let mut looped = false;
    for &name in PASSES {
        let changed = match name {
            "resolve_invokes" => resolve_invokes::run(cx, ci, &mut body, params.inlining),
            "inline" => {
                let done = inline::run(cx, ci, &mut body, params.inlining);
                for &callee in &done {
                    cx.add_inlining_edge(ci, callee);
                }
                let changed = !done.is_empty();
                inlined.extend(done);
                changed
            }
            "const_fold" => const_fold::run(cx, &mut body),
            "dce" => dce::run(cx, &mut body),
            "simplify_cfg" => simplify_cfg::run(&mut body),
            "tailrec" => {
                looped = tailrec::run(cx, ci, &mut body);
                looped
            }
            "unroll" => unroll::run(ci, &mut body, params.inlining, looped),
            "peel" => peel::run(ci, &mut body, params.inlining),
            "compact" => compact::run(&mut body),
            _ => unreachable!("every name in PASSES has a pass"),
        };
        if params.verify {
            verify::check(&body).map_err(|message| OptError::Verify { pass: name, message })?;
        }
        let ir_after = params.record.then(|| body.clone());
        passes.push(PassRecord { name, changed, ir_after });
        if params.stop_after.as_deref() == Some(name) {
            break;
        }
    }
    Ok(Optimized { body, passes, inlined })
}
