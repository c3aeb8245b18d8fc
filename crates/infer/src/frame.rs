//! One frame: abstract interpretation of a method's SSA body over the lattice, a worklist over
//! blocks until every value's type is stable (Compiler/src/abstractinterpretation.jl
//! `typeinf_local`), recording types, call infos and flags in the body's side tables.
//!
//! Calls are resolved in calls.rs and the inference stack lives in engine.rs; this file only
//! walks one body.

use std::collections::BTreeSet;

use ir::{Block, Body, CallInfo, InstFlags, InstKind, Operand, Terminator, Value};
use rustc_hash::{FxHashMap, FxHashSet};
use types::{CodeInstanceId, ConstValue, Lattice, MethodInstanceId, Ty, TyKind};
use world::{Edge, Effects, MAX_WORLD};

use crate::calls::{abstract_call, CallResult};
use crate::engine::Engine;
use crate::InferError;

/// A finished frame, ready to become a CodeInstance.
#[derive(Clone, Debug)]
pub(crate) struct FrameResult {
    pub body: Body,
    pub rettype: Lattice,
    pub exctype: Ty,
    pub effects: Effects,
    pub min_world: u64,
    pub max_world: u64,
    pub edges: Vec<Edge>,
    /// The cache owner the frame was inferred for.
    pub owner: ConstValue,
}

struct FrameState {
    body: Body,
    rettype: Lattice,
    exctype: Ty,
    min_world: u64,
    max_world: u64,
    edges: Vec<Edge>,
    /// The same edges, to keep `edges` free of duplicates without scanning it per call.
    edge_set: FxHashSet<Edge>,
    effect_free: bool,
    terminates: bool,
    /// The block being interpreted is in a `try`: what it raises goes to its handler, not to
    /// the frame's callers.
    in_try: bool,
}

impl FrameState {
    fn add_exception(&mut self, engine: &mut Engine, exc: Ty) {
        if exc != Ty::BOTTOM && !self.in_try {
            let store = &mut engine.world.types;
            self.exctype = Lattice::Type(self.exctype).join(&Lattice::Type(exc), store).widen(store);
        }
    }

    fn add_call(&mut self, engine: &mut Engine, r: &CallResult) {
        self.add_exception(engine, r.exc);
        for e in &r.edges {
            if self.edge_set.insert(e.clone()) {
                self.edges.push(e.clone());
            }
        }
        self.min_world = self.min_world.max(r.worlds.0);
        self.max_world = self.max_world.min(r.worlds.1);
        self.effect_free &= r.effect_free;
        self.terminates &= r.terminates;
    }

    fn value_type(&self, v: Value) -> Lattice {
        self.body.types.get(v).cloned().unwrap_or(Lattice::BOTTOM)
    }
}

/// Infers the body of `mi` once, with recursive calls seeing the stack's current approximations.
/// `args` replaces the argument lattices derived from `specTypes` (constant propagation).
pub(crate) fn run_frame(
    engine: &mut Engine,
    mi: MethodInstanceId,
    args: Option<&[Lattice]>,
) -> Result<FrameResult, InferError> {
    let (method_id, spec) = {
        let m = engine.world.method_instance(mi);
        (m.method, m.spec_types)
    };
    let method = engine.world.method(method_id).clone();
    let mut body = (*method.source).clone();
    if body.nargs() != method.nargs || body.layout.is_empty() {
        return Err(InferError::MalformedSource(format!(
            "{} has {} arguments in its source, {} in its signature",
            method.name,
            body.nargs(),
            method.nargs
        )));
    }
    body.types.clear();
    body.infos.clear();
    substitute_static_params(&mut body, &engine.world.static_params(mi));
    let arg_lattices = match args {
        Some(a) if a.len() == method.nargs => a.to_vec(),
        _ => argument_types(engine, spec, method.nargs, method.is_vararg)?,
    };
    for (i, t) in arg_lattices.into_iter().enumerate() {
        let v = body.arg(i);
        body.types.set(v, t);
    }
    let mut st = FrameState {
        body,
        rettype: Lattice::BOTTOM,
        exctype: Ty::BOTTOM,
        min_world: method.primary_world,
        max_world: MAX_WORLD,
        edges: vec![],
        edge_set: FxHashSet::default(),
        effect_free: true,
        terminates: true,
        in_try: false,
    };
    run_worklist(engine, &mut st)?;
    let values: Vec<Value> = st.body.values.ids().collect();
    for v in values {
        if st.body.types.get(v).is_none() {
            st.body.types.set(v, Lattice::BOTTOM);
        }
    }
    let effects =
        Effects { nothrow: st.exctype == Ty::BOTTOM, effect_free: st.effect_free, terminates: st.terminates };
    Ok(FrameResult {
        body: st.body,
        rettype: st.rettype,
        exctype: st.exctype,
        effects,
        min_world: st.min_world,
        max_world: st.max_world,
        edges: st.edges,
        owner: engine.owner.clone(),
    })
}

