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
/// `Core._gc_stats()`: what Julia's `gc_num()` and `gc_live_bytes()` report, for `@time`,
/// `@allocated` and `Base.gc_live_bytes()`. Compile time is the session's (inference,
/// optimization, code generation and the engine's compilation of modules).
fn gc_stats(host: &mut dyn Host, _: &[RtValue]) -> Result<RtValue, Thrown> {
    let compile_ns = {
        let s = &host.session().stats;
        s.infer_ns + s.optimize_ns + s.codegen_ns + s.instantiate_ns
    };
    let stats = with_heap(host, |cx| {
        let total = cx.total_allocated();
        let live =
            cx.objects.space.live + total.saturating_sub(cx.objects.space.allocated_at_last_collection);
        let allocs = cx.allocation_count();
        let space = &cx.objects.space;
        let allocated = total.saturating_sub(space.uncounted_bytes);
        let allocs = allocs.saturating_sub(space.uncounted_allocs);
        let values: Vec<RtValue> = [live, allocated, allocs, space.gc_ns, compile_ns]
            .into_iter()
            .map(|n| RtValue::Int(n as i64))
            .collect();
        let before = (cx.total_allocated(), cx.allocation_count());
        let tuple = cx.new_tuple(&values)?;
        Ok((tuple, cx.total_allocated() - before.0, cx.allocation_count() - before.1))
    })?;
    let (tuple, bytes, allocs) = stats;
    let space = &mut host.session().objects.space;
    space.uncounted_bytes += bytes;
    space.uncounted_allocs += allocs;
    Ok(RtValue::Ref(tuple))
}

/// `Core._time_print(t0, t1, stats0, stats1)`: `@time`'s line, as base/timing.jl's
/// `time_print` writes it (its `Ryu.writefixed` is a fixed-point format, as Rust's `{:.N}`).
/// `Core._print_stderr(s)`: `s` to the program's standard error.
fn print_stderr(host: &mut dyn Host, args: &[RtValue]) -> Result<RtValue, Thrown> {
    let &[s] = args else { return Err(throw_error_message(host, "_print_stderr: expected 1 argument")) };
    let text = with_heap(host, |cx| {
        Ok(match s {
            RtValue::Ref(a) if cx.tag(a) == Ty::STRING => Some(cx.string_of(a).to_string()),
            _ => None,
        })
    })?;
    let Some(text) = text else {
        return Err(raise(host, |cx| crate::errors::type_error(cx, "_print_stderr", Ty::STRING, s)));
    };
    host.session().stderr.push_str(&text);
    with_heap(host, |cx| cx.nothing())
}

fn time_print(host: &mut dyn Host, args: &[RtValue]) -> Result<RtValue, Thrown> {
    let field = |cx: &crate::heap::HeapCtx, t: RtValue, i: u32| match t {
        RtValue::Ref(addr) => match cx.field(addr, i) {
            Some(RtValue::Int(n)) => n.max(0) as f64,
            _ => 0.0,
        },
        _ => 0.0,
    };
    let ns = |v: RtValue| match v {
        RtValue::UInt(n) => n as f64,
        RtValue::Int(n) => n as f64,
        _ => 0.0,
    };
    let [t0, t1, s0, s1] = args else {
        return Err(throw_error_message(host, "_time_print: expected 4 arguments"));
    };
    let elapsed = (ns(*t1) - ns(*t0)).max(0.0);
    let (bytes, allocs, gc, compile) = with_heap(host, |cx| {
        let d = |i| field(cx, *s1, i) - field(cx, *s0, i);
        Ok((d(1), d(2), d(3), d(4)))
    })?;
    let line = format_time(elapsed, bytes, gc, allocs, compile);
    let session = host.session();
    session.stdout.push_str(&line);
    session.flush_stdout(false);
    with_heap(host, |cx| cx.nothing())
}

/// base/timing.jl `prettyprint_getunits`.
fn pretty_units(value: f64, units: usize, factor: f64) -> (f64, usize) {
    if value == 0.0 || value == 1.0 {
        return (value, 1);
    }
    let unit = ((value.ln() / factor.ln()).ceil() as usize).clamp(1, units);
    (value / factor.powi(unit as i32 - 1), unit)
}

