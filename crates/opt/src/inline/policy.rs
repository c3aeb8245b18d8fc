//! Inlining policy: whether a call site may be inlined (legality) and whether it should be
//! (the cost model). Costs follow Julia's Compiler/src/optimize.jl `statement_cost` and
//! `statement_or_branch_cost`, with intrinsic costs from Compiler/src/tfuncs.jl's `add_tfunc`
//! tables; the threshold is Julia's `inline_cost_threshold`.
//!
//! Deliberately not here: changing the IR (that is `apply.rs`).

use ir::{Body, Builtin, CallInfo, Inst, InstKind, Operand, Terminator};
use rustc_hash::FxHashSet;
use types::{CodeInstanceId, ConstValue, Lattice};

use crate::{InlineMode, OptContext};

/// Julia's `OptimizationParams.inline_cost_threshold`.
pub const INLINE_COST_THRESHOLD: u32 = 100;
/// Julia's `inline_nonleaf_penalty`: a call that is neither a builtin nor a direct invoke.
const NONLEAF_PENALTY: u32 = 1000;
/// Julia's `UNKNOWN_CALL_COST`: a direct invoke, or a builtin without a known cost.
const UNKNOWN_CALL_COST: u32 = 20;
/// Julia's cost of a backward branch ("loops are generally always expensive").
const BACKEDGE_COST: u32 = 40;

/// What the policy decided for one call site, with the reason when it says no (for remarks).
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum InlineDecision {
    Inline,
    Keep(String),
}

/// The cost of one instruction (`statement_cost`).
pub fn statement_cost(body: &Body, inst: Inst) -> u32 {
    let data = &body.insts[inst];
    let throws = data.result.and_then(|v| body.types.get(v)).is_some_and(Lattice::is_bottom);
    match &data.kind {
        // Calls that never return are error paths: Julia leaves them out of the cost.
        InstKind::Invoke { .. } | InstKind::Call { .. } if throws => 0,
        InstKind::Invoke { .. } => UNKNOWN_CALL_COST,
        InstKind::Call { args } => match builtin_callee(body, inst, args) {
            Some(b) => builtin_cost(b),
            None => NONLEAF_PENALTY,
        },
        _ => 0,
    }
}

/// The cost of a whole body: instructions plus backward branches (`inline_cost_model`),
/// saturating.
pub fn inline_cost(body: &Body) -> u32 {
    let position: rustc_hash::FxHashMap<_, _> =
        body.layout.iter().enumerate().map(|(i, &b)| (b, i)).collect();
    let mut cost: u32 = 0;
    for (i, &b) in body.layout.iter().enumerate() {
        for &inst in &body.blocks[b].insts {
            cost = cost.saturating_add(statement_cost(body, inst));
        }
        let backward = match &body.blocks[b].term {
            Terminator::Jump(_) | Terminator::Branch { .. } => {
                body.blocks[b].successors().iter().any(|t| position.get(&t.block).is_some_and(|&j| j <= i))
            }
            Terminator::Return(_) | Terminator::Unreachable => false,
        };
        if backward {
            cost = cost.saturating_add(BACKEDGE_COST);
        }
    }
    cost
}

fn builtin_callee(body: &Body, inst: Inst, args: &[Operand]) -> Option<Builtin> {
    if let Some(CallInfo::Builtin(b)) = body.infos.get(inst) {
        return Some(*b);
    }
    match crate::util::operand_const(body, args.first()?)? {
        ConstValue::Builtin(id) => Builtin::from_id(*id),
        _ => None,
    }
}