/// Replaces each `Core._static_parameter(i)` of a method with `where` by the type the
/// MethodInstance binds (`World::static_params`), as Julia's inference reads `sparam_vals`.
fn substitute_static_params(body: &mut Body, sparams: &[Option<Ty>]) {
    if sparams.is_empty() {
        return;
    }
    let callee = Operand::Const(ConstValue::Builtin(ir::Builtin::StaticParameter.id()));
    let insts: Vec<ir::Inst> = body.layout.iter().flat_map(|&b| body.blocks[b].insts.clone()).collect();
    for inst in insts {
        let InstKind::Call { args } = &body.insts[inst].kind else { continue };
        let (Some(f), Some(Operand::Const(ConstValue::Int(i)))) = (args.first(), args.get(1)) else {
            continue;
        };
        if *f != callee {
            continue;
        }
        // A parameter that is not one type stays a call: some `Type`, for inference.
        if let Some(&Some(t)) = usize::try_from(*i).ok().and_then(|i| sparams.get(i)) {
            body.insts[inst].kind = InstKind::Operand(Operand::Const(ConstValue::Type(t)));
        }
    }
}

/// The lattice element of each argument from the specialization signature; a varargs
/// method's last argument is the tuple of the rest. A type with one value is a `Const`.
pub(crate) fn argument_types(
    engine: &mut Engine,
    spec: Ty,
    nargs: usize,
    is_vararg: bool,
) -> Result<Vec<Lattice>, InferError> {
    let store = &mut engine.world.types;
    let TyKind::Tuple { elems, vararg } = store.kind(spec).clone() else {
        return Err(InferError::MalformedSource(format!("signature {} is not a tuple", store.display(spec))));
    };
    let mut out = Vec::with_capacity(nargs);
    for i in 0..nargs {
        let t = if is_vararg && i + 1 == nargs {
            let rest = elems.get(i..).map(<[Ty]>::to_vec).unwrap_or_default();
            match vararg {
                Some(v) => store.tuple_vararg(rest, v),
                None => store.tuple(rest),
            }
        } else {
            match elems.get(i).copied().or(vararg) {
                Some(t) => t,
                None => {
                    return Err(InferError::MalformedSource(format!(
                        "too few types in {}",
                        store.display(spec)
                    )))
                }
            }
        };
        out.push(singleton_const(store, t));
    }
    Ok(out)
}

pub(crate) fn singleton_const(store: &types::TypeStore, t: Ty) -> Lattice {
    if let Some(p) = store.type_param(t) {
        if store.is_concrete(p) {
            return Lattice::Const(ConstValue::Type(p));
        }
    }
    if t == Ty::EMPTY_TUPLE {
        return Lattice::Const(ConstValue::Tuple(Vec::new().into()));
    }
    if store.is_singleton(t) {
        return Lattice::Const(ConstValue::Singleton(t));
    }
    Lattice::Type(t)
}

