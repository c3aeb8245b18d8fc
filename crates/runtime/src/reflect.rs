//! The builtins that need the session: reflection (`@code_typed`, `@code_lowered`,
//! `@code_wasm`), world ages, both forms of `invoke`, splatting (`_apply_iterate`), and the
//! dispatch to the compiler-plugin API (`plugin`, `reflect_objects`).

use ir::{Builtin, RtValue};
use types::{MethodTableId, Ty, TyKind};

use crate::call;
use crate::heap::ObjectRef;
use crate::host::Host;
use crate::machine::{raise, throw_error_message, with_heap, Thrown};
use crate::{plugin, reflect_objects};

pub fn session_builtin(host: &mut dyn Host, b: Builtin, args: &[RtValue]) -> Result<RtValue, Thrown> {
    match b {
        Builtin::CodeTyped | Builtin::CodeLowered | Builtin::CodeWasm => reflect_code(host, b, args),
        Builtin::GetWorldCounter => Ok(RtValue::UInt(host.session().world.world_counter())),
        Builtin::TimeNs => Ok(RtValue::UInt(host.now_ns())),
        Builtin::TlsWorldAge => Ok(RtValue::UInt(host.session().task_world)),
        Builtin::ApplyIterate => apply_iterate(host, args),
        Builtin::Invoke => invoke(host, args),
        Builtin::Getfield => getfield(host, args),
        Builtin::MethodTableNew => reflect_objects::method_table(host, args),
        Builtin::MethodInstanceOf => reflect_objects::method_instance(host, args),
        Builtin::Typeinf => plugin::typeinf(host, args),
        Builtin::CodeInstanceOf => reflect_objects::code_instance(host, args),
        Builtin::CodeInstancesOf => reflect_objects::code_instances(host, args),
        Builtin::Which => reflect_objects::which(host, args),
        Builtin::Methods => reflect_objects::methods(host, args),
        Builtin::SpecializeMethod => reflect_objects::specialize_method(host, args),
        Builtin::InvokeInWorld => plugin::invoke_in_world(host, args),
        Builtin::InvokeLatest => plugin::invokelatest(host, args),
        Builtin::InferenceBarrier => match args {
            [x] => Ok(*x),
            _ => Err(throw_error_message(host, "_inferencebarrier: expected one argument")),
        },
        Builtin::DropNativeCode => drop_native_code(host, args),
        _ => Err(throw_error_message(host, &format!("invokelab: `{}` is not supported yet", b.name()))),
    }
}

fn nothing(host: &mut dyn Host) -> Result<RtValue, Thrown> {
    with_heap(host, |cx| cx.nothing())
}

/// The elements of a tuple value.
fn tuple_elements(host: &mut dyn Host, t: RtValue) -> Result<Vec<RtValue>, Thrown> {
    with_heap(host, |cx| {
        let n = cx.nfields(t);
        let RtValue::Ref(addr) = t else { return Ok(vec![]) };
        Ok((0..n).filter_map(|i| cx.field(addr, i)).collect())
    })
}

/// `@code_typed f(x)` and friends: print the IR of the CodeInstance the call would run, the way
/// the REPL displays it, and return `nothing`.
fn reflect_code(host: &mut dyn Host, b: Builtin, args: &[RtValue]) -> Result<RtValue, Thrown> {
    let (f, types_tuple) = match args {
        [f, t, ..] => (*f, *t),
        _ => {
            return Err(throw_error_message(
                host,
                "invokelab: reflection needs a function and argument types",
            ))
        }
    };
    let elems = tuple_elements(host, types_tuple)?;
    let mut sig_elems = vec![with_heap(host, |cx| Ok(cx.type_of(f)))?];
    for e in elems {
        match with_heap(host, |cx| Ok(cx.type_value(e)))? {
            Some(t) => sig_elems.push(t),
            None => return Err(throw_error_message(host, "invokelab: argument types must be types")),
        }
    }
    let session = host.session();
    let sig = session.world.types.tuple(sig_elems);
    let world_age = session.task_world;
    let method = match session.world.dispatch(MethodTableId(0), sig, world_age) {
        Ok(m) => m,
        Err(err) => {
            let mut values = vec![f];
            values.extend(args.iter().skip(2).copied());
            return Err(crate::machine::method_error(host, &[f], err));
        }
    };
    let mi = session.world.specialize(method, sig);
    let ci = call::infer_ci(host, mi)?;
    let text = match b {
        Builtin::CodeLowered => crate::dump::lowered_text(host.session(), ci),
        Builtin::CodeTyped => {
            let optimize = matches!(args.get(2), Some(RtValue::Bool(true)));
            if optimize {
                call::ensure_optimized(host, ci)?;
            }
            crate::dump::typed_text(host.session(), ci, optimize).unwrap_or_default()
        }
        _ => {
            call::ensure_compiled(host, ci)?;
            let bytes = host.session().native.get(&ci).and_then(|n| n.bytes.clone());
            bytes.map(|b| codegen::wat(&b)).unwrap_or_default()
        }
    };
    let session = host.session();
    session.stdout.push_str(&text);
    if !text.ends_with('\n') {
        session.stdout.push('\n');
    }
    nothing(host)
}

