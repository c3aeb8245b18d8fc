//! Raising language errors from the runtime, and the heap's one allocate-or-grow retry.
//!
//! Two kinds of failure leave the runtime: a language error (`Thrown`, an exception value the
//! program could catch) and an internal failure (`internal_error`: a bug of invokelab, never
//! shown as the user's error; the report says so, and the file tests prove none is reachable).

use ir::RtValue;

use crate::heap::{HeapCtx, HeapError};
use crate::host::{Host, Trap};

pub use ir::Thrown;

/// Runs a heap operation, growing the memory and retrying when it asks to: the runtime's one
/// allocate-or-grow retry.
pub fn with_heap<T>(
    host: &mut dyn Host,
    mut op: impl FnMut(&mut HeapCtx) -> Result<T, HeapError>,
) -> Result<T, Thrown> {
    with_heap_and_output(host, |cx, _| op(cx))
}

/// `with_heap` for operations that also print (to the session's standard output).
pub fn with_heap_and_output<T>(
    host: &mut dyn Host,
    mut op: impl FnMut(&mut HeapCtx, &mut String) -> Result<T, HeapError>,
) -> Result<T, Thrown> {
    loop {
        let result = {
            let (mem, session) = host.heap();
            let mut cx = HeapCtx::new(mem, &mut session.objects, &mut session.world.types);
            op(&mut cx, &mut session.stdout)
        };
        match result {
            Ok(v) => return Ok(v),
            Err(HeapError::NeedsGrow { min_bytes }) => {
                // Grow geometrically: a retried operation leaks what it allocated before it
                // asked, so growing by just enough would make a large operation (a tuple of
                // 16,000 boxes) retry once per page and use quadratic memory.
                let target = {
                    let (mem, session) = host.heap();
                    min_bytes.max(mem.len().saturating_mul(2)).min(session.objects.max_heap.max(min_bytes))
                };
                if host.grow_heap(target).is_err() && host.grow_heap(min_bytes).is_err() {
                    return Err(out_of_memory(host));
                }
                let (mem, session) = host.heap();
                HeapCtx::new(mem, &mut session.objects, &mut session.world.types).sync_limit();
            }
            Err(HeapError::OutOfMemory) => return Err(out_of_memory(host)),
        }
    }
}

fn out_of_memory(host: &mut dyn Host) -> Thrown {
    // The error object is a singleton, interned at bootstrap, so building it needs no memory.
    let made = {
        let (mem, session) = host.heap();
        let mut cx = HeapCtx::new(mem, &mut session.objects, &mut session.world.types);
        crate::errors::out_of_memory_error(&mut cx)
    };
    match made {
        Ok(v) => Thrown(v),
        Err(_) => internal_error(host, "the OutOfMemoryError singleton was not interned at bootstrap"),
    }
}

/// Builds an exception with `make` and returns it as thrown.
pub fn raise(host: &mut dyn Host, make: impl FnMut(&mut HeapCtx) -> Result<RtValue, HeapError>) -> Thrown {
    match with_heap(host, make) {
        Ok(exc) => Thrown(exc),
        Err(thrown) => thrown,
    }
}

pub fn throw_error_message(host: &mut dyn Host, msg: &str) -> Thrown {
    raise(host, |cx| crate::errors::error_exception(cx, msg))
}

pub fn stack_overflow(host: &mut dyn Host) -> Thrown {
    raise(host, crate::errors::stack_overflow_error)
}

/// The MethodError of a failed dispatch.
pub fn method_error(host: &mut dyn Host, args: &[RtValue], err: world::DispatchError) -> Thrown {
    let world_age = host.session().task_world;
    let ambiguous = matches!(err, world::DispatchError::Ambiguous(_));
    // An ambiguity is reported through the MethodError's world field set to 0, which no real
    // call runs in; errors.rs prints "is ambiguous." for it.
    let world_field = if ambiguous { 0 } else { world_age };
    raise(host, |cx| crate::errors::method_error(cx, args[0], &args[1..], world_field))
}

pub fn from_trap(host: &mut dyn Host, trap: Trap) -> Thrown {
    match trap {
        Trap::Thrown(addr) => match with_heap(host, |cx| Ok(cx.value_of(addr))) {
            Ok(v) => Thrown(v),
            Err(t) => t,
        },
        Trap::StackOverflow => stack_overflow(host),
        Trap::Engine(msg) => internal_error(host, &format!("generated code trapped: {msg}")),
    }
}

/// An internal failure: a bug of invokelab (a module the engine rejected, inference that
/// failed on a well-formed method, a slot without code), never the program's fault. It is
/// recorded in the session (`Session::internal_error`, the first one wins) and unwinds like an
/// exception so that every frame is left; the top level then reports it as a bug, not as the
/// program's error.
pub fn internal_error(host: &mut dyn Host, message: &str) -> Thrown {
    let session = host.session();
    if session.internal_error.is_none() {
        session.internal_error = Some(message.to_string());
    }
    let text = format!("invokelab internal error: {message}");
    raise(host, |cx| crate::errors::error_exception(cx, &text))
}