/// The worklist over blocks (`typeinf_local`). A block runs again when one of its parameters
/// widens, and — as Julia's `ssavalue_uses` does — when the type of a value it uses changes
/// after it ran (a loop variable widening changes the blocks that read it, not only the block
/// whose φ it is). Blocks never reached are not run because of a use.
fn run_worklist(engine: &mut Engine, st: &mut FrameState) -> Result<(), InferError> {
    let layout = st.body.layout.clone();
    let position: FxHashMap<Block, usize> = layout.iter().enumerate().map(|(i, &b)| (b, i)).collect();
    let uses = value_uses(&st.body, &position);
    let mut visited: FxHashMap<Block, bool> = FxHashMap::default();
    let mut work: BTreeSet<usize> = BTreeSet::new();
    work.insert(0);
    // A safety net: types only widen, so this is never reached in practice.
    let mut budget = layout.len().saturating_mul(64).saturating_add(4096);
    while let Some(pos) = work.pop_first() {
        if budget == 0 {
            st.rettype = Lattice::ANY;
            st.add_exception(engine, Ty::ANY);
            break;
        }
        budget -= 1;
        let block = layout[pos];
        visited.insert(block, true);
        let mut changed_values = Vec::new();
        let handler = st.body.blocks[block].catch.clone();
        st.in_try = handler.is_some();
        let continues = run_block(engine, st, block, &mut changed_values)?;
        // This block's own values are up to date for its own uses; a parameter widened by a jump
        // (a loop's back edge) is not, even when this block reads it.
        let mut stale = FxHashSet::default();
        for v in changed_values {
            stale.extend(uses.get(&v).into_iter().flatten().copied().filter(|&u| u != pos));
        }
        let mut edges = vec![];
        if continues {
            let term = st.body.blocks[block].term.clone();
            edges = reachable_targets(st, engine, &term);
        }
        st.in_try = false;
        // The handler may be reached from anywhere in the block, with the arguments it had
        // when the block started.
        if let Some(h) = &handler {
            let args = h.args.iter().map(|a| operand_lattice(engine, st, a).0).collect();
            edges.push((h.block, args));
        }
        {
            for (target, args) in edges {
                let Some(&tpos) = position.get(&target) else { continue };
                if tpos <= pos {
                    st.terminates = false;
                }
                let changed = join_block_args(engine, st, target, &args);
                if !changed.is_empty() || !visited.contains_key(&target) {
                    work.insert(tpos);
                }
                for p in changed {
                    stale.extend(uses.get(&p).into_iter().flatten().copied());
                }
            }
        }
        work.extend(stale.into_iter().filter(|&u| visited.contains_key(&layout[u])));
    }
    Ok(())
}

/// For each value, the layout positions of the blocks whose instructions or terminator read it.
fn value_uses(body: &Body, position: &FxHashMap<Block, usize>) -> FxHashMap<Value, Vec<usize>> {
    let mut uses: FxHashMap<Value, Vec<usize>> = FxHashMap::default();
    for (&block, &pos) in position {
        let data = &body.blocks[block];
        let ops = data.insts.iter().flat_map(|&i| body.insts[i].kind.operands()).chain(data.edge_operands());
        for op in ops {
            if let Operand::Value(v) = op {
                let list = uses.entry(*v).or_default();
                if !list.contains(&pos) {
                    list.push(pos);
                }
            }
        }
    }
    uses
}

