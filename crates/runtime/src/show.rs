//! Julia's `print` and `show` (`repr`) of every run-time value, following base/show.jl,
//! base/arrayshow.jl and base/strings/io.jl as summarized in docs/julia-formats.md §2.
//! Not here: error messages (`errors`), REPL `display` (multi-line vectors), `:compact`.

use ir::RtValue;
use types::{Ty, TyKind};

use crate::float::format_float;
use crate::heap::{HeapCtx, ObjectRef};

/// Nesting deeper than this prints `…` (a mutable struct may contain itself; Julia prints
/// `#= circular reference =#`, which needs the shown-set this printer does not keep).
const MAX_DEPTH: usize = 64;

/// Julia's `print(io, v)`: strings raw, symbols bare, unsigned in decimal, functions by name;
/// everything else as `show`.
pub fn print_value(cx: &HeapCtx, v: RtValue, out: &mut String) {
    match v {
        RtValue::UInt(u) => out.push_str(&u.to_string()),
        RtValue::Bits(ty, bits) => out.push_str(&ir::print::print_bits(ty, bits)),
        RtValue::Wide(ty, bits) => out.push_str(&ir::print::print_wide(ty, bits)),
        RtValue::Ref(addr) if matches!(cx.tag(addr), Ty::STRING | Ty::SYMBOL) => {
            out.push_str(cx.string_of(addr))
        }
        RtValue::Ref(addr) if cx.tag(addr) == Ty::CHAR => out.push(char_of(cx, addr)),
        RtValue::Ref(addr) if leave_hole(cx, addr, true, out) => {}
        _ => show_value(cx, v, out),
    }
}

/// Julia's `show(io, v)` / `repr(v)` at top level (no `:typeinfo` in the context).
pub fn show_value(cx: &HeapCtx, v: RtValue, out: &mut String) {
    show_in(cx, v, None, 0, out);
}

/// `print` into a new string (what `string(v)` and interpolation give).
pub fn print_to_string(cx: &HeapCtx, v: RtValue) -> String {
    let mut out = String::new();
    print_value(cx, v, &mut out);
    out
}

/// `repr(v)`.
pub fn repr(cx: &HeapCtx, v: RtValue) -> String {
    let mut out = String::new();
    show_value(cx, v, &mut out);
    out
}

/// `show` with the context's `:typeinfo` (what the enclosing container already said about the
/// element type; only `Bool` and nested vectors print differently under it).
fn show_in(cx: &HeapCtx, v: RtValue, typeinfo: Option<Ty>, depth: usize, out: &mut String) {
    if depth > MAX_DEPTH {
        out.push('…');
        return;
    }
    let addr = match v {
        RtValue::Int(i) => return out.push_str(&i.to_string()),
        // show(io, n::Unsigned): `0x` and 2*sizeof lowercase hex digits.
        RtValue::UInt(u) => return out.push_str(&format!("0x{u:016x}")),
        RtValue::Float(f) => return out.push_str(&format_float(f)),
        RtValue::Bool(b) if typeinfo == Some(Ty::BOOL) => return out.push(if b { '1' } else { '0' }),
        RtValue::Bool(b) => return out.push_str(if b { "true" } else { "false" }),
        // Under `:typeinfo` Float32 (a `Float32[...]`'s elements) without the `f0`.
        RtValue::Bits(Ty::FLOAT32, bits) if typeinfo == Some(Ty::FLOAT32) => {
            return out.push_str(&ir::print::print_bits(Ty::FLOAT32, bits))
        }
        RtValue::Bits(ty, bits) => return out.push_str(&ir::print::show_bits(ty, bits)),
        RtValue::Wide(ty, bits) => return out.push_str(&ir::print::show_wide(ty, bits)),
        RtValue::Ref(addr) => addr,
    };
    let tag = cx.tag(addr);
    if let Some(t) = cx.type_value(v) {
        return out.push_str(&cx.types.display(t));
    }
    if let Some(b) = cx.builtin_of(v) {
        return out.push_str(b.name());
    }
    if let Some(o) = cx.object_of(v) {
        return show_object(cx, o, out);
    }
    if leave_hole(cx, addr, false, out) {
        return;
    }
    match tag {
        Ty::STRING => return show_string(cx.string_of(addr), out),
        Ty::SYMBOL => return show_symbol(cx.string_of(addr), out),
        Ty::CHAR => return show_char(char_of(cx, addr), out),
        Ty::NOTHING => return out.push_str("nothing"),
        Ty::UNIT_RANGE_INT64 | Ty::STEP_RANGE_INT64 => return show_range(cx, addr, out),
        _ => {}
    }
    if cx.types.vector_elem(tag).is_some() {
        return show_vector(cx, addr, typeinfo, depth, out);
    }
    if let TyKind::Tuple { .. } = cx.types.kind(tag) {
        return show_tuple(cx, addr, typeinfo, depth, out);
    }
    if let Some(name) = function_name(cx, tag) {
        return out.push_str(&name);
    }
    show_struct(cx, addr, depth, out)
}

