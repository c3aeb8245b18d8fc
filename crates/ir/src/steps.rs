//! The step rule: what a run is charged against its step budget, defined on the IR so that every
//! engine charges the same steps for the same program and stops at the same point when the
//! budget runs out. The reference interpreter (`interp`) follows a body's `StepPlan` statement
//! by statement; codegen emits the same charges inline (`codegen::emit`) for the same IR (every
//! rewrite of a body is an optimizer pass, so both engines run the same IR), so both engines
//! print the same output before the step-limit error.
//!
//! A body is charged
//! - **1 step per activation that may call**, at the first blocks on each path that make a call
//!   or head a loop (`StepPlan::charge_points`). An activation that does neither runs a bounded
//!   number of statements and is not charged (fib's base case, any leaf): a run that never ends
//!   makes infinitely many calls, each from an activation charged before its first call, or it
//!   stays in loops.
//! - **1 step per entry into a loop**, when control reaches its header from outside it; when
//!   the innermost loop around it is batched (below), the entry is not a step of its own
//!   (`LoopPlan::parent`): a counted loop's entry counts as a visit of the header of the loop
//!   around it, and a batched loop joins the count of the loop around it (below), so an inner
//!   loop entered on every iteration of an outer one (fib's two tail loops, after `unroll`)
//!   costs compiled code a register decrement, not a decrement of memory.
//! - **its iterations**, by one of two rules, per loop (`LoopSteps`):
//!   - a *counted* loop (`CountedLoop`: its trip count is known on entry and nothing inside it
//!     can call, throw or allocate) is charged all its iterations on entry, as an unsigned
//!     amount (`iterations`); when they exceed what is left, the step-limit error comes at the
//!     entry, before any iteration (nothing the loop does outlives an error, so no output
//!     differs from stopping part way);
//!   - any other loop is *batched*: `LOOP_STEP_BATCH` steps are charged at every
//!     `LOOP_STEP_BATCH`-th visit of its header since that entry (the first visit is the
//!     entry's). Up to `LOOP_STEP_BATCH - 1` visits per entry go uncharged; in exchange,
//!     compiled code counts visits in a register instead of decrementing memory on every
//!     iteration (a loop-carried dependency through memory costs a tight loop ~1.5x). A
//!     batched loop inside a batched loop has no count of its own: a visit of its header is a
//!     visit counted by the loop around it (`StepPlan::visit_count`), so a nest of batched
//!     loops keeps one count, from the entry of its outermost loop, in one register (a count
//!     per loop, live across the calls the inner loop makes, cost fib a callee-saved register
//!     and the outer loop's values their registers: ~12% of its time).
//!
//! When a charge exceeds the budget left, the budget becomes -1 and the step-limit error is
//! raised at that statement (the block's first statement, or the loop's header).
//!
//! # Frames
//! The recursion-depth limit is one rule too, independent of the engine and of inlining: the
//! depth of a run is the number of frames a stack trace would show for the calls in progress,
//! inlined calls included. A call (`call_weight`: an `Invoke`, a dynamic call, or a builtin
//! that may call code) made from an instruction inside k inlined calls adds k + 1 frames while
//! it runs; when that would take the depth past the limit, the call raises
//! `StackOverflowError` instead of being made. Compiled code keeps the depth in a memory cell.
//! A `stack_check` (`InstKind::StackCheck`) weighs as a call at its place would and raises as
//! it would, but calls nothing: the optimizer puts one where it runs a self call's callee
//! without calling it (opt's `peel` and `unroll`). It is not a call for the step charges.

use rustc_hash::{FxHashMap, FxHashSet};
use types::{ConstValue, Lattice, Ty, TypeStore};

use crate::cfg::Cfg;
use crate::{Block, Body, Builtin, CallInfo, Inst, InstKind, Operand, Terminator, Value, ValueDef};

/// Header visits charged at a time by a loop that is not counted.
pub const LOOP_STEP_BATCH: u32 = 1024;

/// Where and how much a body is charged (see the module documentation).
#[derive(serde::Serialize, serde::Deserialize, Clone, Debug, Default, PartialEq)]
pub struct StepPlan {
    /// The blocks whose entry charges the activation's step: blocks that make a call or head a
    /// loop, unless a strict dominator is one (it has charged already on every path there).
    /// None of them is inside a loop (its header would dominate it), so each charge runs at most
    /// once per activation. A loop header among them charges only its loop's entry step, which
    /// is also the activation's.
    pub charge_points: FxHashSet<Block>,
    /// Every loop, by header.
    pub loops: FxHashMap<Block, LoopPlan>,
}