/// `T_IFUNC_COST` / `T_FFUNC_COST`: cheap arithmetic, dearer multiplication and division.
fn builtin_cost(b: Builtin) -> u32 {
    use Builtin::*;
    match b {
        AddInt | SubInt | NegInt | AndInt | OrInt | XorInt | NotInt | ShlInt | LshrInt | AshrInt | EqInt
        | NeInt | SltInt | SleInt | UltInt | UleInt => 1,
        AddFloat | SubFloat | NegFloat | EqFloat | NeFloat | LtFloat | LeFloat => 1,
        Sitofp | Uitofp | Fptosi | Fptoui | SextInt | ZextInt | TruncInt | Fpext | Fptrunc => 1,
        Bitcast => 0,
        AbsFloat | CopysignFloat => 2,
        MulInt | MulFloat => 4,
        FloorLlvm | CeilLlvm | TruncLlvm | RintLlvm => 10,
        DivFloat | RemFloat | SqrtLlvm => 20,
        CheckedSdivInt | CheckedSremInt | CheckedUdivInt | CheckedUremInt => 40,
        PowLibm | Atan2Libm => UNKNOWN_CALL_COST,
        b if b.libm_unary().is_some() => UNKNOWN_CALL_COST,
        // Julia: getfield and tuple are free (destructuring must stay cheap).
        Getfield | Tuple | Fieldtype => 0,
        Egal | Typeof | CoreTypeof | Isa | Nfields | Ifelse | Typeassert => 1,
        Throw => 0,
        Issubtype | ApplyType => 10,
        // `Core.invoke` and invokelab's own builtins go through the host: a real call.
        _ => UNKNOWN_CALL_COST,
    }
}

/// Legality and profitability of inlining the `Invoke` at `inst` (calling `callee`) into the
/// body of `caller`.
pub(crate) fn decide<C: OptContext + ?Sized>(
    cx: &C,
    caller: CodeInstanceId,
    body: &Body,
    inst: Inst,
    callee: CodeInstanceId,
    mode: InlineMode,
) -> InlineDecision {
    let keep = |why: &str| InlineDecision::Keep(why.to_string());
    if mode == InlineMode::Never {
        return keep("inlining is off");
    }
    let Some(callee_body) = cx.inferred_body(callee) else {
        return keep("the callee has no optimized IR");
    };
    // SEMANTICS.md §3.3: only code of the caller's own owner (native into native) is copied.
    if cx.owner(callee) != cx.owner(caller) {
        return keep("the callee belongs to another cache owner");
    }
    if !cx.owner_allows_inlining(callee) {
        return keep("the callee's owner disables inlining");
    }
    if callee == caller || reaches(cx, callee, caller) {
        return keep("the callee is on a recursion cycle with the caller");
    }
    let site = body.flags.get(inst).and_then(|f| f.inline);
    let hint = site.or(cx.method_inline(callee));
    if hint == Some(false) {
        return keep("@noinline");
    }
    if !arity_matches(body, inst, callee_body) {
        return keep("the call's arity does not match the callee");
    }
    if hint == Some(true) || mode == InlineMode::Always {
        return InlineDecision::Inline;
    }
    let cost = inline_cost(callee_body);
    if cost > INLINE_COST_THRESHOLD {
        return InlineDecision::Keep(format!("too costly ({cost} > {INLINE_COST_THRESHOLD})"));
    }
    InlineDecision::Inline
}

fn arity_matches(body: &Body, inst: Inst, callee: &Body) -> bool {
    let InstKind::Invoke { args, .. } = &body.insts[inst].kind else { return false };
    if callee.is_vararg {
        args.len() + 1 >= callee.nargs()
    } else {
        args.len() == callee.nargs()
    }
}

/// Whether `target` is reachable from `from` through the direct invokes of optimized bodies:
/// inlining `from` would then copy a call back into the caller (a recursion cycle).
fn reaches<C: OptContext + ?Sized>(cx: &C, from: CodeInstanceId, target: CodeInstanceId) -> bool {
    let mut seen = FxHashSet::default();
    let mut stack = vec![from];
    while let Some(ci) = stack.pop() {
        if !seen.insert(ci) {
            continue;
        }
        let Some(body) = cx.inferred_body(ci) else { continue };
        for &b in &body.layout {
            for &i in &body.blocks[b].insts {
                if let InstKind::Invoke { ci: next, .. } = &body.insts[i].kind {
                    if *next == target {
                        return true;
                    }
                    stack.push(*next);
                }
            }
        }
    }
    false
}
