//! Typed, optimized IR -> one wasm module per CodeInstance (with walrus).
//!
//! Invariant: codegen knows nothing of who runs its modules (no engine, no host types); it
//! knows the ABI in `abi`, which every host implements.

pub mod abi;
