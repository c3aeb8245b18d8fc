//! Raising language errors from the runtime, and the heap's one allocate-or-grow retry.
//!
//! Two kinds of failure leave the runtime: a language error (`Thrown`, an exception value the
//! program could catch) and an internal failure (`internal_error`: a bug of invokelab, never
//! shown as the user's error; the report says so, and the file tests prove none is reachable).

use ir::RtValue;

use crate::gc::Memory;
use crate::heap::{HeapCtx, HeapError};
use crate::host::{Host, Trap};
use codegen::abi::EXCEPTION_DEPTH_ADDR;

pub use ir::Thrown;

/// Runs a heap operation, making room and retrying when it asks to: the runtime's one
/// allocate-or-collect retry. An operation never collects in the middle (it holds boxes in
/// Rust locals the collector cannot see); it stops with `NeedsGrow`/`NeedsCollect`, having
/// changed nothing visible, and runs again from the start once there is room. So what it
/// reads must be rooted by its caller (`with_roots`), and it may leak what it allocated before
/// it stopped (garbage, which the next collection frees).
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
            Ok(v) => {
                finish_heap_operation(host);
                return Ok(v);
            }
            Err(short) => {
                if let Err(thrown) = make_room(host, short) {
                    finish_heap_operation(host);
                    return Err(thrown);
                }
            }
        }
    }
}

/// Makes room for an operation that stopped short (`HeapError`): grows the memory, or
/// collects, or raises `OutOfMemoryError`. After a collection the retried operation is not
/// asked to collect again until `finish_heap_operation`.
pub fn make_room(host: &mut dyn Host, short: HeapError) -> Result<(), Thrown> {
    match short {
        HeapError::NeedsGrow { min_bytes } => {
            // Grow geometrically: a retried operation leaks what it allocated before it
            // asked, so growing by just enough would make a large operation (a tuple of
            // 16,000 boxes) retry once per page and use quadratic memory.
            let target = {
                let (mem, session) = host.heap();
                min_bytes.max(mem.len().saturating_mul(2)).min(session.objects.max_heap.max(min_bytes))
            };
            if host.grow_heap(target).is_err() && host.grow_heap(min_bytes).is_err() {
                // The memory cannot grow: collecting may still make room.
                if host.session().objects.space.collected {
                    return Err(out_of_memory(host));
                }
                return collect(host);
            }
            let (mem, session) = host.heap();
            HeapCtx::new(mem, &mut session.objects, &mut session.world.types).sync_limit();
            Ok(())
        }
        HeapError::NeedsCollect => collect(host),
        HeapError::OutOfMemory => Err(out_of_memory(host)),
    }
}

/// Ends a heap operation: the next one may ask for a collection again (generated code's
/// inline allocation reaches the runtime where the next collection is due).
pub fn finish_heap_operation(host: &mut dyn Host) {
    let (mem, session) = host.heap();
    if !session.objects.space.collected {
        return;
    }
    let mut raw = crate::heap::RawMemory { mem, max: session.objects.max_heap };
    session.objects.space.collected = false;
    session.objects.space.set_limit(&mut raw);
}

/// Collects garbage now. The roots: the intern tables and the constants code embeds
/// (`Objects::interned_roots`), non-constant globals, generated code's shadow stack (its GC
/// frames and argument arrays), the runtime's own root stack (`with_roots`), the reference
/// interpreter's frames, and the exception being thrown.
pub fn collect(host: &mut dyn Host) -> Result<(), Thrown> {
    let started = host.now_ns();
    let report = {
        let (mem, session) = host.heap();
        let mut roots: Vec<u32> = session.objects.interned_roots().collect();
        roots.extend(session.globals.values().copied());
        roots.extend(session.roots.iter().copied());
        for frame in &session.frames {
            roots.extend(frame.iter().filter_map(|c| match c.get() {
                Some(RtValue::Ref(addr)) => Some(addr),
                _ => None,
            }));
        }
        roots.extend(session.exceptions.iter().filter_map(|e| match e.value {
            RtValue::Ref(addr) => Some(addr),
            _ => None,
        }));
        let mut raw = crate::heap::RawMemory { mem, max: session.objects.max_heap };
        let sp = raw.read(codegen::abi::SHADOW_SP_ADDR);
        let mut slot = codegen::abi::HEAP_START;
        while slot < sp {
            roots.push(raw.read(slot));
            slot += 4;
        }
        let space = &mut session.objects.space;
        let report = space.collect(&mut raw, &session.world.types, roots);
        space.collected = true;
        report
    };
    let elapsed = host.now_ns().saturating_sub(started);
    let session = host.session();
    session.objects.space.gc_ns += elapsed;
    if let Some((addr, from)) = report.first_dangling {
        let n = report.dangling;
        return Err(internal_error(
            host,
            &format!(
                "the collector found {n} reference(s) to freed memory (first: {addr:#x}, held by {from:#x})"
            ),
        ));
    }
    Ok(())
}

