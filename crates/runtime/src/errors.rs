//! Language errors: building the exception objects the runtime raises (struct boxes of the
//! well-known exception types) and the text Julia 1.12 prints after `ERROR: ` for each
//! (`showerror` in base/errorshow.jl; docs/julia-formats.md §3).
//!
//! Not here: the `Stacktrace:` block, `LoadError` wrapping and the "Closest candidates are:"
//! block of a `MethodError` (they need the session's frames and method tables, so the session
//! appends them to `error_message`'s text).

use ir::RtValue;
use types::{Ty, TyKind};

use crate::heap::{HeapCtx, HeapError};
use crate::show::{callable_name, print_value, show_value, summary};

type R = Result<RtValue, HeapError>;

// ----- building exceptions ------------------------------------------------------------------

fn exception(cx: &mut HeapCtx, ty: Ty, fields: &[RtValue]) -> R {
    cx.new_struct(ty, fields).map(RtValue::Ref)
}

fn string(cx: &mut HeapCtx, s: &str) -> R {
    cx.new_string(s).map(RtValue::Ref)
}

fn symbol(cx: &mut HeapCtx, s: &str) -> R {
    cx.symbol(s).map(RtValue::Ref)
}

fn type_value(cx: &mut HeapCtx, t: Ty) -> R {
    cx.type_box(t).map(RtValue::Ref)
}

/// `ErrorException(msg)`, what `error(msg)` throws.
pub fn error_exception(cx: &mut HeapCtx, msg: &str) -> R {
    let msg = string(cx, msg)?;
    exception(cx, Ty::ERROR_EXCEPTION, &[msg])
}

pub fn argument_error(cx: &mut HeapCtx, msg: &str) -> R {
    let msg = string(cx, msg)?;
    exception(cx, Ty::ARGUMENT_ERROR, &[msg])
}

pub fn divide_error(cx: &mut HeapCtx) -> R {
    exception(cx, Ty::DIVIDE_ERROR, &[])
}

pub fn stack_overflow_error(cx: &mut HeapCtx) -> R {
    exception(cx, Ty::STACK_OVERFLOW_ERROR, &[])
}

pub fn out_of_memory_error(cx: &mut HeapCtx) -> R {
    exception(cx, Ty::OUT_OF_MEMORY_ERROR, &[])
}

pub fn undef_ref_error(cx: &mut HeapCtx) -> R {
    exception(cx, Ty::UNDEF_REF_ERROR, &[])
}

/// `StepLimitError(limit)`: invokelab's own error for a program that ran out of steps.
pub fn step_limit_error(cx: &mut HeapCtx, limit: i64) -> R {
    exception(cx, Ty::STEP_LIMIT_ERROR, &[RtValue::Int(limit)])
}

/// `BoundsError(a, i)`; `i` is an index or a tuple of indices.
pub fn bounds_error(cx: &mut HeapCtx, a: RtValue, i: RtValue) -> R {
    exception(cx, Ty::BOUNDS_ERROR, &[a, i])
}

/// `TypeError(func, "", expected, got)`: `in typeassert, expected Int64, got a value of type
/// Float64`; with `expected == Bool`, `non-boolean (Int64) used in boolean context`.
pub fn type_error(cx: &mut HeapCtx, func: &str, expected: Ty, got: RtValue) -> R {
    let func = symbol(cx, func)?;
    let context = string(cx, "")?;
    let expected = type_value(cx, expected)?;
    exception(cx, Ty::TYPE_ERROR, &[func, context, expected, got])
}

/// `TypeError(:if, "", Bool, got)`: a non-Bool used as a condition.
pub fn bool_context_error(cx: &mut HeapCtx, got: RtValue) -> R {
    type_error(cx, "if", Ty::BOOL, got)
}

/// `InexactError(func, T, val)`: `InexactError: Int64(2.5)`.
pub fn inexact_error(cx: &mut HeapCtx, func: &str, ty: Ty, val: RtValue) -> R {
    let func = symbol(cx, func)?;
    let ty = type_value(cx, ty)?;
    exception(cx, Ty::INEXACT_ERROR, &[func, ty, val])
}

