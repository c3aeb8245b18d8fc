//! The non-intrinsic builtins (`Core.getfield`, `_vector_push`, `_print`, ...) over run-time
//! values, shared by the host's `call_builtin` import and the reference interpreter.
//! Not here: intrinsics (`ir`'s evaluator), and the builtins that need the session (calls,
//! reflection, world ages), which the builtin table (`session::BuiltinTable`) sends to the
//! session's functions; this file answers `NoImplementation` for them (a routing bug).

use ir::{Builtin, RtValue};
use types::{Ty, TyKind};

use crate::errors;
use crate::heap::{HeapCtx, HeapError};
use crate::show::{print_value, repr};

/// Why a builtin did not return a value.
#[derive(Clone, Copy, PartialEq, Debug)]
pub enum BuiltinError {
    /// Raise this exception (built already, or the argument of `throw`).
    Throw(RtValue),
    /// The heap must grow (then retry the call) or is exhausted.
    Heap(HeapError),
    /// Not a builtin of the heap: the session implements it (it calls functions or reads
    /// session state) or it is an intrinsic. Reaching this is a routing bug.
    NoImplementation,
}

impl From<HeapError> for BuiltinError {
    fn from(e: HeapError) -> Self {
        BuiltinError::Heap(e)
    }
}

type R<T = RtValue> = Result<T, BuiltinError>;

/// Turns a freshly built exception into the error that raises it.
fn raise(e: Result<RtValue, HeapError>) -> BuiltinError {
    match e {
        Ok(exc) => BuiltinError::Throw(exc),
        Err(h) => BuiltinError::Heap(h),
    }
}

