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
    let mut show_types = Vec::new();
    if let Some(ConstValue::Singleton(f)) =
        session.world.binding("Base", "show").and_then(|b| b.value.clone())
    {
        for m in session.world.methods_of(f) {
            let m = session.world.method(m);
            if m.deleted_world != world::MAX_WORLD {
                continue;
            }
            if let TyKind::Tuple { elems, vararg: None } = session.world.types.kind(m.sig) {
                if let [_, _, t] = elems.as_slice() {
                    if *t != Ty::ANY && !show_types.contains(t) {
                        show_types.push(*t);
                    }
                }
            }
        }
    }
    session.objects.show_types = show_types;
    session.objects.show_types_world = counter;
}

/// Whether the printing builtins must go through `print_with_show_methods`.
pub(crate) fn has_show_methods(session: &mut Session) -> bool {
    refresh_show_types(session);
    !session.objects.show_types.is_empty()
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
fn fill_holes(host: &mut dyn Host, text: &str, holes: Vec<(usize, u32)>) -> Result<String, Thrown> {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (at, addr) in holes {
        out.push_str(&text[last..at]);
        last = at;
        out.push_str(&show_in_julia(host, addr)?);
    }
    out.push_str(&text[last..]);
    Ok(out)
}

/// `Base._show_string(x)` for the value boxed at `addr` (rooted by the caller's arguments).
fn show_in_julia(host: &mut dyn Host, addr: u32) -> Result<String, Thrown> {
    let f = host.session().world.binding("Base", "_show_string").and_then(|b| b.value.clone());
    let Some(f) = f else { return Err(internal_error(host, "Base._show_string is not defined")) };
    let f = with_heap(host, |cx| cx.constant(&f))?;
    host.session().objects.showing.push(addr);
    let shown = crate::call::call_generic(host, &[f, RtValue::Ref(addr)]);
    host.session().objects.showing.pop();
    match shown? {
        RtValue::Ref(s) => {
            let text =
                with_heap(host, |cx| Ok((cx.tag(s) == Ty::STRING).then(|| cx.string_of(s).to_string())))?;
            text.ok_or_else(|| internal_error(host, "Base._show_string returned a non-String"))
        }
        _ => Err(internal_error(host, "Base._show_string returned a non-String")),
    }
}