/// `DomainError(val, msg)` (the prelude raises it with `throw`; the printer's tests build it).
#[cfg(test)]
pub fn domain_error(cx: &mut HeapCtx, val: RtValue, msg: &str) -> R {
    let msg = string(cx, msg)?;
    exception(cx, Ty::DOMAIN_ERROR, &[val, msg])
}

/// `FieldError(T, name)`.
pub fn field_error(cx: &mut HeapCtx, ty: Ty, field: &str) -> R {
    let ty = type_value(cx, ty)?;
    let field = symbol(cx, field)?;
    exception(cx, Ty::FIELD_ERROR, &[ty, field])
}

/// `UndefVarError(var, scope)`: `scope` is a module name (`Main`) or `local`.
pub fn undef_var_error(cx: &mut HeapCtx, var: &str, scope: &str) -> R {
    let var = symbol(cx, var)?;
    let scope = symbol(cx, scope)?;
    exception(cx, Ty::UNDEF_VAR_ERROR, &[var, scope])
}

/// `MethodError(f, args, world)`.
pub fn method_error(cx: &mut HeapCtx, f: RtValue, args: &[RtValue], world: u64) -> R {
    let args = cx.new_tuple(args).map(RtValue::Ref)?;
    exception(cx, Ty::METHOD_ERROR, &[f, args, RtValue::UInt(world)])
}

// ----- showing exceptions ---------------------------------------------------------------------

/// What a `MethodError`'s text needs from the session's method tables, which base/errorshow.jl
/// consults when it shows the error.
#[derive(Clone, Copy, Default)]
pub struct MethodFacts {
    /// `Some(current_world)` when a method exists in the current world but not in the error's
    /// world (Julia's "The applicable method may be too new" line).
    pub too_new: Option<u64>,
    /// The callee is a type with constructor methods (`isempty(methods(f))` is false).
    pub has_constructors: bool,
}

/// The text after `ERROR: ` for an uncaught exception (without the stack trace).
pub fn error_message(cx: &HeapCtx, exc: RtValue, facts: MethodFacts) -> String {
    let mut out = String::new();
    let RtValue::Ref(addr) = exc else {
        // `showerror(io, ex) = show(io, ex)` for non-exception values like `throw(1)`.
        show_value(cx, exc, &mut out);
        return out;
    };
    let field = |i: u32| cx.field(addr, i);
    match cx.tag(addr) {
        Ty::ERROR_EXCEPTION => print_field(cx, field(0), &mut out),
        Ty::METHOD_ERROR => return method_error_message(cx, exc, facts),
        Ty::DIVIDE_ERROR => out.push_str("DivideError: integer division error"),
        Ty::INEXACT_ERROR => inexact_message(cx, addr, &mut out),
        Ty::BOUNDS_ERROR => bounds_message(cx, addr, &mut out),
        Ty::TYPE_ERROR => type_error_message(cx, addr, &mut out),
        Ty::UNDEF_VAR_ERROR => undef_var_message(cx, addr, &mut out),
        Ty::STACK_OVERFLOW_ERROR => out.push_str("StackOverflowError:"),
        Ty::OUT_OF_MEMORY_ERROR => out.push_str("OutOfMemoryError()"),
        Ty::UNDEF_REF_ERROR => out.push_str("UndefRefError: access to undefined reference"),
        Ty::DOMAIN_ERROR => {
            out.push_str("DomainError with ");
            print_field(cx, field(0), &mut out);
            // Julia prints the message only when it is defined; invokelab's DomainError always
            // has the field, so `nothing` stands for "undefined".
            if let Some(msg) = field(1).filter(|m| !is_nothing(cx, *m)) {
                out.push_str(":\n");
                print_value(cx, msg, &mut out);
            }
        }
        Ty::ARGUMENT_ERROR => prefixed(cx, "ArgumentError: ", field(0), &mut out),
        Ty::OVERFLOW_ERROR => prefixed(cx, "OverflowError: ", field(0), &mut out),
        Ty::FIELD_ERROR => field_error_message(cx, addr, &mut out),
        Ty::STEP_LIMIT_ERROR => {
            out.push_str("StepLimitError: step budget of ");
            print_field(cx, field(0), &mut out);
            out.push_str(" exhausted (an infinite loop?)");
        }
        _ => show_value(cx, exc, &mut out),
    }
    out
}

