//! `show` written in Julia: a program's `Base.show(io::IO, x::T)` (and Base's own, for
//! `Complex` and `Rational`) is how `print`, `println`, `string`, `repr` and interpolation show
//! a `T`, also inside the tuples, vectors and structs the runtime's printer shows (base/show.jl
//! calls `show(io, x)` for every element). The printer cannot call Julia, so it leaves a hole
//! where such a value goes; the session fills each hole with what `Base._show_string(x)`
//! returns (`show` into an `IOBuffer`), which may itself print values with holes.

use ir::{Builtin, RtValue};
use types::{ConstValue, Ty, TyKind};

use crate::host::Host;
use crate::raise::{internal_error, with_heap, Thrown};
use crate::session::Session;
use crate::show::{print_value, show_value};

/// Reads which types have a `show` method of their own (the second argument type of every
/// live two-argument method of `Base.show` but the fallback), once per world.
pub(crate) fn refresh_show_types(session: &mut Session) {
    let counter = session.world.world_counter();
    if session.objects.show_types_world == counter {
        return;
    }
    session.objects.show_types = second_argument_types(session, "show", 2);
    session.objects.print_types = second_argument_types(session, "print", 2);
    session.objects.showerror_types = second_argument_types(session, "showerror", 2);
    // A three-argument `showerror(io, e::T, bt)`: Julia shows `T` with it, and the ones Base
    // defines print no stack trace (`Test`'s exceptions).
    session.objects.backtrace_hidden_types = second_argument_types(session, "showerror", 3);
    session.objects.show_types_world = counter;
}

/// Whether an uncaught exception's report leaves out the stack trace: its type has a
/// `Base.showerror(io, e, bt)` method.
pub(crate) fn hides_backtrace(host: &mut dyn Host, exc: RtValue) -> bool {
    let RtValue::Ref(addr) = exc else { return false };
    refresh_show_types(host.session());
    with_heap(host, |cx| {
        let tag = cx.tag(addr);
        Ok(cx.objects.backtrace_hidden_types.iter().any(|&t| cx.types.issubtype(tag, t)))
    })
    .unwrap_or(false)
}

/// The types `T` of the live methods `Base.name(io, x::T, ...)` of `arity` arguments but the
/// fallback (`T == Any`).
fn second_argument_types(session: &Session, name: &str, arity: usize) -> Vec<Ty> {
    let mut types = Vec::new();
    let Some(ConstValue::Singleton(f)) = session.world.binding("Base", name).and_then(|b| b.value.clone())
    else {
        return types;
    };
    for m in session.world.methods_of(f) {
        let m = session.world.method(m);
        if m.deleted_world != world::MAX_WORLD {
            continue;
        }
        if let TyKind::Tuple { elems, vararg: None } = session.world.types.kind(m.sig) {
            if let [_, io, t, ..] = elems.as_slice() {
                if elems.len() == arity + 1 && *t != Ty::ANY && *io != Ty::ANY && !types.contains(t) {
                    types.push(*t);
                }
            }
        }
    }
    types
}

/// Whether the printing builtins must go through `print_with_show_methods`.
pub(crate) fn has_show_methods(session: &mut Session) -> bool {
    refresh_show_types(session);
    !session.objects.show_types.is_empty() || !session.objects.print_types.is_empty()
}

/// `_print`, `_string` and `_repr` (`b`) with the holes filled by Julia.
pub(crate) fn print_with_show_methods(
    host: &mut dyn Host,
    b: Builtin,
    args: &[RtValue],
) -> Result<RtValue, Thrown> {
    let (text, holes) = with_heap(host, |cx| {
        *cx.objects.show_holes.borrow_mut() = Some(Vec::new());
        let mut text = String::new();
        match (b, args) {
            (Builtin::Repr, [x]) => show_value(cx, *x, &mut text),
            _ => {
                for &a in args {
                    print_value(cx, a, &mut text);
                }
            }
        }
        let holes = cx.objects.show_holes.borrow_mut().take().unwrap_or_default();
        Ok((text, holes))
    })?;
    let out = if holes.is_empty() { text } else { fill_holes(host, &text, holes)? };
    if b == Builtin::Print {
        host.session().stdout.push_str(&out);
        host.session().flush_stdout(false);
        return with_heap(host, |cx| cx.nothing());
    }
    with_heap(host, |cx| cx.new_string(&out).map(RtValue::Ref))
}

/// `text` with what Julia shows for each hole's value inserted at its offset.
fn fill_holes(host: &mut dyn Host, text: &str, holes: Vec<(usize, u32, bool)>) -> Result<String, Thrown> {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (at, addr, print) in holes {
        out.push_str(&text[last..at]);
        last = at;
        let via = if print { "_print_string" } else { "_show_string" };
        out.push_str(&show_in_julia(host, via, addr)?);
    }
    out.push_str(&text[last..]);
    Ok(out)
}

/// `Base._show_string(x)` or `Base._print_string(x)` (`via`) for the value boxed at `addr`
/// (rooted by the caller's arguments).
fn show_in_julia(host: &mut dyn Host, via: &str, addr: u32) -> Result<String, Thrown> {
    let f = host.session().world.binding("Base", via).and_then(|b| b.value.clone());
    let Some(f) = f else { return Err(internal_error(host, &format!("Base.{via} is not defined"))) };
    let f = with_heap(host, |cx| cx.constant(&f))?;
    host.session().objects.showing.push(addr);
    let shown = crate::call::call_generic(host, &[f, RtValue::Ref(addr)]);
    host.session().objects.showing.pop();
    match shown? {
        RtValue::Ref(s) => {
            let text =
                with_heap(host, |cx| Ok((cx.tag(s) == Ty::STRING).then(|| cx.string_of(s).to_string())))?;
            text.ok_or_else(|| internal_error(host, &format!("Base.{via} returned a non-String")))
        }
        _ => Err(internal_error(host, &format!("Base.{via} returned a non-String"))),
    }
}

/// The text of an uncaught exception whose type has a `Base.showerror` method of its own
/// (`KeyError`, `StringIndexError`, a program's exception types): what
/// `Base._showerror_string(e)` returns. `None` when the runtime shows it itself, or when the
/// method threw (then the runtime's text stands in).
pub(crate) fn showerror_in_julia(host: &mut dyn Host, exc: RtValue) -> Option<String> {
    let RtValue::Ref(addr) = exc else { return None };
    refresh_show_types(host.session());
    let has_method = with_heap(host, |cx| {
        let tag = cx.tag(addr);
        Ok(cx.objects.showerror_types.iter().any(|&t| cx.types.issubtype(tag, t)))
    })
    .ok()?;
    if !has_method {
        return None;
    }
    show_in_julia(host, "_showerror_string", addr).ok()
}
