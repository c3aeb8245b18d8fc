//! The ABI shared by generated modules, the runtime and the hosts: the layout of boxed values in
//! the shared linear memory, the fixed cells at the bottom of memory, the imports every module
//! may use, and the calling conventions of the two entries of a CodeInstance's module.
//!
//! Everything here is a contract: the runtime's heap (`runtime::heap`) reads and writes boxes
//! with these offsets, the reference interpreter sees the same objects, and both hosts provide
//! the same imports.
//!
//! # Memory
//! Little-endian wasm32 memory, imported by every module as `env.memory`. Address 0 is never a
//! valid box (null). The cells below `HEAP_START` hold shared mutable state that generated code
//! updates inline (bump allocation, step budget); the host reads them between calls.
//!
//! # Boxes
//! A box at address `p` (8-aligned) has an 8-byte header, `u32 tag` at `p` (the `Ty` index of
//! the value's concrete type) and `u32 aux` at `p + 4`, then its payload at `p + 8`:
//! - `Int64`, `UInt64`: the 8-byte integer; `Float64`: the 8-byte IEEE value; `Bool`: `u32` 0/1
//!   The narrower integers (`Int8`..`Int32`, `UInt8`..`UInt32`): the same 8 bytes, holding the
//!   value sign- or zero-extended to 64 bits; `Float32`: its 4 bytes, then 4 zero bytes;
//!   `Int128`, `UInt128`: `aux` = 16, then the 16 bytes (low half first).
//!   (the runtime interns the two Bool boxes).
//! - Singletons (`nothing`, every function, `()`, struct types without fields): header only,
//!   one interned box per type, so `===` on them is address equality.
//! - `String`: `aux` = byte length, the UTF-8 bytes. `Symbol`: the same, interned per name.
//! - Tuples and structs (mutable or not): `aux` = field count, then one `u32` box address per
//!   field (fields are always boxed).
//! - `Vector{T}`: `u32 length` at `p + 8`, `u32 capacity` at `p + 12`, `u32 data` at `p + 16`:
//!   the address of `capacity` `u32` box addresses (elements are always boxed).
//! - Types as values (`DataType`, `Union`, `UnionAll`, `Core.TypeofBottom` tags): `u32` Ty
//!   index at `p + 8`. Builtins (`Core.IntrinsicFunction` tag): `u32` builtin id. Methods,
//!   MethodInstances, CodeInstances, method tables: `u32` id. All interned per object.
//!
//! # Garbage collection: the shadow stack and GC frames
//! The runtime's collector (mark-sweep, non-moving: a box never changes address) must find
//! every box that running code can still use. Wasm locals are invisible to it, so generated
//! code keeps its roots in a *shadow stack* in linear memory, as Julia's late-gc-lowering keeps
//! a GC frame on the native stack:
//! - `SHADOW_SP_ADDR` holds the shadow stack pointer (the next free byte), `SHADOW_LIMIT_ADDR`
//!   its end. The runtime places the region (outside the collected heap) and sets both cells.
//!   Every `u32` in `[region start, SP)` is a root: a box address, or 0.
//! - A function that holds boxes across a *safepoint* (any call that may allocate: the `alloc`
//!   import or the inline allocation helper's slow path, `call_dynamic`, `call_builtin`,
//!   `compile_slot`, `global_get`, any call of another CodeInstance or of itself) reserves a GC
//!   frame of n slots at entry (`fp = [SP]; [SP] = fp + 4n`, failing with
//!   `ErrorCode::StackOverflow` past `[SHADOW_LIMIT]`), zeroes it, and releases it
//!   (`[SP] = fp`) before every return. At each safepoint, every box the function may still
//!   use afterwards is in one of its slots (codegen stores a rooted value into its slot when it
//!   is defined). Functions without such values have no frame and pay nothing.
//! - Constant boxes embedded in code (`CodegenContext::constant_box`), the Bool boxes and
//!   interned singletons are the runtime's roots; code need not root them.
//! - Allocation returns zeroed memory (the inline bump region `[HEAP_PTR, HEAP_LIMIT)` is
//!   always zero), and a new object's header is written before the next safepoint, so the
//!   collector can parse the heap at any safepoint. An object's fields are stored after it is
//!   allocated (and rooted), never held unrooted across its allocation.
//! - When wasm unwinds (a throw, the step limit), the runtime restores `[SP]` (and the call
//!   depth at `DEPTH_ADDR`) to its value at the host's entry into wasm; a `catch` will restore
//!   them to their values at its `try`.
//!
//! # Exceptions
//! Julia exceptions are wasm exceptions (the exception-handling proposal, `try_table`), with
//! one tag that every module imports (`EXCEPTION_TAG_IMPORT`) whose payload is the exception's
//! box address (the value handlers use is on the runtime's exception stack, Julia's
//! `jl_excstack`; the payload lets a host name an uncaught exception). Nothing in generated code
//! throws it: every import that raises a language error records the exception and then throws
//! the tag from the host (wasmtime's `Store::throw`, a JS `WebAssembly.Exception`), so a raise
//! in any module, or in the runtime under a dynamic call, unwinds wasm frames until a handler
//! catches it; not one instruction is spent where nothing is raised. An internal error of
//! invokelab unwinds as a host trap instead, which no handler catches.
//! - A block with a handler (`ir::BlockData::catch`) runs its instructions (and its branch's
//!   condition) inside `try_table (catch $exception $landing)`. At the landing, the shadow
//!   stack pointer and the call depth go back to their values at the function's `Enter`s
//!   (between two instructions both are the same everywhere in a function, so one saved pair
//!   serves all its handlers); then the handler edge's arguments are assigned and control goes
//!   to the handler's block like any other edge.
//! - `Enter` reads `EXCEPTION_DEPTH_ADDR` (its token) and saves the pair; `PopException`
//!   stores its token back; `TheException` asks the host (`THE_EXCEPTION`).
//!
//! # Entries of a CodeInstance's module
//! - The specialized entry (export `SPEC_EXPORT`): parameters and result by `ValType::of`:
//!   bit integers as `i64` (narrow ones extended), `Float64` as `f64`, `Float32` as `f32`,
//!   `Bool` as `i32` 0/1, singleton types
//!   omitted (parameters) or returned as the interned box, everything else an `i32` box address.
//!   Its function is also placed in the call table at the CodeInstance's slot, which is how other
//!   modules call it (`call_indirect`).
//! - The generic entry (export `GENERIC_EXPORT`): `(args: i32, nargs: i32) -> i32`, where
//!   `args` is the address of `nargs` `u32` box addresses (argument 0 the function itself) and
//!   the result is a box address. Dynamic dispatch and the host call this one.
//!   `nargs` equals the number of parameters of the signature: for a vararg method the caller
//!   (the runtime's dispatch) has already packed the trailing arguments into one tuple box.
//!
//! # Decisions recorded here (codegen owner)
//! - Span ids: every throwing import takes a `span: i32`, an id the runtime hands out through
//!   `CodegenContext::span_id` and maps back to a source range; `0` means "no location".
//! - `Bool` boxes live at the fixed addresses `FALSE_BOX_ADDR` / `TRUE_BOX_ADDR` (below
//!   `HEAP_START`), so boxing a Bool is a `select` of two constants; `write_fixed_boxes` writes
//!   them and the runtime calls it when it initialises memory.
//! - `call_builtin` receives the builtin's arguments only (not the function itself), boxed.
//! - Argument arrays for `call_dynamic` / `call_builtin` (and the runtime's calls of a generic
//!   entry) live on the shadow stack (below), pushed slot by slot and popped after the call, so
//!   the arguments are roots while the callee runs and a call leaves no garbage.
//! - The bump fast path: `p = [HEAP_PTR]; if p + size <= [HEAP_LIMIT] { [HEAP_PTR] = p + size }
//!   else { p = alloc(size) }`. `alloc` must itself advance `HEAP_PTR`/`HEAP_LIMIT` as it likes;
//!   generated code only ever reads the cells again. Sizes are rounded up to `BOX_ALIGN`.
//! - Step counting follows the IR's step rule (`ir::steps`): generated code decrements the
//!   budget at `STEPS_ADDR` at a body's charge points and loop entries, charges a counted
//!   loop's iterations on entry as one unsigned amount, and counts the header visits of other
//!   loops in a local of that loop, set on entry, charging `LOOP_STEP_BATCH` at every
//!   `LOOP_STEP_BATCH`-th visit (a memory decrement per iteration would be a loop-carried
//!   dependency through memory, ~1.5x on a tight loop).
//! - `out_of_steps` never returns (it raises the step-limit error, like `throw`); generated code
//!   follows the call with `unreachable`. A call that could return would keep every value of a
//!   loop live across it, and since no float register survives a call, a float loop would keep
//!   its values in memory (mandelbrot ran ~1.7x slower).
//! - Math intrinsics that wasm lacks go through `math1(op, x)` / `math2(op, x, y)` with a
//!   `MathOp` code; `sqrt`, `floor`, `ceil`, `trunc`, `rint`, `abs`, `copysign` are inline wasm.
//! - `fptosi`/`fptoui` saturate (`i64.trunc_sat_f64_*`), they never trap: Julia leaves
//!   out-of-range conversions undefined and checks them in Julia code before the intrinsic.
//!
//! # Inline caches of dynamic calls
//! Every dynamic call site (`call_dynamic`) has a cell of its own that remembers its last
//! target, checked and called inside wasm, so a call whose argument types repeat never enters
//! the host. It is src/gf.c's call cache in `jl_lookup_generic_` (entries probed by a hash of
//! the call site's return address, each a leaf signature checked with `sig_match_fast` and a
//! world range) with one entry per site and the epoch below in place of the world range.
//! - The cell is an object of the collected heap with tag `CALL_CACHE_TAG` and `aux` = its
//!   payload's size in bytes (`call_cache_payload`), which the collector reads as bytes with
//!   no references. The runtime allocates it when codegen asks (`CodegenContext::
//!   call_site_cache`), keeps it as a root for the session and never frees it, so its
//!   address can be embedded in code. The payload: `u32` epoch at `CALL_CACHE_EPOCH`, `u32`
//!   table index of the target's generic entry at `CALL_CACHE_ENTRY`, then one `u32` key per
//!   argument from `CALL_CACHE_KEYS`: for argument 0 (the function) its box address, for the
//!   others the tag of their box. A fresh cell is zero: epoch 0 is never current.
//! - Argument 0 is keyed by address because the runtime fills a cell only when it is an
//!   interned box (a function's singleton, or a type, which dispatch sees as `Type{T}`): its
//!   address names its dispatch type for the whole session. The other arguments dispatch on
//!   their tags, except type values (all tagged `DataType` and friends), with which the
//!   runtime does not fill the cell.
//! - `CALL_EPOCH_ADDR` holds the current epoch, which the runtime advances whenever an answer
//!   a cell may hold could change: when the task's world changes (a top-level statement after
//!   a definition, `invoke_in_world`, `invokelatest` from an older world; a lookup in one world
//!   gives the same answer forever, as for the runtime's dispatch cache) and when native code
//!   is dropped (`drop_native_code!`; the next call cures it). A cell is valid only when its
//!   epoch is the current one. The caller's cache owner needs no key: a module belongs to one
//!   CodeInstance, so each site dispatches within one owner.
//! - At the site, with the boxed arguments in their shadow-stack array (as for the import):
//!   if the cell's epoch is current and every key matches, `call_indirect` of the generic
//!   entry `(args, nargs) -> box` at the cell's table index on that array; otherwise
//!   `call_dynamic`, which dispatches and, when the target can be cached (not a builtin, not a
//!   vararg method whose trailing arguments must be packed, arguments keyed as above), puts
//!   the CodeInstance's generic entry into a call-table slot of its own, then fills the cell
//!   (keys and entry first, epoch last). Either way the array stays a root while the callee
//!   runs; both calls are safepoints. Keys that cannot change between executions of a site
//!   (a constant or singleton function, an argument of a concrete type) are not compared.
//! - A CodeInstance's generic-entry slot is never given to another one. After its native code
//!   is dropped (an epoch later) the slot may point at the module that replaces it; no cell
//!   of the current epoch points at it before that.

