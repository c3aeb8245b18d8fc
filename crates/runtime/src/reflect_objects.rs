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
use crate::heap::ObjectRef;
use crate::host::Host;
use crate::machine::{raise, throw_error_message, with_heap, Thrown};
use crate::options::EngineKind;
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
    let sig = call::signature_of(host, args);
    let session = host.session();
    let method = match session.world.dispatch(MethodTableId(0), sig, session.task_world) {
        Ok(m) => m,
        Err(err) => return Err(crate::machine::method_error(host, args, err)),
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
    let ci = crate::plugin::infer_for_owner(host, &owner, mi)?;
    call::ensure_optimized(host, ci)?;
    if host.session().options.engine == EngineKind::Wasm {
        call::ensure_compiled(host, ci)?;
    }
    boxed(host, ObjectRef::CodeInstance(ci))
}

/// The type `f`'s methods dispatch on (`typeof(f)`, or `Type{T}` for a type).
fn function_type(host: &mut dyn Host, f: RtValue) -> Ty {
    let sig = call::signature_of(host, &[f]);
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
    let ci = call::infer_ci(host, mi)?;
    call::ensure_optimized(host, ci)?;
    boxed(host, ObjectRef::CodeInstance(ci))
}

// ----- printing ---------------------------------------------------------------------------------

/// Gives every reflective object boxed so far the text `show` prints for it, so the heap's
/// printer (which knows no world) shows them as Julia does.
pub fn refresh_labels(session: &mut Session) {
    let objects = &session.objects;
    if objects.labels.len() == objects.object_boxes.len() {
        return;
    }
    let missing: Vec<ObjectRef> =
        objects.object_boxes.keys().filter(|o| !objects.labels.contains_key(o)).copied().collect();
    for o in missing {
        let text = object_label(session, o);
        session.objects.set_label(o, text);
    }
}

/// base/show.jl: `show(io, ::CodeInstance)` is `CodeInstance for ` + the MethodInstance,
/// `show(io, ::MethodInstance)` is `MethodInstance for f(::Float64)` (`show_tuple_as_call`),
/// `show(io, ::Method)` is `f(x::Float64) @ Main file.jl:1`.
pub fn object_label(session: &Session, o: ObjectRef) -> String {
    let world = &session.world;
    match o {
        ObjectRef::CodeInstance(ci) => match world.get_code_instance(ci) {
            Some(c) => format!("CodeInstance for {}", mi_label(world, c.def)),
            None => format!("CodeInstance({ci})"),
        },
        ObjectRef::MethodInstance(mi) => mi_label(world, mi),
        ObjectRef::Method(m) => method_label(session, m),
        ObjectRef::MethodTable(t) => match world.method_table(t) {
            // base/methodshow.jl `show_method_list_header`, without the method list.
            Some(table) => {
                let n = table.methods.len();
                format!("# {n} method{} for {}", if n == 1 { "" } else { "s" }, table.name)
            }
            None => format!("MethodTable({t})"),
        },
    }
}

fn mi_label(world: &World, mi: MethodInstanceId) -> String {
    let Some(m) = world.get_method_instance(mi) else { return format!("MethodInstance({mi})") };
    let name = world.method(m.method).name.clone();
    let args: Vec<String> = match world.types.kind(m.spec_types) {
        TyKind::Tuple { elems, .. } => {
            elems.iter().skip(1).map(|&t| format!("::{}", world.types.display(t))).collect()
        }
        _ => vec![],
    };
    format!("MethodInstance for {}({})", call_name(&name), args.join(", "))
}

/// A function name as Julia prints it in a call: `var"#f#1"` for names that are not
/// identifiers.
fn call_name(name: &str) -> String {
    let plain = name.chars().next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '!');
    if plain || !name.starts_with('#') {
        name.to_string()
    } else {
        format!("var\"{name}\"")
    }
}

