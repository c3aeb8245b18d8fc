//! The builtins that call functions: `invoke` with a CodeInstance (src/builtins.c
//! `jl_f_invoke`: checks, then exactly that code) or with a signature, `Core._apply_iterate`
//! (splatting), `Core._invoke_in_world` and `Core._invokelatest`.

use ir::RtValue;
use types::{CodeInstanceId, MethodTableId, Ty, TyKind};

use crate::heap::ObjectRef;
use crate::host::Host;
use crate::raise::{method_error, raise, throw_error_message, with_heap, Thrown};

/// The elements of a tuple value.
pub fn tuple_elements(host: &mut dyn Host, t: RtValue) -> Result<Vec<RtValue>, Thrown> {
    with_heap(host, |cx| {
        let n = cx.nfields(t);
        let RtValue::Ref(addr) = t else { return Ok(vec![]) };
        Ok((0..n).filter_map(|i| cx.field(addr, i)).collect())
    })
}

/// `Core._apply_iterate(iterate, f, collections...)`: call `f` with the elements of every
/// collection as arguments. Tuples and vectors are read directly; anything else goes through
/// the iterate protocol (`iterate(c)`, then `iterate(c, state)` until `nothing`), as Julia's
/// `jl_f__apply_iterate` does (src/builtins.c), so a value with no `iterate` method is a
/// `MethodError`. Each protocol step counts against the step budget, and the arguments
/// gathered are bounded by the heap's size (they would be boxed into it), so an endless
/// iterator stops with a language error.
pub fn apply_iterate(host: &mut dyn Host, args: &[RtValue]) -> Result<RtValue, Thrown> {
    // The values gathered so far are roots while the iterators run (they may be fresh boxes
    // that nothing else holds).
    let mark = host.session().roots.len();
    let result = gather_and_call(host, args);
    host.session().roots.truncate(mark);
    result
}

fn keep(host: &mut dyn Host, values: &[RtValue]) {
    let roots = &mut host.session().roots;
    roots.extend(values.iter().filter_map(|v| match v {
        RtValue::Ref(addr) => Some(*addr),
        _ => None,
    }));
}

fn gather_and_call(host: &mut dyn Host, args: &[RtValue]) -> Result<RtValue, Thrown> {
    let [iterate, f, collections @ ..] = args else {
        return Err(throw_error_message(host, "invokelab: _apply_iterate needs a function"));
    };
    let max_args = host.session().options.max_heap_bytes as usize / 8;
    let mut flat = vec![*f];
    for &c in collections {
        let ty = with_heap(host, |cx| Ok(cx.type_of(c)))?;
        let session = host.session();
        if matches!(session.world.types.kind(ty), TyKind::Tuple { .. }) {
            flat.extend(tuple_elements(host, c)?);
        } else if session.world.types.vector_elem(ty).is_some() {
            let elems = with_heap(host, |cx| {
                let RtValue::Ref(v) = c else { return Ok(vec![]) };
                let n = cx.vector_length(v);
                Ok((0..n).filter_map(|i| cx.vector_get(v, i)).collect::<Vec<_>>())
            })?;
            flat.extend(elems);
        } else {
            let mut next = super::call_generic(host, &[*iterate, c])?;
            while let Some([x, state]) = iteration(host, next)? {
                if flat.len() > max_args {
                    return Err(raise(host, crate::errors::out_of_memory_error));
                }
                super::machine::charge_steps(host, 1)?;
                keep(host, &[x]);
                flat.push(x);
                next = super::call_generic(host, &[*iterate, c, state])?;
            }
        }
    }
    super::call_generic(host, &flat)
}

/// What one `iterate` call returned: `(element, state)`, or `None` for `nothing`. Any other
/// value is the `TypeError` Julia's `_apply_iterate` raises when it destructures the result.
fn iteration(host: &mut dyn Host, r: RtValue) -> Result<Option<[RtValue; 2]>, Thrown> {
    let ty = with_heap(host, |cx| Ok(cx.type_of(r)))?;
    if ty == Ty::NOTHING {
        return Ok(None);
    }
    if matches!(host.session().world.types.kind(ty), TyKind::Tuple { .. }) {
        if let [x, state] = tuple_elements(host, r)?[..] {
            return Ok(Some([x, state]));
        }
    }
    Err(raise(host, |cx| crate::errors::type_error(cx, "_apply_iterate", Ty::TUPLE, r)))
}

