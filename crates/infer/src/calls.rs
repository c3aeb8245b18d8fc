//! Call sites: builtins, generic calls through method lookup, `invoke` (by type and by
//! CodeInstance) and `_apply_iterate` (Compiler/src/abstractinterpretation.jl
//! `abstract_call_gf_by_type`, `abstract_invoke`, `abstract_apply`).
//!
//! A call with constant arguments to a single small method is re-inferred with those constants
//! (const_prop.rs); the compiler-plugin builtins that need the world live in reflect.rs.

use ir::{Builtin, CallInfo};
use types::{ConstValue, Lattice, Ty, TyKind};
use world::{Edge, MAX_WORLD};

use crate::engine::Engine;
use crate::tfuncs::{builtin_tfunc, dispatch_type};
use crate::{InferError, Interp};

/// Everything a call site contributes to its frame.
#[derive(Clone, Debug)]
pub(crate) struct CallResult {
    pub rt: Lattice,
    pub exc: Ty,
    pub nothrow: bool,
    pub effect_free: bool,
    pub terminates: bool,
    pub info: CallInfo,
    pub edges: Vec<Edge>,
    pub worlds: (u64, u64),
}

impl CallResult {
    pub(crate) fn new(rt: Lattice, exc: Ty, info: CallInfo) -> CallResult {
        CallResult {
            rt,
            nothrow: exc == Ty::BOTTOM,
            exc,
            effect_free: false,
            terminates: false,
            info,
            edges: vec![],
            worlds: (1, MAX_WORLD),
        }
    }

    fn dynamic() -> CallResult {
        CallResult::new(Lattice::ANY, Ty::ANY, CallInfo::Dynamic)
    }
}

/// A call `args[0](args[1..]...)` with the arguments' lattice elements.
pub(crate) fn abstract_call(engine: &mut Engine, args: &[Lattice]) -> Result<CallResult, InferError> {
    let Some(callee) = args.first() else { return Ok(CallResult::dynamic()) };
    if args.iter().any(Lattice::is_bottom) {
        return Ok(CallResult::new(Lattice::BOTTOM, Ty::BOTTOM, CallInfo::Throws));
    }
    if let Some(ConstValue::Builtin(id)) = callee.as_const() {
        let Some(b) = Builtin::from_id(*id) else { return Ok(CallResult::dynamic()) };
        return builtin_call(engine, b, &args[1..]);
    }
    let store = &mut engine.world.types;
    let f_ty = dispatch_type(store, callee);
    // A constant callee is one known value even when its dispatch type is not concrete
    // (`Type{ErrorException}` for a constructor call).
    let known = matches!(callee, Lattice::Const(_)) || store.is_concrete(f_ty);
    if !known || store.issubtype(f_ty, Ty::BUILTIN) {
        return Ok(CallResult::dynamic());
    }
    let argtypes: Vec<Ty> = args.iter().map(|a| dispatch_type(store, a)).collect();
    let sig = store.tuple(argtypes);
    call_signature_with(engine, sig, Some(args))
}

fn builtin_call(engine: &mut Engine, b: Builtin, args: &[Lattice]) -> Result<CallResult, InferError> {
    match b {
        Builtin::Invoke => return invoke_call(engine, args),
        Builtin::ApplyIterate => return apply_iterate_call(engine, args),
        _ => {}
    }
    if let Some(r) = crate::reflect::reflection_call(engine, b, args)? {
        return Ok(r);
    }
    let r = builtin_tfunc(&mut engine.world.types, b, args);
    let mut out = CallResult::new(r.rt, r.exc, CallInfo::Builtin(b));
    out.effect_free = r.effect_free;
    out.terminates = true;
    Ok(out)
}

/// A generic call on `Tuple{typeof(f), argtypes...}` (`abstract_call_gf_by_type`).
pub(crate) fn call_signature(engine: &mut Engine, sig: Ty) -> Result<CallResult, InferError> {
    call_signature_with(engine, sig, None)
}