/// Interprets a block's instructions, recording the values whose type changed; false when one
/// of them never returns.
fn run_block(
    engine: &mut Engine,
    st: &mut FrameState,
    block: Block,
    changed: &mut Vec<Value>,
) -> Result<bool, InferError> {
    let insts = st.body.blocks[block].insts.clone();
    for inst in insts {
        let kind = st.body.insts[inst].kind.clone();
        let (rt, nothrow, effect_free, info) = abstract_inst(engine, st, &kind)?;
        let mut flags = st.body.flags.get(inst).copied().unwrap_or_default();
        flags.nothrow = nothrow;
        flags.effect_free = effect_free;
        st.body.flags.set(inst, InstFlags { ..flags });
        if let Some(info) = info {
            st.body.infos.set(inst, info);
        }
        let never_returns = rt.is_bottom();
        if let Some(v) = st.body.insts[inst].result {
            if st.body.types.get(v) != Some(&rt) {
                changed.push(v);
            }
            st.body.types.set(v, rt);
        }
        if never_returns {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Successors the terminator may reach, with their argument lattices; records returns.
fn reachable_targets(
    st: &mut FrameState,
    engine: &mut Engine,
    term: &Terminator,
) -> Vec<(Block, Vec<Lattice>)> {
    let eval = |engine: &mut Engine, st: &mut FrameState, t: &ir::BlockTarget| {
        let args = t.args.iter().map(|a| operand_lattice(engine, st, a).0).collect();
        (t.block, args)
    };
    match term {
        Terminator::Jump(t) => vec![eval(engine, st, t)],
        Terminator::Branch { cond, then_dest, else_dest } => {
            let (c, _) = operand_lattice(engine, st, cond);
            let cond_ty = c.widen(&mut engine.world.types);
            if !engine.world.types.issubtype(cond_ty, Ty::BOOL) {
                st.add_exception(engine, Ty::TYPE_ERROR);
            }
            match c {
                Lattice::Const(ConstValue::Bool(true)) => vec![eval(engine, st, then_dest)],
                Lattice::Const(ConstValue::Bool(false)) => vec![eval(engine, st, else_dest)],
                _ if engine.world.types.intersect(cond_ty, Ty::BOOL) == Ty::BOTTOM => vec![],
                _ => vec![eval(engine, st, then_dest), eval(engine, st, else_dest)],
            }
        }
        Terminator::Return(op) => {
            let (r, _) = operand_lattice(engine, st, op);
            st.rettype = st.rettype.join(&r, &mut engine.world.types);
            vec![]
        }
        Terminator::Unreachable => vec![],
    }
}

fn join_block_args(engine: &mut Engine, st: &mut FrameState, target: Block, args: &[Lattice]) -> Vec<Value> {
    let params = st.body.blocks[target].params.clone();
    let mut changed = Vec::new();
    for (p, a) in params.into_iter().zip(args) {
        let old = st.body.types.get(p).cloned();
        let new = match &old {
            Some(o) => o.join(a, &mut engine.world.types),
            None => a.clone(),
        };
        if old.as_ref() != Some(&new) {
            changed.push(p);
            st.body.types.set(p, new);
        }
    }
    changed
}

/// An operand's lattice element and whether reading it cannot throw.
fn operand_lattice(engine: &mut Engine, st: &FrameState, op: &Operand) -> (Lattice, bool) {
    match op {
        Operand::Value(v) => (st.value_type(*v), true),
        Operand::Const(c) => (Lattice::Const(c.clone()), true),
        Operand::Undef => (Lattice::BOTTOM, true),
        // Slots do not survive SSA construction; a stray one is unknown.
        Operand::Slot(_) => (Lattice::ANY, true),
        // A constant binding is known; any other global may be unassigned, or assigned later.
        // A constant object (`const K = [1, 2]`) is known by its type.
        Operand::Global(g) => match engine.world.resolve_const(g) {
            Some(c) => (Lattice::Const(c.clone()), true),
            None => match engine.world.global_type(g) {
                Some(t) => (Lattice::Type(t), true),
                None => (Lattice::ANY, false),
            },
        },
    }
}

type InstOutcome = (Lattice, bool, bool, Option<CallInfo>);

fn abstract_inst(
    engine: &mut Engine,
    st: &mut FrameState,
    kind: &InstKind,
) -> Result<InstOutcome, InferError> {
    let mut operands_nothrow = true;
    let mut read = |engine: &mut Engine, st: &FrameState, op: &Operand| {
        let (l, ok) = operand_lattice(engine, st, op);
        operands_nothrow &= ok;
        l
    };
    let outcome = match kind {
        InstKind::Operand(op) => (read(engine, st, op), true, true, None),
        InstKind::Call { args } => {
            let lats: Vec<Lattice> = args.iter().map(|a| read(engine, st, a)).collect();
            let r = abstract_call(engine, &lats)?;
            st.add_call(engine, &r);
            (r.rt, r.nothrow, r.effect_free, Some(r.info))
        }
        InstKind::Invoke { ci, args } => {
            for a in args {
                read(engine, st, a);
            }
            invoke_inst(engine, st, *ci)
        }
        InstKind::New { ty, args } => {
            let t = read(engine, st, ty);
            let lats: Vec<Lattice> = args.iter().map(|a| read(engine, st, a)).collect();
            new_inst(engine, st, &t, &lats)
        }
        InstKind::UndefCheck { defined, .. } => match read(engine, st, defined) {
            Lattice::Const(ConstValue::Bool(true)) => (Lattice::ANY, true, true, None),
            Lattice::Const(ConstValue::Bool(false)) => {
                st.add_exception(engine, Ty::UNDEF_VAR_ERROR);
                (Lattice::BOTTOM, false, true, None)
            }
            _ => {
                st.add_exception(engine, Ty::UNDEF_VAR_ERROR);
                (Lattice::ANY, false, true, None)
            }
        },
        InstKind::SlotStore { value, .. } => (read(engine, st, value), true, true, None),
        InstKind::SetGlobal { value, .. } => {
            read(engine, st, value);
            st.effect_free = false;
            st.add_exception(engine, Ty::ANY);
            (Lattice::Type(Ty::NOTHING), false, false, None)
        }
        // Never removed, even when no `pop_exception` reads its token: engines save there
        // what the handler restores (codegen's `abi.rs`, "Exceptions").
        InstKind::Enter { .. } => (Lattice::Type(Ty::INT64), true, false, None),
        InstKind::PopException { token } => {
            read(engine, st, token);
            (Lattice::Type(Ty::NOTHING), true, false, None)
        }
        InstKind::TheException => (Lattice::ANY, true, true, None),
        // Only the optimizer makes it; inference never sees one, but it may raise.
        InstKind::StackCheck => {
            st.add_exception(engine, Ty::ANY);
            (Lattice::Type(Ty::NOTHING), false, false, None)
        }
        InstKind::DeclareGlobal { .. } | InstKind::Method(_) | InstKind::Type(_) => {
            st.effect_free = false;
            st.add_exception(engine, Ty::ANY);
            (Lattice::Type(Ty::NOTHING), false, false, None)
        }
    };
    if !operands_nothrow {
        st.add_exception(engine, Ty::UNDEF_VAR_ERROR);
    }
    let (rt, nothrow, effect_free, info) = outcome;
    Ok((rt, nothrow && operands_nothrow, effect_free, info))
}

/// An `:invoke` already in the IR (re-inference of optimized code): trust the CodeInstance.
fn invoke_inst(engine: &mut Engine, st: &mut FrameState, ci: CodeInstanceId) -> InstOutcome {
    let Some(c) = engine.world.get_code_instance(ci).cloned() else {
        st.add_exception(engine, Ty::ANY);
        return (Lattice::ANY, false, false, None);
    };
    let r = CallResult {
        rt: c.rettype.clone(),
        exc: c.exctype,
        nothrow: c.effects.nothrow,
        effect_free: c.effects.effect_free,
        terminates: c.effects.terminates,
        info: CallInfo::Static { mi: c.def, ci: Some(ci) },
        edges: vec![Edge::CodeInstance(ci)],
        worlds: (c.min_world, c.max_world),
    };
    st.add_call(engine, &r);
    (r.rt, r.nothrow, r.effect_free, Some(r.info))
}

/// `%new(T, args...)`: an instance of `T`; it throws if an argument cannot be stored in its field.
/// An immutable struct whose fields are all constants is itself a constant (owners such as
/// `SplitCacheOwner()` must be, for `typeinf` to fold; Julia gets this from `PartialStruct` and
/// `Const` of `:new`).
fn new_inst(engine: &mut Engine, st: &mut FrameState, t: &Lattice, args: &[Lattice]) -> InstOutcome {
    let Some(ty) = t.as_const().and_then(ConstValue::as_type) else {
        st.add_exception(engine, Ty::ANY);
        return (Lattice::ANY, false, true, None);
    };
    let store = &mut engine.world.types;
    let fields: Vec<Ty> = store.fields(ty).iter().map(|f| f.ty).collect();
    let fits = fields.len() == args.len()
        && args.iter().zip(&fields).all(|(a, &f)| {
            let at = a.widen(store);
            store.issubtype(at, f)
        });
    if !fits {
        st.add_exception(engine, Ty::TYPE_ERROR);
        return (Lattice::Type(ty), false, true, None);
    }
    let immutable = store.def_data(ty).is_some_and(|d| d.kind == types::DataKind::Struct { mutable: false });
    let consts: Option<Vec<ConstValue>> = args.iter().map(|a| a.as_const().cloned()).collect();
    let rt = match consts {
        Some(_) if immutable && store.is_singleton(ty) => Lattice::Const(ConstValue::Singleton(ty)),
        Some(fields) if immutable && store.is_concrete(ty) => {
            Lattice::Const(ConstValue::Struct { ty, fields: fields.into() })
        }
        _ => Lattice::Type(ty),
    };
    (rt, true, true, None)
}

/// Points calls between members of one cycle at the CodeInstances made for them together.
pub(crate) fn patch_cycle_infos(body: &mut Body, by_mi: &FxHashMap<MethodInstanceId, CodeInstanceId>) {
    let insts: Vec<ir::Inst> = body.insts.ids().collect();
    for inst in insts {
        if let Some(CallInfo::Static { mi, ci: None }) = body.infos.get(inst).cloned() {
            if let Some(&ci) = by_mi.get(&mi) {
                body.infos.set(inst, CallInfo::Static { mi, ci: Some(ci) });
            }
        }
    }
}
