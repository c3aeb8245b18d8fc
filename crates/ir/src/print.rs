//! What IR printing needs from its caller (`PrintContext`), a default context over a
//! `TypeStore` for tests, and Julia's text for literals, global refs and names inside IR.
//!
//! It does not lay out statements (see `print_code.rs`) and it does not know the heap: values
//! print from `ConstValue`s only. Formats follow docs/julia-formats.md §1, §2 and §4.

use std::fmt::Write;

use rustc_hash::FxHashMap;
use types::{CodeInstanceId, ConstValue, Lattice, Ty, TypeStore};

use crate::{Builtin, GlobalRef};

/// Names the printer cannot know by itself: types, literals, callees of `invoke`, builtins.
/// Every method but `type_name` and `invoke_callee` has a default that follows Julia's `show`.
pub trait PrintContext {
    /// A type as `show` prints it (`Int64`, `Vector{Float64}`, `typeof(f)`).
    fn type_name(&self, ty: Ty) -> String;

    /// The function name and the specialized argument types after the function of a
    /// CodeInstance, for `invoke Main.f(%1::Float64)`.
    fn invoke_callee(&self, ci: CodeInstanceId) -> (String, Vec<Ty>);

    /// A literal inside IR (`1`, `2.5`, `"abc"`, `:sym`, `nothing`, `Int64`, `Base.add_int`).
    fn const_repr(&self, c: &ConstValue) -> String {
        default_const_repr(self, c)
    }

    /// The global a builtin is bound to (`Base.add_int`, `Core.getfield`, `Core.:(===)`).
    fn builtin_global(&self, b: Builtin) -> String {
        global_repr(&GlobalRef::new(b.def().module, b.name()))
    }

    /// The `::T` annotation of a lattice element. Optimized Julia code shows widened types
    /// (`widen_all_consts!` in Compiler/src/optimize.jl), so `Const(1)` prints `Int64` and a
    /// constant type `T` prints `Type{T}` (`widenconst` of a type is `Type{T}`, not `DataType`).
    fn lattice_name(&self, l: &Lattice) -> String {
        match l {
            Lattice::Type(t) => self.type_name(*t),
            Lattice::Const(c) => const_type_name(self, c),
        }
    }
}

/// A `PrintContext` over a `TypeStore`, with the callees of `invoke`s registered by hand.
pub struct StorePrintContext<'a> {
    pub store: &'a TypeStore,
    pub callees: FxHashMap<CodeInstanceId, (String, Vec<Ty>)>,
}

impl<'a> StorePrintContext<'a> {
    pub fn new(store: &'a TypeStore) -> StorePrintContext<'a> {
        StorePrintContext { store, callees: FxHashMap::default() }
    }

    /// Registers what `invoke ci` prints as.
    pub fn with_callee(mut self, ci: CodeInstanceId, name: &str, arg_types: Vec<Ty>) -> Self {
        self.callees.insert(ci, (name.to_string(), arg_types));
        self
    }
}

impl PrintContext for StorePrintContext<'_> {
    fn type_name(&self, ty: Ty) -> String {
        self.store.display(ty)
    }

    fn invoke_callee(&self, ci: CodeInstanceId) -> (String, Vec<Ty>) {
        self.callees.get(&ci).cloned().unwrap_or_else(|| (ci.to_string(), vec![]))
    }
}

/// `show` of a constant, as `print_stmt` shows literals (`show_unquoted` of a value).
pub fn default_const_repr<C: PrintContext + ?Sized>(cx: &C, c: &ConstValue) -> String {
    match c {
        ConstValue::Int(i) => i.to_string(),
        ConstValue::UInt(u) => format!("0x{u:016x}"),
        ConstValue::Float(f) => julia_float(f.0),
        ConstValue::Bool(b) => b.to_string(),
        ConstValue::Bits(ty, bits) => show_bits(*ty, *bits),
        ConstValue::Wide(ty, bits) => show_wide(*ty, *bits),
        ConstValue::Str(s) => quoted_string(s),
        ConstValue::Symbol(s) => symbol_repr(s),
        ConstValue::Tuple(elems) => {
            let parts: Vec<String> = elems.iter().map(|e| cx.const_repr(e)).collect();
            if parts.len() == 1 {
                format!("({},)", parts[0])
            } else {
                format!("({})", parts.join(", "))
            }
        }
        ConstValue::Type(t) => cx.type_name(*t),
        ConstValue::Singleton(ty) if *ty == Ty::NOTHING => "nothing".to_string(),
        ConstValue::Singleton(ty) => {
            // The instance of `typeof(f)` shows as `f`; other singletons as `T()`.
            let name = cx.type_name(*ty);
            match name.strip_prefix("typeof(").and_then(|n| n.strip_suffix(')')) {
                Some(f) => f.to_string(),
                None => format!("{name}()"),
            }
        }
        ConstValue::Struct { ty, fields } => {
            let parts: Vec<String> = fields.iter().map(|e| cx.const_repr(e)).collect();
            format!("{}({})", cx.type_name(*ty), parts.join(", "))
        }
        ConstValue::Builtin(id) => match Builtin::from_id(*id) {
            Some(b) => cx.builtin_global(b),
            None => id.to_string(),
        },
        ConstValue::Method(id) => id.to_string(),
        ConstValue::MethodInstance(id) => id.to_string(),
        ConstValue::CodeInstance(id) => id.to_string(),
        ConstValue::MethodTable(id) => id.to_string(),
    }
}