/// One loop: how its iterations are charged, and its blocks (an edge into the header from one
/// of them is a back edge; any other edge enters the loop).
#[derive(serde::Serialize, serde::Deserialize, Clone, Debug, PartialEq)]
pub struct LoopPlan {
    pub steps: LoopSteps,
    pub blocks: FxHashSet<Block>,
    /// The innermost loop around this one, by header, when that loop is batched: an entry into
    /// this loop is not a step of its own, and its visits (when it is batched itself) or its
    /// entries (when it is counted) are counted by that loop (`StepPlan::visit_count`).
    pub parent: Option<Block>,
}

/// How a loop's iterations are charged.
#[derive(serde::Serialize, serde::Deserialize, Clone, Debug, PartialEq)]
pub enum LoopSteps {
    /// All of them on entry.
    Counted(CountedLoop),
    /// `LOOP_STEP_BATCH` at every `LOOP_STEP_BATCH`-th visit of the header since the entry.
    Batched,
}

/// A loop whose trip count is known on entry: its header parameter `counter` steps by one per
/// iteration while `counter < bound` (`counter <= bound` when `inclusive`). It is counted when
/// - its only exit is one branch on `i < n` or `i <= n` (either operand order, either
///   polarity), where `i` is an `Int64` parameter of the header and `n` does not change in the
///   loop (a constant, an argument, or a value defined outside it);
/// - every back edge passes `i + 1` for `i`, and the branch dominates every back edge (each
///   iteration tests `i` before stepping it);
/// - nothing in it can throw, call or allocate: its instructions are intrinsics that never
///   throw on `Int64`/`UInt64`/`Float64`/`Bool` values, its block parameters and conditions are
///   such values too.
#[derive(serde::Serialize, serde::Deserialize, Clone, Debug, PartialEq)]
pub struct CountedLoop {
    pub counter: Value,
    pub bound: Operand,
    pub inclusive: bool,
}

/// The iterations of a counted loop entered with `counter == start`: `max(bound - start, 0)`
/// for `<`, `max(bound - start + 1, 0)` for `<=`, all of `u64` when `bound == typemax(Int)`
/// under `<=` (the loop never ends: `i` never exceeds it). Wrapping, as the compiled charge is.
pub fn iterations(counted: &CountedLoop, start: i64, bound: i64) -> u64 {
    if counted.inclusive {
        if bound == i64::MAX {
            u64::MAX
        } else if bound >= start {
            bound.wrapping_sub(start).wrapping_add(1) as u64
        } else {
            0
        }
    } else if bound > start {
        bound.wrapping_sub(start) as u64
    } else {
        0
    }
}

impl StepPlan {
    pub fn new(body: &Body, store: &TypeStore) -> StepPlan {
        StepPlan::with_cfg(body, &Cfg::new(body), store)
    }

    pub fn with_cfg(body: &Body, cfg: &Cfg, store: &TypeStore) -> StepPlan {
        let mut loops: FxHashMap<Block, LoopPlan> = cfg
            .loop_headers
            .iter()
            .map(|&h| {
                let steps = counted_loop(body, cfg, store, h).map_or(LoopSteps::Batched, LoopSteps::Counted);
                (h, LoopPlan { steps, blocks: cfg.loop_blocks(h), parent: None })
            })
            .collect();
        // The innermost loop around a header is the nearest of its dominators whose loop
        // contains it (every loop around it is headed by one of its dominators).
        for &h in &cfg.loop_headers {
            let mut d = h;
            let parent = loop {
                let Some(&up) = cfg.idom.get(&d).filter(|&&up| up != d) else { break None };
                d = up;
                if loops.get(&d).is_some_and(|l| l.blocks.contains(&h)) {
                    break Some(d);
                }
            };
            let batched = parent.filter(|p| loops[p].steps == LoopSteps::Batched);
            loops.get_mut(&h).expect("every header has a plan").parent = batched;
        }
        StepPlan { charge_points: charge_points(body, cfg), loops }
    }

    pub fn is_charge_point(&self, b: Block) -> bool {
        self.charge_points.contains(&b)
    }

    /// The header whose visit count a visit of batched loop `header` goes to: its own, or,
    /// inside a batched loop, that loop's (`LoopPlan::parent`, followed outwards).
    pub fn visit_count(&self, header: Block) -> Block {
        let mut h = header;
        while let Some(up) = self.loops.get(&h).and_then(|l| l.parent) {
            h = up;
        }
        h
    }