/// Runs builtin `b` on `args`; `out` receives what `_print` prints (standard output).
///
/// Argument orders: `_vector_new(T, elems...)`, `_vector_ref(v, i)`, `_vector_set(v, x, i)`
/// (as `setindex!`; returns `v`), `_vector_push(v, x)` (returns `v`); indices are 1-based.
/// Stores into a vector convert numbers to the element type as `convert` would.
pub fn call_builtin(cx: &mut HeapCtx, out: &mut String, b: Builtin, args: &[RtValue]) -> R {
    if let Some(n) = b.def().arity {
        check_arity(cx, b, args.len(), n)?;
    }
    let arg = |i: usize| args[i];
    match b {
        Builtin::Egal => Ok(RtValue::Bool(cx.egal(arg(0), arg(1)))),
        Builtin::Typeof => {
            let t = cx.type_of(arg(0));
            Ok(RtValue::Ref(cx.type_box(t)?))
        }
        Builtin::CoreTypeof => {
            let t = match cx.type_value(arg(0)) {
                Some(t) => cx.types.type_type(t),
                None => cx.type_of(arg(0)),
            };
            Ok(RtValue::Ref(cx.type_box(t)?))
        }
        Builtin::Isa => {
            let t = expect_type(cx, "isa", arg(1))?;
            Ok(RtValue::Bool(cx.isa(arg(0), t)))
        }
        Builtin::Issubtype => {
            let a = expect_type(cx, "<:", arg(0))?;
            let t = expect_type(cx, "<:", arg(1))?;
            Ok(RtValue::Bool(cx.types.issubtype(a, t)))
        }
        Builtin::Getfield => getfield(cx, arg(0), arg(1)),
        Builtin::Setfield => setfield(cx, arg(0), arg(1), arg(2)),
        Builtin::Tuple => Ok(RtValue::Ref(cx.new_tuple(args)?)),
        Builtin::Nfields => Ok(RtValue::Int(cx.nfields(arg(0)) as i64)),
        Builtin::Throw => Err(BuiltinError::Throw(arg(0))),
        Builtin::Typeassert => {
            let t = expect_type(cx, "typeassert", arg(1))?;
            if cx.isa(arg(0), t) {
                Ok(arg(0))
            } else {
                Err(raise(errors::type_error(cx, "typeassert", t, arg(0))))
            }
        }
        Builtin::Ifelse => match arg(0) {
            RtValue::Bool(c) => Ok(if c { arg(1) } else { arg(2) }),
            c => Err(raise(errors::type_error(cx, "ifelse", Ty::BOOL, c))),
        },
        Builtin::ApplyType => apply_type(cx, args),
        Builtin::TypeBody => {
            let Some((&t, field_types)) = args.split_first() else {
                return Err(raise(errors::argument_error(cx, "_typebody!: too few arguments (expected 1)")));
            };
            let ty = expect_type(cx, "_typebody!", t)?;
            let mut fields = cx.types.fields(ty).to_vec();
            if fields.len() != field_types.len() {
                return Err(raise(errors::error_exception(cx, "_typebody!: wrong number of field types")));
            }
            for (f, &ft) in fields.iter_mut().zip(field_types) {
                f.ty = expect_type(cx, "_typebody!", ft)?;
            }
            cx.types.set_fields(ty, fields);
            Ok(RtValue::Ref(cx.singleton(Ty::NOTHING)?))
        }
        Builtin::VectorEltype => {
            let v = expect_vector(cx, "_vector_eltype", arg(0))?;
            let t = cx.tag(v);
            let elem = cx.types.vector_elem(t).unwrap_or(Ty::ANY);
            Ok(RtValue::Ref(cx.type_box(elem)?))
        }
        Builtin::TypeParam => match (arg(0), arg(1)) {
            (RtValue::Int(i), RtValue::Ref(name)) if i >= 0 => {
                let name = cx.string_of(name).to_string();
                let t = cx.types.param(i as u32, &name);
                Ok(RtValue::Ref(cx.type_box(t)?))
            }
            _ => Err(raise(errors::argument_error(cx, "_type_param: expected an index and a name"))),
        },
        Builtin::StringIterate => match (arg(0), arg(1)) {
            (RtValue::Ref(s), RtValue::Int(i)) if cx.tag(s) == Ty::STRING => {
                let text = cx.string_of(s);
                let next = usize::try_from(i - 1)
                    .ok()
                    .and_then(|at| text.get(at..))
                    .and_then(|rest| rest.chars().next());
                match next {
                    Some(c) => {
                        let ch = cx.new_struct(Ty::CHAR, &[RtValue::UInt(u64::from(c as u32))])?;
                        let tuple =
                            cx.new_tuple(&[RtValue::Ref(ch), RtValue::Int(i + c.len_utf8() as i64)])?;
                        Ok(RtValue::Ref(tuple))
                    }
                    None => Ok(cx.nothing()?),
                }
            }
            (s, _) => Err(raise(errors::type_error(cx, "iterate", Ty::STRING, s))),
        },
        Builtin::StringSizeof => {
            let s = expect_string(cx, "ncodeunits", arg(0))?;
            Ok(RtValue::Int(cx.string_of(s).len() as i64))
        }
        Builtin::StringCodeunit => {
            let s = expect_string(cx, "codeunit", arg(0))?;
            let byte = match arg(1) {
                RtValue::Int(i) if i >= 1 => cx.string_of(s).as_bytes().get(i as usize - 1).copied(),
                _ => None,
            };
            match byte {
                Some(b) => Ok(RtValue::Bits(Ty::UINT8, u64::from(b))),
                None => Err(raise(errors::bounds_error(cx, arg(0), arg(1)))),
            }
        }
        Builtin::StringSubstr => {
            let s = expect_string(cx, "_string_substr", arg(0))?;
            let (RtValue::Int(i), RtValue::Int(j)) = (arg(1), arg(2)) else {
                return Err(raise(errors::argument_error(cx, "_string_substr: expected byte indices")));
            };
            let text = cx.string_of(s);
            let range = usize::try_from(i - 1).ok().zip(usize::try_from(j).ok()).filter(|&(a, b)| a <= b);
            let part = match range {
                Some((a, b)) => text.get(a..b).map(str::to_string),
                None if j < i => Some(String::new()),
                None => None,
            };
            match part {
                Some(part) => Ok(RtValue::Ref(cx.new_string(&part)?)),
                None => {
                    Err(raise(errors::argument_error(cx, "_string_substr: not a range of whole characters")))
                }
            }
        }
        Builtin::StringSearch => {
            let s = expect_string(cx, "_string_search", arg(0))?;
            let t = expect_string(cx, "_string_search", arg(1))?;
            let RtValue::Int(i) = arg(2) else {
                return Err(raise(errors::type_error(cx, "_string_search", Ty::INT64, arg(2))));
            };
            let (text, needle) = (cx.string_of(s).as_bytes(), cx.string_of(t).as_bytes());
            let from = usize::try_from(i - 1).unwrap_or(0);
            let found = if from > text.len() {
                None
            } else if needle.is_empty() {
                Some(from)
            } else {
                text[from..].windows(needle.len()).position(|w| w == needle).map(|at| from + at)
            };
            Ok(RtValue::Int(found.map_or(0, |at| at as i64 + 1)))
        }
        Builtin::SymbolNew => {
            let s = expect_string(cx, "Symbol", arg(0))?;
            let name = cx.string_of(s).to_string();
            Ok(RtValue::Ref(cx.symbol(&name)?))
        }
        Builtin::NamedTupleNew => {
            let (RtValue::Ref(names), RtValue::Ref(vals)) = (arg(0), arg(1)) else {
                return Err(raise(errors::argument_error(cx, "_namedtuple: expected two tuples")));
            };
            let n = cx.nfields(arg(0));
            if n != cx.nfields(arg(1)) {
                return Err(raise(errors::argument_error(
                    cx,
                    "_namedtuple: names and values differ in length",
                )));
            }
            let mut keys = Vec::with_capacity(n as usize);
            let mut values = Vec::with_capacity(n as usize);
            let mut types = Vec::with_capacity(n as usize);
            for i in 0..n {
                let name = match cx.field(names, i) {
                    Some(RtValue::Ref(s)) if cx.tag(s) == Ty::SYMBOL => std::rc::Rc::from(cx.string_of(s)),
                    _ => return Err(raise(errors::argument_error(cx, "_namedtuple: names must be Symbols"))),
                };
                if keys.contains(&name) {
                    let msg = format!("field name :{name} is not unique");
                    return Err(raise(errors::error_exception(cx, &msg)));
                }
                keys.push(name);
                let v = cx.field(vals, i).unwrap_or(RtValue::Int(0));
                types.push(cx.type_of(v));
                values.push(v);
            }
            let ty = cx.types.named_tuple(&keys, &types);
            Ok(RtValue::Ref(cx.new_struct(ty, &values)?))
        }
        Builtin::Fieldnames => {
            let t = expect_type(cx, "fieldnames", arg(0))?;
            let names: Vec<String> = cx.types.fields(t).iter().map(|f| f.name.to_string()).collect();
            let mut symbols = Vec::with_capacity(names.len());
            for name in names {
                symbols.push(RtValue::Ref(cx.symbol(&name)?));
            }
            Ok(RtValue::Ref(cx.new_tuple(&symbols)?))
        }
        Builtin::Supertype => {
            let t = expect_type(cx, "supertype", arg(0))?;
            match cx.types.kind(t) {
                types::TyKind::Data { .. } => {
                    let sup = cx.types.supertype_of(t).unwrap_or(Ty::ANY);
                    Ok(RtValue::Ref(cx.type_box(sup)?))
                }
                _ => Err(raise(errors::type_error(cx, "supertype", Ty::DATATYPE, arg(0)))),
            }
        }
        Builtin::IsConcreteType => {
            let t = expect_type(cx, "isconcretetype", arg(0))?;
            Ok(RtValue::Bool(cx.types.is_concrete(t)))
        }
        Builtin::IsAbstractType => {
            let t = expect_type(cx, "isabstracttype", arg(0))?;
            let abstract_def = match cx.types.kind(t) {
                types::TyKind::Data { def, .. } => cx.types.datatype(*def).is_abstract(),
                _ => false,
            };
            Ok(RtValue::Bool(abstract_def))
        }
        Builtin::ErrorMessage => {
            let text = errors::error_message(cx, arg(0), errors::MethodFacts::default());
            Ok(RtValue::Ref(cx.new_string(&text)?))
        }
        Builtin::ParseFloat => {
            let s = expect_string(cx, "parse", arg(0))?;
            match parse_float(cx.string_of(s)) {
                Some(x) => Ok(RtValue::Float(x)),
                None => Ok(cx.nothing()?),
            }
        }
        Builtin::StringHash => {
            let h = match arg(1) {
                RtValue::UInt(h) => h,
                h => return Err(raise(errors::type_error(cx, "hash", Ty::UINT64, h))),
            };
            match arg(0) {
                RtValue::Ref(s) if cx.tag(s) == Ty::SYMBOL => {
                    Ok(RtValue::UInt(crate::hashing::symbol_objectid(cx.string_of(s).as_bytes())))
                }
                s => {
                    let s = expect_string(cx, "hash", s)?;
                    Ok(RtValue::UInt(crate::hashing::hash_string(cx.string_of(s).as_bytes(), h)))
                }
            }
        }
        Builtin::StaticParameter => {
            Err(raise(errors::error_exception(cx, "a static parameter was read outside its method")))
        }
        Builtin::Typejoin => {
            let a = expect_type(cx, "typejoin", arg(0))?;
            let b = expect_type(cx, "typejoin", arg(1))?;
            let t = cx.types.typejoin(a, b);
            Ok(RtValue::Ref(cx.type_box(t)?))
        }
        Builtin::NewStruct => {
            let Some((&t, fields)) = args.split_first() else {
                return Err(raise(errors::argument_error(cx, "_new: too few arguments (expected 1)")));
            };
            let ty = expect_type(cx, "new", t)?;
            let concrete_struct = cx.types.is_concrete(ty)
                && matches!(cx.types.def_data(ty).map(|d| d.kind), Some(types::DataKind::Struct { .. }))
                && cx.types.fields(ty).len() == fields.len();
            if !concrete_struct {
                return Err(raise(errors::error_exception(
                    cx,
                    "new: the type is not a concrete struct type with these fields",
                )));
            }
            cx.new_struct(ty, fields).map(RtValue::Ref).map_err(Into::into)
        }
        Builtin::Fieldtype => fieldtype(cx, arg(0), arg(1)),
        Builtin::VectorNew => vector_new(cx, args),
        Builtin::VectorLength => {
            let v = expect_vector(cx, "_vector_length", arg(0))?;
            Ok(RtValue::Int(cx.vector_length(v) as i64))
        }
        Builtin::VectorRef => vector_ref(cx, arg(0), arg(1)),
        Builtin::VectorSet => vector_set(cx, arg(0), arg(1), arg(2)),
        Builtin::VectorResize => {
            let v = expect_vector(cx, "resize!", arg(0))?;
            match arg(1) {
                RtValue::Int(n) if (0..=i64::from(u32::MAX / 8)).contains(&n) => {
                    cx.vector_resize(v, n as u32)?
                }
                RtValue::Int(_) => {
                    return Err(raise(errors::argument_error(cx, "new length must be ≥ 0")));
                }
                n => return Err(raise(errors::type_error(cx, "resize!", Ty::INT64, n))),
            }
            Ok(arg(0))
        }
        Builtin::StringFromCodeunits => {
            let v = expect_vector(cx, "String", arg(0))?;
            let mut bytes = Vec::with_capacity(cx.vector_length(v) as usize);
            for i in 0..cx.vector_length(v) {
                match cx.vector_get(v, i) {
                    Some(RtValue::Bits(Ty::UINT8, b)) => bytes.push(b as u8),
                    _ => return Err(raise(errors::argument_error(cx, "String: expected a Vector{UInt8}"))),
                }
            }
            match String::from_utf8(bytes) {
                Ok(s) => Ok(RtValue::Ref(cx.new_string(&s)?)),
                Err(_) => Err(raise(errors::argument_error(
                    cx,
                    "String: the bytes are not UTF-8 (invokelab's strings are)",
                ))),
            }
        }
        Builtin::FormatFloat => match (arg(0), arg(1), arg(2), arg(3)) {
            (RtValue::Float(x), RtValue::Int(conv), RtValue::Int(prec), RtValue::Bool(alt)) => {
                let conv = char::from_u32(conv as u32).unwrap_or('f');
                let digits = crate::float::printf_digits(x, conv, prec.clamp(0, 10_000) as usize, alt);
                Ok(RtValue::Ref(cx.new_string(&digits)?))
            }
            (x, ..) => Err(raise(errors::type_error(cx, "_format_float", Ty::FLOAT64, x))),
        },
        Builtin::TypeinfoImplicit => {
            let t = expect_type(cx, "typeinfo_implicit", arg(0))?;
            Ok(RtValue::Bool(crate::show::typeinfo_implicit(cx, t)))
        }
        Builtin::RandU64 => Ok(RtValue::UInt(cx.objects.rng.next())),
        Builtin::Randn => Ok(RtValue::Float(cx.objects.rng.randn())),
        Builtin::RandBulk => {
            let n = match arg(0) {
                RtValue::Int(n) if n >= 0 => n as usize,
                n => return Err(raise(errors::type_error(cx, "rand", Ty::INT64, n))),
            };
            // The generator advances only once the vector is built: a heap operation that
            // stops short runs again (`raise::with_heap`), and must draw the same words.
            let mut rng = cx.objects.rng;
            let words = rng.bulk(n);
            let v = cx.new_vector(Ty::UINT64)?;
            for w in words {
                cx.vector_push(v, RtValue::UInt(w))?;
            }
            cx.objects.rng = rng;
            Ok(RtValue::Ref(v))
        }
        Builtin::RandSeed => {
            let seed = match arg(0) {
                RtValue::Int(i) => i128::from(i),
                RtValue::UInt(u) => i128::from(u),
                s => return Err(raise(errors::type_error(cx, "seed!", Ty::INTEGER, s))),
            };
            cx.objects.rng = crate::random::Xoshiro::seeded(seed);
            Ok(cx.nothing()?)
        }
        Builtin::VectorCopy => {
            let v = expect_vector(cx, "copy", arg(0))?;
            Ok(RtValue::Ref(cx.vector_copy(v)?))
        }
        Builtin::VectorMove => {
            let v = expect_vector(cx, "_vector_move", arg(0))?;
            let len = i64::from(cx.vector_length(v));
            let (RtValue::Int(to), RtValue::Int(from), RtValue::Int(n)) = (arg(1), arg(2), arg(3)) else {
                return Err(raise(errors::argument_error(cx, "_vector_move: expected Int64 indices")));
            };
            let fits = |at: i64| at >= 1 && n >= 0 && at - 1 + n <= len;
            if !fits(to) || !fits(from) {
                return Err(raise(errors::bounds_error(cx, arg(0), arg(if fits(to) { 2 } else { 1 }))));
            }
            cx.vector_move(v, (to - 1) as u32, (from - 1) as u32, n as u32);
            Ok(arg(0))
        }
        Builtin::VectorPush => {
            let v = expect_vector(cx, "_vector_push", arg(0))?;
            let x = convert_for_store(cx, arg(1), cx.vector_elem_type(v).unwrap_or(Ty::ANY))?;
            cx.vector_push(v, x)?;
            Ok(arg(0))
        }
        Builtin::StringConcat => {
            let mut s = String::new();
            for &a in args {
                print_value(cx, a, &mut s);
            }
            Ok(RtValue::Ref(cx.new_string(&s)?))
        }
        Builtin::StringLength => match arg(0) {
            RtValue::Ref(a) if cx.tag(a) == Ty::STRING => {
                Ok(RtValue::Int(cx.string_of(a).chars().count() as i64))
            }
            s => Err(raise(errors::type_error(cx, "_string_length", Ty::STRING, s))),
        },
        Builtin::Print => {
            for &a in args {
                print_value(cx, a, out);
            }
            Ok(cx.nothing()?)
        }
        Builtin::Repr => {
            let s = repr(cx, arg(0));
            Ok(RtValue::Ref(cx.new_string(&s)?))
        }
        _ => Err(BuiltinError::NoImplementation),
    }
}

