//! Transfer functions of the builtins and intrinsics that need no method lookup
//! (Compiler/src/tfuncs.jl), with constant folding of pure intrinsics through `ir::fold_intrinsic`.
//!
//! `invoke` and `_apply_iterate` call other functions and live in calls.rs; this file never
//! touches method tables or the inference stack.

use ir::Builtin;
use types::{ConstValue, Lattice, Ty, TyKind, TypeStore};

/// What a builtin call does, as far as inference can tell.
#[derive(Clone, Debug)]
pub(crate) struct BuiltinResult {
    pub rt: Lattice,
    /// The exceptions it may throw (`Union{}` when it cannot).
    pub exc: Ty,
    pub effect_free: bool,
}

impl BuiltinResult {
    fn pure(rt: Lattice) -> BuiltinResult {
        BuiltinResult { rt, exc: Ty::BOTTOM, effect_free: true }
    }
    fn may_throw(rt: Lattice, exc: Ty) -> BuiltinResult {
        BuiltinResult { rt, exc, effect_free: true }
    }
    fn throws(exc: Ty) -> BuiltinResult {
        BuiltinResult { rt: Lattice::BOTTOM, exc, effect_free: true }
    }
    fn effectful(rt: Lattice, exc: Ty) -> BuiltinResult {
        BuiltinResult { rt, exc, effect_free: false }
    }
}

/// The type dispatch sees for a lattice element: a constant type `T` is `Type{T}`
/// (Julia's `widenconst(Const(T))`), anything else its widened type.
pub(crate) fn dispatch_type(store: &mut TypeStore, l: &Lattice) -> Ty {
    match l {
        Lattice::Const(ConstValue::Type(t)) => store.type_type(*t),
        _ => l.widen(store),
    }
}

/// A constant type argument (`Int64` in `sitofp(Float64, x)` or `isa(x, Int64)`).
fn const_type(l: &Lattice) -> Option<Ty> {
    l.as_const().and_then(ConstValue::as_type)
}