/// Whether the value boxed at `addr` is one Julia prints (`print`) or shows: then the printer
/// leaves a hole for it at the end of `out` (`crate::show_methods`).
fn leave_hole(cx: &HeapCtx, addr: u32, print: bool, out: &str) -> bool {
    let mut holes = cx.objects.show_holes.borrow_mut();
    let Some(holes) = holes.as_mut() else { return false };
    let objects = &cx.objects;
    let tag = cx.tag(addr);
    let types = if print { &objects.print_types } else { &objects.show_types };
    if !types.iter().any(|&t| cx.types.issubtype(tag, t)) || objects.showing.contains(&addr) {
        return false;
    }
    holes.push((out.len(), addr, print));
    true
}

/// The name of a function whose singleton type is `tag` (`typeof(f)` -> `f`).
pub fn function_name(cx: &HeapCtx, tag: Ty) -> Option<String> {
    if !cx.types.is_singleton(tag) || !cx.types.issubtype(tag, Ty::FUNCTION) {
        return None;
    }
    let name = cx.types.def_data(tag)?.name.clone();
    let inner = name.strip_prefix("typeof(").and_then(|n| n.strip_suffix(')')).unwrap_or(&name);
    Some(inner.to_string())
}

/// The name of any callable value: a generic function or a builtin.
pub fn callable_name(cx: &HeapCtx, f: RtValue) -> Option<String> {
    if let Some(b) = cx.builtin_of(f) {
        return Some(b.name().to_string());
    }
    function_name(cx, cx.type_of(f))
}

fn show_object(cx: &HeapCtx, o: ObjectRef, out: &mut String) {
    if let Some(label) = cx.objects.label(o) {
        return out.push_str(label);
    }
    let text = match o {
        ObjectRef::Method(id) => format!("Method({id})"),
        ObjectRef::MethodInstance(id) => format!("MethodInstance({id})"),
        ObjectRef::CodeInstance(id) => format!("CodeInstance({id})"),
        ObjectRef::MethodTable(id) => format!("MethodTable({id})"),
    };
    out.push_str(&text);
}

/// `show(io, r::UnitRange)`: `1:3`; a `StepRange`: `7:-2:1`.
fn show_range(cx: &HeapCtx, addr: u32, out: &mut String) {
    for i in 0..cx.nfields(RtValue::Ref(addr)) {
        if i > 0 {
            out.push(':');
        }
        match cx.field(addr, i) {
            Some(v) => show_value(cx, v, out),
            None => out.push_str("#undef"),
        }
    }
}

/// `show_default` (base/show.jl): `P(1.0, 2)`, fields shown with `:typeinfo => Any`.
fn show_struct(cx: &HeapCtx, addr: u32, depth: usize, out: &mut String) {
    if cx.types.is_named_tuple(cx.tag(addr)) {
        return show_named_tuple(cx, addr, depth, out);
    }
    out.push_str(&cx.types.display(cx.tag(addr)));
    out.push('(');
    for i in 0..cx.aux(addr) {
        if i > 0 {
            out.push_str(", ");
        }
        match cx.field(addr, i) {
            // An `UndefVarError`'s scope is a module (`UndefVarError(:x, Main)`); invokelab
            // keeps the module's name.
            Some(RtValue::Ref(s))
                if i == 1
                    && cx.tag(addr) == Ty::UNDEF_VAR_ERROR
                    && cx.tag(s) == Ty::SYMBOL
                    && matches!(cx.string_of(s), "Main" | "Base" | "Core") =>
            {
                out.push_str(cx.string_of(s))
            }
            Some(f) => show_in(cx, f, None, depth + 1, out),
            None => out.push_str("#undef"),
        }
    }
    out.push(')');
}