/// base/timing.jl `time_print` (without lock conflicts and recompilation, which the subset has
/// not), with a newline.
pub fn format_time(elapsed_ns: f64, bytes: f64, gc_ns: f64, allocs: f64, compile_ns: f64) -> String {
    const MEM: [&str; 6] = ["byte", "KiB", "MiB", "GiB", "TiB", "PiB"];
    const CNT: [&str; 6] = ["", " k", " M", " G", " T", " P"];
    let time = format!("{:.6}", elapsed_ns / 1e9);
    let mut s = " ".repeat(10usize.saturating_sub(time.len()));
    s.push_str(&time);
    s.push_str(" seconds");
    let parens = bytes != 0.0 || allocs != 0.0 || gc_ns > 0.0 || compile_ns > 0.0;
    if parens {
        s.push_str(" (");
    }
    if bytes != 0.0 || allocs != 0.0 {
        let (n, unit) = pretty_units(allocs, CNT.len(), 1000.0);
        if unit == 1 {
            let plural = if n == 1.0 { " allocation: " } else { " allocations: " };
            s.push_str(&format!("{}{}{plural}", n as i64, CNT[0]));
        } else {
            s.push_str(&format!("{n:.2}{} allocations: ", CNT[unit - 1]));
        }
        let (b, unit) = pretty_units(bytes, MEM.len(), 1024.0);
        if unit == 1 {
            s.push_str(&format!("{} {}{}", b as i64, MEM[0], if b == 1.0 { "" } else { "s" }));
        } else {
            s.push_str(&format!("{b:.3} {}", MEM[unit - 1]));
        }
    }
    if gc_ns > 0.0 {
        if bytes != 0.0 || allocs != 0.0 {
            s.push_str(", ");
        }
        s.push_str(&format!("{:.2}% gc time", 100.0 * gc_ns / elapsed_ns.max(1.0)));
    }
    if compile_ns > 0.0 {
        if bytes != 0.0 || allocs != 0.0 || gc_ns > 0.0 {
            s.push_str(", ");
        }
        s.push_str(&format!(
            "{:.2}% compilation time",
            (100.0 * compile_ns / elapsed_ns.max(1.0)).min(100.0)
        ));
    }
    if parens {
        s.push(')');
    }
    s.push('\n');
    s
}

pub fn builtin_table() -> BuiltinTable {
    use Builtin::*;
    let mut t = BuiltinTable::heap_only();
    t.set(CodeTyped, |h, a| reflect_code(h, CodeTyped, a));
    t.set(CodeWarntype, |h, a| reflect_code(h, CodeWarntype, a));
    t.set(CodeLowered, |h, a| reflect_code(h, CodeLowered, a));
    t.set(CodeWasm, |h, a| reflect_code(h, CodeWasm, a));
    t.set(GetWorldCounter, |h, _| Ok(RtValue::UInt(h.session().world.world_counter())));
    t.set(TimeNs, |h, _| Ok(RtValue::UInt(h.now_ns())));
    t.set(GcCollect, |h, _| {
        crate::raise::collect(h)?;
        crate::raise::finish_heap_operation(h);
        with_heap(h, |cx| cx.nothing())
    });
    t.set(GcStats, gc_stats);
    t.set(TimePrint, time_print);
    t.set(PrintStderr, print_stderr);
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
    t.set(ReturnTypes, return_types);
    t.set(Precompile, precompile);
    t.set(InferExceptionType, infer_exception_type);
    t.set(Rethrow, |h, _| Err(crate::raise::rethrow(h)));
    t.set(Function, |h, a| {
        let names = with_heap(h, |cx| {
            Ok(a.iter()
                .map(|&v| match v {
                    RtValue::Ref(s) if cx.tag(s) == Ty::SYMBOL => Some(cx.string_of(s).to_string()),
                    _ => None,
                })
                .collect::<Vec<_>>())
        })?;
        let [Some(module), Some(name)] = names.as_slice() else {
            return Err(throw_error_message(h, "_function: expected a module and a name"));
        };
        let ty = h.session().world.define_function(module, name);
        if !h.session().world.is_function_type(ty) {
            let msg = format!("invalid method definition: `{name}` is not a function");
            return Err(throw_error_message(h, &msg));
        }
        with_heap(h, |cx| cx.singleton(ty).map(RtValue::Ref))
    });
    t.set(CurrentExceptions, |h, _| {
        let depth = crate::raise::exception_depth(h) as usize;
        let stack: Vec<RtValue> = h.session().exceptions[..depth].iter().map(|r| r.value).collect();
        crate::raise::with_roots(h, &stack, |h| {
            with_heap(h, |cx| {
                let v = cx.new_vector(Ty::ANY)?;
                for &e in &stack {
                    cx.vector_push(v, e)?;
                }
                Ok(RtValue::Ref(v))
            })
        })
    });
    t
}