/// Runs `op` with the boxes among `values` rooted (the runtime's root stack), so a collection
/// while it runs keeps them; they are unrooted afterwards, also on error.
pub fn with_roots<T>(
    host: &mut dyn Host,
    values: &[RtValue],
    op: impl FnOnce(&mut dyn Host) -> Result<T, Thrown>,
) -> Result<T, Thrown> {
    let session = host.session();
    let mark = session.roots.len();
    session.roots.extend(values.iter().filter_map(|v| match v {
        RtValue::Ref(addr) => Some(*addr),
        _ => None,
    }));
    let result = op(host);
    host.session().roots.truncate(mark);
    result
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
        Ok(exc) => throw_value(host, exc),
        Err(thrown) => thrown,
    }
}

/// Julia's `jl_throw`: `exc` goes on top of the exception stack, at its current depth, and
/// unwinds from here (the caller returns it as `Err`).
pub fn throw_value(host: &mut dyn Host, exc: RtValue) -> Thrown {
    let depth = exception_depth(host);
    let backtrace = backtrace(host);
    let session = host.session();
    session.exceptions.truncate(depth as usize);
    session.exceptions.push(crate::session::Raised { value: exc, backtrace });
    set_exception_depth(host, depth + 1);
    Thrown(exc)
}

/// The most frames a backtrace keeps: as many as calls may be in progress.
pub const MAX_BACKTRACE: usize = (codegen::abi::CALL_SITES_BYTES / 4) as usize;

/// Where the error being raised happened: its own position if the raising code gave one
/// (`Session::raise_site`), then the call sites of the calls in progress, read from the
/// call-site stack (`codegen::abi::CALL_SITES_ADDR`) from the call depth down.
fn backtrace(host: &mut dyn Host) -> Vec<u32> {
    let (mem, session) = host.heap();
    let raw = crate::heap::RawMemory { mem, max: session.objects.max_heap };
    let mut trace: Vec<u32> = session.raise_site.take().into_iter().collect();
    let mut depth = raw.read(codegen::abi::DEPTH_ADDR);
    while depth > 0 && trace.len() < MAX_BACKTRACE {
        let site = raw.read(codegen::abi::CALL_SITES_ADDR + 4 * (depth - 1));
        let frames = session.positions.get(site as usize).map_or(0, |p| p.frames);
        if frames == 0 {
            break;
        }
        trace.push(site);
        depth = depth.saturating_sub(frames);
    }
    trace
}

/// The depth of the exception stack (`abi::EXCEPTION_DEPTH_ADDR`).
pub fn exception_depth(host: &mut dyn Host) -> u32 {
    let (mem, session) = host.heap();
    let depth = crate::heap::RawMemory { mem, max: session.objects.max_heap }.read(EXCEPTION_DEPTH_ADDR);
    depth.min(session.exceptions.len() as u32)
}

pub fn set_exception_depth(host: &mut dyn Host, depth: u32) {
    let (mem, session) = host.heap();
    crate::heap::RawMemory { mem, max: session.objects.max_heap }.write(EXCEPTION_DEPTH_ADDR, depth);
}

/// The exception being handled: the top of the stack (`Expr(:the_exception)`), if any.
pub fn current_exception(host: &mut dyn Host) -> Option<RtValue> {
    let depth = exception_depth(host) as usize;
    depth.checked_sub(1).and_then(|top| host.session().exceptions.get(top).map(|r| r.value))
}

/// `rethrow()`: the exception being handled unwinds again, as it is (no new entry).
pub fn rethrow(host: &mut dyn Host) -> Thrown {
    match current_exception(host) {
        Some(exc) => Thrown(exc),
        None => throw_error_message(host, "rethrow() not allowed outside a catch block"),
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
        // Already on the exception stack (whoever raised it put it there).
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
