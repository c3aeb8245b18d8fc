//! Pass `inline`: plan the sites (policy), then copy the callees in (mechanics), as Julia's
//! Compiler/src/ssair/inlining.jl separates `assemble_inline_todo!` from `batch_inline!`.
//!
//! Only the caller's own `Invoke` sites are considered, once: the bodies copied in are already
//! optimized (callees are optimized first), so their sites were decided when they were.

mod apply;
mod policy;

use ir::{Block, Body, Inst, InstKind};
use types::CodeInstanceId;

pub(crate) use apply::inline_site;
pub use policy::{inline_cost, statement_cost, InlineDecision, INLINE_COST_THRESHOLD};

use crate::{InlineMode, OptContext};

/// One site the policy accepted.
struct InlineSite {
    block: Block,
    inst: Inst,
    callee: CodeInstanceId,
}

/// Inlines every accepted site of `body` (the body of `caller`); returns the inlined callees.
pub(crate) fn run<C: OptContext + ?Sized>(
    cx: &mut C,
    caller: CodeInstanceId,
    body: &mut Body,
    mode: InlineMode,
) -> Vec<CodeInstanceId> {
    let plan = plan(cx, caller, body, mode);
    // Applying from the last site backwards keeps every earlier site in its original block:
    // a split only moves the instructions *after* the site it handles.
    for site in plan.iter().rev() {
        let Some(callee_body) = cx.inferred_body(site.callee) else { continue };
        apply::inline_site(body, site.block, site.inst, callee_body);
    }
    plan.into_iter().map(|s| s.callee).collect()
}

/// The inliner's decision for every `Invoke` of `body` (the body of `caller`), in layout order:
/// what the UI and remarks show as "why was this not inlined?". Run it on a body after
/// `resolve_invokes` (e.g. `OptParams::stop_after = "resolve_invokes"`).
pub fn inline_decisions<C: OptContext + ?Sized>(
    cx: &C,
    caller: CodeInstanceId,
    body: &Body,
    mode: InlineMode,
) -> Vec<(Inst, CodeInstanceId, InlineDecision)> {
    let mut out = Vec::new();
    for &block in &body.layout {
        for &inst in &body.blocks[block].insts {
            if let InstKind::Invoke { ci, .. } = &body.insts[inst].kind {
                out.push((inst, *ci, policy::decide(cx, caller, body, inst, *ci, mode)));
            }
        }
    }
    out
}

/// Whether the policy would inline the `Invoke` at `inst` (resolve_invokes asks before making a
/// direct call that is only worth it when inlined).
pub(crate) fn would_inline<C: OptContext + ?Sized>(
    cx: &C,
    caller: CodeInstanceId,
    body: &Body,
    inst: Inst,
    callee: CodeInstanceId,
    mode: InlineMode,
) -> bool {
    policy::decide(cx, caller, body, inst, callee, mode) == InlineDecision::Inline
}

/// The sites to inline, in layout order.
fn plan<C: OptContext + ?Sized>(
    cx: &C,
    caller: CodeInstanceId,
    body: &Body,
    mode: InlineMode,
) -> Vec<InlineSite> {
    let mut sites = Vec::new();
    for &block in &body.layout {
        for &inst in &body.blocks[block].insts {
            let InstKind::Invoke { ci, .. } = &body.insts[inst].kind else { continue };
            if policy::decide(cx, caller, body, inst, *ci, mode) == InlineDecision::Inline {
                sites.push(InlineSite { block, inst, callee: *ci });
            }
        }
    }
    sites
}
