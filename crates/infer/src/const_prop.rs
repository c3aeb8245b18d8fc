//! Constant propagation: re-infer a small callee with the call's constant arguments
//! (Compiler/src/abstractinterpretation.jl `abstract_call_method_with_const_args`,
//! `const_prop_entry_heuristic`, `const_prop_argument_heuristic`).
//!
//! The result is a separate CodeInstance keyed by (MI, owner, argument lattices), kept out of
//! the MI's cache (`World::insert_const_ci`), so ordinary calls never see a body specialized on
//! constants. A call site adopts it (its call info names it, so the optimizer inlines or invokes
//! that body) only when it is more precise than the ordinary result. Bounded by the callee's
//! size and the nesting depth; never for a callee that is still being inferred. This file does
//! not decide which method a call selects (calls.rs does).

use types::{CodeInstanceId, Lattice, MethodInstanceId};
use world::CodeInstance;

use crate::engine::{Active, CalleeResult, Engine};
use crate::frame::{argument_types, run_frame};
use crate::{InferError, Interp};

/// Returns the CodeInstance of `mi` inferred with the constants among `args` (the call's
/// lattices, the function first), when that is worth doing and more precise than `regular`.
pub(crate) fn const_prop(
    engine: &mut Engine,
    mi: MethodInstanceId,
    args: &[Lattice],
    regular: &CalleeResult,
) -> Result<Option<CodeInstanceId>, InferError> {
    let Some(regular_ci) = regular.ci else { return Ok(None) };
    if matches!(regular.rettype, Lattice::Const(_)) || regular.rettype.is_bottom() {
        return Ok(None);
    }
    let Some(frame_args) = const_arguments(engine, mi, args)? else { return Ok(None) };
    let world = engine.interp.world();
    let owner = engine.owner.clone();
    let cached = engine.world.lookup_const_ci(mi, &owner, &frame_args, world);
    let ci = match cached {
        Some(ci) => ci,
        None => {
            if !allowed(engine, mi) {
                return Ok(None);
            }
            match infer_with(engine, mi, frame_args)? {
                Some(ci) => ci,
                None => return Ok(None),
            }
        }
    };
    Ok(improves(engine, ci, regular_ci).then_some(ci))
}

/// The argument lattices of the constant frame, or `None` when no argument carries a constant
/// that its type does not already imply.
fn const_arguments(
    engine: &mut Engine,
    mi: MethodInstanceId,
    args: &[Lattice],
) -> Result<Option<Vec<Lattice>>, InferError> {
    let (method, spec) = {
        let m = engine.world.method_instance(mi);
        (m.method, m.spec_types)
    };
    let (nargs, is_vararg) = {
        let m = engine.world.method(method);
        (m.nargs, m.is_vararg)
    };
    let mut frame = argument_types(engine, spec, nargs, is_vararg)?;
    let fixed = if is_vararg { nargs - 1 } else { nargs };
    if args.len() < fixed || (!is_vararg && args.len() != nargs) {
        return Ok(None);
    }
    for (slot, a) in frame.iter_mut().zip(args).take(fixed) {
        if matches!(a, Lattice::Const(_)) {
            *slot = a.clone();
        }
    }
    if is_vararg {
        let rest: Option<Vec<types::ConstValue>> =
            args[fixed..].iter().map(|a| a.as_const().cloned()).collect();
        if let (Some(rest), Some(slot)) = (rest, frame.last_mut()) {
            *slot = Lattice::Const(types::ConstValue::Tuple(rest.into()));
        }
    }
    let regular = argument_types(engine, spec, nargs, is_vararg)?;
    Ok((frame != regular).then_some(frame))
}

/// The size and depth bounds, and no re-entry into a callee still being inferred.
fn allowed(engine: &Engine, mi: MethodInstanceId) -> bool {
    let params = engine.interp.params();
    let method = engine.world.method_instance(mi).method;
    if engine.world.method(method).source.insts.len() > params.const_prop_max_insts {
        return false;
    }
    if engine.const_prop_depth() >= params.max_const_prop_depth || engine.too_deep(mi) {
        return false;
    }
    !engine.stack.iter().any(|a| a.mi == mi) && !engine.in_progress(mi, &engine.owner)
}

/// Infers `mi` with `args` in a constant frame and stores the result. `None` when the frame
/// depended on an unfinished cycle (its result would be provisional); the dependency is passed
/// on to the caller's frame.
fn infer_with(
    engine: &mut Engine,
    mi: MethodInstanceId,
    args: Vec<Lattice>,
) -> Result<Option<CodeInstanceId>, InferError> {
    engine.stack.push(Active {
        mi,
        rettype: Lattice::BOTTOM,
        exctype: types::Ty::BOTTOM,
        cycle_head: None,
        interp: engine.interp.clone(),
        const_prop: true,
    });
    let result = run_frame(engine, mi, Some(&args));
    let head = engine.stack.pop().and_then(|a| a.cycle_head);
    let r = result?;
    if let Some(head) = head {
        engine.mark_cycle(head);
        return Ok(None);
    }
    let ci = engine.world.insert_const_ci(
        args,
        CodeInstance {
            def: mi,
            owner: r.owner,
            min_world: r.min_world,
            max_world: r.max_world,
            rettype: r.rettype,
            exctype: r.exctype,
            effects: r.effects,
            typed: Some(std::rc::Rc::new(r.body)),
            inferred: None,
            edges: r.edges,
        },
    );
    Ok(Some(ci))
}

/// Whether the constant result tells more than the ordinary one: a narrower return or
/// exception type, better effects, or more values proven constant or unreachable (a branch
/// folded away, which the inliner then profits from).
fn improves(engine: &mut Engine, ci: CodeInstanceId, regular: CodeInstanceId) -> bool {
    let c = engine.world.code_instance(ci).clone();
    let r = engine.world.code_instance(regular).clone();
    let store = &mut engine.world.types;
    if !c.rettype.less_equal(&r.rettype, store) || !store.issubtype(c.exctype, r.exctype) {
        return false;
    }
    let (ce, re) = (c.effects, r.effects);
    let effects_better = ce != re
        && ce.nothrow >= re.nothrow
        && ce.effect_free >= re.effect_free
        && ce.terminates >= re.terminates;
    if c.rettype != r.rettype || c.exctype != r.exctype || effects_better {
        return true;
    }
    precision(c.typed.as_deref()) > precision(r.typed.as_deref())
}

/// Values inferred as constants or as unreachable (`Union{}`), arguments excluded.
fn precision(body: Option<&ir::Body>) -> usize {
    let Some(body) = body else { return 0 };
    body.values
        .ids()
        .filter(|&v| !matches!(body.value_def(v), ir::ValueDef::Arg(_)))
        .filter(|&v| {
            matches!(body.types.get(v), Some(Lattice::Const(_)))
                || body.types.get(v).is_some_and(Lattice::is_bottom)
        })
        .count()
}