/// The builtins base/boot.jl exports from Core: `show` prints them bare (`invoke`), the others
/// qualified (`Core.apply_type`).
const CORE_EXPORTS: &[&str] = &[
    "===",
    "<:",
    "applicable",
    "fieldtype",
    "getfield",
    "getglobal",
    "ifelse",
    "invoke",
    "isa",
    "isdefined",
    "modifyfield!",
    "nfields",
    "replacefield!",
    "setfield!",
    "setglobal!",
    "sizeof",
    "swapfield!",
    "throw",
    "tuple",
    "typeassert",
    "typeof",
];

/// A builtin as `show` prints the function: by its bare name when Core exports it.
pub fn builtin_show_name<C: PrintContext + ?Sized>(cx: &C, b: Builtin) -> String {
    if b.def().module == "Core" && CORE_EXPORTS.contains(&b.name()) {
        b.name().to_string()
    } else {
        cx.builtin_global(b)
    }
}

/// A builtin's type as Julia names it: each builtin function has its own singleton type
/// (`typeof(invoke)`, `typeof(Core.apply_type)`), every intrinsic is a `Core.IntrinsicFunction`.
fn builtin_type_name<C: PrintContext + ?Sized>(cx: &C, b: Builtin) -> String {
    match b.def().kind {
        crate::builtins::BuiltinKind::Intrinsic => cx.type_name(Ty::INTRINSIC_FUNCTION),
        crate::builtins::BuiltinKind::Builtin => format!("typeof({})", builtin_show_name(cx, b)),
    }
}

/// The widened type of a constant, by name (see `PrintContext::lattice_name`).
pub fn const_type_name<C: PrintContext + ?Sized>(cx: &C, c: &ConstValue) -> String {
    match c {
        ConstValue::Int(_) => cx.type_name(Ty::INT64),
        ConstValue::UInt(_) => cx.type_name(Ty::UINT64),
        ConstValue::Float(_) => cx.type_name(Ty::FLOAT64),
        ConstValue::Bool(_) => cx.type_name(Ty::BOOL),
        ConstValue::Bits(ty, _) | ConstValue::Wide(ty, _) => cx.type_name(*ty),
        ConstValue::Str(_) => cx.type_name(Ty::STRING),
        ConstValue::Symbol(_) => cx.type_name(Ty::SYMBOL),
        ConstValue::Tuple(elems) => {
            let parts: Vec<String> = elems.iter().map(|e| const_type_name(cx, e)).collect();
            format!("Tuple{{{}}}", parts.join(", "))
        }
        ConstValue::Type(t) => format!("Type{{{}}}", cx.type_name(*t)),
        ConstValue::Singleton(ty) | ConstValue::Struct { ty, .. } => cx.type_name(*ty),
        ConstValue::Builtin(id) => match Builtin::from_id(*id) {
            Some(b) => builtin_type_name(cx, b),
            None => cx.type_name(Ty::INTRINSIC_FUNCTION),
        },
        ConstValue::Method(_) => cx.type_name(Ty::METHOD),
        ConstValue::MethodInstance(_) => cx.type_name(Ty::METHOD_INSTANCE),
        ConstValue::CodeInstance(_) => cx.type_name(Ty::CODE_INSTANCE),
        ConstValue::MethodTable(_) => cx.type_name(Ty::METHOD_TABLE),
    }
}

/// `show` of a small bits value (`ConstValue::Bits`): signed integers in decimal, unsigned ones
/// in hex with two digits per byte (`0x05`, `0x0005`), a `Float32` as `1.5f0`.
pub fn show_bits(ty: Ty, bits: u64) -> String {
    match ty.int_format() {
        Some(f) if f.signed => (bits as i64).to_string(),
        Some(f) => format!("0x{:0width$x}", bits, width = (f.bits / 4) as usize),
        None => crate::float::format_float32(f32::from_bits(bits as u32), true),
    }
}

/// `show` of an `Int128` (decimal) or `UInt128` (`0x` and 32 hex digits).
pub fn show_wide(ty: Ty, bits: u128) -> String {
    if ty == Ty::INT128 {
        (bits as i128).to_string()
    } else {
        format!("0x{bits:032x}")
    }
}

