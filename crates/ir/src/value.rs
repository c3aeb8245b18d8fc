//! Values at run time, as the reference interpreter and the runtime's builtins see them.

/// A run-time value: bits values unboxed, every other value the address of its box in the
/// shared heap (layout in `codegen::abi`). Invariant: a `Ref` never points at a box of
/// `Int64`, `UInt64`, `Float64` or `Bool`; those are always carried unboxed here.
#[derive(Clone, Copy, PartialEq, Debug)]
pub enum RtValue {
    Int(i64),
    UInt(u64),
    Float(f64),
    Bool(bool),
    Ref(u32),
}