pub(crate) fn builtin_tfunc(store: &mut TypeStore, b: Builtin, args: &[Lattice]) -> BuiltinResult {
    if let Some(n) = b.def().arity {
        if args.len() != n {
            return BuiltinResult::throws(Ty::ARGUMENT_ERROR);
        }
    }
    if b.is_intrinsic() {
        return intrinsic_tfunc(store, b, args);
    }
    use Builtin as B;
    match b {
        B::Egal => egal_tfunc(store, &args[0], &args[1]),
        B::Typeof => BuiltinResult::pure(typeof_tfunc(store, &args[0])),
        B::CoreTypeof => {
            let t = dispatch_type(store, &args[0]);
            let exact = store.tuple(vec![t]);
            if args[0].as_const().is_some() || store.is_dispatch_tuple(exact) {
                BuiltinResult::pure(Lattice::Const(ConstValue::Type(t)))
            } else {
                BuiltinResult::pure(Lattice::Type(Ty::TYPE))
            }
        }
        B::Isa => isa_tfunc(store, &args[0], &args[1]),
        B::Issubtype => match (const_type(&args[0]), const_type(&args[1])) {
            (Some(a), Some(b)) => {
                BuiltinResult::pure(Lattice::Const(ConstValue::Bool(store.issubtype(a, b))))
            }
            _ => BuiltinResult::may_throw(Lattice::Type(Ty::BOOL), Ty::TYPE_ERROR),
        },
        B::Getfield => crate::tfuncs::getfield_tfunc(store, &args[0], &args[1]),
        B::Setfield => BuiltinResult::effectful(Lattice::Type(args[2].widen(store)), Ty::ANY),
        B::Tuple => BuiltinResult::pure(tuple_tfunc(store, args)),
        B::Nfields => nfields_tfunc(store, &args[0]),
        B::Throw => BuiltinResult::throws(args[0].widen(store)),
        B::Rethrow => BuiltinResult::throws(Ty::ANY),
        B::CurrentExceptions => BuiltinResult::effectful(Lattice::Type(Ty::VECTOR_ANY), Ty::BOTTOM),
        B::Typeassert => typeassert_tfunc(store, &args[0], &args[1]),
        B::Ifelse => match args[0].as_const() {
            Some(ConstValue::Bool(true)) => BuiltinResult::pure(args[1].clone()),
            Some(ConstValue::Bool(false)) => BuiltinResult::pure(args[2].clone()),
            _ => BuiltinResult::may_throw(args[1].join(&args[2], store), Ty::TYPE_ERROR),
        },
        B::ApplyType => apply_type_tfunc(store, args),
        B::TypeParam => match (args[0].as_const(), args[1].as_const()) {
            (Some(ConstValue::Int(i)), Some(ConstValue::Symbol(name))) if *i >= 0 => {
                let t = store.param(*i as u32, name);
                BuiltinResult::pure(Lattice::Const(ConstValue::Type(t)))
            }
            _ => BuiltinResult::may_throw(Lattice::Type(Ty::TYPE), Ty::ARGUMENT_ERROR),
        },
        B::StaticParameter => BuiltinResult::may_throw(Lattice::Type(Ty::TYPE), Ty::ANY),
        B::Function => BuiltinResult::effectful(Lattice::ANY, Ty::ANY),
        B::StringIterate => {
            let pair = store.tuple(vec![Ty::CHAR, Ty::INT64]);
            let t = store.union(&[Ty::NOTHING, pair]);
            BuiltinResult::may_throw(Lattice::Type(t), Ty::TYPE_ERROR)
        }
        B::VectorEltype => {
            let v = args[0].widen(store);
            match store.vector_elem(v) {
                Some(t) => BuiltinResult::pure(Lattice::Const(ConstValue::Type(t))),
                None => BuiltinResult::may_throw(Lattice::Type(Ty::TYPE), Ty::TYPE_ERROR),
            }
        }
        B::Typejoin => match (const_type(&args[0]), const_type(&args[1])) {
            (Some(a), Some(b)) => BuiltinResult::pure(Lattice::Const(ConstValue::Type(store.typejoin(a, b)))),
            _ => BuiltinResult::may_throw(Lattice::Type(Ty::TYPE), Ty::TYPE_ERROR),
        },
        B::NewStruct => match args.first().and_then(const_type) {
            Some(t) if store.is_concrete(t) => BuiltinResult::may_throw(Lattice::Type(t), Ty::ANY),
            _ => BuiltinResult::may_throw(Lattice::ANY, Ty::ANY),
        },
        B::Fieldtype => fieldtype_tfunc(store, &args[0], &args[1]),
        B::VectorNew => {
            let ty = args.first().and_then(const_type).map_or(Ty::VECTOR, |t| store.vector_of(t));
            BuiltinResult::may_throw(Lattice::Type(ty), Ty::ANY)
        }
        B::VectorLength => BuiltinResult::pure(Lattice::Type(Ty::INT64)),
        B::VectorRef => {
            let v = args[0].widen(store);
            let elem = store.vector_elem(v).unwrap_or(Ty::ANY);
            BuiltinResult::may_throw(Lattice::Type(elem), Ty::BOUNDS_ERROR)
        }
        B::StringFromCodeunits => BuiltinResult::may_throw(Lattice::Type(Ty::STRING), Ty::ARGUMENT_ERROR),
        B::TypeinfoImplicit => BuiltinResult::may_throw(Lattice::Type(Ty::BOOL), Ty::TYPE_ERROR),
        B::FormatFloat => BuiltinResult::may_throw(Lattice::Type(Ty::STRING), Ty::TYPE_ERROR),
        B::RandU64 => BuiltinResult::effectful(Lattice::Type(Ty::UINT64), Ty::BOTTOM),
        B::Randn => BuiltinResult::effectful(Lattice::Type(Ty::FLOAT64), Ty::BOTTOM),
        B::RandBulk => {
            let t = store.vector_of(Ty::UINT64);
            BuiltinResult::effectful(Lattice::Type(t), Ty::ANY)
        }
        B::RandSeed => BuiltinResult::effectful(Lattice::Type(Ty::NOTHING), Ty::TYPE_ERROR),
        B::VectorCopy => BuiltinResult::may_throw(Lattice::Type(args[0].widen(store)), Ty::TYPE_ERROR),
        B::VectorSet | B::VectorPush | B::VectorResize | B::VectorMove => {
            BuiltinResult::effectful(Lattice::Type(args[0].widen(store)), Ty::ANY)
        }
        // Printing values the runtime prints itself cannot fail; a struct may have a `show`
        // method, which runs Julia code that may throw or have effects (`show_methods`).
        B::StringConcat | B::Repr
            if args.iter().all(|a| {
                let t = a.widen(store);
                printed_natively(store, t)
            }) =>
        {
            BuiltinResult::pure(Lattice::Type(Ty::STRING))
        }
        B::StringConcat | B::Repr => BuiltinResult::effectful(Lattice::Type(Ty::STRING), Ty::ANY),
        B::StringLength | B::StringSizeof => BuiltinResult::pure(Lattice::Type(Ty::INT64)),
        B::StringCodeunit => BuiltinResult::may_throw(Lattice::Type(Ty::UINT8), Ty::BOUNDS_ERROR),
        B::StringSubstr => BuiltinResult::may_throw(Lattice::Type(Ty::STRING), Ty::ARGUMENT_ERROR),
        B::StringSearch => BuiltinResult::may_throw(Lattice::Type(Ty::INT64), Ty::TYPE_ERROR),
        B::SymbolNew => BuiltinResult::may_throw(Lattice::Type(Ty::SYMBOL), Ty::TYPE_ERROR),
        B::StringHash => BuiltinResult::may_throw(Lattice::Type(Ty::UINT64), Ty::TYPE_ERROR),
        B::ErrorMessage => BuiltinResult::pure(Lattice::Type(Ty::STRING)),
        B::NamedTupleNew => named_tuple_tfunc(store, args),
        B::Fieldnames => BuiltinResult::may_throw(Lattice::Type(Ty::TUPLE), Ty::TYPE_ERROR),
        B::Supertype => BuiltinResult::may_throw(Lattice::ANY, Ty::TYPE_ERROR),
        B::IsConcreteType | B::IsAbstractType => {
            BuiltinResult::may_throw(Lattice::Type(Ty::BOOL), Ty::TYPE_ERROR)
        }
        B::ParseFloat => {
            let t = store.union(&[Ty::NOTHING, Ty::FLOAT64]);
            BuiltinResult::may_throw(Lattice::Type(t), Ty::TYPE_ERROR)
        }
        B::Print => BuiltinResult::effectful(Lattice::Type(Ty::NOTHING), Ty::ANY),
        B::TimePrint => BuiltinResult::effectful(Lattice::Type(Ty::NOTHING), Ty::BOTTOM),
        B::PrintStderr => BuiltinResult::effectful(Lattice::Type(Ty::NOTHING), Ty::TYPE_ERROR),
        B::TypeBody => BuiltinResult::effectful(Lattice::Type(Ty::NOTHING), Ty::ANY),
        B::ReturnTypes => BuiltinResult::effectful(Lattice::Type(Ty::VECTOR_ANY), Ty::ANY),
        B::Precompile => BuiltinResult::effectful(Lattice::Type(Ty::BOOL), Ty::ANY),
        B::InferExceptionType => BuiltinResult::effectful(Lattice::Type(Ty::TYPE), Ty::ANY),
        B::GcCollect => BuiltinResult::effectful(Lattice::Type(Ty::NOTHING), Ty::BOTTOM),
        B::GcStats => {
            let int5 = store.tuple(vec![Ty::INT64; 5]);
            BuiltinResult::effectful(Lattice::Type(int5), Ty::BOTTOM)
        }
        B::GetWorldCounter | B::TlsWorldAge => {
            BuiltinResult::effectful(Lattice::Type(Ty::UINT64), Ty::BOTTOM)
        }
        // The compiler-plugin API (SEMANTICS.md §1.3). `_method_instance` and `_typeinf` fold in
        // reflect.rs when their arguments are constant; these are the run-time call results.
        B::MethodInstanceOf | B::SpecializeMethod => {
            BuiltinResult::may_throw(Lattice::Type(Ty::METHOD_INSTANCE), Ty::ANY)
        }
        B::Typeinf | B::CodeInstanceOf => BuiltinResult::effectful(Lattice::Type(Ty::CODE_INSTANCE), Ty::ANY),
        B::CodeInstancesOf | B::Methods => BuiltinResult::may_throw(Lattice::Type(Ty::VECTOR_ANY), Ty::ANY),
        B::Which => BuiltinResult::may_throw(Lattice::Type(Ty::METHOD), Ty::ANY),
        // They run arbitrary code in another world.
        B::InvokeInWorld | B::InvokeLatest => BuiltinResult::effectful(Lattice::ANY, Ty::ANY),
        // The point of the barrier: whatever `x` is, inference sees `Any`.
        B::InferenceBarrier => BuiltinResult::pure(Lattice::ANY),
        B::DropNativeCode => {
            let t = args[0].widen(store);
            let exc = if store.issubtype(t, Ty::CODE_INSTANCE) { Ty::BOTTOM } else { Ty::TYPE_ERROR };
            BuiltinResult::effectful(Lattice::Type(Ty::NOTHING), exc)
        }
        _ => BuiltinResult::effectful(Lattice::ANY, Ty::ANY),
    }
}