/// `call_signature` knowing the call's argument lattices (`args`, the function first), so a
/// single matching method can be constant-propagated.
fn call_signature_with(
    engine: &mut Engine,
    sig: Ty,
    args: Option<&[Lattice]>,
) -> Result<CallResult, InferError> {
    let table = engine.interp.method_table();
    let world = engine.interp.world();
    let matches = engine.world.find_matches(table, sig, world);
    let max_methods = engine.interp.params().max_methods;
    if matches.matches.is_empty() {
        let mut r = CallResult::new(Lattice::BOTTOM, Ty::METHOD_ERROR, CallInfo::Throws);
        r.effect_free = true;
        r.terminates = true;
        r.edges.push(Edge::MethodTable { sig });
        r.worlds = matches.valid_worlds;
        return Ok(r);
    }
    let single = matches!(matches.matches.as_slice(), [m] if m.fully_covers && !matches.ambiguous);
    if !single {
        if let Some(splits) = union_split(&mut engine.world.types, sig) {
            return join_split_matches(engine, &splits, max_methods);
        }
    }
    if matches.matches.len() > max_methods {
        return Ok(CallResult::dynamic());
    }
    if let [m] = matches.matches.as_slice() {
        if m.fully_covers && !matches.ambiguous {
            let spec = engine.limit_recursion(m.method, m.spec_types, false);
            let mi = engine.world.specialize(m.method, spec);
            let mut callee = engine.typeinf_edge(mi)?;
            let mut edges = vec![];
            if let Some(args) = args {
                if let Some(ci) = crate::const_prop::const_prop(engine, mi, args, &callee)? {
                    // The constant result replaces the ordinary one; the caller also depends
                    // on what the constant frame looked up.
                    let worlds = callee.worlds;
                    callee = engine.callee_of_ci(ci);
                    callee.worlds = intersect_worlds(worlds, callee.worlds);
                    edges.push(Edge::CodeInstance(ci));
                }
            }
            let mut r =
                CallResult::new(callee.rettype, callee.exctype, CallInfo::Static { mi, ci: callee.ci });
            r.edges.append(&mut edges);
            r.nothrow = callee.effects.nothrow && callee.exctype == Ty::BOTTOM;
            r.effect_free = callee.effects.effect_free;
            r.terminates = callee.effects.terminates;
            r.edges.push(Edge::Dispatch { sig, mi });
            r.worlds = intersect_worlds(matches.valid_worlds, callee.worlds);
            return Ok(r);
        }
    }
    // Several candidates: the join of their results, dispatched at run time.
    join_candidates(engine, &[(sig, matches)])
}

/// At most this many signatures come from splitting a call's union arguments
/// (Compiler/src/types.jl `InferenceParams.max_union_splitting`).
const MAX_UNION_SPLITTING: usize = 4;

/// The signatures of a call whose arguments include unions, one per combination of their
/// members (`switchtupleunion`), when there are 2 to `MAX_UNION_SPLITTING` of them.
fn union_split(store: &mut types::TypeStore, sig: Ty) -> Option<Vec<Ty>> {
    let TyKind::Tuple { elems, vararg: None } = store.kind(sig).clone() else { return None };
    let members: Vec<Vec<Ty>> = elems.iter().map(|&e| store.union_members(e)).collect();
    if members.iter().any(Vec::is_empty) {
        return None;
    }
    let count = members.iter().try_fold(1usize, |n, m| n.checked_mul(m.len()))?;
    if !(2..=MAX_UNION_SPLITTING).contains(&count) {
        return None;
    }
    let mut splits: Vec<Vec<Ty>> = vec![vec![]];
    for options in &members {
        splits = splits
            .into_iter()
            .flat_map(|prefix| {
                options.iter().map(move |&t| {
                    let mut next = prefix.clone();
                    next.push(t);
                    next
                })
            })
            .collect();
    }
    Some(splits.into_iter().map(|elems| store.tuple(elems)).collect())
}

/// A call on union arguments, looked up once per split signature
/// (Compiler/src/abstractinterpretation.jl `find_union_split_method_matches`); `Any` when one
/// split has more than `max_methods` matches.
fn join_split_matches(
    engine: &mut Engine,
    splits: &[Ty],
    max_methods: usize,
) -> Result<CallResult, InferError> {
    let table = engine.interp.method_table();
    let world = engine.interp.world();
    let mut found = Vec::with_capacity(splits.len());
    for &split in splits {
        let m = engine.world.find_matches(table, split, world);
        if m.matches.len() > max_methods {
            return Ok(CallResult::dynamic());
        }
        found.push((split, m));
    }
    join_candidates(engine, &found)
}

