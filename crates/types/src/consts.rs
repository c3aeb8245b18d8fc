//! Compile-time constant values: what inference's `Const` holds and what IR operands may embed.
//!
//! Equality is Julia's `===` (egal): floats compare by bits, strings and tuples by content,
//! reflective objects by id. That makes `ConstValue` usable as a cache key (owners are compared
//! with `===`).

use std::hash::{Hash, Hasher};
use std::rc::Rc;

use crate::{BuiltinId, CodeInstanceId, MethodId, MethodInstanceId, MethodTableId, Ty};

/// A `Float64` compared and hashed by its bits, as `===` does (`NaN === NaN`, `0.0 !== -0.0`).
#[derive(serde::Serialize, serde::Deserialize, Clone, Copy, Debug)]
pub struct F64(pub f64);

impl PartialEq for F64 {
    fn eq(&self, other: &Self) -> bool {
        self.0.to_bits() == other.0.to_bits()
    }
}
impl Eq for F64 {}
impl Hash for F64 {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.0.to_bits().hash(state);
    }
}

#[derive(serde::Serialize, serde::Deserialize, Clone, PartialEq, Eq, Hash, Debug)]
pub enum ConstValue {
    Int(i64),
    UInt(u64),
    Float(F64),
    Bool(bool),
    /// A value of a small bits type (`Ty::is_small_bits`): an integer narrower than 64 bits,
    /// sign- or zero-extended (`IntFormat::normalize`), or a `Float32`'s bits.
    Bits(Ty, u64),
    /// An `Int128` or `UInt128` (its bits).
    Wide(Ty, u128),
    Str(Rc<str>),
    Symbol(Rc<str>),
    /// A tuple of constants; its type is the tuple of the elements' types.
    Tuple(Rc<[ConstValue]>),
    /// A type used as a value (`Int64`, `Vector{Float64}`, `Union{}`).
    Type(Ty),
    /// The unique instance of a singleton type: `nothing`, every function (`typeof(f)`), builtins.
    Singleton(Ty),
    /// An instance of an immutable struct whose fields are all constant.
    Struct {
        ty: Ty,
        fields: Rc<[ConstValue]>,
    },
    /// A builtin or intrinsic function (`Core.getfield`, `Base.add_int`): an index into `ir`'s
    /// table of builtins.
    Builtin(BuiltinId),
    Method(MethodId),
    MethodInstance(MethodInstanceId),
    CodeInstance(CodeInstanceId),
    MethodTable(MethodTableId),
}

impl ConstValue {
    pub fn nothing() -> ConstValue {
        ConstValue::Singleton(Ty::NOTHING)
    }

    pub fn float(x: f64) -> ConstValue {
        ConstValue::Float(F64(x))
    }

    /// The concrete type of this value (`typeof`).
    pub fn type_of(&self, store: &mut crate::TypeStore) -> Ty {
        match self {
            ConstValue::Tuple(elems) if !elems.is_empty() => {
                let elems: Vec<Ty> = elems.iter().map(|e| e.type_of(store)).collect();
                store.tuple(elems)
            }
            _ => self.known_type(store).unwrap_or(Ty::TUPLE),
        }
    }

    /// The concrete type of this value when finding it needs no interning: every value but a
    /// non-empty tuple (whose `Tuple{...}` type may not exist yet; `type_of` makes it).
    pub fn known_type(&self, store: &crate::TypeStore) -> Option<Ty> {
        Some(match self {
            ConstValue::Int(_) => Ty::INT64,
            ConstValue::UInt(_) => Ty::UINT64,
            ConstValue::Float(_) => Ty::FLOAT64,
            ConstValue::Bool(_) => Ty::BOOL,
            ConstValue::Bits(ty, _) | ConstValue::Wide(ty, _) => *ty,
            ConstValue::Str(_) => Ty::STRING,
            ConstValue::Symbol(_) => Ty::SYMBOL,
            ConstValue::Tuple(elems) if elems.is_empty() => Ty::EMPTY_TUPLE,
            ConstValue::Tuple(_) => return None,
            ConstValue::Type(t) => store.type_of_type(*t),
            ConstValue::Singleton(ty) | ConstValue::Struct { ty, .. } => *ty,
            // Julia gives each builtin its own `typeof(getfield)`; the subset never dispatches on
            // those, so all builtins share `Core.IntrinsicFunction`.
            ConstValue::Builtin(_) => Ty::INTRINSIC_FUNCTION,
            ConstValue::Method(_) => Ty::METHOD,
            ConstValue::MethodInstance(_) => Ty::METHOD_INSTANCE,
            ConstValue::CodeInstance(_) => Ty::CODE_INSTANCE,
            ConstValue::MethodTable(_) => Ty::METHOD_TABLE,
        })
    }

    pub fn as_type(&self) -> Option<Ty> {
        match self {
            ConstValue::Type(t) => Some(*t),
            _ => None,
        }
    }
}
