//! Pass `unroll`: the self calls that `tailrec` kept inlined once (recursion unrolled by one
//! level, as GCC's recursive inlining does, `max-inline-recursive-depth`): in a body that
//! `tailrec` turned into a loop, a self call that stays a call (fib's `fib(n - 1)`) becomes a
//! copy of the body, with its own loop and accumulator, through the inliner's mechanics
//! (`inline::apply`): an inline frame of the function itself, so the copy's own calls count a
//! frame more (`ir::steps`, "Frames") and a stack trace shows the copy as an inlined call. The
//! copy's self calls stay calls (`peel` then peels their base case). Before the copy, a
//! `stack_check` raises `StackOverflowError` where the call would have. Half of fib's
//! activations then run without a call's entry and exit (Cranelift saves and restores
//! registers and checks the stack on each); recursion is still recursion: one that never ends
//! still overflows the stack.
//!
//! It is inlining (of the function into itself), so it follows the inlining policy: nothing
//! under `--inline never`. It only applies to small bodies (each kept call adds a copy of the
//! body's code). The jumps it leaves are merged by `simplify_cfg`'s rules before it returns.

use ir::Body;
use types::CodeInstanceId;

use crate::util::{insert_stack_check, self_invokes};
use crate::InlineMode;

/// The most instructions the copies may add (the body's, once per kept self call).
const MAX_UNROLLED_INSTS: usize = 32;

/// Unrolls the self calls of `body` (the body of `ci`) once; `looped` says whether `tailrec`
/// rewrote it.
pub(crate) fn run(ci: CodeInstanceId, body: &mut Body, mode: InlineMode, looped: bool) -> bool {
    if mode == InlineMode::Never || !looped || body.is_vararg {
        return false;
    }
    let sites = self_invokes(body, ci);
    let size: usize = body.layout.iter().map(|&b| body.blocks[b].insts.len()).sum();
    if sites.is_empty() || size * sites.len() > MAX_UNROLLED_INSTS {
        return false;
    }
    // Every copy is of the body as `tailrec` left it (not of another copy).
    let copy = body.clone();
    // From the last site backwards, so a split never moves a site still to come.
    for &(block, call) in sites.iter().rev() {
        let Some(pos) = body.blocks[block].insts.iter().position(|&i| i == call) else { continue };
        insert_stack_check(body, (block, pos), call);
        crate::inline::inline_site(body, block, call, &copy);
    }
    crate::simplify_cfg::run(body);
    true
}