/// Byte address of the `u32` allocation count (wrapping): generated code's allocation helper and
/// the runtime's allocations add one per object (`@time`'s "allocations").
pub const ALLOC_COUNT_ADDR: u32 = 4;
/// Byte address of the `u32` bump pointer: the next free heap byte.
pub const HEAP_PTR_ADDR: u32 = 8;
/// Byte address of the `u32` limit: allocation past it calls the `alloc` import.
pub const HEAP_LIMIT_ADDR: u32 = 12;
/// Byte address of the `i64` step budget left; generated code decrements it where activations
/// are charged and at loop headers (see "Step counting") and calls `out_of_steps` when it goes
/// negative.
pub const STEPS_ADDR: u32 = 16;
/// Byte address of the `u32` shadow stack pointer (see "Garbage collection").
pub const SHADOW_SP_ADDR: u32 = 24;
/// Byte address of the `u32` end of the shadow stack region.
pub const SHADOW_LIMIT_ADDR: u32 = 28;
/// Address of the interned `false` box (16 bytes: header with tag `Ty::BOOL`, payload `u32` 0).
pub const FALSE_BOX_ADDR: u32 = 32;
/// Address of the interned `true` box (payload `u32` 1).
pub const TRUE_BOX_ADDR: u32 = 48;
/// Byte address of the `u32` epoch of the inline caches of dynamic calls (see "Inline caches
/// of dynamic calls"): a cell whose epoch differs is a miss. Starts at `FIRST_CALL_EPOCH`.
pub const CALL_EPOCH_ADDR: u32 = 68;
/// The epoch of a fresh memory (cells are allocated zeroed, and 0 is never an epoch).
pub const FIRST_CALL_EPOCH: u32 = 1;
/// Loop-header visits charged to the step budget at a time (see "Step counting").
pub const LOOP_STEP_BATCH: u32 = ir::steps::LOOP_STEP_BATCH;
/// Byte address of the `u32` call depth: the frames of the calls in progress, counted as
/// `ir::steps` ("Frames") says. Generated code adds a call site's weight before the call and
/// subtracts it after; past `CodegenContext::max_depth` the call raises
/// `ErrorCode::StackOverflow` instead. The runtime restores it when wasm unwinds.
pub const DEPTH_ADDR: u32 = 64;
/// Byte address of the `u32` position of compiled top-level code: the span id
/// (`CodegenContext::span_id`) of the statement running, which such code writes before each
/// instruction that may raise or run code and before it raises itself (`ir::Machine`'s
/// `note_position` is the interpreter's). The runtime clears it before a thunk runs and reads
/// it when one fails, for the `top-level scope` line of the report; 0 is "no position".
pub const POSITION_ADDR: u32 = 72;
/// Byte address of the `u32` depth of the task's exception stack (see "Exceptions"): an
/// `Enter` reads it as its token, `PopException` writes the token back, and the runtime
/// pushes a thrown exception at this depth. The stack itself is the runtime's.
pub const EXCEPTION_DEPTH_ADDR: u32 = 76;
/// The call-site stack: one `u32` position id (`CodegenContext::position_id`) per frame of the
/// calls in progress, indexed by the call depth (`DEPTH_ADDR`). A call whose frames take the
/// depth from `d` to `d + w` writes its site's position at index `d + w - 1` (the position
/// knows `w`), so when an error is raised the runtime reads the stack trace from the depth
/// down, site by site (Julia reads it from the native stack: `rec_backtrace`). It lies right
/// after the runtime's 1 MiB shadow stack and holds `CALL_SITES_BYTES / 4` entries, which
/// bounds the depth limit.
pub const CALL_SITES_ADDR: u32 = HEAP_START + (1 << 20);
pub const CALL_SITES_BYTES: u32 = 1 << 20;
/// The end of the fixed cells: the runtime's shadow stack starts here, then the collected
/// heap (`runtime::gc`).
pub const HEAP_START: u32 = 128;