fn intrinsic_tfunc(store: &mut TypeStore, b: Builtin, args: &[Lattice]) -> BuiltinResult {
    use Builtin as B;
    let consts: Option<Vec<ConstValue>> = args.iter().map(|a| a.as_const().cloned()).collect();
    let exc = match b {
        B::CheckedSdivInt | B::CheckedSremInt | B::CheckedUdivInt | B::CheckedUremInt => Ty::DIVIDE_ERROR,
        _ => Ty::BOTTOM,
    };
    if let Some(consts) = consts {
        if let Some(folded) = ir::fold_intrinsic(b, &consts) {
            return BuiltinResult::pure(Lattice::Const(folded));
        }
        if exc != Ty::BOTTOM {
            // A division that does not fold throws (zero divisor or `typemin ÷ -1`).
            return BuiltinResult::throws(exc);
        }
    }
    let rt = match b {
        B::EqInt | B::NeInt | B::SltInt | B::SleInt | B::UltInt | B::UleInt => Ty::BOOL,
        B::EqFloat | B::NeFloat | B::LtFloat | B::LeFloat => Ty::BOOL,
        _ if b.takes_type_arg() => const_type(&args[0]).unwrap_or(Ty::ANY),
        // Float and integer arithmetic keep their operand type (Float64 or Float32; a bit
        // integer or Bool).
        _ => {
            let first = args.first().map_or(Ty::ANY, |a| a.widen(store));
            match b {
                B::AddFloat
                | B::SubFloat
                | B::MulFloat
                | B::DivFloat
                | B::RemFloat
                | B::NegFloat
                | B::AbsFloat
                | B::CopysignFloat
                | B::SqrtLlvm
                | B::FloorLlvm
                | B::CeilLlvm
                | B::TruncLlvm
                | B::RintLlvm
                | B::Exp2Libm
                | B::Log2Libm
                | B::Log10Libm
                | B::Log1pLibm
                | B::Expm1Libm
                | B::CbrtLibm
                | B::AsinLibm
                | B::AcosLibm
                | B::AtanLibm
                | B::SinhLibm
                | B::CoshLibm
                | B::TanhLibm
                | B::SinLibm
                | B::CosLibm
                | B::TanLibm
                | B::ExpLibm
                | B::LogLibm
                | B::PowLibm
                | B::Atan2Libm
                    if first != Ty::FLOAT32 =>
                {
                    Ty::FLOAT64
                }
                _ => first,
            }
        }
    };
    BuiltinResult::may_throw(Lattice::Type(rt), exc)
}