/// src/builtins.c `jl_too_few_args` / `jl_too_many_args`.
fn check_arity(cx: &mut HeapCtx, b: Builtin, got: usize, want: usize) -> R<()> {
    if got == want {
        return Ok(());
    }
    let which = if got < want { "few" } else { "many" };
    let msg = format!("{}: too {which} arguments (expected {want})", b.name());
    Err(raise(errors::argument_error(cx, &msg)))
}

fn expect_type(cx: &mut HeapCtx, func: &str, v: RtValue) -> R<Ty> {
    match cx.type_value(v) {
        Some(t) => Ok(t),
        None => Err(raise(errors::type_error(cx, func, Ty::TYPE, v))),
    }
}

/// base/parse.jl `tryparse(Float64, s)`: surrounding whitespace is ignored; `Inf`, `NaN`,
/// exponents, a sign; no `_` separators.
fn parse_float(s: &str) -> Option<f64> {
    let t = s.trim_matches(|c: char| c.is_whitespace());
    let digits = t.trim_start_matches(['+', '-']);
    let word = matches!(digits.to_ascii_lowercase().as_str(), "inf" | "infinity" | "nan");
    let numeric = !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit() || "eE.+-".contains(c));
    if !(word || numeric) || t.len() - digits.len() > 1 {
        return None;
    }
    t.parse::<f64>().ok()
}