/// `show(io, t::NamedTuple)` (base/namedtuple.jl): `(a = 1, b = 2.0)`, `(a = 1,)`,
/// `NamedTuple()`.
fn show_named_tuple(cx: &HeapCtx, addr: u32, depth: usize, out: &mut String) {
    let fields = cx.types.fields(cx.tag(addr));
    if fields.is_empty() {
        return out.push_str("NamedTuple()");
    }
    out.push('(');
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&f.name);
        out.push_str(" = ");
        match cx.field(addr, i as u32) {
            Some(v) => show_in(cx, v, None, depth + 1, out),
            None => out.push_str("#undef"),
        }
    }
    if fields.len() == 1 {
        out.push(',');
    }
    out.push(')');
}

/// `show(io, t::Tuple)`: `(1, 2.0)`, `(1,)`, `()`. Elements get the tuple's field type as
/// `:typeinfo` when the context's typeinfo is a tuple type the value belongs to.
fn show_tuple(cx: &HeapCtx, addr: u32, typeinfo: Option<Ty>, depth: usize, out: &mut String) {
    let n = cx.aux(addr);
    let field_types = match typeinfo.map(|t| cx.types.kind(t)) {
        Some(TyKind::Tuple { elems, vararg })
            if cx.types.issubtype(cx.tag(addr), typeinfo.unwrap_or(Ty::ANY)) =>
        {
            Some((elems.clone(), *vararg))
        }
        _ => None,
    };
    out.push('(');
    for i in 0..n {
        if i > 0 {
            out.push_str(", ");
        }
        let ti = match &field_types {
            Some((elems, vararg)) => elems.get(i as usize).copied().or(*vararg),
            None => typeinfo,
        };
        match cx.field(addr, i) {
            Some(f) => show_in(cx, f, ti, depth + 1, out),
            None => out.push_str("#undef"),
        }
    }
    if n == 1 {
        out.push(',');
    }
    out.push(')');
}

/// `show_vector` with `typeinfo_prefix` (base/arrayshow.jl): `[1.0, 2.0]`, `Float64[]`,
/// `Any[1, "a"]`, `Bool[1, 0]`.
fn show_vector(cx: &HeapCtx, addr: u32, typeinfo: Option<Ty>, depth: usize, out: &mut String) {
    let elem = cx.vector_elem_type(addr).unwrap_or(Ty::ANY);
    let len = cx.vector_length(addr);
    let ctx_elem =
        typeinfo.filter(|&t| cx.types.issubtype(cx.tag(addr), t)).and_then(|t| cx.types.vector_elem(t));
    let elem_info = if ctx_elem == Some(elem) {
        Some(elem)
    } else if len > 0 && typeinfo_implicit(cx, elem) {
        typeinfo
    } else {
        out.push_str(&cx.types.display(elem));
        Some(elem)
    };
    out.push('[');
    for i in 0..len {
        if i > 0 {
            out.push_str(", ");
        }
        match cx.vector_get(addr, i) {
            Some(x) => show_in(cx, x, elem_info, depth + 1, out),
            None => out.push_str("#undef"),
        }
    }
    out.push(']');
}

/// `typeinfo_implicit` (base/arrayshow.jl): element types a literal `[...]` would produce, so
/// the printed vector needs no prefix.
pub fn typeinfo_implicit(cx: &HeapCtx, t: Ty) -> bool {
    if matches!(t, Ty::FLOAT64 | Ty::INT64 | Ty::STRING | Ty::SYMBOL | Ty::CHAR) || cx.types.is_singleton(t) {
        return true;
    }
    if !cx.types.is_concrete(t) {
        return false;
    }
    match cx.types.kind(t) {
        TyKind::Tuple { elems, .. } => elems.iter().all(|&e| typeinfo_implicit(cx, e)),
        // Base's `Pair{A, B}` and the named tuples: all their field types implicit.
        _ if cx.types.is_named_tuple(t) || cx.types.def_data(t).is_some_and(|d| &*d.name == "Pair") => {
            cx.types.params(t).iter().all(|&e| typeinfo_implicit(cx, e))
        }
        _ => cx.types.vector_elem(t).is_some_and(|e| typeinfo_implicit(cx, e)),
    }
}

