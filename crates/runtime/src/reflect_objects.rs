//! Reflection on the runtime's objects (SEMANTICS.md §1.3): `method_instance`, `code_instance`,
//! `code_instances`, `which`, `methods`, `specialize_method`, overlay method tables, the fields
//! of Method / MethodInstance / CodeInstance objects, and how those objects print.
//!
//! It reads and fills the world's caches through inference (`plugin::infer_for_owner`); it does
//! not run CodeInstances (`plugin` and `call` do).

use ir::RtValue;
use types::{CodeInstanceId, ConstValue, MethodId, MethodInstanceId, MethodTableId, Ty, TyKind};
use world::World;

use crate::call;
use crate::compile;
use crate::heap::ObjectRef;
use crate::host::Host;
use crate::options::EngineKind;
use crate::raise::{method_error, raise, throw_error_message, with_heap, Thrown};
use crate::session::Session;

fn object(host: &mut dyn Host, v: RtValue) -> Result<Option<ObjectRef>, Thrown> {
    with_heap(host, |cx| Ok(cx.object_of(v)))
}

fn boxed(host: &mut dyn Host, o: ObjectRef) -> Result<RtValue, Thrown> {
    with_heap(host, |cx| cx.object_box(o).map(RtValue::Ref))
}

/// A `Vector{Any}` of these objects.
fn object_vector(host: &mut dyn Host, objects: &[ObjectRef]) -> Result<RtValue, Thrown> {
    with_heap(host, |cx| {
        let v = cx.new_vector(Ty::ANY)?;
        for &o in objects {
            let b = cx.object_box(o)?;
            cx.vector_push(v, RtValue::Ref(b))?;
        }
        Ok(RtValue::Ref(v))
    })
}

/// A type argument (`sig::Type{<:Tuple}`), or the TypeError `func` raises for it.
fn tuple_type_arg(host: &mut dyn Host, func: &str, v: RtValue) -> Result<Ty, Thrown> {
    let t = with_heap(host, |cx| Ok(cx.type_value(v)))?;
    let session = host.session();
    match t {
        Some(t) if session.world.types.issubtype(t, Ty::TUPLE) => Ok(t),
        _ => {
            let expected = session.world.types.type_type(Ty::TUPLE);
            Err(raise(host, |cx| crate::errors::type_error(cx, func, expected, v)))
        }
    }
}

/// `Core._method_instance(f, args...)` (`jl_method_lookup`): the MethodInstance a call with
/// these values dispatches to in the task's world.
pub fn method_instance(host: &mut dyn Host, args: &[RtValue]) -> Result<RtValue, Thrown> {
    if args.is_empty() {
        return Err(throw_error_message(host, "_method_instance: too few arguments (expected 1)"));
    }
    let sig = call::dispatch::signature_of(host, args);
    let session = host.session();
    let method = match session.world.dispatch(MethodTableId(0), sig, session.task_world) {
        Ok(m) => m,
        Err(err) => return Err(method_error(host, args, err)),
    };
    let mi = host.session().world.specialize(method, sig);
    boxed(host, ObjectRef::MethodInstance(mi))
}

/// The most specific method of `table` for `sig` in the task's world, if one covers `sig`
/// without ambiguity (`jl_gf_invoke_lookup`).
fn unique_method(session: &mut Session, table: MethodTableId, sig: Ty) -> Option<MethodId> {
    let world_age = session.task_world;
    let found = session.world.find_matches(table, sig, world_age);
    match found.matches.first() {
        Some(m) if m.fully_covers && !found.ambiguous => Some(m.method),
        _ => None,
    }
}

const NO_UNIQUE_METHOD: &str = "no unique matching method found for the specified argument types";