fn expect_string(cx: &mut HeapCtx, func: &str, v: RtValue) -> R<u32> {
    match v {
        RtValue::Ref(a) if cx.tag(a) == Ty::STRING => Ok(a),
        _ => Err(raise(errors::type_error(cx, func, Ty::STRING, v))),
    }
}

fn expect_vector(cx: &mut HeapCtx, func: &str, v: RtValue) -> R<u32> {
    match v {
        RtValue::Ref(a) if cx.vector_elem_type(a).is_some() => Ok(a),
        _ => Err(raise(errors::type_error(cx, func, Ty::VECTOR, v))),
    }
}

/// The 0-based field index `getfield`/`setfield!` mean by `i` (an Int or a Symbol).
fn field_index(cx: &mut HeapCtx, func: &str, x: RtValue, i: RtValue) -> R<u32> {
    let ty = cx.type_of(x);
    let n = cx.nfields(x);
    match i {
        RtValue::Int(k) if k >= 1 && (k as u64) <= n as u64 => Ok((k - 1) as u32),
        RtValue::Int(_) => Err(raise(errors::bounds_error(cx, x, i))),
        RtValue::Ref(s) if cx.tag(s) == Ty::SYMBOL => {
            let name = cx.string_of(s).to_string();
            match cx.field_index(ty, &name) {
                Some(k) if k < n => Ok(k),
                _ => Err(raise(errors::field_error(cx, ty, &name))),
            }
        }
        _ => {
            let expected = cx.types.union(&[Ty::INT64, Ty::SYMBOL]);
            Err(raise(errors::type_error(cx, func, expected, i)))
        }
    }
}

fn getfield(cx: &mut HeapCtx, x: RtValue, i: RtValue) -> R {
    // The fields of Methods, MethodInstances and CodeInstances live in the world.
    if cx.object_of(x).is_some() {
        return Err(BuiltinError::NoImplementation);
    }
    let k = field_index(cx, "getfield", x, i)?;
    let RtValue::Ref(addr) = x else { return Err(raise(errors::bounds_error(cx, x, i))) };
    match cx.field(addr, k) {
        Some(v) => Ok(v),
        None => Err(raise(errors::undef_ref_error(cx))),
    }
}

fn is_mutable(cx: &HeapCtx, ty: Ty) -> bool {
    cx.types.def_data(ty).is_some_and(|d| d.is_mutable())
}

