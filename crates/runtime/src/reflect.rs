//! The builtins that need the session, and the table that routes them (`builtin_table`,
//! installed at bootstrap): reflection (`@code_typed`, `@code_lowered`, `@code_wasm`), world
//! ages, the reflective objects (`reflect_objects`), the compiler-plugin API (`plugin`), and the
//! builtins that call functions (`call::invoke`).

use ir::{Builtin, RtValue};
use types::{ConstValue, MethodTableId, Ty};

use crate::call;
use crate::compile;
use crate::heap::ObjectRef;
use crate::host::Host;
use crate::raise::{method_error, raise, throw_error_message, with_heap, Thrown};
use crate::session::BuiltinTable;
use crate::{plugin, reflect_objects};

/// Which function of the session runs each builtin that the heap alone cannot.
pub fn builtin_table() -> BuiltinTable {
    use Builtin::*;
    let mut t = BuiltinTable::heap_only();
    t.set(CodeTyped, |h, a| reflect_code(h, CodeTyped, a));
    t.set(CodeLowered, |h, a| reflect_code(h, CodeLowered, a));
    t.set(CodeWasm, |h, a| reflect_code(h, CodeWasm, a));
    t.set(GetWorldCounter, |h, _| Ok(RtValue::UInt(h.session().world.world_counter())));
    t.set(TimeNs, |h, _| Ok(RtValue::UInt(h.now_ns())));
    t.set(TlsWorldAge, |h, _| Ok(RtValue::UInt(h.session().task_world)));
    t.set(ApplyIterate, call::invoke::apply_iterate);
    t.set(Invoke, call::invoke::invoke);
    t.set(InvokeInWorld, call::invoke::invoke_in_world);
    t.set(InvokeLatest, call::invoke::invokelatest);
    t.set(Getfield, getfield);
    t.set(MethodTableNew, reflect_objects::method_table);
    t.set(MethodInstanceOf, reflect_objects::method_instance);
    t.set(CodeInstanceOf, reflect_objects::code_instance);
    t.set(CodeInstancesOf, reflect_objects::code_instances);
    t.set(Which, reflect_objects::which);
    t.set(Methods, reflect_objects::methods);
    t.set(SpecializeMethod, reflect_objects::specialize_method);
    t.set(Typeinf, plugin::typeinf);
    t.set(InferenceBarrier, |h, a| match a {
        [x] => Ok(*x),
        _ => Err(throw_error_message(h, "_inferencebarrier: expected one argument")),
    });
    t.set(DropNativeCode, drop_native_code);
    t
}

fn nothing(host: &mut dyn Host) -> Result<RtValue, Thrown> {
    with_heap(host, |cx| cx.nothing())
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
    let elems = call::invoke::tuple_elements(host, types_tuple)?;
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
            return Err(method_error(host, &[f], err));
        }
    };
    let mi = session.world.specialize(method, sig);
    let ci = compile::infer(host, &ConstValue::nothing(), mi)?;
    let text = match b {
        Builtin::CodeLowered => crate::dump::lowered_text(host.session(), ci),
        Builtin::CodeTyped => {
            let optimize = matches!(args.get(2), Some(RtValue::Bool(true)));
            if optimize {
                compile::optimize(host, ci)?;
            }
            crate::dump::typed_text(host.session(), ci, optimize).unwrap_or_default()
        }
        _ => {
            let bytes = compile::module_bytes(host, ci)?;
            codegen::wat(&bytes)
        }
    };
    let session = host.session();
    session.stdout.push_str(&text);
    if !text.ends_with('\n') {
        session.stdout.push('\n');
    }
    nothing(host)
}

/// `getfield`: the fields of a reflective object live in the world; the heap's `getfield`
/// handles everything else.
fn getfield(host: &mut dyn Host, args: &[RtValue]) -> Result<RtValue, Thrown> {
    if let [x, field] = args {
        if let Some(o) = with_heap(host, |cx| Ok(cx.object_of(*x)))? {
            return reflect_objects::object_field(host, o, *x, *field);
        }
    }
    call::heap_builtin(host, Builtin::Getfield, args)
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
    compile::drop_native_code(host, ci)?;
    nothing(host)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtins::{call_builtin, BuiltinError};

    /// Every builtin runs somewhere: an intrinsic (`ir`), a session function of the table, or
    /// the heap's own; none falls through to `NoImplementation` (which would be an internal
    /// error at run time).
    #[test]
    fn the_builtin_table_routes_every_builtin() {
        let table = builtin_table();
        let mut heap_run = 0;
        crate::heap::with_heap(|cx| {
            for &b in Builtin::all() {
                if b.is_intrinsic() || table.session_fn(b).is_some() {
                    continue;
                }
                heap_run += 1;
                // As many `nothing`s as it takes (past the arity check), of the wrong types on
                // purpose: the heap's own builtins answer with a value or a language error,
                // never with "not mine".
                let nothing = cx.nothing().expect("room for `nothing`");
                let args = vec![nothing; b.def().arity.unwrap_or(1)];
                let mut out = String::new();
                let r = call_builtin(cx, &mut out, b, &args);
                assert!(
                    !matches!(r, Err(BuiltinError::NoImplementation)),
                    "`{}` has no implementation",
                    b.name()
                );
            }
        });
        assert!(heap_run > 20, "the heap runs most builtins ({heap_run})");
        assert!(table.session_fn(Builtin::Invoke).is_some() && table.session_fn(Builtin::AddInt).is_none());
    }
}