fn egal_tfunc(store: &mut TypeStore, a: &Lattice, b: &Lattice) -> BuiltinResult {
    if let (Some(x), Some(y)) = (a.as_const(), b.as_const()) {
        return BuiltinResult::pure(Lattice::Const(ConstValue::Bool(x == y)));
    }
    let (ta, tb) = (dispatch_type(store, a), dispatch_type(store, b));
    if store.intersect(ta, tb) == Ty::BOTTOM {
        return BuiltinResult::pure(Lattice::Const(ConstValue::Bool(false)));
    }
    if ta == tb && store.is_singleton(ta) {
        return BuiltinResult::pure(Lattice::Const(ConstValue::Bool(true)));
    }
    BuiltinResult::pure(Lattice::Type(Ty::BOOL))
}

fn typeof_tfunc(store: &mut TypeStore, a: &Lattice) -> Lattice {
    if let Some(c) = a.as_const() {
        return Lattice::Const(ConstValue::Type(c.type_of(store)));
    }
    let t = a.widen(store);
    if store.is_concrete(t) {
        return Lattice::Const(ConstValue::Type(t));
    }
    // Every value that is not itself a type has a DataType.
    if store.intersect(t, Ty::TYPE) == Ty::BOTTOM {
        Lattice::Type(Ty::DATATYPE)
    } else {
        Lattice::Type(Ty::TYPE)
    }
}