pub const HEADER_SIZE: u32 = 8;
pub const TAG_OFFSET: u32 = 0;
pub const AUX_OFFSET: u32 = 4;
pub const PAYLOAD_OFFSET: u32 = 8;
pub const VECTOR_LENGTH_OFFSET: u32 = 8;
pub const VECTOR_CAPACITY_OFFSET: u32 = 12;
pub const VECTOR_DATA_OFFSET: u32 = 16;
pub const BOX_ALIGN: u32 = 8;
/// The tag of a vector's element storage (never a value; Julia's `Memory`): `aux` = its
/// capacity in elements, then `aux` `u32` box addresses (0 = unassigned). A vector's `data`
/// field points at the first element, `HEADER_SIZE` bytes past the header.
pub const MEMORY_TAG: u32 = u32::MAX - 1;
/// The tag of a dynamic call site's inline cache (never a value): `aux` = payload bytes.
pub const CALL_CACHE_TAG: u32 = u32::MAX - 2;
/// Offsets in an inline cache (see "Inline caches of dynamic calls").
pub const CALL_CACHE_EPOCH: u32 = HEADER_SIZE;
pub const CALL_CACHE_ENTRY: u32 = HEADER_SIZE + 4;
pub const CALL_CACHE_KEYS: u32 = HEADER_SIZE + 8;