/// The signature `Tuple{typeof(f), types...}` of a reflection call `(f, types)`.
fn call_signature(host: &mut dyn Host, args: &[RtValue]) -> Result<Ty, Thrown> {
    let [f, types_tuple] = args else {
        return Err(throw_error_message(host, "invokelab: reflection needs a function and argument types"));
    };
    let elems = call::invoke::tuple_elements(host, *types_tuple)?;
    let mut sig_elems = vec![with_heap(host, |cx| Ok(cx.type_of(*f)))?];
    for e in elems {
        match with_heap(host, |cx| Ok(cx.type_value(e)))? {
            Some(t) => sig_elems.push(t),
            None => return Err(throw_error_message(host, "invokelab: argument types must be types")),
        }
    }
    Ok(host.session().world.types.tuple(sig_elems))
}

/// The CodeInstances inference makes for each method a call of `sig` may run (Julia's
/// `_methods_by_ftype` then `typeinf` of each match), in the task's world, and whether some
/// call of `sig` may find no method or an ambiguity (`_may_throw_methoderror`).
fn inferred_matches(host: &mut dyn Host, sig: Ty) -> Result<(Vec<types::CodeInstanceId>, bool), Thrown> {
    let session = host.session();
    let world_age = session.task_world;
    let found = session.world.find_matches(MethodTableId(0), sig, world_age);
    let may_throw_method_error = found.ambiguous || !found.matches.iter().any(|m| m.fully_covers);
    let mut cis = Vec::with_capacity(found.matches.len());
    for m in found.matches {
        let mi = host.session().world.specialize(m.method, m.spec_types);
        cis.push(compile::infer(host, &ConstValue::nothing(), mi)?);
    }
    Ok((cis, may_throw_method_error))
}

/// `Base.return_types(f, types)`.
fn return_types(host: &mut dyn Host, args: &[RtValue]) -> Result<RtValue, Thrown> {
    let sig = call_signature(host, args)?;
    let (cis, _) = inferred_matches(host, sig)?;
    let session = host.session();
    let types: Vec<Ty> = cis
        .iter()
        .map(|&ci| {
            let rettype = session.world.code_instance(ci).rettype.clone();
            rettype.widen(&mut session.world.types)
        })
        .collect();
    with_heap(host, |cx| {
        let v = cx.new_vector(Ty::ANY)?;
        for &t in &types {
            let boxed = cx.type_box(t)?;
            cx.vector_push(v, RtValue::Ref(boxed))?;
        }
        Ok(RtValue::Ref(v))
    })
}