fn method_label(session: &Session, m: MethodId) -> String {
    let world = &session.world;
    let method = world.method(m);
    let sig_elems: Vec<Ty> = match world.types.kind(method.sig) {
        TyKind::Tuple { elems, .. } => elems.iter().skip(1).copied().collect(),
        _ => vec![],
    };
    let mut args = Vec::new();
    for i in 0..method.nargs.saturating_sub(1) {
        let name = method.lowered.arg_names.get(i + 1).cloned().flatten().unwrap_or_default();
        let name = if name.starts_with('#') { "" } else { &*name };
        let last_vararg = method.is_vararg && i + 2 == method.nargs;
        let ty = sig_elems.get(i).copied();
        let ty_text = match ty {
            Some(t) if t != Ty::ANY && !(last_vararg && vararg_elem_is_any(world, method.sig)) => {
                let t = if last_vararg { vararg_elem(world, method.sig).unwrap_or(t) } else { t };
                format!("::{}", world.types.display(t))
            }
            _ => String::new(),
        };
        let dots = if last_vararg { "..." } else { "" };
        args.push(format!("{name}{ty_text}{dots}"));
    }
    let location = session.location(method.span);
    format!("{}({}) @ {} {}", call_name(&method.name), args.join(", "), method.module, location)
}

fn vararg_elem(world: &World, sig: Ty) -> Option<Ty> {
    match world.types.kind(sig) {
        TyKind::Tuple { vararg, .. } => *vararg,
        _ => None,
    }
}

fn vararg_elem_is_any(world: &World, sig: Ty) -> bool {
    vararg_elem(world, sig).is_none_or(|t| t == Ty::ANY)
}

/// A cache owner as `show` prints it (`SplitCacheOwner(0)`, `nothing`), for dump headers.
pub fn owner_repr(world: &World, owner: &ConstValue) -> String {
    match owner {
        ConstValue::Int(i) => i.to_string(),
        ConstValue::UInt(u) => format!("0x{u:016x}"),
        ConstValue::Float(f) => crate::float::format_float(f.0),
        ConstValue::Bool(b) => b.to_string(),
        ConstValue::Str(s) => format!("{s:?}"),
        ConstValue::Symbol(s) => format!(":{s}"),
        ConstValue::Type(t) => world.types.display(*t),
        ConstValue::Singleton(t) if *t == Ty::NOTHING => "nothing".to_string(),
        ConstValue::Singleton(t) => format!("{}()", world.types.display(*t)),
        ConstValue::Tuple(elems) => {
            let parts: Vec<String> = elems.iter().map(|e| owner_repr(world, e)).collect();
            if parts.len() == 1 {
                format!("({},)", parts[0])
            } else {
                format!("({})", parts.join(", "))
            }
        }
        ConstValue::Struct { ty, fields } => {
            let parts: Vec<String> = fields.iter().map(|e| owner_repr(world, e)).collect();
            format!("{}({})", world.types.display(*ty), parts.join(", "))
        }
        ConstValue::MethodTable(t) => match world.method_table(*t) {
            Some(table) => table.name.to_string(),
            None => format!("MethodTable({t})"),
        },
        other => format!("{other:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use expect_test::expect;
    use types::Field;

    #[test]
    fn owners_print_as_show_does() {
        let mut world = World::new();
        let split = world.types.define_struct(
            "SplitCacheOwner",
            Ty::ANY,
            false,
            vec![Field { name: "version".into(), ty: Ty::INT64 }],
        );
        let table = world.new_method_table("MyMT");
        let owners = [
            ConstValue::nothing(),
            ConstValue::Struct { ty: split, fields: vec![ConstValue::Int(0)].into() },
            ConstValue::Tuple(vec![ConstValue::Symbol("p".into()), ConstValue::MethodTable(table)].into()),
            ConstValue::Tuple(vec![ConstValue::Bool(false)].into()),
            ConstValue::Str("x".into()),
        ];
        let text: Vec<String> = owners.iter().map(|o| owner_repr(&world, o)).collect();
        expect![[r#"nothing | SplitCacheOwner(0) | (:p, MyMT) | (false,) | "x""#]]
            .assert_eq(&text.join(" | "));
    }

    #[test]
    fn function_names_print_as_calls() {
        let names = ["f", "push!", "#f#1", "+"].map(call_name);
        expect![[r##"f push! var"#f#1" +"##]].assert_eq(&names.join(" "));
    }
}