/// The payload bytes of the inline cache of a call site with `nargs` arguments (the function
/// included).
pub fn call_cache_payload(nargs: u32) -> u32 {
    8 + 4 * nargs
}

pub const SPEC_EXPORT: &str = "spec";
pub const GENERIC_EXPORT: &str = "generic";
pub const IMPORT_MODULE: &str = "env";
pub const MEMORY_IMPORT: &str = "memory";
/// The tag of Julia exceptions, type `[i32] -> []`: the exception's box (see "Exceptions").
pub const EXCEPTION_TAG_IMPORT: &str = "exception";
pub const TABLE_IMPORT: &str = "table";

/// The host functions generated code may import (module `env`). Each is `(params) -> results`
/// in wasm value types; all may raise a language error, which unwinds to the host that called
/// into wasm.
pub mod imports {
    /// `(size: i32) -> i32`: allocate `size` bytes (8-aligned) when the inline bump path would
    /// pass `HEAP_LIMIT_ADDR`; raises `OutOfMemoryError` when the heap is exhausted.
    pub const ALLOC: &str = "alloc";
    /// `(args: i32, nargs: i32, span: i32, caller: i32, cache: i32) -> i32`: dynamic dispatch
    /// of `args[0](args[1..]...)` in the caller's world and owner; returns a box. `caller` is the
    /// calling module's own call-table slot, which names its CodeInstance and so its cache owner
    /// (code compiled for a plugin owner keeps dispatching into that owner's cache).
    /// `cache` is the site's inline cache, which the runtime fills when it can (see "Inline
    /// caches of dynamic calls"); generated code calls this import only when the cache missed.
    pub const CALL_DYNAMIC: &str = "call_dynamic";
    /// `(builtin: i32, args: i32, nargs: i32, span: i32, caller: i32) -> i32`: run a builtin the
    /// module does not emit inline, on boxed arguments. `caller` is the calling module's slot,
    /// as for `CALL_DYNAMIC` (builtins that call functions, like `_apply_iterate`, dispatch
    /// within the caller's owner).
    pub const CALL_BUILTIN: &str = "call_builtin";
    /// `(exception: i32, span: i32)`: throw a boxed exception; never returns.
    pub const THROW: &str = "throw";
    /// `(code: i32, span: i32)`: throw one of the errors of `ErrorCode`; never returns.
    pub const THROW_CODE: &str = "throw_code";
    /// `(span: i32)`: the step budget ran out; raises the step-limit error. Never returns.
    pub const OUT_OF_STEPS: &str = "out_of_steps";
    /// `(op: i32, x: f64) -> f64` / `(op: i32, x: f64, y: f64) -> f64`: the `libm` math
    /// intrinsics; `op` is a `MathOp` code.
    pub const MATH1: &str = "math1";
    pub const MATH2: &str = "math2";
    /// `(global: i32) -> i32`: read a non-constant global binding by index; raises
    /// `UndefVarError` when unassigned. `(global: i32, value: i32)`: assign it.
    pub const GLOBAL_GET: &str = "global_get";
    pub const GLOBAL_SET: &str = "global_set";
    /// `(slot: i32)`: make sure the CodeInstance of table slot `slot` has native code and its
    /// function is in the table (called by lazy-compile trampolines).
    pub const COMPILE_SLOT: &str = "compile_slot";
    /// `(name: i32, span: i32)`: throw ``UndefVarError: `name` not defined in local scope``;
    /// `name` is the box of the local's `Symbol`. Never returns. (Emitted for `UndefCheck`.)
    pub const THROW_UNDEF: &str = "throw_undef";
    /// `() -> i32`: the exception on top of the exception stack (`Expr(:the_exception)`).
    pub const THE_EXCEPTION: &str = "the_exception";
    /// `(value: i32, span: i32)`: throw ``TypeError: non-boolean (T) used in boolean context``
    /// for the boxed condition `value`. Never returns.
    pub const THROW_NON_BOOLEAN: &str = "throw_non_boolean";
}