/// `precompile(f, types)` and `precompile(Tuple{typeof(f), types...})` (src/gf.c
/// `jl_compile_hint`): when exactly one method matches the signature, its MethodInstance for
/// the signature is inferred in the task's world (its callees with it) and `true` returned;
/// otherwise `false`. Only inference runs ahead: the optimizer and codegen run at the first
/// call, under that run's inlining and step budget. The prelude's last file is such calls
/// (prelude/precompile.jl), so a session starts with Base's common code inferred, as Julia's
/// system image does (the playground's snapshot has it optimized too:
/// `Snapshot::take_optimized`).
fn precompile(host: &mut dyn Host, args: &[RtValue]) -> Result<RtValue, Thrown> {
    let sig = match args {
        [_, _] => call_signature(host, args)?,
        [sig] => match with_heap(host, |cx| Ok(cx.type_value(*sig)))? {
            Some(t) if matches!(host.session().world.types.kind(t), types::TyKind::Tuple { elems, .. } if !elems.is_empty()) => {
                t
            }
            _ => return Err(throw_error_message(host, "precompile: expected a Tuple type")),
        },
        _ => return Err(throw_error_message(host, "precompile: expected a function and argument types")),
    };
    let session = host.session();
    let world_age = session.task_world;
    let found = session.world.find_matches(MethodTableId(0), sig, world_age);
    let [m] = found.matches.as_slice() else { return Ok(RtValue::Bool(false)) };
    if found.ambiguous {
        return Ok(RtValue::Bool(false));
    }
    let mi = host.session().world.specialize(m.method, m.spec_types);
    compile::infer(host, &ConstValue::nothing(), mi)?;
    Ok(RtValue::Bool(true))
}

/// `Base.infer_exception_type(f, types)`.
fn infer_exception_type(host: &mut dyn Host, args: &[RtValue]) -> Result<RtValue, Thrown> {
    let sig = call_signature(host, args)?;
    let (cis, may_throw_method_error) = inferred_matches(host, sig)?;
    let session = host.session();
    let mut members: Vec<Ty> = cis.iter().map(|&ci| session.world.code_instance(ci).exctype).collect();
    if may_throw_method_error {
        members.push(Ty::METHOD_ERROR);
    }
    let exct = session.world.types.union(&members);
    with_heap(host, |cx| Ok(RtValue::Ref(cx.type_box(exct)?)))
}

fn nothing(host: &mut dyn Host) -> Result<RtValue, Thrown> {
    with_heap(host, |cx| cx.nothing())
}

/// `@code_typed f(x)` and friends: print the IR of the CodeInstance the call would run, the way
/// the REPL displays it, and return `nothing`.
fn reflect_code(host: &mut dyn Host, b: Builtin, args: &[RtValue]) -> Result<RtValue, Thrown> {
    let sig = call_signature(host, args.get(..2).unwrap_or(args))?;
    let f = args[0];
    let session = host.session();
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
            let session = host.session();
            if matches!(args.get(3), Some(RtValue::Bool(true))) {
                crate::ir_view::typed_text_with_source(session, ci, optimize).unwrap_or_default()
            } else {
                crate::dump::typed_text(session, ci, optimize).unwrap_or_default()
            }
        }
        Builtin::CodeWarntype => {
            let optimize = matches!(args.get(2), Some(RtValue::Bool(true)));
            if optimize {
                compile::optimize(host, ci)?;
            }
            let session = host.session();
            let color = session.options.color;
            crate::dump::warntype_text(session, ci, optimize, color)
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

    /// base/timing.jl's `time_print`, as Julia 1.12 prints `@time`.
    #[test]
    fn time_lines_are_julias() {
        assert_eq!(format_time(12_345.0, 0.0, 0.0, 0.0, 0.0), "  0.000012 seconds\n");
        assert_eq!(format_time(1.5e6, 16.0, 0.0, 1.0, 0.0), "  0.001500 seconds (1 allocation: 16 bytes)\n");
        assert_eq!(
            format_time(2.0e9, 10_000.0, 0.0, 3.0, 0.0),
            "  2.000000 seconds (3 allocations: 9.766 KiB)\n"
        );
        assert_eq!(
            format_time(1.0e9, 30.0 * 1048576.0, 1.234e8, 1_000_001.0, 5.0e8),
            "  1.000000 seconds (1.00 M allocations: 30.000 MiB, 12.34% gc time, 50.00% compilation time)\n"
        );
        assert_eq!(format_time(12.0e9, 0.0, 0.0, 0.0, 0.0), " 12.000000 seconds\n");
    }
}