/// `Core._apply_iterate(iterate, f, collections...)`: call `f` with the elements of every
/// collection as arguments. Tuples and vectors are read directly; anything else goes through
/// the iterate protocol (`iterate(c)`, then `iterate(c, state)` until `nothing`), as Julia's
/// `jl_f__apply_iterate` does (src/builtins.c), so a value with no `iterate` method is a
/// `MethodError`. Each protocol step counts against the step budget, and the arguments
/// gathered are bounded by the heap's size (they would be boxed into it), so an endless
/// iterator stops with a language error.
fn apply_iterate(host: &mut dyn Host, args: &[RtValue]) -> Result<RtValue, Thrown> {
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
            let mut next = call::call_generic(host, &[*iterate, c])?;
            while let Some([x, state]) = iteration(host, next)? {
                if flat.len() > max_args {
                    return Err(raise(host, crate::errors::out_of_memory_error));
                }
                crate::machine::step(host)?;
                flat.push(x);
                next = call::call_generic(host, &[*iterate, c, state])?;
            }
        }
    }
    call::call_generic(host, &flat)
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
        return Err(crate::machine::method_error(host, &all, world::DispatchError::NoMethod));
    };
    let method = first.method;
    let mut spec = vec![f_ty];
    spec.extend(with_heap(host, |cx| Ok(rest.iter().map(|&a| cx.type_of(a)).collect::<Vec<_>>()))?);
    let session = host.session();
    let spec_sig = session.world.types.tuple(spec);
    let mi = session.world.specialize(method, spec_sig);
    let ci = call::infer_ci(host, mi)?;
    let mut all = vec![*f];
    all.extend_from_slice(rest);
    call::run_ci(host, ci, &all)
}

/// `invoke(f, ci::CodeInstance, args...)` or `invoke(f, T::Type{<:Tuple}, args...)`.
fn invoke(host: &mut dyn Host, args: &[RtValue]) -> Result<RtValue, Thrown> {
    if let [f, target, rest @ ..] = args {
        if let Some(ObjectRef::CodeInstance(ci)) = with_heap(host, |cx| Ok(cx.object_of(*target)))? {
            return plugin::invoke_code_instance(host, ci, *f, rest);
        }
    }
    invoke_with_signature(host, args)
}

/// `getfield` of a reflective object (the heap's `getfield` handles everything else).
fn getfield(host: &mut dyn Host, args: &[RtValue]) -> Result<RtValue, Thrown> {
    let [x, field] = args else {
        return Err(throw_error_message(host, "getfield: expected 2 arguments"));
    };
    match with_heap(host, |cx| Ok(cx.object_of(*x)))? {
        Some(o) => reflect_objects::object_field(host, o, *x, *field),
        None => Err(throw_error_message(host, "invokelab: getfield of an unexpected value")),
    }
}

/// `Core._drop_native_code(ci)`.
fn drop_native_code(host: &mut dyn Host, args: &[RtValue]) -> Result<RtValue, Thrown> {
    let ci = match args {
        [v] => with_heap(host, |cx| Ok(cx.object_of(*v)))?,
        _ => None,
    };
    let Some(ObjectRef::CodeInstance(ci)) = ci else {
        let got = args.first().copied().unwrap_or(RtValue::Int(0));
        return Err(raise(host, |cx| {
            crate::errors::type_error(cx, "drop_native_code!", Ty::CODE_INSTANCE, got)
        }));
    };
    plugin::drop_native_code(host, ci)?;
    nothing(host)
}