/// The operation codes of the `math2` import (results from `libm`, so they are bit-identical on
/// every engine). The `math1` import's code is the intrinsic's `BuiltinId`
/// (`Builtin::libm_unary`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u32)]
pub enum MathOp {
    /// `x ^ y`.
    Pow = 16,
    /// `fmod(x, y)` (Julia's `rem_float`).
    Rem = 17,
    /// `atan(y, x)`.
    Atan2 = 18,
}

impl MathOp {
    pub fn from_code(code: u32) -> Option<MathOp> {
        [MathOp::Pow, MathOp::Rem, MathOp::Atan2].into_iter().find(|op| *op as u32 == code)
    }
}

/// Writes the two interned `Bool` boxes at `FALSE_BOX_ADDR` / `TRUE_BOX_ADDR`. Returns false
/// (writing nothing) if `memory` is shorter than `HEAP_START`.
pub fn write_fixed_boxes(memory: &mut [u8]) -> bool {
    if memory.len() < HEAP_START as usize {
        return false;
    }
    for (addr, payload) in [(FALSE_BOX_ADDR, 0u32), (TRUE_BOX_ADDR, 1u32)] {
        let p = addr as usize;
        memory[p..p + 4].copy_from_slice(&types::Ty::BOOL.0.to_le_bytes());
        memory[p + 4..p + 8].copy_from_slice(&0u32.to_le_bytes());
        memory[p + 8..p + 12].copy_from_slice(&payload.to_le_bytes());
        memory[p + 12..p + 16].copy_from_slice(&0u32.to_le_bytes());
    }
    true
}