fn isa_tfunc(store: &mut TypeStore, x: &Lattice, t: &Lattice) -> BuiltinResult {
    let Some(t) = const_type(t) else {
        return BuiltinResult::may_throw(Lattice::Type(Ty::BOOL), Ty::TYPE_ERROR);
    };
    let xt = dispatch_type(store, x);
    let rt = if store.issubtype(xt, t) {
        Lattice::Const(ConstValue::Bool(true))
    } else if store.intersect(xt, t) == Ty::BOTTOM {
        Lattice::Const(ConstValue::Bool(false))
    } else {
        Lattice::Type(Ty::BOOL)
    };
    BuiltinResult::pure(rt)
}

fn typeassert_tfunc(store: &mut TypeStore, x: &Lattice, t: &Lattice) -> BuiltinResult {
    let Some(t) = const_type(t) else {
        return BuiltinResult::may_throw(x.clone(), Ty::TYPE_ERROR);
    };
    let xt = dispatch_type(store, x);
    if store.issubtype(xt, t) {
        return BuiltinResult::pure(x.clone());
    }
    let narrowed = store.intersect(xt, t);
    if narrowed == Ty::BOTTOM {
        return BuiltinResult::throws(Ty::TYPE_ERROR);
    }
    BuiltinResult::may_throw(Lattice::Type(narrowed), Ty::TYPE_ERROR)
}

fn tuple_tfunc(store: &mut TypeStore, args: &[Lattice]) -> Lattice {
    let consts: Option<Vec<ConstValue>> = args.iter().map(|a| a.as_const().cloned()).collect();
    if let Some(consts) = consts {
        return Lattice::Const(ConstValue::Tuple(consts.into()));
    }
    let elems: Vec<Ty> = args.iter().map(|a| a.widen(store)).collect();
    Lattice::Type(store.tuple(elems))
}

