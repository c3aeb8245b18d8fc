//! Type objects, subtyping, specificity and the inference lattice.
//!
//! Invariant: this crate knows nothing of syntax trees, IR, methods or engines. It owns the
//! interned type objects (`Ty`), the type names (`DataTypeId`), compile-time constant values
//! (`ConstValue`, what inference's `Const` holds), the ids of the runtime's reflective objects
//! (methods, method instances, code instances: their arenas live in `world`), and the lattice
//! operations that inference and the optimizer share.

mod consts;
mod ids;
mod lattice;
mod store;
mod subtype;

pub use consts::{ConstValue, F64};
pub use ids::{BuiltinId, CodeInstanceId, MethodId, MethodInstanceId, MethodTableId};
pub use lattice::Lattice;
pub use store::{
    DataKind, DataTypeDef, DataTypeId, Field, IntFormat, Ty, TyKind, TypeStore, FIRST_USER_TYPE,
};