/// `print` of an `Int128` or `UInt128`: decimal.
pub fn print_wide(ty: Ty, bits: u128) -> String {
    if ty == Ty::INT128 {
        (bits as i128).to_string()
    } else {
        bits.to_string()
    }
}

/// `print` of a small bits value: integers in decimal, a `Float32` without its `f0`.
pub fn print_bits(ty: Ty, bits: u64) -> String {
    match ty.int_format() {
        Some(f) if f.signed => (bits as i64).to_string(),
        Some(_) => bits.to_string(),
        None => crate::float::format_float32(f32::from_bits(bits as u32), false),
    }
}

/// Julia's shortest round-trip `Float64` text (julia-formats.md §1.3).
pub fn julia_float(x: f64) -> String {
    crate::float::format_float(x)
}

/// `show` of a string: quoted, with `escape_string(s, ('"', '$'))` (base/strings/io.jl).
pub fn quoted_string(s: &str) -> String {
    let mut out = String::from("\"");
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '$' => out.push_str("\\$"),
            '\\' => out.push_str("\\\\"),
            '\0' => {
                let digit_next = chars.peek().is_some_and(|n| n.is_ascii_digit());
                out.push_str(if digit_next { "\\x00" } else { "\\0" });
            }
            '\x1b' => out.push_str("\\e"),
            '\x07' => out.push_str("\\a"),
            '\x08' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\x0b' => out.push_str("\\v"),
            '\x0c' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if c.is_control() => {
                let _ = if (c as u32) <= 0xffff {
                    write!(out, "\\u{:04x}", c as u32)
                } else {
                    write!(out, "\\U{:08x}", c as u32)
                };
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `show` of a Symbol: `:abc`, `:+`, `Symbol("a b")`.
pub fn symbol_repr(s: &str) -> String {
    if is_identifier(s) || is_operator(s) {
        format!(":{s}")
    } else {
        format!("Symbol({})", quoted_string(s))
    }
}

/// A global ref as IR shows it: `Main.g`, `Main.:+`, `Main.:(:)`, `Main.var"#f#1"`.
pub fn global_repr(g: &GlobalRef) -> String {
    format!("{}.{}", g.module, qualified_name(&g.name))
}

/// A name after `Module.`: identifiers bare, operators quoted (`:+`, `:(===)`), others `var"..."`.
fn qualified_name(name: &str) -> String {
    if is_identifier(name) {
        name.to_string()
    } else if is_operator(name) {
        // `show_sym` wraps operators that would not parse after `:` in parentheses.
        if matches!(name, ":" | "===" | "==" | "=>" | "<:" | ">:" | "::" | "=" | "...") {
            format!(":({name})")
        } else {
            format!(":{name}")
        }
    } else {
        format!("var{}", quoted_string(name))
    }
}

pub(crate) fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    (first.is_alphabetic() || first == '_')
        && chars.all(|c| c.is_alphanumeric() || c == '_' || c == '!')
        && !matches!(s, "true" | "false" | "end" | "if" | "else" | "for" | "while" | "function" | "return")
}

/// Binary operators that `show` prints infix (`a + b`); a subset of Julia's `isbinaryoperator`.
pub(crate) fn is_operator(s: &str) -> bool {
    matches!(
        s,
        "+" | "-"
            | "*"
            | "/"
            | "\\"
            | "÷"
            | "%"
            | "^"
            | "=="
            | "!="
            | "==="
            | "!=="
            | "<"
            | "<="
            | ">"
            | ">="
            | "≤"
            | "≥"
            | "≠"
            | "<:"
            | ">:"
            | "&"
            | "|"
            | "⊻"
            | "<<"
            | ">>"
            | ">>>"
            | "//"
            | "=>"
            | ":"
            | "∘"
    )
}

/// Printed names of the arguments and slots, as `sourceinfo_slotnames` (base/show.jl) makes
/// them: an empty or repeated name gets `@_i` (1-based slot number, `#self#` is 1); an unnamed
/// argument prints `_i` (the `Body::arg_names` contract).
pub(crate) fn slot_names(arg_names: &[Option<&str>], slot_names: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut seen: FxHashMap<String, usize> = FxHashMap::default();
    let all = arg_names.iter().copied().chain(slot_names.iter().map(|s| Some(*s)));
    for (i, name) in all.enumerate() {
        let number = i + 1;
        let Some(name) = name else {
            out.push(format!("_{number}"));
            continue;
        };
        match seen.get(name).copied() {
            Some(first) => {
                if first != usize::MAX {
                    out[first] = format!("{name}@_{}", first + 1);
                    seen.insert(name.to_string(), usize::MAX);
                }
                out.push(format!("{name}@_{number}"));
            }
            None if name.is_empty() => out.push(format!("@_{number}")),
            None => {
                seen.insert(name.to_string(), i);
                out.push(name.to_string());
            }
        }
    }
    out
}
