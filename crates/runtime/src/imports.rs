//! `ImportHandler`: what the imports of generated modules (`codegen::abi::imports`) do, as one
//! trait the runtime implements and every host calls from its import functions. Hosts know
//! engines; the handler knows the language. It does not define the handler's behaviour (the
//! session integration does) nor how an engine wires imports (the hosts do).
//!
//! Re-entrancy: a handler method may run more wasm through `host` (dispatch calls a generic
//! entry, a trampoline compiles), which may call back into the handler. So methods take
//! `&self` (the host keeps the handler in an `Rc` and clones it out for each call); mutable
//! state belongs in the `Session`, reached through `host.session()`.
//!
//! Errors: a language error is `Err(Trap::Thrown(exception))` (the runtime records the
//! exception before returning it); the host unwinds wasm with it and hands it back to the
//! caller of `Host::call_generic` unchanged.

use crate::host::{Host, Trap};

pub trait ImportHandler {
    /// `alloc(size) -> ptr`: the bump fast path in wasm ran out (see `codegen::abi`).
    fn alloc(&self, host: &mut dyn Host, size: u32) -> Result<u32, Trap>;
    /// `call_dynamic(args, nargs, span, caller, cache) -> box`: dispatch `args[0](args[1..]...)`
    /// in the cache owner of the CodeInstance whose table slot is `caller`, filling the call
    /// site's inline cache at `cache` when the target can be cached.
    fn call_dynamic(
        &self,
        host: &mut dyn Host,
        args: u32,
        nargs: u32,
        span: u32,
        caller: u32,
        cache: u32,
    ) -> Result<u32, Trap>;
    /// `call_builtin(builtin, args, nargs, span, caller) -> box`: run builtin `builtin` (a
    /// `BuiltinId`) on its `nargs` boxed arguments (the function itself is not among them);
    /// `caller` as for `call_dynamic`.
    fn call_builtin(
        &self,
        host: &mut dyn Host,
        builtin: u32,
        args: u32,
        nargs: u32,
        span: u32,
        caller: u32,
    ) -> Result<u32, Trap>;
    /// `throw(exception, span)`: returns the trap to unwind with (normally `Thrown`).
    fn throw(&self, host: &mut dyn Host, exception: u32, span: u32) -> Trap;
    /// `throw_code(code, span)`: `code` is a `codegen::abi::ErrorCode`.
    fn throw_code(&self, host: &mut dyn Host, code: u32, span: u32) -> Trap;
    /// `throw_undef(name, span)`: `name` is a `Symbol` box; raise `UndefVarError`.
    fn throw_undef(&self, host: &mut dyn Host, name: u32, span: u32) -> Trap;
    /// `throw_non_boolean(value, span)`: ``TypeError: non-boolean (T) used in boolean context``
    /// for the boxed `value`.
    fn throw_non_boolean(&self, host: &mut dyn Host, value: u32, span: u32) -> Trap;
    /// `out_of_steps(span)`: the step budget went negative; returns the trap to unwind with
    /// (generated code does not continue after it, so loops keep their values in registers).
    fn out_of_steps(&self, host: &mut dyn Host, span: u32) -> Trap;
    /// `the_exception() -> box`: the exception a handler is handling.
    fn the_exception(&self, host: &mut dyn Host) -> Result<u32, Trap>;
    /// `math1(op, x)` / `math2(op, x, y)`: `op` is a `codegen::abi::MathOp` code.
    fn math1(&self, op: u32, x: f64) -> f64;
    fn math2(&self, op: u32, x: f64, y: f64) -> f64;
    /// `global_get(global) -> box` / `global_set(global, value)`.
    fn global_get(&self, host: &mut dyn Host, global: u32) -> Result<u32, Trap>;
    fn global_set(&self, host: &mut dyn Host, global: u32, value: u32) -> Result<(), Trap>;
    /// `compile_slot(slot)`: make sure slot `slot` holds compiled code (from a trampoline).
    fn compile_slot(&self, host: &mut dyn Host, slot: u32) -> Result<(), Trap>;
}
