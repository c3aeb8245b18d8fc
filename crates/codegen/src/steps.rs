//! Where a function charges its one step to the budget (see "Step counting" in `abi`): not at
//! its entry but at the first blocks, on each path, that make a call or enter a loop (a loop's
//! entry charges a step itself, `emit::enter_loop`). An activation that does neither runs a
//! bounded number of instructions, so it needs no step: a run that never ends makes infinitely
//! many calls (each one from an activation that was charged before it made its first call) or
//! stays in loops (which charge on entry, and for their iterations there or in batches of
//! header visits). Leaves (half of fib's activations) then cost nothing. It does not emit the
//! charges (`emit::count_step`) or charge loop iterations (`counted`, `emit::count_loop_step`).

use ir::{Block, Body, Builtin, CallInfo, InstKind};
use rustc_hash::FxHashSet;

use crate::cfg::Cfg;

/// The blocks whose entry charges the activation's step: blocks that make a call or head a
/// loop, unless a strict dominator is one (it has charged already on every path here). None of
/// them is inside a loop: its header would dominate it, so each charge runs at most once per
/// activation. Loop headers are returned too, but they charge on entry whether or not they are
/// charge points (`structure::do_tree`), so only the others are emitted from this set.
pub(crate) fn charge_points(body: &Body, cfg: &Cfg) -> FxHashSet<Block> {
    let mut points = FxHashSet::default();
    // Walk the dominator tree, skipping the subtrees below a charge point.
    let mut stack = vec![body.entry()];
    while let Some(b) = stack.pop() {
        if cfg.is_loop_header(b) || block_may_call(body, b) {
            points.insert(b);
        } else {
            stack.extend(cfg.children[&b].iter().copied());
        }
    }
    points
}

/// Whether the block contains an instruction that may run generated code: an `Invoke`, a
/// dynamic call, or a builtin that may call a function (or that codegen passes to the host).
fn block_may_call(body: &Body, b: Block) -> bool {
    body.blocks[b].insts.iter().any(|&inst| match &body.insts[inst].kind {
        InstKind::Invoke { .. } => true,
        InstKind::Call { .. } => match body.infos.get(inst).and_then(CallInfo::builtin) {
            Some(builtin) => !runs_no_code(builtin),
            None => true,
        },
        _ => false,
    })
}

/// Builtins that never call back into generated code: the intrinsics and the structural core
/// builtins. Any other builtin counts as a call (conservatively: charging is cheap, missing a
/// charge would let a recursion through it run unmetered).
fn runs_no_code(b: Builtin) -> bool {
    b.is_intrinsic()
        || matches!(
            b,
            Builtin::Egal
                | Builtin::Typeof
                | Builtin::Isa
                | Builtin::Issubtype
                | Builtin::Getfield
                | Builtin::Setfield
                | Builtin::Tuple
                | Builtin::Nfields
                | Builtin::Throw
                | Builtin::Typeassert
                | Builtin::Ifelse
                | Builtin::Fieldtype
                | Builtin::VectorLength
                | Builtin::VectorRef
                | Builtin::VectorSet
                | Builtin::StringLength
        )
}