fn is_nothing(cx: &HeapCtx, v: RtValue) -> bool {
    matches!(v, RtValue::Ref(a) if cx.tag(a) == Ty::NOTHING)
}

fn print_field(cx: &HeapCtx, v: Option<RtValue>, out: &mut String) {
    match v {
        Some(v) => print_value(cx, v, out),
        None => out.push_str("#undef"),
    }
}

fn prefixed(cx: &HeapCtx, prefix: &str, v: Option<RtValue>, out: &mut String) {
    out.push_str(prefix);
    print_field(cx, v, out);
}

/// `InexactError: Int64(2.5)`, `InexactError: trunc(Int64, 1.0e20)`: the type is printed only
/// when its name differs from the function's.
fn inexact_message(cx: &HeapCtx, addr: u32, out: &mut String) {
    out.push_str("InexactError: ");
    print_field(cx, cx.field(addr, 0), out);
    out.push('(');
    let func = cx.field(addr, 0).map(|f| crate::show::print_to_string(cx, f)).unwrap_or_default();
    if let Some(t) = cx.field(addr, 1) {
        let name = crate::show::print_to_string(cx, t);
        if name != func {
            out.push_str(&name);
            out.push_str(", ");
        }
    }
    if let Some(v) = cx.field(addr, 2) {
        show_value(cx, v, out);
    }
    out.push(')');
}

/// `BoundsError: attempt to access 3-element Vector{Int64} at index [4]`.
fn bounds_message(cx: &HeapCtx, addr: u32, out: &mut String) {
    out.push_str("BoundsError");
    let Some(a) = cx.field(addr, 0) else { return };
    out.push_str(": attempt to access ");
    out.push_str(&summary(cx, a));
    let Some(i) = cx.field(addr, 1) else { return };
    out.push_str(" at index [");
    match i {
        RtValue::Ref(t) if matches!(cx.types.kind(cx.tag(t)), TyKind::Tuple { .. }) => {
            for k in 0..cx.aux(t) {
                if k > 0 {
                    out.push_str(", ");
                }
                print_field_show(cx, cx.field(t, k), out);
            }
        }
        RtValue::Ref(r) if matches!(cx.tag(r), Ty::UNIT_RANGE_INT64 | Ty::STEP_RANGE_INT64) => {
            print_value(cx, i, out)
        }
        _ => show_value(cx, i, out),
    }
    out.push(']');
}

fn print_field_show(cx: &HeapCtx, v: Option<RtValue>, out: &mut String) {
    match v {
        Some(v) => show_value(cx, v, out),
        None => out.push_str("#undef"),
    }
}

/// base/errorshow.jl `showerror(::TypeError)`.
fn type_error_message(cx: &HeapCtx, addr: u32, out: &mut String) {
    out.push_str("TypeError: ");
    let expected = cx.field(addr, 2).and_then(|e| cx.type_value(e));
    let got = cx.field(addr, 3);
    let got_type = got.map(|g| cx.types.display(cx.type_of(g))).unwrap_or_default();
    if expected == Some(Ty::BOOL) {
        out.push_str(&format!("non-boolean ({got_type}) used in boolean context"));
        return;
    }
    let func = cx.field(addr, 0).map(|f| crate::show::print_to_string(cx, f)).unwrap_or_default();
    let context = cx.field(addr, 1).map(|c| crate::show::print_to_string(cx, c)).unwrap_or_default();
    if context.is_empty() {
        out.push_str(&format!("in {func}"));
    } else {
        out.push_str(&format!("in {func}, in {context}"));
    }
    out.push_str(", expected ");
    // The subset has no `UnionAll`: its `Type{Tuple}` stands for Julia's `Type{<:Tuple}`, the
    // type `invoke` names for a bad signature argument (src/builtins.c `jl_f_invoke`).
    let type_of_tuples = cx.types.type_param(expected.unwrap_or(Ty::ANY)) == Some(Ty::TUPLE);
    if func == "invoke" && type_of_tuples {
        out.push_str("Type{<:Tuple}");
    } else {
        print_field(cx, cx.field(addr, 2), out);
    }
    out.push_str(", got ");
    match got.and_then(|g| cx.type_value(g)) {
        Some(t) => out.push_str(&format!("Type{{{}}}", cx.types.display(t))),
        None => out.push_str(&format!("a value of type {got_type}")),
    }
}