/// `show(io, s::String)`: quoted, with `escape_string(s, ('"', '$'))` (base/strings/io.jl).
/// The character a `Char` box holds (its code point; U+FFFD if it is not a scalar value).
fn char_of(cx: &HeapCtx, addr: u32) -> char {
    let code = match cx.field(addr, 0) {
        Some(RtValue::UInt(u)) => u,
        Some(RtValue::Int(i)) => i as u64,
        _ => 0xfffd,
    };
    u32::try_from(code).ok().and_then(char::from_u32).unwrap_or('\u{fffd}')
}

/// `show(io, c::Char)`: in single quotes, escaped as in a string (base/char.jl), but `'` is
/// escaped and `"`/`$` are not.
fn show_char(c: char, out: &mut String) {
    out.push('\'');
    match c {
        '\'' => out.push_str("\\'"),
        '"' | '$' => out.push(c),
        _ => escape_string(c.encode_utf8(&mut [0; 4]), out),
    }
    out.push('\'');
}

pub fn show_string(s: &str, out: &mut String) {
    out.push('"');
    escape_string(s, out);
    out.push('"');
}

fn escape_string(s: &str, out: &mut String) {
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        match c {
            '"' | '$' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\0' if next.is_some_and(|n| ('0'..='7').contains(&n)) => out.push_str("\\x00"),
            '\0' => out.push_str("\\0"),
            '\x1b' => out.push_str("\\e"),
            '\x07'..='\x0d' => {
                out.push('\\');
                out.push(b"abtnvfr"[c as usize - 7] as char);
            }
            _ if !c.is_control() => out.push(c),
            _ if (c as u32) < 0x80 => out.push_str(&format!("\\x{:02x}", c as u32)),
            _ => {
                let full = next.is_some_and(|n| n.is_ascii_hexdigit());
                if (c as u32) <= 0xffff {
                    out.push_str(&format!("\\u{:0w$x}", c as u32, w = if full { 4 } else { 2 }));
                } else {
                    out.push_str(&format!("\\U{:0w$x}", c as u32, w = if full { 8 } else { 4 }));
                }
            }
        }
    }
}

/// Operators `show` prints as `:+` (a subset of base/show.jl's operator tables).
const OPERATORS: &[&str] = &[
    "+", "-", "*", "/", "\\", "^", "÷", "%", "==", "!=", "<", "<=", ">", ">=", "===", "!==", "!", "&", "|",
    "<<", ">>", ">>>", ":", "=>", "<:", ">:", "≤", "≥", "≠", "∘", "|>", "⊻", "~", "//",
];

/// `show(io, s::Symbol)`: `:abc`, `:+`, `Symbol("a b")`.
pub fn show_symbol(name: &str, out: &mut String) {
    if is_identifier(name) || OPERATORS.contains(&name) {
        out.push(':');
        out.push_str(name);
    } else {
        out.push_str("Symbol(");
        show_string(name, out);
        out.push(')');
    }
}

fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    let Some(first) = chars.next() else { return false };
    (first.is_alphabetic() || first == '_') && chars.all(|c| c.is_alphanumeric() || c == '_' || c == '!')
}

/// `summary(io, x)` as `BoundsError` prints it: `3-element Vector{Int64}`, `3-codeunit String`,
/// otherwise the type.
pub fn summary(cx: &HeapCtx, v: RtValue) -> String {
    let ty = cx.type_of(v);
    match v {
        RtValue::Ref(addr) if cx.types.vector_elem(ty).is_some() => {
            format!("{}-element {}", cx.vector_length(addr), cx.types.display(ty))
        }
        RtValue::Ref(addr) if ty == Ty::STRING => format!("{}-codeunit String", cx.aux(addr)),
        RtValue::Ref(addr) if ty == Ty::UNIT_RANGE_INT64 || ty == Ty::STEP_RANGE_INT64 => {
            let field = |i| match cx.field(addr, i) {
                Some(RtValue::Int(n)) => n,
                _ => 0,
            };
            // Both kinds are normalized on construction: the stop is the last element.
            let (start, step, stop) = if ty == Ty::UNIT_RANGE_INT64 {
                (field(0), 1, field(1))
            } else {
                (field(0), field(1), field(2))
            };
            let len = range_length(start, step, stop);
            format!("{len}-element {}", cx.types.display(ty))
        }
        _ => cx.types.display(ty),
    }
}