    pub fn counted(&self, header: Block) -> Option<&CountedLoop> {
        match self.loops.get(&header).map(|l| &l.steps) {
            Some(LoopSteps::Counted(c)) => Some(c),
            _ => None,
        }
    }
}

fn charge_points(body: &Body, cfg: &Cfg) -> FxHashSet<Block> {
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

/// Whether the block contains an instruction that may run generated code (`may_call`).
fn block_may_call(body: &Body, b: Block) -> bool {
    body.blocks[b].insts.iter().any(|&inst| may_call(body, inst))
}

/// Builtins that never call back into generated code: the intrinsics and the structural core
/// builtins. Any other builtin counts as a call (conservatively: charging is cheap, missing a
/// charge would let a recursion through it run unmetered).
pub fn runs_no_code(b: Builtin) -> bool {
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

/// The unboxed type of a lattice element: `Int64`, `UInt64`, `Float64`, `Bool` or a small
/// bits type (`Ty::is_small_bits`).
fn bits_type(store: &TypeStore, l: &Lattice) -> Option<Ty> {
    let ty = match l {
        Lattice::Type(t) => *t,
        Lattice::Const(c) => c.known_type(store)?,
    };
    (matches!(ty, Ty::INT64 | Ty::UINT64 | Ty::FLOAT64 | Ty::BOOL) || ty.is_small_bits()).then_some(ty)
}

fn value_bits(body: &Body, store: &TypeStore, v: Value) -> Option<Ty> {
    bits_type(store, body.types.get(v)?)
}

fn operand_bits(body: &Body, store: &TypeStore, op: &Operand) -> Option<Ty> {
    match op {
        Operand::Value(v) => value_bits(body, store, *v),
        Operand::Const(c) => bits_type(store, &Lattice::Const(c.clone())),
        _ => None,
    }
}

fn counted_loop(body: &Body, cfg: &Cfg, store: &TypeStore, header: Block) -> Option<CountedLoop> {
    let blocks = cfg.loop_blocks(header);
    let mut exit = None;
    for &b in &blocks {
        let data = &body.blocks[b];
        let term_ok = match &data.term {
            Terminator::Jump(_) => true,
            Terminator::Branch { cond, .. } => operand_bits(body, store, cond) == Some(Ty::BOOL),
            Terminator::Return(_) | Terminator::Unreachable => false,
        };
        let params_bits = data.params.iter().all(|&p| value_bits(body, store, p).is_some());
        if !term_ok || !params_bits || !data.insts.iter().all(|&i| runs_freely(body, store, i)) {
            return None;
        }
        if data.catch.is_some() {
            return None;
        }
        for t in data.term.targets() {
            if !blocks.contains(&t.block) && exit.replace(b).is_some() {
                return None;
            }
        }
    }
    let test = exit?;
    let Terminator::Branch { cond: Operand::Value(cond), then_dest, .. } = &body.blocks[test].term else {
        return None;
    };
    let continues_when = blocks.contains(&then_dest.block);
    let ValueDef::Inst(compare) = body.value_def(*cond) else { return None };
    let InstKind::Call { args } = &body.insts[compare].kind else { return None };
    let builtin = body.infos.get(compare).and_then(CallInfo::builtin)?;
    let [_, a, b] = &args[..] else { return None };
    let is_counter = |op: &Operand| match op {
        Operand::Value(v) => matches!(body.value_def(*v), ValueDef::Param(h, _) if h == header),
        _ => false,
    };
    // Normalized to `counter < bound` or `counter <= bound` while the loop continues.
    let (counter, bound, inclusive) = match (builtin, continues_when) {
        (Builtin::SltInt, true) if is_counter(a) => (a, b, false),
        (Builtin::SleInt, true) if is_counter(a) => (a, b, true),
        (Builtin::SltInt, false) if is_counter(b) => (b, a, true),
        (Builtin::SleInt, false) if is_counter(b) => (b, a, false),
        _ => return None,
    };
    let Operand::Value(counter) = *counter else { return None };
    let ValueDef::Param(_, index) = body.value_def(counter) else { return None };
    let invariant = match bound {
        Operand::Value(v) => match body.value_def(*v) {
            ValueDef::Arg(_) => true,
            ValueDef::Param(b, _) => !blocks.contains(&b),
            ValueDef::Inst(i) => !blocks.iter().any(|&b| body.blocks[b].insts.contains(&i)),
        },
        Operand::Const(ConstValue::Int(_)) => true,
        _ => false,
    };
    let ints = value_bits(body, store, counter) == Some(Ty::INT64)
        && operand_bits(body, store, bound) == Some(Ty::INT64);
    if !invariant || !ints {
        return None;
    }
    let steps_by_one = cfg.preds[&header].iter().filter(|&p| blocks.contains(p)).all(|&latch| {
        let mut back_edges = body.blocks[latch].term.targets().into_iter().filter(|t| t.block == header);
        let args_step =
            back_edges.all(|t| t.args.get(index as usize).is_some_and(|a| is_successor(body, a, counter)));
        cfg.dominates(test, latch) && args_step
    });
    steps_by_one.then(|| CountedLoop { counter, bound: bound.clone(), inclusive })
}

/// Whether `inst` runs without calling generated code, throwing or allocating: an intrinsic
/// that never throws, on unboxed values, or an operand; reading only values and constants (a
/// global only as the callee of an intrinsic).
fn runs_freely(body: &Body, store: &TypeStore, inst: Inst) -> bool {
    let data = &body.insts[inst];
    let result_bits = data.result.is_none_or(|r| value_bits(body, store, r).is_some());
    let computes = match &data.kind {
        InstKind::Operand(op) => matches!(op, Operand::Value(_) | Operand::Const(_) | Operand::Undef),
        InstKind::Call { args } => {
            let builtin = body.infos.get(inst).and_then(CallInfo::builtin);
            let arity_ok = builtin.is_some_and(|b| b.def().arity.is_none_or(|n| n + 1 == args.len()));
            let callee_ok = matches!(args.first(), Some(Operand::Global(_) | Operand::Const(_)));
            let args_bits = args.iter().skip(1).all(|a| operand_bits(body, store, a).is_some());
            arity_ok && callee_ok && args_bits && is_pure(body, inst)
        }
        _ => false,
    };
    result_bits && computes
}

/// Whether `op` is `add_int(counter, 1)` or `add_int(1, counter)`.
fn is_successor(body: &Body, op: &Operand, counter: Value) -> bool {
    let Operand::Value(v) = op else { return false };
    let ValueDef::Inst(inst) = body.value_def(*v) else { return false };
    let InstKind::Call { args } = &body.insts[inst].kind else { return false };
    let one = Operand::Const(ConstValue::Int(1));
    let c = Operand::Value(counter);
    body.infos.get(inst).and_then(CallInfo::builtin) == Some(Builtin::AddInt)
        && matches!(&args[..], [_, a, b] if (*a == c && *b == one) || (*a == one && *b == c))
}

/// The frames a call at `inst` adds while it runs (see "Frames"), or `None` if `inst` makes
/// no call that may run code; for a `stack_check`, the frames it checks.
pub fn call_weight(body: &Body, inst: Inst) -> Option<u32> {
    let check = matches!(body.insts[inst].kind, InstKind::StackCheck);
    (check || may_call(body, inst)).then(|| 1 + body.inline_depth(inst))
}

/// Whether `inst` may run generated code: an `Invoke`, a dynamic call, or a builtin that may
/// call a function (or that an engine runs in the host).
fn may_call(body: &Body, inst: Inst) -> bool {
    match &body.insts[inst].kind {
        InstKind::Invoke { .. } => true,
        InstKind::Call { .. } => {
            body.infos.get(inst).and_then(CallInfo::builtin).is_none_or(|b| !runs_no_code(b))
        }
        _ => false,
    }
}

/// Whether `inst` is an intrinsic call that computes a value and never raises.
pub fn is_pure(body: &Body, inst: Inst) -> bool {
    let InstKind::Call { args } = &body.insts[inst].kind else { return false };
    body.infos.get(inst).and_then(CallInfo::builtin).is_some_and(|b| never_throws(b, args))
}

/// Intrinsics that compute a value and never raise: all but the checked divisions, which raise
/// unless their divisor is a constant other than 0 and -1 (`typemin(Int) ÷ -1` overflows; -1
/// is excluded for the remainders and the unsigned divisions too, which is only conservative).
fn never_throws(b: Builtin, args: &[Operand]) -> bool {
    let checked = matches!(
        b,
        Builtin::CheckedSdivInt | Builtin::CheckedSremInt | Builtin::CheckedUdivInt | Builtin::CheckedUremInt
    );
    let safe_divisor = match args.get(2) {
        Some(Operand::Const(ConstValue::Int(d))) => *d != 0 && *d != -1,
        Some(Operand::Const(ConstValue::UInt(d))) => *d != 0,
        _ => false,
    };
    b.is_intrinsic() && (!checked || safe_divisor)
}