/// 1.12's `UndefVarError` with its suggestion line (the hint handler in base/errorshow.jl).
fn undef_var_message(cx: &HeapCtx, addr: u32, out: &mut String) {
    out.push_str("UndefVarError: `");
    print_field(cx, cx.field(addr, 0), out);
    out.push_str("` not defined");
    let scope = cx.field(addr, 1).map(|s| crate::show::print_to_string(cx, s));
    match scope.as_deref() {
        None | Some("nothing") => {}
        Some("local") => {
            out.push_str(" in local scope\nSuggestion: check for an assignment to a local variable that shadows a global of the same name.");
        }
        Some("static_parameter") => out.push_str(" in static parameter matching"),
        Some(module) => {
            out.push_str(&format!(
                " in `{module}`\nSuggestion: check for spelling errors or missing imports."
            ));
        }
    }
}

/// 1.12's `FieldError` plus `fielderror_listfields_hint_handler`.
fn field_error_message(cx: &HeapCtx, addr: u32, out: &mut String) {
    let ty = cx.field(addr, 0).and_then(|t| cx.type_value(t)).unwrap_or(Ty::ANY);
    let name = type_name(cx, ty);
    out.push_str(&format!("FieldError: type {name} has no field `"));
    print_field(cx, cx.field(addr, 1), out);
    out.push('`');
    let fields = cx.types.fields(ty);
    if fields.is_empty() {
        out.push_str(&format!("; {name} has no fields at all."));
    } else {
        let list: Vec<String> = fields.iter().map(|f| format!("`{}`", f.name)).collect();
        out.push_str(&format!(", available fields: {}", list.join(", ")));
    }
}

/// `nameof(T)`: the type's name without parameters.
fn type_name(cx: &HeapCtx, t: Ty) -> String {
    match cx.types.def_data(t) {
        Some(d) => d.name.to_string(),
        None => cx.types.display(t),
    }
}

/// `MethodError`'s text (base/errorshow.jl `showerror(io, ex::MethodError)`).
pub fn method_error_message(cx: &HeapCtx, exc: RtValue, facts: MethodFacts) -> String {
    let mut out = String::from("MethodError: ");
    let RtValue::Ref(addr) = exc else { return out };
    let (Some(f), Some(RtValue::Ref(args))) = (cx.field(addr, 0), cx.field(addr, 1)) else { return out };
    let args: Vec<RtValue> = (0..cx.aux(args)).filter_map(|i| cx.field(args, i)).collect();
    let (f, args, kwargs) = match keyword_call(cx, f, &args) {
        Some(call) => (call.callee, call.positional, call.keywords),
        None => (f, args, vec![]),
    };
    let name = callable_name(cx, f);
    let f_type = cx.type_value(f);
    // The session marks an ambiguous dispatch with world 0, which no call runs in
    // (Julia's `showerror_ambiguous`: `MethodError: f(::Int64, ::Int64) is ambiguous.`).
    if matches!(cx.field(addr, 2), Some(RtValue::UInt(0))) {
        let callee = name.clone().unwrap_or_else(|| cx.types.display(f_type.unwrap_or(Ty::ANY)));
        let types: Vec<String> = args.iter().map(|&a| format!("::{}", arg_type(cx, a))).collect();
        out.push_str(&format!("{callee}({}) is ambiguous.", types.join(", ")));
        return out;
    }
    if name.as_deref() == Some("convert") && args.len() == 2 {
        convert_message(cx, &args, &mut out);
    } else if let Some(t) = f_type.filter(|&t| {
        name.is_none() && !facts.has_constructors && cx.types.def_data(t).is_some_and(|d| d.is_abstract())
    }) {
        out.push_str(&format!("no constructors have been defined for {}", cx.types.display(t)));
        return out;
    } else if name.is_none() && f_type.is_none() {
        let ft = cx.types.display(cx.type_of(f));
        out.push_str(&format!("objects of type {ft} are not callable"));
    } else {
        out.push_str("no method matching ");
        match &name {
            Some(n) => out.push_str(n),
            None => out.push_str(&cx.types.display(f_type.unwrap_or(Ty::ANY))),
        }
        out.push('(');
        for (i, &a) in args.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            out.push_str("::");
            out.push_str(&arg_type(cx, a));
        }
        for (i, (k, v)) in kwargs.iter().enumerate() {
            out.push_str(if i == 0 { "; " } else { ", " });
            out.push_str(&format!("{k}::{}", arg_type(cx, *v)));
        }
        out.push(')');
    }
    if !kwargs.is_empty() {
        out.push_str(
            "\nThis method does not support all of the given keyword arguments (and may not support any).",
        );
        return out;
    }
    match (facts.too_new, &name, f_type) {
        (Some(current), _, _) => {
            let world = cx.field(addr, 2).map(|w| crate::show::print_to_string(cx, w)).unwrap_or_default();
            out.push_str(&format!(
                "\nThe applicable method may be too new: running in world age {world}, while current world is {current}."
            ));
        }
        (None, Some(n), _) => {
            out.push_str(&format!("\nThe function `{n}` exists, but no method is defined for this combination of argument types."))
        }
        (None, None, Some(t)) => out.push_str(&format!(
            "\nThe type `{}` exists, but no method is defined for this combination of argument types when trying to construct it.",
            cx.types.display(t)
        )),
        (None, None, None) => out.push_str(&format!(
            "\nThe object of type `{}` exists, but no method is defined for this combination of argument types when trying to treat it as a callable object.",
            cx.types.display(cx.type_of(f))
        )),
    }
    if name.as_deref() == Some("+") && !args.is_empty() && args.iter().all(|&a| cx.type_of(a) == Ty::STRING) {
        out.push_str("\nString concatenation is performed with * (See also: https://docs.julialang.org/en/v1/manual/strings/#man-concatenation).");
    }
    out
}