/// A call dispatched at run time among candidate methods, found per signature (the call's, or
/// each of its union splits): the join of every candidate's result and exception, a
/// `MethodError` possible where a signature is not covered or is ambiguous, and the edges
/// that make the result valid.
fn join_candidates(
    engine: &mut Engine,
    found: &[(Ty, world::MatchResult)],
) -> Result<CallResult, InferError> {
    let mut r = CallResult::new(Lattice::BOTTOM, Ty::ANY, CallInfo::Dynamic);
    let mut exc = Ty::BOTTOM;
    for (sig, m) in found {
        r.worlds = intersect_worlds(r.worlds, m.valid_worlds);
        if m.ambiguous || !m.matches.iter().any(|x| x.fully_covers) {
            exc = engine.world.types.union(&[exc, Ty::METHOD_ERROR]);
        }
        for x in &m.matches {
            let spec = engine.limit_recursion(x.method, x.spec_types, true);
            let mi = engine.world.specialize(x.method, spec);
            let callee = engine.typeinf_edge(mi)?;
            let store = &mut engine.world.types;
            r.rt = r.rt.join(&callee.rettype, store);
            exc = store.union(&[exc, callee.exctype]);
            r.worlds = intersect_worlds(r.worlds, callee.worlds);
            r.edges.push(Edge::Dispatch { sig: *sig, mi });
        }
        r.edges.push(Edge::MethodTable { sig: *sig });
    }
    r.exc = exc;
    r.nothrow = false;
    Ok(r)
}

fn intersect_worlds(a: (u64, u64), b: (u64, u64)) -> (u64, u64) {
    (a.0.max(b.0), a.1.min(b.1))
}

/// `invoke(f, T::Type{<:Tuple}, args...)` and `invoke(f, ci::CodeInstance, args...)`.
fn invoke_call(engine: &mut Engine, args: &[Lattice]) -> Result<CallResult, InferError> {
    let unknown = CallResult::new(Lattice::ANY, Ty::ANY, CallInfo::Builtin(Builtin::Invoke));
    let [f, target, rest @ ..] = args else { return Ok(unknown) };
    match target.as_const() {
        Some(ConstValue::CodeInstance(ci)) => Ok(invoke_code_instance(engine, *ci, f, rest)),
        Some(ConstValue::Type(t)) => invoke_by_type(engine, *t, f, rest),
        _ => Ok(unknown),
    }
}

/// `abstract_invoke` for a constant CodeInstance (julia-invoke-notes §3.1, SEMANTICS §3.2).
fn invoke_code_instance(
    engine: &mut Engine,
    ci: types::CodeInstanceId,
    f: &Lattice,
    rest: &[Lattice],
) -> CallResult {
    let Some(c) = engine.world.get_code_instance(ci).cloned() else {
        return CallResult::new(Lattice::ANY, Ty::ANY, CallInfo::Builtin(Builtin::Invoke));
    };
    let mi = engine.world.method_instance(c.def).clone();
    let method_sig = engine.world.method(mi.method).sig;
    let store = &mut engine.world.types;
    let mut argtypes = vec![f.widen(store)];
    argtypes.extend(rest.iter().map(|a| dispatch_type(store, a)));
    let argtype = store.tuple(argtypes);
    if store.intersect(argtype, mi.spec_types) == Ty::BOTTOM {
        return CallResult::new(Lattice::BOTTOM, Ty::TYPE_ERROR, CallInfo::Throws);
    }
    let mut exc = c.exctype;
    if !store.issubtype(argtype, mi.spec_types) || !store.issubtype(argtype, method_sig) {
        exc = store.union(&[exc, Ty::TYPE_ERROR]);
    }
    let world = engine.interp.world();
    if !c.valid_in(world) {
        let mut r = CallResult::new(Lattice::BOTTOM, Ty::ERROR_EXCEPTION, CallInfo::Throws);
        // Valid only on our side of the CI's range.
        r.worlds = if world < c.min_world {
            (1, c.min_world - 1)
        } else {
            (c.max_world.saturating_add(1), MAX_WORLD)
        };
        r.edges.push(Edge::CodeInstance(ci));
        return r;
    }
    // A plugin CI may have no code when the call runs (never compiled, or dropped by
    // `drop_native_code!` later, at any time): the runtime then cures it through the owner's
    // `typeinf` or raises "Failed to invoke or compile external codeinst". So such a call may
    // always throw ErrorException and is never nothrow. Julia's check for this,
    // `ci.owner === Nothing` (abstractinterpretation.jl `abstract_invoke`), compares with the
    // *type* `Nothing`, never fires, and has the polarity inverted (julia-invoke-notes §3.3).
    if !c.is_native() {
        exc = store.union(&[exc, Ty::ERROR_EXCEPTION]);
    }
    // The result is exactly `ci.rettype` as a type: Julia does not use `rettype_const` here.
    let rt = Lattice::Type(c.rettype.widen(store));
    let mut r = CallResult::new(rt, exc, CallInfo::InvokeCodeInstance { ci });
    r.effect_free = c.effects.effect_free;
    r.terminates = c.effects.terminates;
    r.worlds = (c.min_world, c.max_world);
    r.edges.push(Edge::CodeInstance(ci));
    r
}

