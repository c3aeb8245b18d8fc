//! The `env.*` import functions of `codegen::abi::imports`: each clones the `ImportHandler`
//! out of the store (so re-entrant calls find it too), wraps the caller as a `Host`, and turns
//! a returned `Trap` into a wasmtime error that unwinds the wasm frames. It does not decide
//! what an import means (the handler does).

use codegen::abi::imports as names;
use runtime::host::{Host, Trap};
use runtime::imports::ImportHandler;
use rustc_hash::FxHashMap;
use wasmtime::{Caller, Func, Store};

use crate::state::{State, TrapError};
use crate::CallerHost;

type R<T> = wasmtime::Result<T>;

fn with_handler<T>(
    caller: &mut Caller<'_, State>,
    f: impl FnOnce(&dyn ImportHandler, &mut dyn Host) -> Result<T, Trap>,
) -> R<T> {
    let Some(handler) = caller.data().handler.clone() else {
        return Err(wasmtime::Error::new(TrapError(Trap::Engine("no import handler is set".into()))));
    };
    let mut host = CallerHost { caller };
    f(&*handler, &mut host).map_err(|t| match t {
        // A language error unwinds as the exception tag, which handlers catch.
        Trap::Thrown(exception) if host.session().catchable() => {
            crate::state::throw_exception(&mut *host.caller, exception)
        }
        other => wasmtime::Error::new(TrapError(other)),
    })
}

/// Creates every import function in `store`, by import name.
pub(crate) fn define(store: &mut Store<State>) -> FxHashMap<&'static str, Func> {
    let mut funcs = FxHashMap::default();
    let mut add = |name: &'static str, f: Func| {
        funcs.insert(name, f);
    };
    add(
        names::ALLOC,
        Func::wrap(&mut *store, |mut c: Caller<'_, State>, size: i32| -> R<i32> {
            with_handler(&mut c, |h, host| h.alloc(host, size as u32)).map(|p| p as i32)
        }),
    );
    add(
        names::CALL_DYNAMIC,
        Func::wrap(
            &mut *store,
            |mut c: Caller<'_, State>, args: i32, nargs: i32, span: i32, caller: i32, cache: i32| -> R<i32> {
                with_handler(&mut c, |h, host| {
                    h.call_dynamic(host, args as u32, nargs as u32, span as u32, caller as u32, cache as u32)
                })
                .map(|p| p as i32)
            },
        ),
    );
    add(
        names::CALL_BUILTIN,
        Func::wrap(
            &mut *store,
            |mut c: Caller<'_, State>, b: i32, args: i32, nargs: i32, span: i32, caller: i32| -> R<i32> {
                with_handler(&mut c, |h, host| {
                    h.call_builtin(host, b as u32, args as u32, nargs as u32, span as u32, caller as u32)
                })
                .map(|p| p as i32)
            },
        ),
    );
    add(
        names::THROW,
        Func::wrap(&mut *store, |mut c: Caller<'_, State>, exc: i32, span: i32| -> R<()> {
            with_handler(&mut c, |h, host| Err(h.throw(host, exc as u32, span as u32)))
        }),
    );
    add(
        names::THROW_CODE,
        Func::wrap(&mut *store, |mut c: Caller<'_, State>, code: i32, span: i32| -> R<()> {
            with_handler(&mut c, |h, host| Err(h.throw_code(host, code as u32, span as u32)))
        }),
    );
    add(
        names::THROW_UNDEF,
        Func::wrap(&mut *store, |mut c: Caller<'_, State>, name: i32, span: i32| -> R<()> {
            with_handler(&mut c, |h, host| Err(h.throw_undef(host, name as u32, span as u32)))
        }),
    );
    add(
        names::THROW_NON_BOOLEAN,
        Func::wrap(&mut *store, |mut c: Caller<'_, State>, value: i32, span: i32| -> R<()> {
            with_handler(&mut c, |h, host| Err(h.throw_non_boolean(host, value as u32, span as u32)))
        }),
    );
    add(
        names::OUT_OF_STEPS,
        Func::wrap(&mut *store, |mut c: Caller<'_, State>, span: i32| -> R<()> {
            with_handler(&mut c, |h, host| Err(h.out_of_steps(host, span as u32)))
        }),
    );
    add(
        names::THE_EXCEPTION,
        Func::wrap(&mut *store, |mut c: Caller<'_, State>| -> R<i32> {
            with_handler(&mut c, |h, host| h.the_exception(host)).map(|p| p as i32)
        }),
    );
    add(
        names::MATH1,
        Func::wrap(&mut *store, |mut c: Caller<'_, State>, op: i32, x: f64| -> R<f64> {
            with_handler(&mut c, |h, _| Ok(h.math1(op as u32, x)))
        }),
    );
    add(
        names::MATH2,
        Func::wrap(&mut *store, |mut c: Caller<'_, State>, op: i32, x: f64, y: f64| -> R<f64> {
            with_handler(&mut c, |h, _| Ok(h.math2(op as u32, x, y)))
        }),
    );
    add(
        names::GLOBAL_GET,
        Func::wrap(&mut *store, |mut c: Caller<'_, State>, g: i32| -> R<i32> {
            with_handler(&mut c, |h, host| h.global_get(host, g as u32)).map(|p| p as i32)
        }),
    );
    add(
        names::GLOBAL_SET,
        Func::wrap(&mut *store, |mut c: Caller<'_, State>, g: i32, v: i32| -> R<()> {
            with_handler(&mut c, |h, host| h.global_set(host, g as u32, v as u32))
        }),
    );
    add(
        names::COMPILE_SLOT,
        Func::wrap(&mut *store, |mut c: Caller<'_, State>, slot: i32| -> R<()> {
            with_handler(&mut c, |h, host| h.compile_slot(host, slot as u32))
        }),
    );
    funcs
}