/// A keyword call as a `MethodError` shows it: the callee, its positional arguments, and the
/// keywords with their values.
struct KeywordCall {
    callee: RtValue,
    positional: Vec<RtValue>,
    keywords: Vec<(String, RtValue)>,
}

/// A `MethodError` of `Core.kwcall(names, vals, f, args...)` (invokelab's keyword call, see
/// crates/lower func.rs) is shown as the call `f(args...; k = v)` it stands for, as Julia shows
/// `kwcall(kws::NamedTuple, f, args...)` (base/errorshow.jl).
fn keyword_call(cx: &HeapCtx, f: RtValue, args: &[RtValue]) -> Option<KeywordCall> {
    if callable_name(cx, f).as_deref() != Some("kwcall") {
        return None;
    }
    let [RtValue::Ref(names), RtValue::Ref(vals), callee, positional @ ..] = args else { return None };
    let elements = |t: u32| -> Option<Vec<RtValue>> {
        matches!(cx.types.kind(cx.tag(t)), TyKind::Tuple { .. })
            .then(|| (0..cx.aux(t)).filter_map(|i| cx.field(t, i)).collect())
    };
    let (names, vals) = (elements(*names)?, elements(*vals)?);
    if names.len() != vals.len() {
        return None;
    }
    let mut kwargs = Vec::with_capacity(names.len());
    for (k, v) in names.into_iter().zip(vals) {
        let RtValue::Ref(k) = k else { return None };
        if cx.tag(k) != Ty::SYMBOL {
            return None;
        }
        kwargs.push((cx.string_of(k).to_string(), v));
    }
    Some(KeywordCall { callee: *callee, positional: positional.to_vec(), keywords: kwargs })
}

/// `Core.Typeof(x)`: `Type{T}` for a type value, else `typeof(x)`.
fn arg_type(cx: &HeapCtx, a: RtValue) -> String {
    match cx.type_value(a) {
        Some(t) => format!("Type{{{}}}", cx.types.display(t)),
        None => cx.types.display(cx.type_of(a)),
    }
}