fn invoke_by_type(
    engine: &mut Engine,
    t: Ty,
    f: &Lattice,
    rest: &[Lattice],
) -> Result<CallResult, InferError> {
    let store = &mut engine.world.types;
    let TyKind::Tuple { elems, vararg } = store.kind(t).clone() else {
        return Ok(CallResult::new(Lattice::BOTTOM, Ty::TYPE_ERROR, CallInfo::Throws));
    };
    let f_ty = dispatch_type(store, f);
    let mut sig_elems = vec![f_ty];
    sig_elems.extend(elems);
    let sig = match vararg {
        Some(v) => store.tuple_vararg(sig_elems, v),
        None => store.tuple(sig_elems),
    };
    let argtypes: Vec<Ty> = rest.iter().map(|a| dispatch_type(store, a)).collect();
    let argtuple = store.tuple(argtypes.clone());
    if store.intersect(argtuple, t) == Ty::BOTTOM {
        return Ok(CallResult::new(Lattice::BOTTOM, Ty::TYPE_ERROR, CallInfo::Throws));
    }
    let checked = store.issubtype(argtuple, t);
    let table = engine.interp.method_table();
    let world = engine.interp.world();
    let lookup = engine.world.find_matches(table, sig, world);
    let Ok(method) = engine.world.dispatch(table, sig, world) else {
        let mut r = CallResult::new(Lattice::BOTTOM, Ty::METHOD_ERROR, CallInfo::Throws);
        r.edges.push(Edge::MethodTable { sig });
        r.worlds = lookup.valid_worlds;
        return Ok(r);
    };
    let store = &mut engine.world.types;
    let mut call_elems = vec![f_ty];
    call_elems.extend(argtypes);
    let call_sig = store.tuple(call_elems);
    let method_sig = engine.world.method(method).sig;
    let spec = engine.world.types.intersect(call_sig, method_sig);
    let mi = engine.world.specialize(method, spec);
    let callee = engine.typeinf_edge(mi)?;
    let exc =
        if checked { callee.exctype } else { engine.world.types.union(&[callee.exctype, Ty::TYPE_ERROR]) };
    let mut r = CallResult::new(callee.rettype, exc, CallInfo::Builtin(Builtin::Invoke));
    r.effect_free = callee.effects.effect_free;
    r.terminates = callee.effects.terminates;
    r.edges.push(Edge::Invoke { sig, mi });
    r.worlds = intersect_worlds(lookup.valid_worlds, callee.worlds);
    Ok(r)
}

/// `_apply_iterate(f, tuples...)` (or Julia's `_apply_iterate(iterate, f, tuples...)`): a call
/// of `f` with the tuples' elements, when every tuple has a known length.
fn apply_iterate_call(engine: &mut Engine, args: &[Lattice]) -> Result<CallResult, InferError> {
    let unknown = CallResult::new(Lattice::ANY, Ty::ANY, CallInfo::Builtin(Builtin::ApplyIterate));
    let iterate = engine.world.resolve_const(&ir::GlobalRef::new("Base", "iterate")).cloned();
    let (args, skipped_iterate) = match (args.first().and_then(Lattice::as_const), &iterate) {
        (Some(first), Some(it)) if first == it && args.len() >= 2 => (&args[1..], true),
        _ => (args, false),
    };
    let Some((f, tuples)) = args.split_first() else { return Ok(unknown) };
    let mut flat = vec![f.clone()];
    for t in tuples {
        match t {
            Lattice::Const(ConstValue::Tuple(vals)) => flat.extend(vals.iter().cloned().map(Lattice::Const)),
            _ => {
                let ty = t.widen(&mut engine.world.types);
                let store = &engine.world.types;
                match store.kind(ty) {
                    TyKind::Tuple { elems, vararg: None } => {
                        flat.extend(elems.iter().map(|&e| crate::frame::singleton_const(store, e)))
                    }
                    _ => return Ok(unknown),
                }
            }
        }
    }
    let mut r = abstract_call(engine, &flat)?;
    // The optimizer rewrites the call into a direct call of `f` on the tuples' fields
    // (opt/src/resolve_invokes.rs) and then uses the flattened call's info.
    r.info = CallInfo::ApplyIterate { call: Box::new(r.info), iterate: skipped_iterate };
    Ok(r)
}
