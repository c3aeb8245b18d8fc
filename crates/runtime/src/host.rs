//! The `Host` trait: what the runtime needs from an engine that runs generated wasm modules.
//!
//! Two implementations: `host-wasmtime` (native, CLI and tests) and `host-web` (the browser's
//! WebAssembly API). The runtime never names an engine.
//!
//! Re-entrancy: generated code calls imports (dynamic dispatch, builtins, lazy compilation),
//! and those may compile and call more wasm. So the runtime's state (`Session`) lives *inside*
//! the host (in wasmtime, in the `Store`'s data), and every runtime entry point takes the host
//! as its context parameter (`&mut dyn Host`), reaching its state through `session()` and the
//! heap through `heap()`. Never hold a borrow of either across a call that may run wasm.

use std::hash::Hasher;

use crate::session::Session;

/// The key hosts cache compiled modules by.
pub fn content_hash(bytes: &[u8]) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    h.write(bytes);
    h.write_usize(bytes.len());
    h.finish()
}

/// A module the host has compiled and instantiated (linked to the shared memory, table and
/// imports). Hosts cache compiled modules by content hash, so loading the same bytes twice
/// compiles once.
#[derive(serde::Serialize, serde::Deserialize, Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct InstanceId(pub u32);

/// Why a call into wasm did not return normally.
#[derive(Clone, PartialEq, Debug)]
pub enum Trap {
    /// A language error was raised (an import threw): the exception's box address. The runtime
    /// recorded it before unwinding.
    Thrown(u32),
    /// The engine's stack overflowed (becomes `StackOverflowError`).
    StackOverflow,
    /// Any other engine trap (a codegen bug): the engine's message.
    Engine(String),
}

#[derive(Clone, PartialEq, Debug)]
pub enum HostError {
    /// The engine rejected a module (a codegen bug): its message.
    InvalidModule(String),
    /// The memory could not grow.
    OutOfMemory,
}

pub trait Host {
    /// The runtime state that lives in this host.
    fn session(&mut self) -> &mut Session;

    /// The shared linear memory (the heap) and the session at once.
    fn heap(&mut self) -> (&mut [u8], &mut Session);

    /// Grows the shared memory to at least `min_bytes`.
    fn grow_heap(&mut self, min_bytes: usize) -> Result<(), HostError>;

    /// Compiles (or finds in the cache) and instantiates a module.
    fn load_module(&mut self, bytes: &[u8]) -> Result<InstanceId, HostError>;

    /// Makes sure the call table has at least `len` slots (new slots are null).
    fn ensure_table_len(&mut self, len: u32) -> Result<(), HostError>;

    /// Puts `instance`'s specialized entry (`abi::SPEC_EXPORT`) into table slot `slot`.
    fn set_slot(&mut self, slot: u32, instance: InstanceId) -> Result<(), HostError>;

    /// Puts `instance`'s generic entry (`abi::GENERIC_EXPORT`) into table slot `slot`, where
    /// inline caches of dynamic calls call it (`abi`, "Inline caches of dynamic calls").
    fn set_generic_slot(&mut self, slot: u32, instance: InstanceId) -> Result<(), HostError>;

    /// Calls `instance`'s generic entry on `nargs` box addresses stored at `args`.
    fn call_generic(&mut self, instance: InstanceId, args: u32, nargs: u32) -> Result<u32, Trap>;

    /// Nanoseconds from a monotonic clock (`time_ns()`); the browser host reads its own.
    fn now_ns(&self) -> u64;

    /// Where the heap starts in the memory generated modules import (see
    /// `codegen::CodegenContext::heap_base`): 0 when the host gives them a memory of their own.
    fn heap_base(&self) -> u32 {
        0
    }

    /// The content hashes of modules compiled so far (for cache statistics and tests).
    fn compiled_modules(&self) -> usize;
}
