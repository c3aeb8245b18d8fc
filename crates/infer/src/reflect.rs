//! Inference of the compiler-plugin builtins that need the world (SEMANTICS.md §1.3, §3.4):
//! `_method_instance` (folds to the MethodInstance dispatch selects), `_typeinf` (the
//! mid-inference interpreter switch: folds to the CodeInstance the owner's inference makes right
//! now, on the shared stack), and `getfield` of CodeInstance / MethodInstance / Method objects.
//!
//! Everything here falls back to an ordinary run-time builtin call when the arguments are not
//! constant enough; the plain type-level results of the other plugin builtins are in tfuncs.rs.

use ir::{Builtin, CallInfo};
use types::{ConstValue, Lattice, MethodTableId, Ty};
use world::Edge;

use crate::calls::CallResult;
use crate::engine::Engine;
use crate::tfuncs::dispatch_type;
use crate::{InferError, Interp};

/// The result of `b(args...)` when this file knows better than the plain tfunc.
pub(crate) fn reflection_call(
    engine: &mut Engine,
    b: Builtin,
    args: &[Lattice],
) -> Result<Option<CallResult>, InferError> {
    Ok(match b {
        Builtin::MethodInstanceOf => method_instance_call(engine, args),
        Builtin::Typeinf => typeinf_call(engine, args)?,
        Builtin::Getfield => getfield_call(engine, args),
        _ => None,
    })
}

fn pure(rt: Lattice, b: Builtin) -> CallResult {
    let mut r = CallResult::new(rt, Ty::BOTTOM, CallInfo::Builtin(b));
    r.effect_free = true;
    r.terminates = true;
    r
}

/// `_method_instance(f, args...)` with a constant `f` and concrete argument types: the
/// MethodInstance the run-time builtin would return (`jl_method_lookup` in the global table,
/// specialized on the call's signature, as the runtime's dispatch does), with a dispatch edge so
/// a new, more specific method invalidates the caller.
fn method_instance_call(engine: &mut Engine, args: &[Lattice]) -> Option<CallResult> {
    let (f, rest) = args.split_first()?;
    f.as_const()?;
    let store = &mut engine.world.types;
    let mut elems = Vec::with_capacity(args.len());
    for a in std::iter::once(f).chain(rest) {
        let t = dispatch_type(store, a);
        let const_type = matches!(a, Lattice::Const(ConstValue::Type(_)));
        if !const_type && !store.is_concrete(t) {
            return None;
        }
        elems.push(t);
    }
    let sig = store.tuple(elems);
    let world = engine.interp.world();
    let found = engine.world.find_matches(MethodTableId(0), sig, world);
    let [m] = found.matches.as_slice() else { return None };
    if !m.fully_covers || found.ambiguous {
        return None;
    }
    let mi = engine.world.specialize(m.method, sig);
    let mut r = pure(Lattice::Const(ConstValue::MethodInstance(mi)), Builtin::MethodInstanceOf);
    r.edges.push(Edge::Dispatch { sig, mi });
    r.worlds = found.valid_worlds;
    Some(r)
}

/// `_typeinf(owner, mi, mode)` with three constants: run the owner's inference for `mi` now,
/// joining the current stack (PR #56660's `typeinf_edge` license, julia-invoke-notes §4.1), and
/// fold to that CodeInstance. The caller is valid only while the CodeInstance is (a
/// CodeInstance edge and the CI's world range), since at run time `typeinf` would then return
/// another one. Recursion across owners (the target is already being inferred) is not folded.
fn typeinf_call(engine: &mut Engine, args: &[Lattice]) -> Result<Option<CallResult>, InferError> {
    let [owner, mi, mode] = args else { return Ok(None) };
    let (Some(owner), Some(ConstValue::MethodInstance(mi))) = (owner.as_const(), mi.as_const()) else {
        return Ok(None);
    };
    // SOURCE_MODE_NOT_REQUIRED = 0, SOURCE_MODE_ABI = 1; the runtime compiles on first call.
    if !matches!(mode.as_const(), Some(ConstValue::Int(0 | 1) | ConstValue::UInt(0 | 1))) {
        return Ok(None);
    }
    let interp = crate::interp_for_owner(engine.world, owner, engine.interp.world());
    let Some(ci) = engine.typeinf_in(interp, *mi)? else { return Ok(None) };
    let c = engine.world.code_instance(ci);
    let worlds = (c.min_world, c.max_world);
    let mut r = pure(Lattice::Const(ConstValue::CodeInstance(ci)), Builtin::Typeinf);
    r.edges.push(Edge::CodeInstance(ci));
    r.worlds = worlds;
    Ok(Some(r))
}

/// `getfield` of a CodeInstance, MethodInstance or Method with a constant field name. Fields
/// that never change on a constant object fold (`def`, `owner`, `rettype`, `exctype`,
/// `specTypes`); `min_world`/`max_world` never do (invalidation caps `max_world`), nor `cache`.
fn getfield_call(engine: &mut Engine, args: &[Lattice]) -> Option<CallResult> {
    let [obj, name] = args else { return None };
    let Some(ConstValue::Symbol(field)) = name.as_const() else { return None };
    let ty = obj.widen(&mut engine.world.types);
    let known = |rt: Lattice| Some(pure(rt, Builtin::Getfield));
    let unknown = || {
        let mut r = CallResult::new(Lattice::ANY, Ty::ANY, CallInfo::Builtin(Builtin::Getfield));
        r.effect_free = true;
        r.terminates = true;
        Some(r)
    };
    if ty == Ty::CODE_INSTANCE {
        let c = match obj.as_const() {
            Some(ConstValue::CodeInstance(ci)) => engine.world.get_code_instance(*ci).cloned(),
            _ => None,
        };
        let store = &mut engine.world.types;
        return match (&**field, c) {
            ("min_world" | "max_world", _) => known(Lattice::Type(Ty::UINT64)),
            ("rettype", Some(c)) => known(Lattice::Const(ConstValue::Type(c.rettype.widen(store)))),
            ("exctype", Some(c)) => known(Lattice::Const(ConstValue::Type(c.exctype))),
            ("owner", Some(c)) => known(Lattice::Const(c.owner)),
            ("def", Some(c)) => known(Lattice::Const(ConstValue::MethodInstance(c.def))),
            ("rettype" | "exctype", None) => known(Lattice::Type(Ty::TYPE)),
            ("owner", None) => known(Lattice::ANY),
            ("def", None) => known(Lattice::Type(Ty::METHOD_INSTANCE)),
            _ => unknown(),
        };
    }
    if ty == Ty::METHOD_INSTANCE {
        let mi = match obj.as_const() {
            Some(ConstValue::MethodInstance(mi)) => engine.world.get_method_instance(*mi).cloned(),
            _ => None,
        };
        return match (&**field, mi) {
            ("specTypes", Some(mi)) => known(Lattice::Const(ConstValue::Type(mi.spec_types))),
            ("def", Some(mi)) => known(Lattice::Const(ConstValue::Method(mi.method))),
            ("specTypes", None) => known(Lattice::Type(Ty::TYPE)),
            ("def", None) => known(Lattice::Type(Ty::METHOD)),
            // The newest CodeInstance, or an error when there is none yet.
            ("cache", _) => {
                let mut r = CallResult::new(
                    Lattice::Type(Ty::CODE_INSTANCE),
                    Ty::ANY,
                    CallInfo::Builtin(Builtin::Getfield),
                );
                r.effect_free = true;
                r.terminates = true;
                Some(r)
            }
            _ => unknown(),
        };
    }
    if ty == Ty::METHOD {
        return unknown();
    }
    None
}