/// `invoke(f, T::Type{<:Tuple}, args...)`: run the most specific method for `T` on `args`,
/// checking only `args isa T` (src/builtins.c `jl_f_invoke`).
fn invoke_with_signature(host: &mut dyn Host, args: &[RtValue]) -> Result<RtValue, Thrown> {
    let [f, t, rest @ ..] = args else {
        return Err(throw_error_message(host, "invokelab: invoke needs a function and a signature"));
    };
    let tuple_ty = with_heap(host, |cx| Ok(cx.type_value(*t)))?;
    let session = host.session();
    let Some(tuple_ty) = tuple_ty.filter(|&ty| session.world.types.issubtype(ty, Ty::TUPLE)) else {
        let got = *t;
        let expected = session.world.types.type_type(Ty::TUPLE);
        return Err(raise(host, |cx| crate::errors::type_error(cx, "invoke", expected, got)));
    };
    let arg_types: Vec<Ty> = with_heap(host, |cx| Ok(rest.iter().map(|&a| cx.type_of(a)).collect()))?;
    let session = host.session();
    let actual = session.world.types.tuple(arg_types);
    if !session.world.types.issubtype(actual, tuple_ty) {
        let values = rest.to_vec();
        return Err(raise(host, |cx| {
            let got = cx.new_tuple(&values)?;
            crate::errors::type_error(cx, "invoke: argument type error", tuple_ty, RtValue::Ref(got))
        }));
    }
    let f_ty = with_heap(host, |cx| Ok(cx.type_of(*f)))?;
    let session = host.session();
    let mut lookup = vec![f_ty];
    if let TyKind::Tuple { elems, .. } = session.world.types.kind(tuple_ty).clone() {
        lookup.extend(elems);
    }
    let lookup_sig = session.world.types.tuple(lookup);
    let world_age = session.task_world;
    let matches = session.world.find_matches(MethodTableId(0), lookup_sig, world_age);
    // `jl_gf_invoke_lookup`: the most specific method that covers all of `T` (a more specific
    // method that covers only part of it, like `p(x::Int)` for `Tuple{Any}`, is not chosen).
    let Some(first) = matches.matches.iter().find(|m| m.fully_covers) else {
        let mut all = vec![*f];
        all.extend_from_slice(rest);
        return Err(method_error(host, &all, world::DispatchError::NoMethod));
    };
    let method = first.method;
    let mut spec = vec![f_ty];
    spec.extend(with_heap(host, |cx| Ok(rest.iter().map(|&a| cx.type_of(a)).collect::<Vec<_>>()))?);
    let session = host.session();
    let spec_sig = session.world.types.tuple(spec);
    let mi = session.world.specialize(method, spec_sig);
    let ci = crate::compile::infer(host, &types::ConstValue::nothing(), mi)?;
    let mut all = vec![*f];
    all.extend_from_slice(rest);
    super::call_ci(host, ci, &all)
}

/// `invoke(f, ci::CodeInstance, args...)` or `invoke(f, T::Type{<:Tuple}, args...)`.
pub fn invoke(host: &mut dyn Host, args: &[RtValue]) -> Result<RtValue, Thrown> {
    if let [f, target, rest @ ..] = args {
        if let Some(ObjectRef::CodeInstance(ci)) = with_heap(host, |cx| Ok(cx.object_of(*target)))? {
            return invoke_code_instance(host, ci, *f, rest);
        }
    }
    invoke_with_signature(host, args)
}

/// `invoke(f, ci::CodeInstance, args...)` (src/builtins.c `jl_f_invoke`): check `(f, args...)`
/// against the MethodInstance's `specTypes` and the method's signature, check the task's world
/// against the CodeInstance's range, then run exactly that code: no lookup, no specialization.
pub fn invoke_code_instance(
    host: &mut dyn Host,
    ci: CodeInstanceId,
    f: RtValue,
    rest: &[RtValue],
) -> Result<RtValue, Thrown> {
    let mut all = vec![f];
    all.extend_from_slice(rest);
    let actual = super::dispatch::signature_of(host, &all);
    let session = host.session();
    let world = &session.world;
    let code = world.code_instance(ci);
    let (min_world, max_world) = (code.min_world, code.max_world);
    let mi = world.method_instance(code.def);
    let spec = mi.spec_types;
    let method_sig = world.method(mi.method).sig;
    // "specTypes need not be a subtype of the method signature", so both are checked.
    let fits = world.types.issubtype(actual, spec) && world.types.issubtype(actual, method_sig);
    if !fits {
        return Err(raise(host, |cx| {
            let got = cx.new_tuple(&all)?;
            crate::errors::type_error(cx, "invoke: argument type error", spec, RtValue::Ref(got))
        }));
    }
    let task_world = host.session().task_world;
    if task_world < min_world || task_world > max_world {
        return Err(throw_error_message(host, "invoke: CodeInstance not valid for this world"));
    }
    super::call_ci(host, ci, &all)
}

/// `Core._invoke_in_world(world, f, args...)` (src/builtins.c `jl_f__call_in_world`): calls
/// `f(args...)` with the task's world set to `world`, clamped to the newest world.
pub fn invoke_in_world(host: &mut dyn Host, args: &[RtValue]) -> Result<RtValue, Thrown> {
    let [w, call_args @ ..] = args else {
        return Err(throw_error_message(host, "_apply_in_world: too few arguments (expected 2)"));
    };
    let RtValue::UInt(world) = *w else {
        let got = *w;
        return Err(raise(host, |cx| crate::errors::type_error(cx, "_apply_in_world", Ty::UINT64, got)));
    };
    if call_args.is_empty() {
        return Err(throw_error_message(host, "_apply_in_world: too few arguments (expected 2)"));
    }
    let world = world.min(host.session().world.world_counter());
    super::with_task_world(host, world, |host| super::call_generic(host, call_args))
}

/// `Core._invokelatest(f, args...)`: calls `f(args...)` in the newest world.
pub fn invokelatest(host: &mut dyn Host, args: &[RtValue]) -> Result<RtValue, Thrown> {
    if args.is_empty() {
        return Err(throw_error_message(host, "invokelatest: too few arguments (expected 1)"));
    }
    let world = host.session().world.world_counter();
    super::with_task_world(host, world, |host| super::call_generic(host, args))
}