/// base/errorshow.jl `show_convert_error`.
fn convert_message(cx: &HeapCtx, args: &[RtValue], out: &mut String) {
    let Some(target) = cx.type_value(args[0]) else {
        out.push_str("First argument to `convert` must be a Type, got ");
        print_value(cx, args[0], out);
        return;
    };
    let from = cx.type_of(args[1]);
    let (t, f) = match (cx.types.def_of(target), cx.types.def_of(from)) {
        (Some(a), Some(b)) if a != b => (type_name(cx, target), type_name(cx, from)),
        _ => (cx.types.display(target), cx.types.display(from)),
    };
    out.push_str(&format!("Cannot `convert` an object of type {f} to an object of type {t}"));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::heap::with_heap;
    use expect_test::{expect, Expect};
    use types::Field;

    type Build = Box<dyn Fn(&mut HeapCtx) -> RtValue>;

    fn check(builds: Vec<Build>, expect: Expect) {
        let text = with_heap(|cx| {
            let lines: Vec<String> = builds
                .iter()
                .map(|b| {
                    let exc = b(cx);
                    format!("ERROR: {}", error_message(cx, exc, MethodFacts::default()))
                })
                .collect();
            lines.join("\n")
        });
        expect.assert_eq(&text);
    }

    fn b(f: impl Fn(&mut HeapCtx) -> R + 'static) -> Build {
        Box::new(move |cx| f(cx).unwrap())
    }

    fn function(cx: &mut HeapCtx, name: &str) -> RtValue {
        let t = cx.types.define_function(name, false);
        RtValue::Ref(cx.singleton(t).unwrap())
    }

    #[test]
    fn messages() {
        check(
            vec![
                b(|cx| error_exception(cx, "boom")),
                b(|cx| {
                    let f = function(cx, "f");
                    method_error(cx, f, &[RtValue::Float(1.0)], 1)
                }),
                b(|cx| {
                    let f = function(cx, "f");
                    let s = cx.new_string("a").map(RtValue::Ref)?;
                    method_error(cx, f, &[RtValue::Int(1), s], 1)
                }),
                b(|cx| {
                    let plus = function(cx, "+");
                    let s = cx.new_string("a").map(RtValue::Ref)?;
                    method_error(cx, plus, &[s, s], 1)
                }),
                b(|cx| {
                    let p = cx.types.define_struct(
                        "P",
                        Ty::ANY,
                        false,
                        vec![Field { name: "x".into(), ty: Ty::ANY }],
                    );
                    let pt = cx.type_box(p).map(RtValue::Ref)?;
                    method_error(cx, pt, &[RtValue::Int(1), RtValue::Float(2.5)], 1)
                }),
                b(|cx| method_error(cx, RtValue::Int(3), &[RtValue::Int(4)], 1)),
                b(|cx| {
                    let convert = function(cx, "convert");
                    let t = cx.type_box(Ty::FLOAT64).map(RtValue::Ref)?;
                    let s = cx.new_string("s").map(RtValue::Ref)?;
                    method_error(cx, convert, &[t, s], 1)
                }),
                b(|cx| {
                    let g = function(cx, "g");
                    let t = cx.type_box(Ty::INT64).map(RtValue::Ref)?;
                    method_error(cx, g, &[t], 1)
                }),
                b(divide_error),
                b(|cx| inexact_error(cx, "Int64", Ty::INT64, RtValue::Float(2.5))),
                b(|cx| inexact_error(cx, "trunc", Ty::INT64, RtValue::Float(1e20))),
                b(|cx| undef_var_error(cx, "x", "Main")),
                b(|cx| undef_var_error(cx, "y", "local")),
                b(|cx| {
                    let v = cx.new_vector(Ty::INT64)?;
                    let i = cx.new_tuple(&[RtValue::Int(1)])?;
                    bounds_error(cx, RtValue::Ref(v), RtValue::Ref(i))
                }),
                b(|cx| {
                    let r = cx.new_struct(Ty::UNIT_RANGE_INT64, &[RtValue::Int(1), RtValue::Int(3)])?;
                    bounds_error(cx, RtValue::Ref(r), RtValue::Int(4))
                }),
                b(|cx| {
                    let s = cx.new_string("abc").map(RtValue::Ref)?;
                    bounds_error(cx, s, RtValue::Int(5))
                }),
                b(|cx| bool_context_error(cx, RtValue::Int(1))),
                b(|cx| type_error(cx, "typeassert", Ty::INT64, RtValue::Float(1.5))),
                b(|cx| {
                    let sqrt = "sqrt was called with a negative real argument but will only return a complex result if called with a complex argument. Try sqrt(Complex(x)).";
                    domain_error(cx, RtValue::Float(-1.0), sqrt)
                }),
                b(|cx| {
                    let n = cx.nothing()?;
                    cx.new_struct(Ty::DOMAIN_ERROR, &[RtValue::Int(-1), n]).map(RtValue::Ref)
                }),
                b(|cx| argument_error(cx, "x")),
                b(|cx| {
                    let e = cx.types.define_struct("E", Ty::ANY, false, vec![]);
                    field_error(cx, e, "z")
                }),
                b(stack_overflow_error),
                b(out_of_memory_error),
                b(undef_ref_error),
                b(|cx| step_limit_error(cx, 1000)),
                b(|_| Ok(RtValue::Int(1))),
                b(|cx| cx.new_string("oops").map(RtValue::Ref)),
                b(|cx| {
                    let my = cx.types.define_struct(
                        "MyErr",
                        Ty::EXCEPTION,
                        false,
                        vec![Field { name: "code".into(), ty: Ty::INT64 }],
                    );
                    cx.new_struct(my, &[RtValue::Int(7)]).map(RtValue::Ref)
                }),
            ],
            expect![[r#"
                ERROR: boom
                ERROR: MethodError: no method matching f(::Float64)
                The function `f` exists, but no method is defined for this combination of argument types.
                ERROR: MethodError: no method matching f(::Int64, ::String)
                The function `f` exists, but no method is defined for this combination of argument types.
                ERROR: MethodError: no method matching +(::String, ::String)
                The function `+` exists, but no method is defined for this combination of argument types.
                String concatenation is performed with * (See also: https://docs.julialang.org/en/v1/manual/strings/#man-concatenation).
                ERROR: MethodError: no method matching P(::Int64, ::Float64)
                The type `P` exists, but no method is defined for this combination of argument types when trying to construct it.
                ERROR: MethodError: objects of type Int64 are not callable
                The object of type `Int64` exists, but no method is defined for this combination of argument types when trying to treat it as a callable object.
                ERROR: MethodError: Cannot `convert` an object of type String to an object of type Float64
                The function `convert` exists, but no method is defined for this combination of argument types.
                ERROR: MethodError: no method matching g(::Type{Int64})
                The function `g` exists, but no method is defined for this combination of argument types.
                ERROR: DivideError: integer division error
                ERROR: InexactError: Int64(2.5)
                ERROR: InexactError: trunc(Int64, 1.0e20)
                ERROR: UndefVarError: `x` not defined in `Main`
                Suggestion: check for spelling errors or missing imports.
                ERROR: UndefVarError: `y` not defined in local scope
                Suggestion: check for an assignment to a local variable that shadows a global of the same name.
                ERROR: BoundsError: attempt to access 0-element Vector{Int64} at index [1]
                ERROR: BoundsError: attempt to access 3-element UnitRange{Int64} at index [4]
                ERROR: BoundsError: attempt to access 3-codeunit String at index [5]
                ERROR: TypeError: non-boolean (Int64) used in boolean context
                ERROR: TypeError: in typeassert, expected Int64, got a value of type Float64
                ERROR: DomainError with -1.0:
                sqrt was called with a negative real argument but will only return a complex result if called with a complex argument. Try sqrt(Complex(x)).
                ERROR: DomainError with -1
                ERROR: ArgumentError: x
                ERROR: FieldError: type E has no field `z`; E has no fields at all.
                ERROR: StackOverflowError:
                ERROR: OutOfMemoryError()
                ERROR: UndefRefError: access to undefined reference
                ERROR: StepLimitError: step budget of 1000 exhausted (an infinite loop?)
                ERROR: 1
                ERROR: "oops"
                ERROR: MyErr(7)"#]],
        );
    }

    #[test]
    fn method_error_in_an_old_world() {
        with_heap(|cx| {
            let f = function(cx, "f");
            let e = method_error(cx, f, &[RtValue::Int(1)], 5).unwrap();
            expect![[r#"
                MethodError: no method matching f(::Int64)
                The applicable method may be too new: running in world age 5, while current world is 7."#]]
            .assert_eq(&method_error_message(
                cx,
                e,
                MethodFacts { too_new: Some(7), ..MethodFacts::default() },
            ));
        });
    }
}