/// `Core._code_instance(f, types::Tuple, owner)`: the CodeInstance of `owner`'s partition for
/// `Tuple{typeof(f), types...}` valid now, inferring (and, on wasm, compiling) it if needed.
pub fn code_instance(host: &mut dyn Host, args: &[RtValue]) -> Result<RtValue, Thrown> {
    let [f, types_tuple, owner] = args else {
        return Err(throw_error_message(host, "_code_instance: expected (f, types, owner)"));
    };
    let Some(owner) = with_heap(host, |cx| Ok(cx.const_of(*owner)))? else {
        return Err(throw_error_message(host, "invokelab: a cache owner must be an immutable value"));
    };
    let elems = with_heap(host, |cx| {
        let RtValue::Ref(addr) = *types_tuple else { return Ok(None) };
        if !matches!(cx.types.kind(cx.tag(addr)), TyKind::Tuple { .. }) {
            return Ok(None);
        }
        let types: Option<Vec<Ty>> =
            (0..cx.aux(addr)).map(|i| cx.field(addr, i).and_then(|e| cx.type_value(e))).collect();
        Ok(types)
    })?;
    let Some(elems) = elems else {
        return Err(throw_error_message(host, "code_instance: argument types must be a tuple of types"));
    };
    let mut sig_elems = vec![function_type(host, *f)];
    sig_elems.extend(elems);
    let session = host.session();
    let sig = session.world.types.tuple(sig_elems);
    let table = session.world.owner_settings(&owner).method_table;
    let Some(method) = unique_method(session, table, sig) else {
        return Err(throw_error_message(host, NO_UNIQUE_METHOD));
    };
    let mi = host.session().world.specialize(method, sig);
    let ci = compile::infer(host, &owner, mi)?;
    compile::optimize(host, ci)?;
    if host.session().options.engine == EngineKind::Wasm {
        compile::compile(host, ci)?;
    }
    boxed(host, ObjectRef::CodeInstance(ci))
}

/// The type `f`'s methods dispatch on (`typeof(f)`, or `Type{T}` for a type).
fn function_type(host: &mut dyn Host, f: RtValue) -> Ty {
    let sig = call::dispatch::signature_of(host, &[f]);
    match host.session().world.types.kind(sig) {
        TyKind::Tuple { elems, .. } => elems.first().copied().unwrap_or(Ty::ANY),
        _ => Ty::ANY,
    }
}

/// `Core._code_instances(f)`: every CodeInstance of every method of `f`, every owner and world,
/// oldest first.
pub fn code_instances(host: &mut dyn Host, args: &[RtValue]) -> Result<RtValue, Thrown> {
    let f = args.first().copied().unwrap_or(RtValue::Int(0));
    let func_ty = function_type(host, f);
    let cis = host.session().world.code_instances_of_function(func_ty);
    let objects: Vec<ObjectRef> = cis.into_iter().map(ObjectRef::CodeInstance).collect();
    object_vector(host, &objects)
}

/// `Core._which(sig)`: the most specific method for `sig` in the task's world.
pub fn which(host: &mut dyn Host, args: &[RtValue]) -> Result<RtValue, Thrown> {
    let sig = tuple_type_arg(host, "which", args.first().copied().unwrap_or(RtValue::Int(0)))?;
    match unique_method(host.session(), MethodTableId(0), sig) {
        Some(m) => boxed(host, ObjectRef::Method(m)),
        None => Err(throw_error_message(host, NO_UNIQUE_METHOD)),
    }
}

/// `Core._methods(f)`: the methods of `f` in the global table visible in the task's world, in
/// definition order.
pub fn methods(host: &mut dyn Host, args: &[RtValue]) -> Result<RtValue, Thrown> {
    let f = args.first().copied().unwrap_or(RtValue::Int(0));
    let func_ty = function_type(host, f);
    let session = host.session();
    let w = session.task_world;
    let objects: Vec<ObjectRef> = session
        .world
        .methods_of(func_ty)
        .into_iter()
        .filter(|&m| {
            let m = session.world.method(m);
            m.table == MethodTableId(0) && m.primary_world <= w && w < m.deleted_world
        })
        .map(ObjectRef::Method)
        .collect();
    object_vector(host, &objects)
}

/// `Core._specialize_method(method, sig)`: the MethodInstance of `method` for the part of `sig`
/// it covers.
pub fn specialize_method(host: &mut dyn Host, args: &[RtValue]) -> Result<RtValue, Thrown> {
    let [m, sig] = args else {
        return Err(throw_error_message(host, "_specialize_method: expected (method, sig)"));
    };
    let Some(ObjectRef::Method(method)) = object(host, *m)? else {
        let got = *m;
        return Err(raise(host, |cx| crate::errors::type_error(cx, "specialize_method", Ty::METHOD, got)));
    };
    let sig = tuple_type_arg(host, "specialize_method", *sig)?;
    let world = &mut host.session().world;
    let msig = world.method(method).sig;
    let spec = world.types.intersect(sig, msig);
    if spec == Ty::BOTTOM {
        return Err(throw_error_message(host, "specialize_method: the signature does not match the method"));
    }
    let mi = world.specialize(method, spec);
    boxed(host, ObjectRef::MethodInstance(mi))
}

