//! How the runtime's reflective objects print (base/show.jl, base/methodshow.jl): the labels
//! the heap's printer shows for Methods, MethodInstances, CodeInstances and method tables, and
//! owners. It reads the world and never calls or compiles anything.

use types::{ConstValue, MethodId, MethodInstanceId, Ty, TyKind};
use world::World;

use crate::heap::ObjectRef;
use crate::session::Session;

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

/// A stack trace's frame of a MethodInstance, as base/stacktraces.jl shows it: the call with
/// the argument names and the specialization's types (`f(x::Int64, ::Float64)`).
pub fn frame_label(world: &World, mi: MethodInstanceId) -> String {
    let Some(m) = world.get_method_instance(mi) else { return format!("MethodInstance({mi})") };
    let method = world.method(m.method);
    let args: Vec<String> = match world.types.kind(m.spec_types) {
        TyKind::Tuple { elems, .. } => elems
            .iter()
            .enumerate()
            .skip(1)
            .map(|(i, &t)| {
                // The arguments a vararg parameter collects are shown unnamed, one by one.
                let collected = method.is_vararg && i + 1 >= method.nargs;
                let name = method.lowered.arg_names.get(i).cloned().flatten().unwrap_or_default();
                let name = if name.starts_with('#') || collected { "" } else { &*name };
                format!("{name}::{}", world.types.display(t))
            })
            .collect(),
        _ => vec![],
    };
    format!("{}({})", call_name(&method.name), args.join(", "))
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

pub fn method_label(session: &Session, m: MethodId) -> String {
    let world = &session.world;
    let method = world.method(m);
    // A `where` method shows its parameters (`firstof(v::Vector{T}) where T`).
    let sig = method.where_sig.as_ref().map_or(method.sig, |(template, _)| *template);
    let sig_elems: Vec<Ty> = match world.types.kind(sig) {
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
            Some(t) if t != Ty::ANY && !(last_vararg && vararg_elem_is_any(world, sig)) => {
                let t = if last_vararg { vararg_elem(world, sig).unwrap_or(t) } else { t };
                format!("::{}", world.types.display(t))
            }
            _ => String::new(),
        };
        let dots = if last_vararg { "..." } else { "" };
        args.push(format!("{name}{ty_text}{dots}"));
    }
    let location = session.location(method.span);
    let params = where_clause(world, method);
    format!("{}({}){params} @ {} {}", call_name(&method.name), args.join(", "), method.module, location)
}

/// base/methodshow.jl `show_method_params`: ` where T`, ` where T<:Real`, ` where {T, S}`.
fn where_clause(world: &World, method: &world::Method) -> String {
    let Some((template, bounds)) = &method.where_sig else { return String::new() };
    let vars: Vec<String> = (0..bounds.len())
        .map(|i| {
            let name = world.types.param_name(*template, i as u32).unwrap_or_else(|| format!("_{i}").into());
            match bounds[i] {
                Ty::ANY => name.to_string(),
                bound => format!("{name}<:{}", world.types.display(bound)),
            }
        })
        .collect();
    match vars.as_slice() {
        [] => String::new(),
        [one] => format!(" where {one}"),
        _ => format!(" where {{{}}}", vars.join(", ")),
    }
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
