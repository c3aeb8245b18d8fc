//! The runtime's answers to the imports of generated code (`abi::imports`): each reads its
//! boxed arguments from the heap, runs the session's operation, and returns a box, or a `Trap`
//! carrying the exception to unwind with.

use codegen::abi::{ErrorCode, MathOp};
use ir::{Builtin, GlobalRef, RtValue};
use types::BuiltinId;

use crate::call::{self, machine};
use crate::host::{Host, Trap};
use crate::imports::ImportHandler;
use crate::raise::{internal_error, raise, with_heap, Thrown};

/// The import handler every wasm host installs.
pub struct SessionImports;

/// The trap that unwinds a thrown value (exceptions are always boxes).
fn trap(host: &mut dyn Host, thrown: Thrown) -> Trap {
    match thrown.0 {
        RtValue::Ref(addr) => Trap::Thrown(addr),
        other => match with_heap(host, |cx| cx.box_value(other)) {
            Ok(addr) => Trap::Thrown(addr),
            Err(Thrown(RtValue::Ref(addr))) => Trap::Thrown(addr),
            Err(_) => Trap::Engine("could not box a thrown value".into()),
        },
    }
}

fn boxed(host: &mut dyn Host, v: RtValue) -> Result<u32, Thrown> {
    with_heap(host, |cx| cx.box_value(v))
}

fn or_trap<T>(host: &mut dyn Host, r: Result<T, Thrown>) -> Result<T, Trap> {
    r.map_err(|t| trap(host, t))
}

impl ImportHandler for SessionImports {
    fn alloc(&self, host: &mut dyn Host, size: u32) -> Result<u32, Trap> {
        let r = with_heap(host, |cx| cx.alloc(size));
        or_trap(host, r)
    }

    fn call_dynamic(
        &self,
        host: &mut dyn Host,
        args: u32,
        nargs: u32,
        _span: u32,
        caller: u32,
        cache: u32,
    ) -> Result<u32, Trap> {
        let owner = call::owner_of_slot(host, caller);
        let r = call::with_caller_owner(host, owner, |h| call::call_boxed(h, args, nargs, cache));
        or_trap(host, r)
    }

    fn call_builtin(
        &self,
        host: &mut dyn Host,
        builtin: u32,
        args: u32,
        nargs: u32,
        span: u32,
        caller: u32,
    ) -> Result<u32, Trap> {
        let owner = call::owner_of_slot(host, caller);
        let b = Builtin::from_id(BuiltinId(builtin));
        // A builtin that runs no code raises in the calling frame, at this call (one that
        // runs code was entered as a call: its site is on the call-site stack).
        if b.is_some_and(ir::steps::runs_no_code) {
            host.session().raise_site = Some(span);
        }
        let r = call::boxed_args(host, args, nargs).and_then(|values| match b {
            Some(b) => call::with_caller_owner(host, owner, |h| call::call_builtin(h, b, &values)),
            None => Err(internal_error(host, "generated code called an unknown builtin")),
        });
        host.session().raise_site = None;
        let r = r.and_then(|v| boxed(host, v));
        or_trap(host, r)
    }

    fn throw(&self, host: &mut dyn Host, exception: u32, span: u32) -> Trap {
        host.session().raise_site = Some(span);
        let thrown = match with_heap(host, |cx| Ok(cx.value_of(exception))) {
            Ok(exc) => crate::raise::throw_value(host, exc),
            Err(thrown) => thrown,
        };
        trap(host, thrown)
    }

    fn the_exception(&self, host: &mut dyn Host) -> Result<u32, Trap> {
        let r = match crate::raise::current_exception(host) {
            Some(exc) => boxed(host, exc),
            None => Err(internal_error(host, "`the_exception` with no exception being handled")),
        };
        or_trap(host, r)
    }

    fn throw_code(&self, host: &mut dyn Host, code: u32, span: u32) -> Trap {
        host.session().raise_site = Some(span);
        let thrown = match ErrorCode::from_code(code) {
            Some(ErrorCode::DivideError) => raise(host, crate::errors::divide_error),
            Some(ErrorCode::TypeError) => internal_error(host, "generated code raised an untyped TypeError"),
            Some(ErrorCode::StackOverflow) => crate::raise::stack_overflow(host),
            Some(ErrorCode::Unreachable) | None => {
                internal_error(host, "generated code reached unreachable code")
            }
        };
        trap(host, thrown)
    }