fn setfield(cx: &mut HeapCtx, x: RtValue, i: RtValue, v: RtValue) -> R {
    let ty = cx.type_of(x);
    let addr = match x {
        RtValue::Ref(addr) if is_mutable(cx, ty) => addr,
        _ => {
            let msg =
                format!("setfield!: immutable struct of type {} cannot be changed", cx.types.display(ty));
            return Err(raise(errors::error_exception(cx, &msg)));
        }
    };
    let k = field_index(cx, "setfield!", x, i)?;
    let declared = cx.types.fields(ty).get(k as usize).map(|f| f.ty).unwrap_or(Ty::ANY);
    if !cx.isa(v, declared) {
        return Err(raise(errors::type_error(cx, "setfield!", declared, v)));
    }
    cx.set_field(addr, k, v)?;
    Ok(v)
}

/// `Vector{Float64}`, `Union{A, B}`, `Tuple{A, B}`, `Type{T}`, `UnitRange{Int64}`.
fn apply_type(cx: &mut HeapCtx, args: &[RtValue]) -> R {
    let Some((&head, params)) = args.split_first() else {
        return Err(raise(errors::argument_error(cx, "apply_type: too few arguments (expected 1)")));
    };
    let head_ty = expect_type(cx, "Type{...} expression", head)?;
    let mut tys = Vec::with_capacity(params.len());
    for &p in params {
        match cx.type_value(p) {
            Some(t) => tys.push(t),
            None => {
                let msg = "apply_type: type parameters must be types in invokelab";
                return Err(raise(errors::error_exception(cx, msg)));
            }
        }
    }
    let ty = match head_ty {
        Ty::UNION => cx.types.union(&tys),
        Ty::TUPLE => cx.types.tuple(tys),
        _ => {
            let def = cx.types.def_of(head_ty).filter(|_| cx.types.params(head_ty).is_empty());
            let arity = def.map(|d| cx.types.datatype(d).param_names.len()).unwrap_or(0);
            match def {
                Some(d) if arity == tys.len() => cx.types.apply(d, tys),
                Some(_) if arity > 0 => {
                    let msg = format!("too many parameters for type {}", cx.types.display(head_ty));
                    return Err(raise(errors::error_exception(cx, &msg)));
                }
                _ => return Err(raise(errors::type_error(cx, "Type{...} expression", Ty::UNIONALL, head))),
            }
        }
    };
    Ok(RtValue::Ref(cx.type_box(ty)?))
}

/// `fieldtype(T, i)`: the declared type of a struct field or a tuple element.
fn fieldtype(cx: &mut HeapCtx, t: RtValue, i: RtValue) -> R {
    let ty = expect_type(cx, "fieldtype", t)?;
    let field_types: Vec<Ty> = match cx.types.kind(ty) {
        TyKind::Tuple { elems, .. } => elems.clone(),
        _ => cx.types.fields(ty).iter().map(|f| f.ty).collect(),
    };
    let k = match i {
        RtValue::Int(k) if k >= 1 && (k as usize) <= field_types.len() => (k - 1) as usize,
        RtValue::Ref(s) if cx.tag(s) == Ty::SYMBOL => {
            let name = cx.string_of(s).to_string();
            match cx.field_index(ty, &name) {
                Some(k) => k as usize,
                None => return Err(raise(errors::field_error(cx, ty, &name))),
            }
        }
        _ => return Err(raise(errors::bounds_error(cx, t, i))),
    };
    let ft = field_types.get(k).copied().unwrap_or(Ty::ANY);
    Ok(RtValue::Ref(cx.type_box(ft)?))
}

fn vector_new(cx: &mut HeapCtx, args: &[RtValue]) -> R {
    let Some((&t, elems)) = args.split_first() else {
        return Err(raise(errors::argument_error(cx, "_vector_new: too few arguments (expected 1)")));
    };
    let elem = expect_type(cx, "_vector_new", t)?;
    let mut converted = Vec::with_capacity(elems.len());
    for &x in elems {
        converted.push(convert_for_store(cx, x, elem)?);
    }
    let v = cx.new_vector(elem)?;
    for x in converted {
        cx.vector_push(v, x)?;
    }
    Ok(RtValue::Ref(v))
}

/// The 0-based index of `v[i]`, or the `BoundsError` Julia raises (`at index [4]`).
fn vector_index(cx: &mut HeapCtx, func: &str, v: RtValue, i: RtValue) -> R<(u32, u32)> {
    let addr = expect_vector(cx, func, v)?;
    let len = cx.vector_length(addr) as i64;
    match i {
        RtValue::Int(k) if k >= 1 && k <= len => Ok((addr, (k - 1) as u32)),
        RtValue::Int(_) => {
            let index = cx.new_tuple(&[i])?;
            Err(raise(errors::bounds_error(cx, v, RtValue::Ref(index))))
        }
        _ => Err(raise(errors::type_error(cx, func, Ty::INT64, i))),
    }
}

fn vector_ref(cx: &mut HeapCtx, v: RtValue, i: RtValue) -> R {
    let (addr, k) = vector_index(cx, "_vector_ref", v, i)?;
    match cx.vector_get(addr, k) {
        Some(x) => Ok(x),
        None => Err(raise(errors::undef_ref_error(cx))),
    }
}

fn vector_set(cx: &mut HeapCtx, v: RtValue, x: RtValue, i: RtValue) -> R {
    let (addr, k) = vector_index(cx, "_vector_set", v, i)?;
    let x = convert_for_store(cx, x, cx.vector_elem_type(addr).unwrap_or(Ty::ANY))?;
    cx.vector_set(addr, k, x)?;
    Ok(v)
}

/// The value of an integer (of any width, or a Bool), if `x` is one that fits an `i128`.
fn integer_of(x: RtValue) -> Option<i128> {
    match x {
        RtValue::Int(i) => Some(i128::from(i)),
        RtValue::UInt(u) => Some(i128::from(u)),
        RtValue::Bool(b) => Some(i128::from(b)),
        RtValue::Bits(t, bits) => match t.int_format() {
            Some(f) if f.signed => Some(i128::from(bits as i64)),
            Some(_) => Some(i128::from(bits)),
            None => None,
        },
        RtValue::Wide(Ty::INT128, bits) => Some(bits as i128),
        RtValue::Wide(_, bits) => i128::try_from(bits).ok(),
        _ => None,
    }
}

