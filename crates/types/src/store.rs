//! Interned type objects and the registry of type names.
//!
//! A `Ty` is an index into the `TypeStore`; two structurally equal types have the same `Ty`, so
//! type equality is `==` on ids. The well-known types are interned first, in a fixed order, so
//! they are constants (`Ty::INT64`) that every crate (and the wasm ABI) can use.

use std::rc::Rc;

use rustc_hash::{FxHashMap, FxHashSet};

/// An interned type.
#[derive(serde::Serialize, serde::Deserialize, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct Ty(pub u32);

/// A type name: what Julia calls a `TypeName` (`Int64`, `Vector`, `P`, `typeof(f)`).
#[derive(serde::Serialize, serde::Deserialize, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct DataTypeId(pub u32);

#[derive(serde::Serialize, serde::Deserialize, Clone, PartialEq, Eq, Hash, Debug)]
pub enum TyKind {
    /// `Union{}`: the type with no values.
    Bottom,
    /// A named type with its parameters. A parametric name with no parameters (`Vector`, `Type`)
    /// stands for the union of all its instances (Julia's `UnionAll`), which is all the subset needs.
    Data { def: DataTypeId, params: Vec<Ty> },
    /// `Tuple{A, B}`; `vararg` is the element type of a trailing `Vararg{T}`.
    Tuple { elems: Vec<Ty>, vararg: Option<Ty> },
    /// Two or more members, none a subtype of another, in canonical order.
    Union(Vec<Ty>),
    /// The `index`-th type parameter of the definition it appears in: of a parametric type in
    /// its field types and supertype (`x::T` in `struct Point{T}`), of a method in its
    /// signature (`f(x::T) where T`). `TypeStore::substitute` replaces it; no value has it.
    Param { index: u32, name: Rc<str> },
}

#[derive(serde::Serialize, serde::Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
pub enum DataKind {
    Abstract,
    /// A bits type the engines hold unboxed (`Int64`, `Float64`, `Bool`, `UInt64`).
    Primitive,
    /// A struct: immutable ones with no fields are singletons (`Nothing`, `typeof(f)`).
    Struct {
        mutable: bool,
    },
    /// An object the runtime implements itself (`String`, `Vector`, `Symbol`, `DataType`, ...).
    Opaque,
}

#[derive(serde::Serialize, serde::Deserialize, Clone, PartialEq, Debug)]
pub struct Field {
    pub name: Rc<str>,
    pub ty: Ty,
}

#[derive(serde::Serialize, serde::Deserialize, Clone, PartialEq, Debug)]
pub struct DataTypeDef {
    pub name: Rc<str>,
    /// Printed before the name where Julia does (`Core.` for `Core.CodeInstance`).
    pub prefix: Prefix,
    pub supertype: Ty,
    pub param_names: Vec<Rc<str>>,
    pub fields: Vec<Field>,
    pub kind: DataKind,
}

impl DataTypeDef {
    pub fn is_abstract(&self) -> bool {
        self.kind == DataKind::Abstract
    }

    pub fn is_mutable(&self) -> bool {
        self.kind == DataKind::Struct { mutable: true }
    }
}

#[derive(serde::Serialize, serde::Deserialize, Clone)]
pub struct TypeStore {
    kinds: Vec<TyKind>,
    interned: FxHashMap<TyKind, Ty>,
    defs: Vec<DataTypeDef>,
    /// Per type: for a tuple, whether it is concrete, computed once when it is interned from
    /// its (already interned) elements. Nested tuples share their parts (`Tuple{T, T}` holds
    /// `T` once), so walking the tree instead would cost 2^depth for a tuple of pairs.
    concrete_tuple: Vec<bool>,
    /// The closure types (`define_closure`): their fields have the types of their parameters.
    closures: FxHashSet<DataTypeId>,
    /// The fields of each instance of a parametric type (`Point{Int64}`, a closure's
    /// `var"#f##0"{Int64}`), parameters substituted, so that every reader of `fields` sees the
    /// instance's own field types.
    instance_fields: FxHashMap<Ty, Vec<Field>>,
    /// The supertype of each instance of a parametric type, parameters substituted
    /// (`Circle{Int64} <: Shape{Int64}`).
    instance_supertypes: FxHashMap<Ty, Ty>,
    /// Names printed for an instance instead of its parameters (`ComplexF64`).
    aliases: FxHashMap<Ty, Rc<str>>,
    /// The definition of `NamedTuple{names}` for each tuple of names made so far.
    named_tuples: FxHashMap<Vec<Rc<str>>, DataTypeId>,
}