    fn throw_undef(&self, host: &mut dyn Host, name: u32, span: u32) -> Trap {
        host.session().raise_site = Some(span);
        let thrown = raise(host, |cx| {
            let text = String::from_utf8_lossy(cx.string_bytes(name)).into_owned();
            crate::errors::undef_var_error(cx, &text, "local")
        });
        trap(host, thrown)
    }

    fn throw_non_boolean(&self, host: &mut dyn Host, value: u32, span: u32) -> Trap {
        host.session().raise_site = Some(span);
        let thrown = raise(host, |cx| {
            let v = cx.value_of(value);
            crate::errors::bool_context_error(cx, v)
        });
        trap(host, thrown)
    }

    fn out_of_steps(&self, host: &mut dyn Host, span: u32) -> Trap {
        host.session().raise_site = Some(span);
        let limit = host.session().options.step_budget;
        let thrown = raise(host, |cx| crate::errors::step_limit_error(cx, limit));
        trap(host, thrown)
    }

    fn math1(&self, op: u32, x: f64) -> f64 {
        match ir::Builtin::from_id(types::BuiltinId(op)).and_then(ir::Builtin::libm_unary) {
            Some(f) => f(x),
            None => f64::NAN,
        }
    }

    fn math2(&self, op: u32, x: f64, y: f64) -> f64 {
        match MathOp::from_code(op) {
            Some(MathOp::Pow) => libm::pow(x, y),
            Some(MathOp::Rem) => libm::fmod(x, y),
            Some(MathOp::Atan2) => libm::atan2(x, y),
            _ => f64::NAN,
        }
    }

    fn global_get(&self, host: &mut dyn Host, global: u32) -> Result<u32, Trap> {
        let name = host.session().global_names.get(global as usize).cloned();
        let r = match name {
            Some((module, name)) => {
                machine::global_get(host, &GlobalRef { module, name }).and_then(|v| boxed(host, v))
            }
            None => Err(internal_error(host, "generated code named an unknown global")),
        };
        or_trap(host, r)
    }

    fn global_set(&self, host: &mut dyn Host, global: u32, value: u32) -> Result<(), Trap> {
        let name = host.session().global_names.get(global as usize).cloned();
        let r = match name {
            Some((module, name)) => with_heap(host, |cx| Ok(cx.value_of(value)))
                .and_then(|v| machine::global_set(host, &GlobalRef { module, name }, v, false)),
            None => Err(internal_error(host, "generated code named an unknown global")),
        };
        or_trap(host, r)
    }

    fn compile_slot(&self, host: &mut dyn Host, slot: u32) -> Result<(), Trap> {
        let ci = host.session().code.ci_of_slot(slot);
        let r = match ci {
            Some(ci) => compile_slot(host, slot, ci),
            None => Err(internal_error(host, "generated code called through an empty table slot")),
        };
        or_trap(host, r)
    }
}

/// What a lazy-compile trampoline asks for: the module of slot `slot`'s CodeInstance. A
/// CodeInstance whose native code was dropped is cured first; when curing gives another
/// CodeInstance (a plugin's `typeinf` result), that one's code takes the slot.
fn compile_slot(host: &mut dyn Host, slot: u32, ci: types::CodeInstanceId) -> Result<(), Thrown> {
    let cured = crate::compile::runnable(host, ci)?;
    let instance = crate::compile::compile(host, cured)?;
    if cured == ci {
        return Ok(());
    }
    let session = host.session();
    let same_abi = crate::link::signature(session, ci) == crate::link::signature(session, cured);
    if !same_abi {
        return Err(crate::raise::throw_error_message(host, crate::compile::FAILED_EXTERNAL));
    }
    match host.set_slot(slot, instance) {
        Ok(()) => Ok(()),
        Err(e) => Err(internal_error(host, &format!("linking failed: {e:?}"))),
    }
}