fn nfields_tfunc(store: &mut TypeStore, x: &Lattice) -> BuiltinResult {
    let t = x.widen(store);
    let n = match store.kind(t) {
        TyKind::Tuple { elems, vararg: None } => Some(elems.len()),
        TyKind::Data { .. } if store.is_concrete(t) => Some(store.fields(t).len()),
        _ => None,
    };
    match n {
        Some(n) => BuiltinResult::pure(Lattice::Const(ConstValue::Int(n as i64))),
        None => BuiltinResult::pure(Lattice::Type(Ty::INT64)),
    }
}

/// `getfield(x, i)` on tuples (1-based index) and structs (field name or index).
pub(crate) fn getfield_tfunc(store: &mut TypeStore, obj: &Lattice, idx: &Lattice) -> BuiltinResult {
    let t = obj.widen(store);
    let key = idx.as_const().cloned();
    // A union splits (Compiler/src/tfuncs.jl `getfield_tfunc`): the join over the members that
    // have the field; those that do not only throw. So `getfield(next, 1)` of a `for` loop's
    // `Union{Nothing, Tuple{Int64, Int64}}` is an `Int64`.
    if let TyKind::Union(members) = store.kind(t).clone() {
        let mut rt = Lattice::BOTTOM;
        let mut exc = Ty::BOTTOM;
        for m in members {
            let r = getfield_tfunc(store, &Lattice::Type(m), idx);
            rt = rt.join(&r.rt, store);
            exc = store.union(&[exc, r.exc]);
        }
        return BuiltinResult::may_throw(rt, exc);
    }
    match (store.kind(t).clone(), &key) {
        (TyKind::Tuple { elems, vararg }, Some(ConstValue::Int(i))) => {
            let i = *i;
            let elem = usize::try_from(i - 1).ok().and_then(|k| elems.get(k).copied()).or(if i >= 1 {
                vararg
            } else {
                None
            });
            match elem {
                None => BuiltinResult::throws(Ty::BOUNDS_ERROR),
                Some(e) => {
                    if let Some(ConstValue::Tuple(vals)) = obj.as_const() {
                        if let Some(v) = vals.get((i - 1) as usize) {
                            return BuiltinResult::pure(Lattice::Const(v.clone()));
                        }
                    }
                    if (i as usize) <= elems.len() {
                        BuiltinResult::pure(Lattice::Type(e))
                    } else {
                        BuiltinResult::may_throw(Lattice::Type(e), Ty::BOUNDS_ERROR)
                    }
                }
            }
        }
        (TyKind::Tuple { elems, vararg }, _) => {
            let mut all = elems.clone();
            all.extend(vararg);
            let u = store.union(&all);
            BuiltinResult::may_throw(Lattice::Type(u), Ty::BOUNDS_ERROR)
        }
        (TyKind::Data { .. }, Some(k)) if store.is_concrete(t) => {
            let fields = store.fields(t).to_vec();
            let pos = match k {
                ConstValue::Symbol(name) => fields.iter().position(|f| f.name == *name),
                ConstValue::Int(i) => usize::try_from(i - 1).ok().filter(|&p| p < fields.len()),
                _ => None,
            };
            let Some(pos) = pos else { return BuiltinResult::throws(Ty::FIELD_ERROR) };
            if let Some(ConstValue::Struct { fields: vals, .. }) = obj.as_const() {
                if let Some(v) = vals.get(pos) {
                    return BuiltinResult::pure(Lattice::Const(v.clone()));
                }
            }
            // A field of a mutable struct may be read before it is set (UndefRefError).
            let exc = if store.def_data(t).is_some_and(|d| d.is_mutable()) {
                Ty::UNDEF_REF_ERROR
            } else {
                Ty::BOTTOM
            };
            BuiltinResult::may_throw(Lattice::Type(fields[pos].ty), exc)
        }
        _ => BuiltinResult::may_throw(Lattice::ANY, Ty::ANY),
    }
}