/// `Core._method_table(:name)` (`Base.Experimental.@MethodTable name`): a new overlay table.
pub fn method_table(host: &mut dyn Host, args: &[RtValue]) -> Result<RtValue, Thrown> {
    let name = with_heap(host, |cx| {
        Ok(match args.first() {
            Some(RtValue::Ref(a)) if cx.tag(*a) == Ty::SYMBOL => Some(cx.string_of(*a).to_string()),
            _ => None,
        })
    })?;
    let Some(name) = name else {
        let got = args.first().copied().unwrap_or(RtValue::Int(0));
        return Err(raise(host, |cx| crate::errors::type_error(cx, "_method_table", Ty::SYMBOL, got)));
    };
    let table = host.session().world.new_method_table(&name);
    boxed(host, ObjectRef::MethodTable(table))
}

/// `getfield(o, :name)` of a Method, MethodInstance, CodeInstance or method table.
pub fn object_field(
    host: &mut dyn Host,
    o: ObjectRef,
    x: RtValue,
    field: RtValue,
) -> Result<RtValue, Thrown> {
    let name = with_heap(host, |cx| {
        Ok(match field {
            RtValue::Ref(a) if cx.tag(a) == Ty::SYMBOL => Some(cx.string_of(a).to_string()),
            _ => None,
        })
    })?;
    let Some(name) = name else {
        let expected = host.session().world.types.union(&[Ty::INT64, Ty::SYMBOL]);
        return Err(raise(host, |cx| crate::errors::type_error(cx, "getfield", expected, field)));
    };
    let value = match o {
        ObjectRef::CodeInstance(ci) => code_instance_field(host.session(), ci, &name),
        ObjectRef::MethodInstance(mi) => match name.as_str() {
            "cache" => return mi_cache(host, mi),
            _ => method_instance_field(host.session(), mi, &name),
        },
        ObjectRef::Method(m) => method_field(&host.session().world, m, &name),
        ObjectRef::MethodTable(t) => match (name.as_str(), host.session().world.method_table(t)) {
            ("name", Some(table)) => Some(ConstValue::Symbol(table.name.clone())),
            _ => None,
        },
    };
    match value {
        Some(c) => call::constant(host, &c),
        None => {
            let ty = with_heap(host, |cx| Ok(cx.type_of(x)))?;
            Err(raise(host, |cx| crate::errors::field_error(cx, ty, &name)))
        }
    }
}

fn code_instance_field(session: &mut Session, ci: CodeInstanceId, name: &str) -> Option<ConstValue> {
    let world = &mut session.world;
    let code = world.code_instance(ci).clone();
    Some(match name {
        "def" => ConstValue::MethodInstance(code.def),
        "owner" => code.owner,
        "rettype" => ConstValue::Type(code.rettype_ty(&mut world.types)),
        "exctype" => ConstValue::Type(code.exctype),
        "min_world" => ConstValue::UInt(code.min_world),
        "max_world" => ConstValue::UInt(code.max_world),
        _ => return None,
    })
}

fn method_instance_field(session: &mut Session, mi: MethodInstanceId, name: &str) -> Option<ConstValue> {
    let m = session.world.method_instance(mi);
    Some(match name {
        "def" => ConstValue::Method(m.method),
        "specTypes" => ConstValue::Type(m.spec_types),
        _ => return None,
    })
}

fn method_field(world: &World, m: MethodId, name: &str) -> Option<ConstValue> {
    let method = world.method(m);
    Some(match name {
        "name" => ConstValue::Symbol(method.name.clone()),
        "sig" => ConstValue::Type(method.sig),
        "nargs" => ConstValue::Int(method.nargs as i64),
        "primary_world" => ConstValue::UInt(method.primary_world),
        "deleted_world" => ConstValue::UInt(method.deleted_world),
        _ => return None,
    })
}

/// `mi.cache`: the native CodeInstance valid in the task's world, inferred if there is none
/// (Julia's field holds the newest CodeInstance of any owner; the playground's programs use it
/// as `specialize_method(...).cache`, for the native one).
fn mi_cache(host: &mut dyn Host, mi: MethodInstanceId) -> Result<RtValue, Thrown> {
    let ci = compile::infer(host, &ConstValue::nothing(), mi)?;
    compile::optimize(host, ci)?;
    boxed(host, ObjectRef::CodeInstance(ci))
}

// ----- printing ---------------------------------------------------------------------------------