/// The value of a number (integer or float) as an `f64`, for conversions to floats.
fn number_of(x: RtValue) -> Option<f64> {
    match x {
        RtValue::Float(f) => Some(f),
        RtValue::Bits(Ty::FLOAT32, b) => Some(f64::from(f32::from_bits(b as u32))),
        x => integer_of(x).map(|n| n as f64),
    }
}

/// `convert(T, x)` for a store into a `Vector{T}`: numbers convert exactly (InexactError
/// otherwise, as base/float.jl and base/int.jl do); anything else must already be a `T`,
/// else the `Cannot convert` MethodError (when the session registered `convert`).
pub fn convert_for_store(cx: &mut HeapCtx, x: RtValue, t: Ty) -> R {
    if cx.isa(x, t) {
        return Ok(x);
    }
    let converted = match (t, x) {
        (Ty::FLOAT64, RtValue::Int(i)) => Some(RtValue::Float(i as f64)),
        (Ty::FLOAT64, RtValue::UInt(u)) => Some(RtValue::Float(u as f64)),
        (Ty::FLOAT64, RtValue::Bool(b)) => Some(RtValue::Float(b as u8 as f64)),
        (Ty::INT64, RtValue::Bool(b)) => Some(RtValue::Int(b as i64)),
        (Ty::UINT64, RtValue::Bool(b)) => Some(RtValue::UInt(b as u64)),
        (Ty::INT64, RtValue::Float(f)) => float_to_int(f).map(RtValue::Int),
        (Ty::INT64, RtValue::UInt(u)) => i64::try_from(u).ok().map(RtValue::Int),
        (Ty::UINT64, RtValue::Int(i)) => u64::try_from(i).ok().map(RtValue::UInt),
        (Ty::UINT64, RtValue::Float(f)) => float_to_uint(f).map(RtValue::UInt),
        (Ty::FLOAT32, x) if number_of(x).is_some() => {
            let v = match x {
                RtValue::Float(f) => f as f32,
                x => number_of(x).map_or(0.0, |n| n as f32),
            };
            Some(RtValue::Bits(Ty::FLOAT32, u64::from(v.to_bits())))
        }
        (Ty::FLOAT64, RtValue::Bits(Ty::FLOAT32, b)) => {
            Some(RtValue::Float(f64::from(f32::from_bits(b as u32))))
        }
        (Ty::FLOAT64, x) if integer_of(x).is_some() => integer_of(x).map(|n| RtValue::Float(n as f64)),
        (t, x) if t.int_format().is_some() && number_of(x).is_some() => {
            let fmt = t.int_format().expect("an integer type");
            let (lo, hi) = match (fmt.bits, fmt.signed) {
                (128, true) => (i128::MIN, i128::MAX),
                (128, false) => (0, i128::MAX),
                (b, true) => (-(1i128 << (b - 1)), (1i128 << (b - 1)) - 1),
                (b, false) => (0, (1i128 << b) - 1),
            };
            integer_of(x)
                .or_else(|| number_of(x).filter(|f| f.fract() == 0.0 && f.abs() < 1.7e38).map(|f| f as i128))
                .filter(|n| (lo..=hi).contains(n))
                .map(|n| match t {
                    Ty::INT64 => RtValue::Int(n as i64),
                    Ty::UINT64 => RtValue::UInt(n as u64),
                    Ty::INT128 | Ty::UINT128 => RtValue::Wide(t, n as u128),
                    _ => RtValue::Bits(t, fmt.normalize(n as u128) as u64),
                })
        }
        _ => {
            return Err(raise(match cx.objects.function_type("convert") {
                Some(ft) => {
                    let f = cx.singleton(ft).map(RtValue::Ref);
                    let tv = cx.type_box(t).map(RtValue::Ref);
                    match (f, tv) {
                        (Ok(f), Ok(tv)) => errors::method_error(cx, f, &[tv, x], u64::MAX),
                        (Err(e), _) | (_, Err(e)) => Err(e),
                    }
                }
                None => errors::type_error(cx, "convert", t, x),
            }))
        }
    };
    match converted {
        Some(v) => Ok(v),
        None => {
            // base/int.jl: a negative integer into an unsigned type, or between the signed and
            // unsigned types of one width, fails `check_sign_bit`; a narrowing one `trunc`.
            let source = cx.type_of(x);
            let func = match (integer_of(x), t.int_format(), source.int_format()) {
                (Some(n), Some(to), Some(from)) if (n < 0 && !to.signed) || to.bits == from.bits => {
                    "check_sign_bit".to_string()
                }
                (Some(_), Some(_), Some(_)) => "trunc".to_string(),
                _ => cx.types.display(t),
            };
            Err(raise(errors::inexact_error(cx, &func, t, x)))
        }
    }
}

/// 2^63, the first Float64 past `typemax(Int64)`.
const TWO_63: f64 = 9_223_372_036_854_775_808.0;

/// `Int64(f)` when `f` is integral and in range (base/float.jl).
pub fn float_to_int(f: f64) -> Option<i64> {
    (f.trunc() == f && (-TWO_63..TWO_63).contains(&f)).then_some(f as i64)
}