/// Errors generated code raises by code, with no boxed payload to build first.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u32)]
pub enum ErrorCode {
    DivideError = 1,
    /// A `typeassert`/`::T` failed or a non-Bool was used in a condition (the span tells which).
    TypeError = 2,
    /// Reached an `unreachable` terminator.
    Unreachable = 3,
    /// A GC frame did not fit on the shadow stack, or a call would pass the depth limit
    /// (`StackOverflowError`).
    StackOverflow = 4,
}

impl ErrorCode {
    pub fn from_code(code: u32) -> Option<ErrorCode> {
        [ErrorCode::DivideError, ErrorCode::TypeError, ErrorCode::Unreachable, ErrorCode::StackOverflow]
            .into_iter()
            .find(|c| *c as u32 == code)
    }
}

/// How a value of a given type travels in the specialized entry and in locals.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ValType {
    /// Every bit integer type; a narrower one (`Int8`, `UInt32`) sign- or zero-extended to 64
    /// bits (`types::IntFormat::normalize`), and kept so by every operation on it.
    I64,
    F64,
    /// `Float32`.
    F32,
    /// `Bool` (0/1).
    I32,
    /// A box address.
    Boxed,
    /// A singleton: no wasm value at all.
    Erased,
}

impl ValType {
    pub fn of(store: &types::TypeStore, ty: types::Ty) -> ValType {
        use types::Ty;
        match ty {
            // Int128 and UInt128 are boxed (their arithmetic goes through the runtime).
            _ if ty.int_format().is_some_and(|f| f.bits <= 64) => ValType::I64,
            Ty::FLOAT64 => ValType::F64,
            Ty::FLOAT32 => ValType::F32,
            Ty::BOOL => ValType::I32,
            _ if store.is_singleton(ty) => ValType::Erased,
            _ => ValType::Boxed,
        }
    }
}