/// An exception type defined at startup: its name, its well-known constant, its fields.
type ExceptionDef = (&'static str, Ty, &'static [(&'static str, Ty)]);

macro_rules! well_known {
    ($( $konst:ident = $idx:literal ),* $(,)?) => {
        impl Ty { $( pub const $konst: Ty = Ty($idx); )* }
    };
}

// The order here is the order `TypeStore::new` interns them in; a test checks they agree.
well_known! {
    BOTTOM = 0, ANY = 1, NUMBER = 2, REAL = 3, INTEGER = 4, SIGNED = 5, UNSIGNED = 6,
    ABSTRACT_FLOAT = 7, INT64 = 8, UINT64 = 9, FLOAT64 = 10, BOOL = 11, NOTHING = 12,
    STRING = 13, SYMBOL = 14, FUNCTION = 15, BUILTIN = 16, INTRINSIC_FUNCTION = 17, TYPE = 18,
    DATATYPE = 19, UNION = 20, UNIONALL = 21, TYPEOFBOTTOM = 22, TUPLE = 23, EMPTY_TUPLE = 24,
    VECTOR = 25, UNIT_RANGE = 26, UNIT_RANGE_INT64 = 27, EXCEPTION = 28, ERROR_EXCEPTION = 29,
    METHOD_ERROR = 30, DIVIDE_ERROR = 31, INEXACT_ERROR = 32, BOUNDS_ERROR = 33, TYPE_ERROR = 34,
    UNDEF_VAR_ERROR = 35, STACK_OVERFLOW_ERROR = 36, OUT_OF_MEMORY_ERROR = 37, DOMAIN_ERROR = 38,
    ARGUMENT_ERROR = 39, OVERFLOW_ERROR = 40, FIELD_ERROR = 41, STEP_LIMIT_ERROR = 42,
    METHOD = 43, METHOD_INSTANCE = 44, CODE_INSTANCE = 45, METHOD_TABLE = 46, MODULE = 47,
    VECTOR_ANY = 48, UNDEF_REF_ERROR = 49, STEP_RANGE = 50, STEP_RANGE_INT64 = 51, BOX = 52,
    ABSTRACT_CHAR = 53, CHAR = 54, INT8 = 55, INT16 = 56, INT32 = 57, UINT8 = 58, UINT16 = 59,
    UINT32 = 60, FLOAT32 = 61, INT128 = 62, UINT128 = 63, ABSTRACT_STRING = 64,
    NAMED_TUPLE = 65, ABSTRACT_ARRAY = 66, ABSTRACT_VECTOR = 67, ABSTRACT_RANGE = 68,
}

/// The index of the first type a session interns itself: the well-known types and the
/// instances their supertypes mention (`AbstractVector{Any}`, ...) come before it.
pub const FIRST_USER_TYPE: u32 = 78;

/// How the engines hold an integer type's values: its width in bits and its signedness.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct IntFormat {
    pub bits: u32,
    pub signed: bool,
}

impl IntFormat {
    /// `bits` wrapped to this width, then sign- or zero-extended to 128 bits. Its low 64 bits
    /// are the form in which every engine holds a value of a type of 64 bits or less.
    pub fn normalize(self, bits: u128) -> u128 {
        let shift = 128 - self.bits;
        match (shift, self.signed) {
            (0, _) => bits,
            (_, true) => (((bits << shift) as i128) >> shift) as u128,
            (_, false) => (bits << shift) >> shift,
        }
    }
}

impl Ty {
    /// The bit integer types (`Base.BitInteger`): their width and signedness.
    pub fn int_format(self) -> Option<IntFormat> {
        let (bits, signed) = match self {
            Ty::INT8 => (8, true),
            Ty::INT16 => (16, true),
            Ty::INT32 => (32, true),
            Ty::INT64 => (64, true),
            Ty::UINT8 => (8, false),
            Ty::UINT16 => (16, false),
            Ty::UINT32 => (32, false),
            Ty::UINT64 => (64, false),
            Ty::INT128 => (128, true),
            Ty::UINT128 => (128, false),
            _ => return None,
        };
        Some(IntFormat { bits, signed })
    }

    /// The primitive types the engines hold in an `RtValue::Bits` / `ConstValue::Bits`: the
    /// integers narrower than 64 bits and `Float32`. (`Int128`/`UInt128` are `Wide`.)
    pub fn is_small_bits(self) -> bool {
        matches!(self, Ty::INT8 | Ty::INT16 | Ty::INT32 | Ty::UINT8 | Ty::UINT16 | Ty::UINT32 | Ty::FLOAT32)
    }
}

impl DataTypeId {
    pub const ANY: DataTypeId = DataTypeId(0);
    pub const TYPE: DataTypeId = DataTypeId(17);
    pub const VECTOR: DataTypeId = DataTypeId(22);
    pub const UNIT_RANGE: DataTypeId = DataTypeId(23);
}

impl Default for TypeStore {
    fn default() -> Self {
        Self::new()
    }
}

impl TypeStore {
    pub fn new() -> TypeStore {
        let mut store = TypeStore {
            kinds: Vec::new(),
            interned: FxHashMap::default(),
            defs: Vec::new(),
            concrete_tuple: Vec::new(),
            closures: FxHashSet::default(),
            instance_fields: FxHashMap::default(),
            instance_supertypes: FxHashMap::default(),
            aliases: FxHashMap::default(),
            named_tuples: FxHashMap::default(),
        };
        use DataKind::*;
        let bottom = store.intern(TyKind::Bottom);
        debug_assert_eq!(bottom, Ty::BOTTOM);
        // Any is its own supertype, as in Julia.
        store.define_at("Any", "", Ty::ANY, Abstract, Ty::ANY);
        store.define_at("Number", "", Ty::ANY, Abstract, Ty::NUMBER);
        store.define_at("Real", "", Ty::NUMBER, Abstract, Ty::REAL);
        store.define_at("Integer", "", Ty::REAL, Abstract, Ty::INTEGER);
        store.define_at("Signed", "", Ty::INTEGER, Abstract, Ty::SIGNED);
        store.define_at("Unsigned", "", Ty::INTEGER, Abstract, Ty::UNSIGNED);
        store.define_at("AbstractFloat", "", Ty::REAL, Abstract, Ty::ABSTRACT_FLOAT);
        store.define_at("Int64", "", Ty::SIGNED, Primitive, Ty::INT64);
        store.define_at("UInt64", "", Ty::UNSIGNED, Primitive, Ty::UINT64);
        store.define_at("Float64", "", Ty::ABSTRACT_FLOAT, Primitive, Ty::FLOAT64);
        store.define_at("Bool", "", Ty::INTEGER, Primitive, Ty::BOOL);
        store.define_at("Nothing", "", Ty::ANY, Struct { mutable: false }, Ty::NOTHING);
        store.define_at("String", "", Ty::ANY, Opaque, Ty::STRING);
        store.define_at("Symbol", "", Ty::ANY, Opaque, Ty::SYMBOL);
        store.define_at("Function", "", Ty::ANY, Abstract, Ty::FUNCTION);
        store.define_at("Builtin", "Core.", Ty::FUNCTION, Abstract, Ty::BUILTIN);
        store.define_at("IntrinsicFunction", "Core.", Ty::BUILTIN, Opaque, Ty::INTRINSIC_FUNCTION);
        // `Type` (DataTypeId 16) is parametric: `Type{T}` has the single value `T`.
        let type_def = store.push_def(DataTypeDef {
            name: "Type".into(),
            prefix: Prefix(""),
            supertype: Ty::ANY,
            param_names: vec!["T".into()],
            fields: vec![],
            kind: Abstract,
        });
        debug_assert_eq!(type_def, DataTypeId::TYPE);
        let ty = store.intern(TyKind::Data { def: type_def, params: vec![] });
        debug_assert_eq!(ty, Ty::TYPE);
        store.define_at("DataType", "", Ty::TYPE, Opaque, Ty::DATATYPE);
        store.define_at("Union", "", Ty::TYPE, Opaque, Ty::UNION);
        store.define_at("UnionAll", "", Ty::TYPE, Opaque, Ty::UNIONALL);
        store.define_at("TypeofBottom", "Core.", Ty::TYPE, Opaque, Ty::TYPEOFBOTTOM);
        let tuple = store.intern(TyKind::Tuple { elems: vec![], vararg: Some(Ty::ANY) });
        debug_assert_eq!(tuple, Ty::TUPLE);
        let empty = store.intern(TyKind::Tuple { elems: vec![], vararg: None });
        debug_assert_eq!(empty, Ty::EMPTY_TUPLE);
        let vector = store.push_def(DataTypeDef {
            name: "Vector".into(),
            prefix: Prefix(""),
            supertype: Ty::ANY,
            param_names: vec!["T".into()],
            fields: vec![],
            kind: Opaque,
        });
        debug_assert_eq!(vector, DataTypeId::VECTOR);
        let ty = store.intern(TyKind::Data { def: vector, params: vec![] });
        debug_assert_eq!(ty, Ty::VECTOR);
        let range = store.push_def(DataTypeDef {
            name: "UnitRange".into(),
            prefix: Prefix(""),
            supertype: Ty::ANY,
            param_names: vec!["T".into()],
            // The subset only has `UnitRange{Int64}`, so the field types are written concretely
            // (Julia's are the parameter `T`).
            fields: vec![
                Field { name: "start".into(), ty: Ty::INT64 },
                Field { name: "stop".into(), ty: Ty::INT64 },
            ],
            kind: Struct { mutable: false },
        });
        debug_assert_eq!(range, DataTypeId::UNIT_RANGE);
        let ty = store.intern(TyKind::Data { def: range, params: vec![] });
        debug_assert_eq!(ty, Ty::UNIT_RANGE);
        let ty = store.intern(TyKind::Data { def: range, params: vec![Ty::INT64] });
        debug_assert_eq!(ty, Ty::UNIT_RANGE_INT64);
        store.define_at("Exception", "", Ty::ANY, Abstract, Ty::EXCEPTION);
        let exceptions: [ExceptionDef; 14] = [
            ("ErrorException", Ty::ERROR_EXCEPTION, &[("msg", Ty::ANY)]),
            ("MethodError", Ty::METHOD_ERROR, &[("f", Ty::ANY), ("args", Ty::ANY), ("world", Ty::UINT64)]),
            ("DivideError", Ty::DIVIDE_ERROR, &[]),
            ("InexactError", Ty::INEXACT_ERROR, &[("func", Ty::SYMBOL), ("T", Ty::ANY), ("val", Ty::ANY)]),
            ("BoundsError", Ty::BOUNDS_ERROR, &[("a", Ty::ANY), ("i", Ty::ANY)]),
            (
                "TypeError",
                Ty::TYPE_ERROR,
                &[("func", Ty::SYMBOL), ("context", Ty::ANY), ("expected", Ty::ANY), ("got", Ty::ANY)],
            ),
            ("UndefVarError", Ty::UNDEF_VAR_ERROR, &[("var", Ty::SYMBOL), ("scope", Ty::ANY)]),
            ("StackOverflowError", Ty::STACK_OVERFLOW_ERROR, &[]),
            ("OutOfMemoryError", Ty::OUT_OF_MEMORY_ERROR, &[]),
            ("DomainError", Ty::DOMAIN_ERROR, &[("val", Ty::ANY), ("msg", Ty::ANY)]),
            ("ArgumentError", Ty::ARGUMENT_ERROR, &[("msg", Ty::ANY)]),
            ("OverflowError", Ty::OVERFLOW_ERROR, &[("msg", Ty::ANY)]),
            ("FieldError", Ty::FIELD_ERROR, &[("type", Ty::ANY), ("field", Ty::SYMBOL)]),
            ("StepLimitError", Ty::STEP_LIMIT_ERROR, &[("limit", Ty::INT64)]),
        ];
        for (name, konst, fields) in exceptions {
            let ty = store.define(name, "", Ty::EXCEPTION, Struct { mutable: false });
            debug_assert_eq!(ty, konst);
            let def = store.def_of(ty).expect("just defined");
            store.defs[def.0 as usize].fields =
                fields.iter().map(|(n, t)| Field { name: (*n).into(), ty: *t }).collect();
        }
        store.define_at("Method", "", Ty::ANY, Opaque, Ty::METHOD);
        store.define_at("MethodInstance", "Core.", Ty::ANY, Opaque, Ty::METHOD_INSTANCE);
        store.define_at("CodeInstance", "Core.", Ty::ANY, Opaque, Ty::CODE_INSTANCE);
        store.define_at("MethodTable", "Core.", Ty::ANY, Opaque, Ty::METHOD_TABLE);
        store.define_at("Module", "", Ty::ANY, Opaque, Ty::MODULE);
        let vector_any = store.intern(TyKind::Data { def: DataTypeId::VECTOR, params: vec![Ty::ANY] });
        debug_assert_eq!(vector_any, Ty::VECTOR_ANY);
        let undef_ref = store.define("UndefRefError", "", Ty::EXCEPTION, Struct { mutable: false });
        debug_assert_eq!(undef_ref, Ty::UNDEF_REF_ERROR);
        // `a:s:b` is a `StepRange{Int64, Int64}`; as for `UnitRange`, only Int64 ranges exist.
        let step_range = store.push_def(DataTypeDef {
            name: "StepRange".into(),
            prefix: Prefix(""),
            supertype: Ty::ANY,
            param_names: vec!["T".into(), "S".into()],
            fields: vec![
                Field { name: "start".into(), ty: Ty::INT64 },
                Field { name: "step".into(), ty: Ty::INT64 },
                Field { name: "stop".into(), ty: Ty::INT64 },
            ],
            kind: Struct { mutable: false },
        });
        let ty = store.intern(TyKind::Data { def: step_range, params: vec![] });
        debug_assert_eq!(ty, Ty::STEP_RANGE);
        let ty = store.intern(TyKind::Data { def: step_range, params: vec![Ty::INT64, Ty::INT64] });
        debug_assert_eq!(ty, Ty::STEP_RANGE_INT64);
        // `Core.Box`: what closure conversion puts a captured variable in when it is assigned
        // after it is captured (src/julia-syntax.scm), so the closure and its creator share it.
        store.define_at("Box", "Core.", Ty::ANY, Struct { mutable: true }, Ty::BOX);
        store.set_fields(Ty::BOX, vec![Field { name: "contents".into(), ty: Ty::ANY }]);
        // `Char`: a Unicode scalar value, held as its code point (Julia's `Char` holds the
        // UTF-8 bytes in a `UInt32`; only `reinterpret` could tell).
        store.define_at("AbstractChar", "", Ty::ANY, Abstract, Ty::ABSTRACT_CHAR);
        store.define_at("Char", "", Ty::ABSTRACT_CHAR, Struct { mutable: false }, Ty::CHAR);
        store.set_fields(Ty::CHAR, vec![Field { name: "code".into(), ty: Ty::UINT64 }]);
        for (name, supertype, konst) in [
            ("Int8", Ty::SIGNED, Ty::INT8),
            ("Int16", Ty::SIGNED, Ty::INT16),
            ("Int32", Ty::SIGNED, Ty::INT32),
            ("UInt8", Ty::UNSIGNED, Ty::UINT8),
            ("UInt16", Ty::UNSIGNED, Ty::UINT16),
            ("UInt32", Ty::UNSIGNED, Ty::UINT32),
            ("Float32", Ty::ABSTRACT_FLOAT, Ty::FLOAT32),
            ("Int128", Ty::SIGNED, Ty::INT128),
            ("UInt128", Ty::UNSIGNED, Ty::UINT128),
        ] {
            store.define_at(name, "", supertype, Primitive, konst);
        }
        // `String <: AbstractString` (`SubString` is a struct of the prelude's).
        store.define_at("AbstractString", "", Ty::ANY, Abstract, Ty::ABSTRACT_STRING);
        let string = store.def_of(Ty::STRING).expect("String is defined");
        store.defs[string.0 as usize].supertype = Ty::ABSTRACT_STRING;
        // Every `NamedTuple{names}` (`TypeStore::named_tuple`) is a subtype of this one.
        store.define_at("NamedTuple", "", Ty::ANY, Abstract, Ty::NAMED_TUPLE);
        // `Vector{T} <: AbstractVector{T} <: AbstractArray{T}`, and the ranges are
        // `AbstractRange{Int64}`s. Julia's `AbstractArray` also has the dimension as a parameter
        // (`AbstractVector{T}` is `AbstractArray{T, 1}`); the subset's arrays are vectors.
        for (name, expected) in [
            ("AbstractArray", Ty::ABSTRACT_ARRAY),
            ("AbstractVector", Ty::ABSTRACT_VECTOR),
            ("AbstractRange", Ty::ABSTRACT_RANGE),
        ] {
            let def = store.push_def(DataTypeDef {
                name: name.into(),
                prefix: Prefix(""),
                supertype: Ty::ANY,
                param_names: vec!["T".into()],
                fields: vec![],
                kind: Abstract,
            });
            let ty = store.intern(TyKind::Data { def, params: vec![] });
            debug_assert_eq!(ty, expected, "well-known type {name} interned out of order");
        }
        store.reparent(Ty::ABSTRACT_VECTOR, Ty::ABSTRACT_ARRAY);
        store.reparent(Ty::ABSTRACT_RANGE, Ty::ABSTRACT_VECTOR);
        store.reparent(Ty::VECTOR, Ty::ABSTRACT_VECTOR);
        store.reparent(Ty::UNIT_RANGE, Ty::ABSTRACT_RANGE);
        store.reparent(Ty::STEP_RANGE, Ty::ABSTRACT_RANGE);
        debug_assert_eq!(store.kinds.len() as u32, FIRST_USER_TYPE, "update FIRST_USER_TYPE");
        store
    }

    /// `generic{T}` for a parametric abstract type `generic` (its first parameter), or `generic`
    /// itself when it has none (`Any`).
    fn substitute_def_param(&mut self, generic: Ty, t: Ty) -> Ty {
        match self.def_of(generic) {
            Some(def) if !self.datatype(def).param_names.is_empty() => self.apply(def, vec![t]),
            _ => generic,
        }
    }

    /// Makes the parametric type `ty` (`Vector`) a subtype of `generic{T}` with its own first
    /// parameter `T`, also for the instances interned before (`Vector{Any}`).
    fn reparent(&mut self, ty: Ty, generic: Ty) {
        let def = self.def_of(ty).expect("a named type");
        let t = self.param(0, "T");
        let supertype = self.substitute_def_param(generic, t);
        self.defs[def.0 as usize].supertype = supertype;
        let instances: Vec<Ty> = self
            .interned
            .iter()
            .filter(|(k, _)| matches!(k, TyKind::Data { def: d, params } if *d == def && !params.is_empty()))
            .map(|(_, &t)| t)
            .collect();
        for inst in instances {
            let params = self.params(inst).to_vec();
            let sup = self.substitute(supertype, &params);
            self.instance_supertypes.insert(inst, sup);
        }
    }

    fn define_at(&mut self, name: &str, prefix: &'static str, supertype: Ty, kind: DataKind, expected: Ty) {
        let ty = self.define(name, prefix, supertype, kind);
        debug_assert_eq!(ty, expected, "well-known type {name} interned out of order");
    }

    fn push_def(&mut self, def: DataTypeDef) -> DataTypeId {
        let id = DataTypeId(self.defs.len() as u32);
        self.defs.push(def);
        id
    }

    /// Defines a new non-parametric type name and returns its type.
    pub fn define(&mut self, name: &str, prefix: &'static str, supertype: Ty, kind: DataKind) -> Ty {
        let def = self.push_def(DataTypeDef {
            name: name.into(),
            prefix: Prefix(prefix),
            supertype,
            param_names: vec![],
            fields: vec![],
            kind,
        });
        self.intern(TyKind::Data { def, params: vec![] })
    }

    /// Defines a struct type (user `struct`/`mutable struct`); fields may be set later with
    /// `set_fields` (a field may mention the struct itself).
    pub fn define_struct(&mut self, name: &str, supertype: Ty, mutable: bool, fields: Vec<Field>) -> Ty {
        let ty = self.define(name, "", supertype, DataKind::Struct { mutable });
        self.set_fields(ty, fields);
        ty
    }

    /// Defines the type of a closure (src/julia-syntax.scm's closure conversion): a struct
    /// `<: Function` whose fields are the captured variables, parametric on their types, so
    /// `name{T1, ..., Tn}` (what `Core.apply_type` makes of it) has field `i` of type `Ti`. With
    /// no captures it is a singleton, like a function's type.
    pub fn define_closure(&mut self, name: &str, field_names: Vec<Rc<str>>) -> Ty {
        let def = self.push_def(DataTypeDef {
            name: name.into(),
            prefix: Prefix(""),
            supertype: Ty::FUNCTION,
            param_names: (1..=field_names.len()).map(|i| Rc::from(format!("T{i}"))).collect(),
            fields: vec![],
            kind: DataKind::Struct { mutable: false },
        });
        self.closures.insert(def);
        let fields = field_names
            .into_iter()
            .enumerate()
            .map(|(i, name)| Field { name, ty: self.param(i as u32, &format!("T{}", i + 1)) })
            .collect();
        self.defs[def.0 as usize].fields = fields;
        self.intern(TyKind::Data { def, params: vec![] })
    }

    /// `NamedTuple{names, Tuple{types...}}`: invokelab defines one immutable struct per tuple of
    /// names, parametric on the field types, below the abstract `NamedTuple` (Julia's
    /// `NamedTuple` is one parametric type whose first parameter is the names; types here have
    /// no value parameters). Printed `@NamedTuple{a::Int64, b::Float64}`.
    pub fn named_tuple(&mut self, names: &[Rc<str>], types: &[Ty]) -> Ty {
        let def = match self.named_tuples.get(names) {
            Some(&def) => def,
            None => {
                let def = self.push_def(DataTypeDef {
                    name: "NamedTuple".into(),
                    prefix: Prefix(""),
                    supertype: Ty::NAMED_TUPLE,
                    param_names: (1..=names.len()).map(|i| Rc::from(format!("T{i}"))).collect(),
                    fields: vec![],
                    kind: DataKind::Struct { mutable: false },
                });
                let fields = names
                    .iter()
                    .enumerate()
                    .map(|(i, name)| Field {
                        name: name.clone(),
                        ty: self.param(i as u32, &format!("T{}", i + 1)),
                    })
                    .collect();
                self.defs[def.0 as usize].fields = fields;
                self.named_tuples.insert(names.to_vec(), def);
                def
            }
        };
        if names.is_empty() {
            return self.intern(TyKind::Data { def, params: vec![] });
        }
        self.apply(def, types.to_vec())
    }

    /// Whether `ty` is a `NamedTuple{names}` type (`named_tuple`).
    pub fn is_named_tuple(&self, ty: Ty) -> bool {
        self.def_data(ty).is_some_and(|d| d.supertype == Ty::NAMED_TUPLE && &*d.name == "NamedTuple")
    }

    /// The type parameter `index` (named `name` for printing); see `TyKind::Param`.
    pub fn param(&mut self, index: u32, name: &str) -> Ty {
        self.intern(TyKind::Param { index, name: name.into() })
    }

    /// Whether `ty` mentions a type parameter (a field type of a generic definition, a
    /// method's signature with `where`).
    pub fn has_params(&self, ty: Ty) -> bool {
        match self.kind(ty) {
            TyKind::Param { .. } => true,
            TyKind::Data { params, .. } => params.iter().any(|&p| self.has_params(p)),
            TyKind::Tuple { elems, vararg } => elems.iter().chain(vararg.iter()).any(|&e| self.has_params(e)),
            TyKind::Union(members) => members.iter().any(|&m| self.has_params(m)),
            TyKind::Bottom => false,
        }
    }

    /// `ty` with each type parameter `i` replaced by `params[i]` (those past the end stay).
    pub fn substitute(&mut self, ty: Ty, params: &[Ty]) -> Ty {
        if !self.has_params(ty) {
            return ty;
        }
        match self.kind(ty) {
            TyKind::Param { index, .. } => params.get(*index as usize).copied().unwrap_or(ty),
            _ => self.map_parts(ty, |store, part| store.substitute(part, params)),
        }
    }

    /// `ty` rebuilt from its parts with `f` applied to each: a named type's parameters (then
    /// applied), a tuple's elements, a union's members. The shared walk of `substitute` and
    /// `upper_bound`.
    fn map_parts(&mut self, ty: Ty, mut f: impl FnMut(&mut TypeStore, Ty) -> Ty) -> Ty {
        match self.kind(ty).clone() {
            TyKind::Data { def, params } => {
                let params: Vec<Ty> = params.iter().map(|&p| f(self, p)).collect();
                self.apply(def, params)
            }
            TyKind::Tuple { elems, vararg } => {
                let elems: Vec<Ty> = elems.iter().map(|&e| f(self, e)).collect();
                match vararg {
                    Some(v) => {
                        let v = f(self, v);
                        self.tuple_vararg(elems, v)
                    }
                    None => self.tuple(elems),
                }
            }
            TyKind::Union(members) => {
                let members: Vec<Ty> = members.iter().map(|&m| f(self, m)).collect();
                self.union(&members)
            }
            TyKind::Param { .. } | TyKind::Bottom => ty,
        }
    }

    /// `supertype_of(ty)`, where a supertype that still mentions parameters (the supertype
    /// of the generic `Circle` is `Shape{T}`) stands for all its instances (`Shape`).
    pub fn supertype_or_all(&self, ty: Ty) -> Ty {
        let Some(sup) = self.supertype_of(ty) else { return Ty::ANY };
        if !self.has_params(sup) {
            return sup;
        }
        match self.def_of(sup) {
            Some(def) => self.interned.get(&TyKind::Data { def, params: vec![] }).copied().unwrap_or(Ty::ANY),
            None => Ty::ANY,
        }
    }

    /// Whether parameter `index` appears in `template` inside a named type's parameters
    /// (`Vector{T}`, `Type{T}`), where matching binds it to exactly one type.
    pub fn param_is_invariant(&self, template: Ty, index: u32) -> bool {
        match self.kind(template) {
            TyKind::Data { params, .. } => params.iter().any(|&p| self.mentions_param(p, index)),
            TyKind::Tuple { elems, vararg } => {
                elems.iter().chain(vararg).any(|&e| self.param_is_invariant(e, index))
            }
            TyKind::Union(members) => members.iter().any(|&m| self.param_is_invariant(m, index)),
            TyKind::Bottom | TyKind::Param { .. } => false,
        }
    }

    /// The name of parameter `index` as `template` spells it (`T` of `f(x::T) where T`), if it
    /// appears there.
    pub fn param_name(&self, template: Ty, index: u32) -> Option<Rc<str>> {
        match self.kind(template) {
            TyKind::Param { index: i, name } => (*i == index).then(|| name.clone()),
            TyKind::Data { params, .. } => params.iter().find_map(|&p| self.param_name(p, index)),
            TyKind::Tuple { elems, vararg } => {
                elems.iter().chain(vararg).find_map(|&e| self.param_name(e, index))
            }
            TyKind::Union(members) => members.iter().find_map(|&m| self.param_name(m, index)),
            TyKind::Bottom => None,
        }
    }

    fn mentions_param(&self, ty: Ty, index: u32) -> bool {
        match self.kind(ty) {
            TyKind::Param { index: i, .. } => *i == index,
            TyKind::Data { params, .. } => params.iter().any(|&p| self.mentions_param(p, index)),
            TyKind::Tuple { elems, vararg } => {
                elems.iter().chain(vararg).any(|&e| self.mentions_param(e, index))
            }
            TyKind::Union(members) => members.iter().any(|&m| self.mentions_param(m, index)),
            TyKind::Bottom => false,
        }
    }

    /// The smallest type without parameters that contains every instance of `template` whose
    /// parameters are within `bounds`: a parameter in an argument's place becomes its bound,
    /// a named type with a parameter inside (an invariant place) becomes all its instances
    /// (`Vector{T}` becomes `Vector`). A `where` method's signature for the method tables.
    pub fn upper_bound(&mut self, template: Ty, bounds: &[Ty]) -> Ty {
        if !self.has_params(template) {
            return template;
        }
        match self.kind(template) {
            TyKind::Param { index, .. } => bounds.get(*index as usize).copied().unwrap_or(Ty::ANY),
            &TyKind::Data { def, .. } => self.intern(TyKind::Data { def, params: vec![] }),
            _ => self.map_parts(template, |store, part| store.upper_bound(part, bounds)),
        }
    }

    /// Whether `where` signature `a` (template and bounds) is a strict subset of `b` when both
    /// have the same shape, one parameter of `a` wherever `b` has one: `Type{T} where
    /// T<:Integer` within `Type{T} where T` (both index the tables as `Type`). Each pair of
    /// corresponding parameters must have `a`'s bound within `b`'s, one strictly, as
    /// src/subtype.c finds for such UnionAlls.
    pub fn where_narrower(&self, a: (Ty, &[Ty]), b: (Ty, &[Ty])) -> bool {
        let mut pairs = Vec::new();
        if !self.same_shape(a.0, b.0, &mut pairs) {
            return false;
        }
        let bound = |bounds: &[Ty], i: u32| bounds.get(i as usize).copied().unwrap_or(Ty::ANY);
        let mut some_narrower = false;
        for &(i, j) in &pairs {
            let (x, y) = (bound(a.1, i), bound(b.1, j));
            if !self.issubtype(x, y) {
                return false;
            }
            some_narrower |= !self.issubtype(y, x);
        }
        some_narrower
    }

    /// Whether two templates are equal but for their parameters, collecting the pairs of
    /// parameter indices that correspond.
    fn same_shape(&self, a: Ty, b: Ty, pairs: &mut Vec<(u32, u32)>) -> bool {
        if a == b && !self.has_params(a) {
            return true;
        }
        let all = |xs: &[Ty], ys: &[Ty], pairs: &mut Vec<(u32, u32)>| {
            xs.len() == ys.len() && xs.iter().zip(ys).all(|(&x, &y)| self.same_shape(x, y, pairs))
        };
        match (self.kind(a), self.kind(b)) {
            (TyKind::Param { index: i, .. }, TyKind::Param { index: j, .. }) => {
                pairs.push((*i, *j));
                true
            }
            (TyKind::Data { def: d, params: xs }, TyKind::Data { def: e, params: ys }) => {
                d == e && all(xs, ys, pairs)
            }
            (TyKind::Tuple { elems: xs, vararg: xv }, TyKind::Tuple { elems: ys, vararg: yv }) => {
                all(xs, ys, pairs)
                    && match (xv, yv) {
                        (Some(x), Some(y)) => self.same_shape(*x, *y, pairs),
                        (None, None) => true,
                        _ => false,
                    }
            }
            (TyKind::Union(xs), TyKind::Union(ys)) => all(xs, ys, pairs),
            _ => false,
        }
    }

    /// The supertype of `ty`: its definition's, with an instance's parameters substituted.
    pub fn supertype_of(&self, ty: Ty) -> Option<Ty> {
        if let Some(&s) = self.instance_supertypes.get(&ty) {
            return Some(s);
        }
        self.def_data(ty).map(|d| d.supertype)
    }

    /// Makes a just-defined type parametric (`struct Point{T}`): its field types and supertype
    /// mention the parameters (`TyKind::Param`).
    pub fn set_param_names(&mut self, def: DataTypeId, names: Vec<Rc<str>>) {
        self.defs[def.0 as usize].param_names = names;
    }

    pub fn set_fields(&mut self, ty: Ty, fields: Vec<Field>) {
        if let Some(def) = self.def_of(ty) {
            self.defs[def.0 as usize].fields = fields;
            self.refresh_instances(def);
        }
    }

    /// Defines the singleton type of a function, `typeof(name)`.
    pub fn define_function(&mut self, name: &str, builtin: bool) -> Ty {
        let supertype = if builtin { Ty::BUILTIN } else { Ty::FUNCTION };
        self.define(&format!("typeof({name})"), "", supertype, DataKind::Struct { mutable: false })
    }

    pub fn intern(&mut self, kind: TyKind) -> Ty {
        if let Some(&ty) = self.interned.get(&kind) {
            return ty;
        }
        let ty = Ty(self.kinds.len() as u32);
        let concrete_tuple = match &kind {
            TyKind::Tuple { elems, vararg: None } => elems.iter().all(|&e| self.is_concrete(e)),
            _ => false,
        };
        self.concrete_tuple.push(concrete_tuple);
        self.kinds.push(kind.clone());
        self.interned.insert(kind, ty);
        ty
    }

    pub fn kind(&self, ty: Ty) -> &TyKind {
        &self.kinds[ty.0 as usize]
    }

    /// How many types are interned (every `Ty` is below this).
    pub fn type_count(&self) -> usize {
        self.kinds.len()
    }

    pub fn datatype(&self, def: DataTypeId) -> &DataTypeDef {
        &self.defs[def.0 as usize]
    }

    /// The type name of a `Data` type (`Vector` for `Vector{Float64}`).
    /// How many named types are defined: a `DataTypeId` below this count is one of them.
    pub fn def_count(&self) -> u32 {
        self.defs.len() as u32
    }

    /// Whether `ty` names a type defined at or after `DataTypeId(first)` (itself, a parameter,
    /// a tuple element or a union member).
    pub fn mentions_defs_from(&self, ty: Ty, first: u32) -> bool {
        match self.kind(ty) {
            TyKind::Bottom | TyKind::Param { .. } => false,
            TyKind::Data { def, params } => {
                def.0 >= first || params.iter().any(|&p| self.mentions_defs_from(p, first))
            }
            TyKind::Tuple { elems, vararg } => {
                elems.iter().chain(vararg.iter()).any(|&e| self.mentions_defs_from(e, first))
            }
            TyKind::Union(members) => members.iter().any(|&m| self.mentions_defs_from(m, first)),
        }
    }

    pub fn def_of(&self, ty: Ty) -> Option<DataTypeId> {
        match self.kind(ty) {
            TyKind::Data { def, .. } => Some(*def),
            _ => None,
        }
    }

    pub fn params(&self, ty: Ty) -> &[Ty] {
        match self.kind(ty) {
            TyKind::Data { params, .. } => params,
            _ => &[],
        }
    }

    pub fn def_data(&self, ty: Ty) -> Option<&DataTypeDef> {
        self.def_of(ty).map(|d| self.datatype(d))
    }

    pub fn fields(&self, ty: Ty) -> &[Field] {
        if let Some(fields) = self.instance_fields.get(&ty) {
            return fields;
        }
        self.def_data(ty).map(|d| d.fields.as_slice()).unwrap_or(&[])
    }

    pub fn apply(&mut self, def: DataTypeId, params: Vec<Ty>) -> Ty {
        let instance = !params.is_empty() && params.len() == self.datatype(def).param_names.len();
        let ty = self.intern(TyKind::Data { def, params: params.clone() });
        if !instance || self.instance_supertypes.contains_key(&ty) {
            return ty;
        }
        // Mark it first: substituting may meet the instance again (`next::Node{T}`).
        let generic_super = self.datatype(def).supertype;
        self.instance_supertypes.insert(ty, generic_super);
        let supertype = self.substitute(generic_super, &params);
        self.instance_supertypes.insert(ty, supertype);
        let generic: Vec<Field> = self.datatype(def).fields.clone();
        if generic.iter().any(|f| self.has_params(f.ty)) {
            let fields = generic
                .into_iter()
                .map(|f| Field { ty: self.substitute(f.ty, &params), name: f.name })
                .collect();
            self.instance_fields.insert(ty, fields);
        }
        ty
    }

    /// Sets the field types of a parametric type after its instances may exist
    /// (`Core._typebody!`): their fields are substituted again.
    fn refresh_instances(&mut self, def: DataTypeId) {
        let instances: Vec<Ty> =
            self.instance_supertypes.keys().copied().filter(|&t| self.def_of(t) == Some(def)).collect();
        for ty in instances {
            let params = self.params(ty).to_vec();
            let generic: Vec<Field> = self.datatype(def).fields.clone();
            let fields = generic
                .into_iter()
                .map(|f| Field { ty: self.substitute(f.ty, &params), name: f.name })
                .collect();
            self.instance_fields.insert(ty, fields);
        }
    }

    pub fn vector_of(&mut self, elem: Ty) -> Ty {
        self.apply(DataTypeId::VECTOR, vec![elem])
    }

    /// `Type{T}`.
    pub fn type_type(&mut self, t: Ty) -> Ty {
        self.apply(DataTypeId::TYPE, vec![t])
    }

    pub fn tuple(&mut self, elems: Vec<Ty>) -> Ty {
        self.intern(TyKind::Tuple { elems, vararg: None })
    }

    pub fn tuple_vararg(&mut self, elems: Vec<Ty>, vararg: Ty) -> Ty {
        self.intern(TyKind::Tuple { elems, vararg: Some(vararg) })
    }

    /// The element type of `Vector{T}`, if `ty` is one.
    pub fn vector_elem(&self, ty: Ty) -> Option<Ty> {
        match self.kind(ty) {
            TyKind::Data { def, params } if *def == DataTypeId::VECTOR && params.len() == 1 => {
                Some(params[0])
            }
            _ => None,
        }
    }

    /// `typeof(T)` for a type `T` used as a value.
    pub fn type_of_type(&self, t: Ty) -> Ty {
        match self.kind(t) {
            TyKind::Bottom => Ty::TYPEOFBOTTOM,
            TyKind::Union(_) => Ty::UNION,
            TyKind::Data { def, params }
                if params.is_empty() && !self.datatype(*def).param_names.is_empty() =>
            {
                Ty::UNIONALL
            }
            _ => Ty::DATATYPE,
        }
    }

    /// Whether values can have exactly this type (Julia's `isconcretetype`).
    pub fn is_concrete(&self, ty: Ty) -> bool {
        match self.kind(ty) {
            TyKind::Bottom | TyKind::Union(_) | TyKind::Param { .. } => false,
            TyKind::Tuple { .. } => self.concrete_tuple[ty.0 as usize],
            TyKind::Data { def, params } => {
                let d = self.datatype(*def);
                d.kind != DataKind::Abstract && params.len() == d.param_names.len()
            }
        }
    }

    /// Whether every call with argument types `ty` (a tuple) has exactly these types as seen
    /// by dispatch (`jl_is_dispatch_tupletype`): each element concrete, or `Type{T}` of a
    /// type `T` with no free parameters (the type of the single value `T`).
    pub fn is_dispatch_tuple(&self, ty: Ty) -> bool {
        match self.kind(ty) {
            // A `DataType` (or `Union`, ...) argument is concrete but stands for many
            // `Type{X}`: a `where` method on `::Type{T}` may or may not bind it.
            TyKind::Tuple { elems, vararg: None } => elems.iter().all(|&e| {
                (self.is_concrete(e)
                    && !matches!(e, Ty::DATATYPE | Ty::UNION | Ty::UNIONALL | Ty::TYPEOFBOTTOM))
                    || self.type_param(e).is_some_and(|t| !self.has_params(t))
            }),
            _ => false,
        }
    }

    /// Whether the type has exactly one value (`nothing`, a function), so it needs no storage.
    pub fn is_singleton(&self, ty: Ty) -> bool {
        match self.kind(ty) {
            TyKind::Data { def, .. } => {
                let d = self.datatype(*def);
                d.kind == (DataKind::Struct { mutable: false }) && d.fields.is_empty() && self.is_concrete(ty)
            }
            TyKind::Tuple { elems, vararg: None } => elems.is_empty(),
            _ => false,
        }
    }

    /// Whether `ty` is `Type{T}` (for some T, or the wildcard `Type`).
    pub fn type_param(&self, ty: Ty) -> Option<Ty> {
        match self.kind(ty) {
            TyKind::Data { def, params } if *def == DataTypeId::TYPE => params.first().copied(),
            _ => None,
        }
    }

    /// The members of a union, or the type itself.
    pub fn union_members(&self, ty: Ty) -> Vec<Ty> {
        match self.kind(ty) {
            TyKind::Union(members) => members.clone(),
            TyKind::Bottom => vec![],
            _ => vec![ty],
        }
    }

    /// Julia's printed name of a type (`Vector{Float64}`, `Tuple{Int64, Float64}`,
    /// `Union{Nothing, Int64}`, `Type{Int64}`, `typeof(f)`, `Core.CodeInstance`).
    pub fn display(&self, ty: Ty) -> String {
        let mut out = String::new();
        self.write_type(&mut out, ty);
        out
    }

    /// Prints `ty` as `name` from now on (`const ComplexF64 = Complex{Float64}` in Base).
    pub fn set_alias(&mut self, ty: Ty, name: &str) {
        self.aliases.insert(ty, name.into());
    }

    fn write_type(&self, out: &mut String, ty: Ty) {
        if let Some(name) = self.aliases.get(&ty) {
            return out.push_str(name);
        }
        match self.kind(ty) {
            TyKind::Bottom => out.push_str("Union{}"),
            TyKind::Data { def, params } if self.is_named_tuple(ty) => {
                // base/show.jl: `@NamedTuple{a::Int64, b::Float64}`; the empty one is
                // `@NamedTuple{}`.
                let fields = &self.datatype(*def).fields;
                if !params.is_empty() && params.len() != fields.len() {
                    return out.push_str("NamedTuple");
                }
                out.push_str("@NamedTuple{");
                for (i, f) in fields.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    out.push_str(&f.name);
                    out.push_str("::");
                    self.write_type(out, params.get(i).copied().unwrap_or(Ty::ANY));
                }
                out.push('}');
            }
            TyKind::Data { def, params } => {
                let d = self.datatype(*def);
                out.push_str(d.prefix.0);
                out.push_str(&d.name);
                if !params.is_empty() {
                    out.push('{');
                    for (i, &p) in params.iter().enumerate() {
                        if i > 0 {
                            out.push_str(", ");
                        }
                        self.write_type(out, p);
                    }
                    out.push('}');
                }
            }
            TyKind::Tuple { elems, vararg } => {
                if ty == Ty::TUPLE {
                    out.push_str("Tuple");
                    return;
                }
                out.push_str("Tuple{");
                for (i, &e) in elems.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    self.write_type(out, e);
                }
                if let Some(v) = vararg {
                    if !elems.is_empty() {
                        out.push_str(", ");
                    }
                    out.push_str("Vararg");
                    if *v != Ty::ANY {
                        out.push('{');
                        self.write_type(out, *v);
                        out.push('}');
                    }
                }
                out.push('}');
            }
            TyKind::Union(members) => {
                out.push_str("Union{");
                for (i, &m) in members.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    self.write_type(out, m);
                }
                out.push('}');
            }
            TyKind::Param { name, .. } => out.push_str(name),
        }
    }
}

/// What a type's name is printed after: `""`, or `"Core."` for the runtime's reflective types
/// (a `&'static str` that a snapshot can store and read back).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Prefix(pub &'static str);

impl serde::Serialize for Prefix {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0)
    }
}

impl<'de> serde::Deserialize<'de> for Prefix {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Prefix, D::Error> {
        let text = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(d)?;
        match &*text {
            "" => Ok(Prefix("")),
            "Core." => Ok(Prefix("Core.")),
            other => Err(serde::de::Error::custom(format!("unknown type prefix {other:?}"))),
        }
    }
}
