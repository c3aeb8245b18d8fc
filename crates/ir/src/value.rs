//! Values at run time, as the reference interpreter and the runtime's builtins see them.

use types::Ty;

/// A run-time value: bits values unboxed, every other value the address of its box in the
/// shared heap (layout in `codegen::abi`). Invariant: a `Ref` never points at a box of
/// a bits type (`Int64`, `UInt64`, `Float64`, `Bool`, the small ones of `Bits`); those are
/// always carried unboxed here.
#[derive(serde::Serialize, serde::Deserialize, Clone, Copy, PartialEq, Debug)]
pub enum RtValue {
    Int(i64),
    UInt(u64),
    Float(f64),
    Bool(bool),
    /// A value of a small bits type (`Ty::is_small_bits`: Int8..Int32, UInt8..UInt32,
    /// Float32): the integer sign- or zero-extended to 64 bits (`IntFormat::normalize`), or
    /// the `Float32`'s bits. Boxed like the others, with the same 8-byte payload.
    Bits(Ty, u64),
    /// An `Int128` or `UInt128`: its 128 bits. Generated code holds these boxed (a box with a
    /// 16-byte payload) and does their arithmetic through the runtime's intrinsics.
    Wide(Ty, u128),
    Ref(u32),
}