/// `UInt64(f)` when `f` is integral and in range.
pub fn float_to_uint(f: f64) -> Option<u64> {
    (f.trunc() == f && (0.0..2.0 * TWO_63).contains(&f)).then_some(f as u64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::errors::error_message;
    use crate::heap::with_heap;
    use expect_test::{expect, Expect};
    use types::Field;

    type Build = Box<dyn Fn(&mut HeapCtx) -> (Builtin, Vec<RtValue>)>;

    /// Runs each call; prints `=> repr` of the result (and what `_print` wrote) or the error.
    fn check(calls: Vec<Build>, expect: Expect) {
        let text = with_heap(|cx| {
            let p = cx.types.define_struct(
                "P",
                Ty::ANY,
                false,
                vec![Field { name: "x".into(), ty: Ty::FLOAT64 }, Field { name: "y".into(), ty: Ty::ANY }],
            );
            let m =
                cx.types.define_struct("M", Ty::ANY, true, vec![Field { name: "v".into(), ty: Ty::FLOAT64 }]);
            assert_eq!((p, m), (P, M));
            let mut lines = Vec::new();
            for build in &calls {
                let (b, args) = build(cx);
                let mut out = String::new();
                let line = match call_builtin(cx, &mut out, b, &args) {
                    Ok(v) => format!("{} => {}", b.name(), repr(cx, v)),
                    Err(BuiltinError::Throw(e)) => {
                        format!("{} ERROR: {}", b.name(), error_message(cx, e, Default::default()))
                    }
                    Err(e) => format!("{} {e:?}", b.name()),
                };
                lines.push(if out.is_empty() { line } else { format!("{line} (printed {out:?})") });
            }
            lines.join("\n")
        });
        expect.assert_eq(&text);
    }

    // The user types `check` defines first, at fixed indices after the well-known ones.
    const P: Ty = Ty(types::FIRST_USER_TYPE);
    const M: Ty = Ty(types::FIRST_USER_TYPE + 1);

    fn ty(cx: &mut HeapCtx, t: Ty) -> RtValue {
        RtValue::Ref(cx.type_box(t).unwrap())
    }
    fn sym(cx: &mut HeapCtx, s: &str) -> RtValue {
        RtValue::Ref(cx.symbol(s).unwrap())
    }
    fn string(cx: &mut HeapCtx, s: &str) -> RtValue {
        RtValue::Ref(cx.new_string(s).unwrap())
    }
    fn tuple12(cx: &mut HeapCtx) -> RtValue {
        RtValue::Ref(cx.new_tuple(&[RtValue::Int(1), RtValue::Float(2.0)]).unwrap())
    }
    fn p(cx: &mut HeapCtx) -> RtValue {
        RtValue::Ref(cx.new_struct(P, &[RtValue::Float(1.0), RtValue::Int(2)]).unwrap())
    }
    fn vec3(cx: &mut HeapCtx) -> RtValue {
        let t = ty(cx, Ty::INT64);
        call_builtin(
            cx,
            &mut String::new(),
            Builtin::VectorNew,
            &[t, RtValue::Int(1), RtValue::Int(2), RtValue::Int(3)],
        )
        .unwrap()
    }

    fn call(b: Builtin, f: impl Fn(&mut HeapCtx) -> Vec<RtValue> + 'static) -> Build {
        Box::new(move |cx| (b, f(cx)))
    }

    #[test]
    fn core_builtins() {
        use Builtin::*;
        check(
            vec![
                call(Egal, |_| vec![RtValue::Int(1), RtValue::Int(1)]),
                call(Egal, |_| vec![RtValue::Int(1), RtValue::Float(1.0)]),
                call(Typeof, |cx| vec![tuple12(cx)]),
                call(Typeof, |cx| vec![ty(cx, Ty::INT64)]),
                call(Isa, |cx| vec![RtValue::Int(1), ty(cx, Ty::INTEGER)]),
                call(Isa, |_| vec![RtValue::Int(1), RtValue::Int(2)]),
                call(Issubtype, |cx| vec![ty(cx, Ty::FLOAT64), ty(cx, Ty::REAL)]),
                call(Getfield, |cx| vec![tuple12(cx), RtValue::Int(2)]),
                call(Getfield, |cx| vec![tuple12(cx), RtValue::Int(3)]),
                call(Getfield, |cx| vec![p(cx), sym(cx, "y")]),
                call(Getfield, |cx| vec![p(cx), sym(cx, "z")]),
                call(Getfield, |cx| vec![p(cx), RtValue::Float(1.0)]),
                call(Setfield, |cx| vec![p(cx), sym(cx, "x"), RtValue::Float(3.0)]),
                call(Setfield, |cx| {
                    vec![
                        RtValue::Ref(cx.new_struct(M, &[RtValue::Float(1.0)]).unwrap()),
                        sym(cx, "v"),
                        RtValue::Float(3.0),
                    ]
                }),
                call(Setfield, |cx| {
                    let s = string(cx, "s");
                    vec![RtValue::Ref(cx.new_struct(M, &[RtValue::Float(1.0)]).unwrap()), RtValue::Int(1), s]
                }),
                call(Tuple, |cx| vec![RtValue::Int(1), string(cx, "a")]),
                call(Tuple, |_| vec![]),
                call(Nfields, |cx| vec![p(cx)]),
                call(Throw, |cx| vec![string(cx, "oops")]),
                call(Typeassert, |cx| vec![RtValue::Int(1), ty(cx, Ty::INT64)]),
                call(Typeassert, |cx| vec![RtValue::Float(1.5), ty(cx, Ty::INT64)]),
                call(Ifelse, |_| vec![RtValue::Bool(false), RtValue::Int(1), RtValue::Int(2)]),
                call(Ifelse, |_| vec![RtValue::Int(1), RtValue::Int(1), RtValue::Int(2)]),
                call(Isa, |_| vec![RtValue::Int(1)]),
                call(Invoke, |_| vec![]),
                call(AddInt, |_| vec![RtValue::Int(1), RtValue::Int(2)]),
            ],
            expect![[r#"
                === => true
                === => false
                typeof => Tuple{Int64, Float64}
                typeof => DataType
                isa => true
                isa ERROR: TypeError: in isa, expected Type, got a value of type Int64
                <: => true
                getfield => 2.0
                getfield ERROR: BoundsError: attempt to access Tuple{Int64, Float64} at index [3]
                getfield => 2
                getfield ERROR: FieldError: type P has no field `z`, available fields: `x`, `y`
                getfield ERROR: TypeError: in getfield, expected Union{Int64, Symbol}, got a value of type Float64
                setfield! ERROR: setfield!: immutable struct of type P cannot be changed
                setfield! => 3.0
                setfield! ERROR: TypeError: in setfield!, expected Float64, got a value of type String
                tuple => (1, "a")
                tuple => ()
                nfields => 2
                throw ERROR: "oops"
                typeassert => 1
                typeassert ERROR: TypeError: in typeassert, expected Int64, got a value of type Float64
                ifelse => 2
                ifelse ERROR: TypeError: non-boolean (Int64) used in boolean context
                isa ERROR: ArgumentError: isa: too few arguments (expected 2)
                invoke NoImplementation
                add_int NoImplementation"#]],
        );
    }

    #[test]
    fn types_and_fieldtypes() {
        use Builtin::*;
        check(
            vec![
                call(ApplyType, |cx| vec![ty(cx, Ty::VECTOR), ty(cx, Ty::FLOAT64)]),
                call(ApplyType, |cx| vec![ty(cx, Ty::UNION), ty(cx, Ty::INT64), ty(cx, Ty::NOTHING)]),
                call(ApplyType, |cx| vec![ty(cx, Ty::TUPLE), ty(cx, Ty::INT64), ty(cx, Ty::STRING)]),
                call(ApplyType, |cx| vec![ty(cx, Ty::TYPE), ty(cx, Ty::INT64)]),
                call(ApplyType, |cx| vec![ty(cx, Ty::UNIT_RANGE), ty(cx, Ty::INT64)]),
                call(ApplyType, |cx| vec![ty(cx, Ty::INT64), ty(cx, Ty::FLOAT64)]),
                call(ApplyType, |cx| vec![ty(cx, Ty::VECTOR), RtValue::Int(1)]),
                call(Fieldtype, |cx| vec![ty(cx, P), RtValue::Int(1)]),
                call(Fieldtype, |cx| vec![ty(cx, P), sym(cx, "y")]),
                call(Fieldtype, |cx| vec![ty(cx, Ty::UNIT_RANGE_INT64), sym(cx, "stop")]),
                call(Fieldtype, |cx| vec![ty(cx, P), sym(cx, "q")]),
            ],
            expect![[r#"
                apply_type => Vector{Float64}
                apply_type => Union{Nothing, Int64}
                apply_type => Tuple{Int64, String}
                apply_type => Type{Int64}
                apply_type => UnitRange{Int64}
                apply_type ERROR: TypeError: in Type{...} expression, expected UnionAll, got Type{Int64}
                apply_type ERROR: apply_type: type parameters must be types in invokelab
                fieldtype => Float64
                fieldtype => Any
                fieldtype => Int64
                fieldtype ERROR: FieldError: type P has no field `q`, available fields: `x`, `y`"#]],
        );
    }

    #[test]
    fn vectors_strings_printing() {
        use Builtin::*;
        check(
            vec![
                call(VectorNew, |cx| vec![ty(cx, Ty::FLOAT64), RtValue::Int(1), RtValue::Float(2.5)]),
                call(VectorNew, |cx| vec![ty(cx, Ty::INT64), RtValue::Float(2.0), RtValue::Bool(true)]),
                call(VectorNew, |cx| vec![ty(cx, Ty::INT64), RtValue::Float(2.5)]),
                call(VectorNew, |cx| vec![ty(cx, Ty::UINT64), RtValue::Int(-1)]),
                call(VectorNew, |cx| vec![ty(cx, Ty::INT64), string(cx, "a")]),
                call(VectorNew, |cx| vec![ty(cx, Ty::ANY)]),
                call(VectorLength, |cx| vec![vec3(cx)]),
                call(VectorLength, |_| vec![RtValue::Int(3)]),
                call(VectorRef, |cx| vec![vec3(cx), RtValue::Int(3)]),
                call(VectorRef, |cx| vec![vec3(cx), RtValue::Int(4)]),
                call(VectorRef, |cx| vec![vec3(cx), RtValue::Int(0)]),
                call(VectorRef, |cx| {
                    let t = ty(cx, Ty::FLOAT64);
                    let v = call_builtin(cx, &mut String::new(), VectorNew, &[t]).unwrap();
                    vec![v, RtValue::Int(1)]
                }),
                call(VectorSet, |cx| vec![vec3(cx), RtValue::Int(9), RtValue::Int(2)]),
                call(VectorSet, |cx| vec![vec3(cx), RtValue::Int(9), RtValue::Int(5)]),
                call(VectorPush, |cx| vec![vec3(cx), RtValue::Bool(true)]),
                call(StringConcat, |cx| {
                    vec![
                        string(cx, "x = "),
                        RtValue::Float(0.5),
                        string(cx, ", "),
                        sym(cx, "s"),
                        RtValue::UInt(3),
                    ]
                }),
                call(StringLength, |cx| vec![string(cx, "héllo")]),
                call(Print, |cx| vec![string(cx, "a"), RtValue::Int(1), tuple12(cx), string(cx, "\n")]),
                call(Repr, |cx| vec![string(cx, "a\"b")]),
                call(Repr, |cx| vec![p(cx)]),
            ],
            expect![[r#"
                _vector_new => [1.0, 2.5]
                _vector_new => [2, 1]
                _vector_new ERROR: InexactError: Int64(2.5)
                _vector_new ERROR: InexactError: check_sign_bit(UInt64, -1)
                _vector_new ERROR: TypeError: in convert, expected Int64, got a value of type String
                _vector_new => Any[]
                _vector_length => 3
                _vector_length ERROR: TypeError: in _vector_length, expected Vector, got a value of type Int64
                _vector_ref => 3
                _vector_ref ERROR: BoundsError: attempt to access 3-element Vector{Int64} at index [4]
                _vector_ref ERROR: BoundsError: attempt to access 3-element Vector{Int64} at index [0]
                _vector_ref ERROR: BoundsError: attempt to access 0-element Vector{Float64} at index [1]
                _vector_set => [1, 9, 3]
                _vector_set ERROR: BoundsError: attempt to access 3-element Vector{Int64} at index [5]
                _vector_push => [1, 2, 3, 1]
                _string => "x = 0.5, s3"
                _string_length => 5
                _print => nothing (printed "a1(1, 2.0)\n")
                _repr => "\"a\\\"b\""
                _repr => "P(1.0, 2)""#]],
        );
    }
}