/// base/range.jl `length(r::OrdinalRange)` of a normalized Int64 range (the prelude's `length`).
fn range_length(start: i64, step: i64, stop: i64) -> i64 {
    let empty = start != stop && ((step > 0) != (stop > start));
    if empty || step == 0 {
        return 0;
    }
    let diff = stop.wrapping_sub(start);
    let quotient = if (-1..=1).contains(&step) || step == step.wrapping_neg() {
        diff.wrapping_div(step)
    } else if step < 0 {
        (diff.wrapping_neg() as u64 / step.wrapping_neg() as u64) as i64
    } else {
        (diff as u64 / step as u64) as i64
    };
    quotient.wrapping_add(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::heap::with_heap;
    use expect_test::{expect, Expect};
    use types::Field;

    fn int_vec(cx: &mut HeapCtx, elem: Ty, xs: &[RtValue]) -> RtValue {
        let v = cx.new_vector(elem).unwrap();
        for &x in xs {
            cx.vector_push(v, x).unwrap();
        }
        RtValue::Ref(v)
    }

    fn string(cx: &mut HeapCtx, s: &str) -> RtValue {
        RtValue::Ref(cx.new_string(s).unwrap())
    }

    /// Shows and prints every value `build` makes, one `show | print` line each.
    fn check(build: impl FnOnce(&mut HeapCtx) -> Vec<RtValue>, expect: Expect) {
        let text = with_heap(|cx| {
            let values = build(cx);
            let lines: Vec<String> =
                values.iter().map(|&v| format!("{} | {}", repr(cx, v), print_to_string(cx, v))).collect();
            lines.join("\n")
        });
        expect.assert_eq(&text);
    }

    #[test]
    fn scalars() {
        check(
            |cx| {
                vec![
                    RtValue::Int(42),
                    RtValue::Int(-7),
                    RtValue::UInt(10),
                    RtValue::Float(0.1 + 0.2),
                    RtValue::Float(1e6),
                    RtValue::Bool(true),
                    cx.nothing().unwrap(),
                    string(cx, "ab\"c\n"),
                    string(cx, "a$b\tc\\"),
                    RtValue::Ref(cx.symbol("abc").unwrap()),
                    RtValue::Ref(cx.symbol("+").unwrap()),
                    RtValue::Ref(cx.symbol("a b").unwrap()),
                ]
            },
            expect![[r#"
                42 | 42
                -7 | -7
                0x000000000000000a | 10
                0.30000000000000004 | 0.30000000000000004
                1.0e6 | 1.0e6
                true | true
                nothing | nothing
                "ab\"c\n" | ab"c

                "a\$b\tc\\" | a$b	c\
                :abc | abc
                :+ | +
                Symbol("a b") | a b"#]],
        );
    }

    #[test]
    fn tuples_structs_types_functions() {
        check(
            |cx| {
                let a = string(cx, "a");
                let sym = RtValue::Ref(cx.symbol("b").unwrap());
                let inner = RtValue::Ref(cx.new_tuple(&[RtValue::Int(2), RtValue::Int(3)]).unwrap());
                let p = cx.types.define_struct(
                    "P",
                    Ty::ANY,
                    false,
                    vec![
                        Field { name: "x".into(), ty: Ty::FLOAT64 },
                        Field { name: "y".into(), ty: Ty::ANY },
                    ],
                );
                let e = cx.types.define_struct("E", Ty::ANY, false, vec![]);
                let f = cx.types.define_function("f", false);
                let plus = cx.types.define_function("+", false);
                let vf = cx.types.vector_of(Ty::FLOAT64);
                let tup = cx.types.tuple(vec![Ty::INT64, Ty::FLOAT64]);
                let un = cx.types.union(&[Ty::INT64, Ty::NOTHING]);
                let tt = cx.types.type_type(Ty::INT64);
                let q = string(cx, "bob");
                vec![
                    RtValue::Ref(cx.new_tuple(&[RtValue::Int(1), RtValue::Float(2.0)]).unwrap()),
                    RtValue::Ref(cx.new_tuple(&[RtValue::Int(1)]).unwrap()),
                    RtValue::Ref(cx.new_tuple(&[]).unwrap()),
                    RtValue::Ref(cx.new_tuple(&[a, sym, RtValue::Bool(true)]).unwrap()),
                    RtValue::Ref(cx.new_tuple(&[RtValue::Int(1), inner]).unwrap()),
                    RtValue::Ref(cx.new_struct(p, &[RtValue::Float(1.0), RtValue::Int(2)]).unwrap()),
                    RtValue::Ref(cx.new_struct(p, &[RtValue::Float(1.0), q]).unwrap()),
                    RtValue::Ref(cx.new_struct(e, &[]).unwrap()),
                    RtValue::Ref(cx.singleton(f).unwrap()),
                    RtValue::Ref(cx.singleton(plus).unwrap()),
                    RtValue::Ref(cx.builtin_box(ir::Builtin::Getfield).unwrap()),
                    RtValue::Ref(cx.type_box(Ty::INT64).unwrap()),
                    RtValue::Ref(cx.type_box(vf).unwrap()),
                    RtValue::Ref(cx.type_box(tup).unwrap()),
                    RtValue::Ref(cx.type_box(un).unwrap()),
                    RtValue::Ref(cx.type_box(tt).unwrap()),
                    RtValue::Ref(cx.type_box(f).unwrap()),
                    RtValue::Ref(cx.type_box(Ty::CODE_INSTANCE).unwrap()),
                    RtValue::Ref(
                        cx.new_struct(Ty::UNIT_RANGE_INT64, &[RtValue::Int(1), RtValue::Int(3)]).unwrap(),
                    ),
                    RtValue::Ref(cx.object_box(ObjectRef::CodeInstance(types::CodeInstanceId(3))).unwrap()),
                ]
            },
            expect![[r#"
                (1, 2.0) | (1, 2.0)
                (1,) | (1,)
                () | ()
                ("a", :b, true) | ("a", :b, true)
                (1, (2, 3)) | (1, (2, 3))
                P(1.0, 2) | P(1.0, 2)
                P(1.0, "bob") | P(1.0, "bob")
                E() | E()
                f | f
                + | +
                getfield | getfield
                Int64 | Int64
                Vector{Float64} | Vector{Float64}
                Tuple{Int64, Float64} | Tuple{Int64, Float64}
                Union{Nothing, Int64} | Union{Nothing, Int64}
                Type{Int64} | Type{Int64}
                typeof(f) | typeof(f)
                Core.CodeInstance | Core.CodeInstance
                1:3 | 1:3
                CodeInstance(ci3) | CodeInstance(ci3)"#]],
        );
    }

    #[test]
    fn vectors_follow_typeinfo_prefix_rules() {
        check(
            |cx| {
                let (one, two) = (RtValue::Int(1), RtValue::Int(2));
                let a = string(cx, "a");
                let b = string(cx, "b");
                let sa = RtValue::Ref(cx.symbol("a").unwrap());
                let sb = RtValue::Ref(cx.symbol("b").unwrap());
                let nothing = cx.nothing().unwrap();
                let vi = cx.types.vector_of(Ty::INT64);
                let vf = cx.types.vector_of(Ty::FLOAT64);
                let vb = cx.types.vector_of(Ty::BOOL);
                let tii = cx.types.tuple(vec![Ty::INT64, Ty::INT64]);
                let tbb = cx.types.tuple(vec![Ty::BOOL, Ty::BOOL]);
                let un = cx.types.union(&[Ty::INT64, Ty::NOTHING]);
                let p = cx.types.define_struct(
                    "P",
                    Ty::ANY,
                    false,
                    vec![
                        Field { name: "x".into(), ty: Ty::FLOAT64 },
                        Field { name: "y".into(), ty: Ty::INT64 },
                    ],
                );
                let pv = RtValue::Ref(cx.new_struct(p, &[RtValue::Float(1.0), two]).unwrap());
                let inner12 = int_vec(cx, Ty::INT64, &[one, two]);
                let inner3 = int_vec(cx, Ty::INT64, &[RtValue::Int(3)]);
                let empty_f = int_vec(cx, Ty::FLOAT64, &[]);
                let one_f = int_vec(cx, Ty::FLOAT64, &[RtValue::Float(1.0)]);
                let inner_b = int_vec(cx, Ty::BOOL, &[RtValue::Bool(true)]);
                let t12 = RtValue::Ref(cx.new_tuple(&[one, two]).unwrap());
                let t34 = RtValue::Ref(cx.new_tuple(&[RtValue::Int(3), RtValue::Int(4)]).unwrap());
                let tb = RtValue::Ref(cx.new_tuple(&[RtValue::Bool(true), RtValue::Bool(false)]).unwrap());
                vec![
                    int_vec(cx, Ty::FLOAT64, &[RtValue::Float(1.0), RtValue::Float(2.0)]),
                    int_vec(cx, Ty::INT64, &[one, two, RtValue::Int(3)]),
                    int_vec(cx, Ty::FLOAT64, &[]),
                    int_vec(cx, Ty::INT64, &[]),
                    int_vec(cx, Ty::STRING, &[]),
                    int_vec(cx, Ty::ANY, &[]),
                    int_vec(cx, Ty::ANY, &[one, a]),
                    int_vec(cx, Ty::ANY, &[RtValue::Float(1.0), RtValue::Bool(true)]),
                    int_vec(cx, Ty::STRING, &[a, b]),
                    int_vec(cx, Ty::SYMBOL, &[sa, sb]),
                    int_vec(cx, Ty::BOOL, &[RtValue::Bool(true), RtValue::Bool(false)]),
                    int_vec(cx, Ty::UINT64, &[RtValue::UInt(1), RtValue::UInt(2)]),
                    int_vec(cx, vi, &[inner12, inner3]),
                    int_vec(cx, vf, &[empty_f, one_f]),
                    int_vec(cx, vb, &[inner_b]),
                    int_vec(cx, tii, &[t12, t34]),
                    int_vec(cx, tbb, &[tb]),
                    int_vec(cx, p, &[pv]),
                    int_vec(cx, un, &[nothing, one]),
                    int_vec(cx, Ty::FLOAT64, &[RtValue::Float(1.0 / 3.0)]),
                ]
            },
            expect![[r#"
                [1.0, 2.0] | [1.0, 2.0]
                [1, 2, 3] | [1, 2, 3]
                Float64[] | Float64[]
                Int64[] | Int64[]
                String[] | String[]
                Any[] | Any[]
                Any[1, "a"] | Any[1, "a"]
                Any[1.0, true] | Any[1.0, true]
                ["a", "b"] | ["a", "b"]
                [:a, :b] | [:a, :b]
                Bool[1, 0] | Bool[1, 0]
                UInt64[0x0000000000000001, 0x0000000000000002] | UInt64[0x0000000000000001, 0x0000000000000002]
                [[1, 2], [3]] | [[1, 2], [3]]
                [Float64[], [1.0]] | [Float64[], [1.0]]
                Vector{Bool}[[1]] | Vector{Bool}[[1]]
                [(1, 2), (3, 4)] | [(1, 2), (3, 4)]
                Tuple{Bool, Bool}[(1, 0)] | Tuple{Bool, Bool}[(1, 0)]
                P[P(1.0, 2)] | P[P(1.0, 2)]
                Union{Nothing, Int64}[nothing, 1] | Union{Nothing, Int64}[nothing, 1]
                [0.3333333333333333] | [0.3333333333333333]"#]],
        );
    }

    #[test]
    fn string_escapes() {
        let mut out = String::new();
        show_string("\u{1}\0\x7f\0x\u{0}1\u{1b}é\u{85}", &mut out);
        assert_eq!(out, r#""\x01\0\x7f\0x\x001\eé\u85""#);
    }

    #[test]
    fn labels_replace_object_placeholders() {
        with_heap(|cx| {
            let ci = ObjectRef::CodeInstance(types::CodeInstanceId(0));
            cx.objects.set_label(ci, "CodeInstance for f(::Float64)".to_string());
            let v = RtValue::Ref(cx.object_box(ci).unwrap());
            assert_eq!(repr(cx, v), "CodeInstance for f(::Float64)");
        });
    }
}