fn fieldtype_tfunc(store: &mut TypeStore, t: &Lattice, name: &Lattice) -> BuiltinResult {
    let (Some(t), Some(key)) = (const_type(t), name.as_const()) else {
        return BuiltinResult::may_throw(Lattice::Type(Ty::TYPE), Ty::ANY);
    };
    let r = getfield_tfunc(store, &Lattice::Type(t), &Lattice::Const(key.clone()));
    match r.rt {
        Lattice::Type(ft) if r.exc == Ty::BOTTOM => BuiltinResult::pure(Lattice::Const(ConstValue::Type(ft))),
        _ => BuiltinResult::may_throw(Lattice::Type(Ty::TYPE), Ty::ANY),
    }
}

/// `apply_type(T, params...)` with constant arguments: `Vector{Float64}`, `Tuple{...}`,
/// `Union{...}`, `Type{T}`.
/// `Core._namedtuple(names, values)`: its type when the names are constant Symbols and the
/// values' types are known.
fn named_tuple_tfunc(store: &mut TypeStore, args: &[Lattice]) -> BuiltinResult {
    let unknown = BuiltinResult::may_throw(Lattice::Type(Ty::NAMED_TUPLE), Ty::ANY);
    let Some(ConstValue::Tuple(names)) = args[0].as_const() else { return unknown };
    let mut keys: Vec<std::rc::Rc<str>> = Vec::with_capacity(names.len());
    for n in names.iter() {
        match n {
            ConstValue::Symbol(s) if !keys.contains(s) => keys.push(s.clone()),
            _ => return unknown,
        }
    }
    let vals = args[1].widen(store);
    let types = match store.kind(vals) {
        TyKind::Tuple { elems, vararg: None } if elems.len() == keys.len() => elems.clone(),
        _ => return unknown,
    };
    let ty = store.named_tuple(&keys, &types);
    BuiltinResult::pure(Lattice::Type(ty))
}

fn apply_type_tfunc(store: &mut TypeStore, args: &[Lattice]) -> BuiltinResult {
    let types: Option<Vec<Ty>> = args.iter().map(const_type).collect();
    let unknown = BuiltinResult::may_throw(Lattice::Type(Ty::TYPE), Ty::ANY);
    let Some(types) = types else { return unknown };
    let Some((&base, params)) = types.split_first() else { return unknown };
    let ty = if base == Ty::TUPLE {
        store.tuple(params.to_vec())
    } else if base == Ty::UNION {
        store.union(params)
    } else {
        match store.kind(base).clone() {
            TyKind::Data { def, params: existing }
                if existing.is_empty() && store.datatype(def).param_names.len() == params.len() =>
            {
                store.apply(def, params.to_vec())
            }
            _ => return BuiltinResult::throws(Ty::TYPE_ERROR),
        }
    };
    BuiltinResult::pure(Lattice::Const(ConstValue::Type(ty)))
}

/// Whether every value of type `t` is printed by the runtime's printer without a `show`
/// method written in Julia: bits types, strings, symbols, `Char`, `nothing`, types, and tuples
/// and vectors of those.
fn printed_natively(store: &TypeStore, t: Ty) -> bool {
    match store.kind(t) {
        TyKind::Tuple { elems, vararg } => elems.iter().chain(vararg).all(|&e| printed_natively(store, e)),
        TyKind::Union(members) => members.iter().all(|&m| printed_natively(store, m)),
        _ if store.type_param(t).is_some() => true,
        _ => {
            if let Some(e) = store.vector_elem(t) {
                return printed_natively(store, e);
            }
            matches!(
                t,
                Ty::INT64
                    | Ty::UINT64
                    | Ty::FLOAT64
                    | Ty::BOOL
                    | Ty::STRING
                    | Ty::SYMBOL
                    | Ty::CHAR
                    | Ty::NOTHING
            ) || t.is_small_bits()
                || matches!(t, Ty::INT128 | Ty::UINT128 | Ty::DATATYPE)
        }
    }
}
