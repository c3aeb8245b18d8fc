//! The call path, one for every caller (top level, the interpreter, generated code's imports,
//! builtins that call): a builtin runs through the builtin table; anything else dispatches in
//! the caller's cache owner (`dispatch`, with its cache), gets runnable code from the compile
//! driver (`compile`), and runs on the session's engine — the reference interpreter
//! (`machine`) or a wasm module through the host.
//!
//! Calls are re-entrant by nature (a body makes calls; `invoke` and `_apply_iterate` are
//! builtins that call), so this directory is one concept: its files call each other, and no
//! file outside it is called back from here except through the builtin table.

pub mod dispatch;
pub mod invoke;
pub mod machine;

use ir::{Builtin, RtValue};
use smallvec::SmallVec;
use types::{CodeInstanceId, ConstValue};

use crate::builtins::BuiltinError;
use crate::code::OwnerId;
use crate::compile;
use crate::heap::HeapCtx;
use crate::host::Host;
use crate::inline_cache;
use crate::options::EngineKind;
use crate::raise::{from_trap, internal_error, with_heap, with_heap_and_output, with_roots, Thrown};
use crate::session::Session;
use codegen::abi;

/// `args[0](args[1..]...)` by dispatch on the run-time types, in the task's world and within
/// the caller's cache owner (`Session::caller_owner`). Builtins run directly, whoever calls
/// (#58074).
pub fn call_generic(host: &mut dyn Host, args: &[RtValue]) -> Result<RtValue, Thrown> {
    with_roots(host, args, |host| call_generic_rooted(host, args))
}

fn call_generic_rooted(host: &mut dyn Host, args: &[RtValue]) -> Result<RtValue, Thrown> {
    let Some(&callee) = args.first() else {
        return Err(internal_error(host, "a call with no callee"));
    };
    if let Some(b) = with_heap(host, |cx| Ok(cx.builtin_of(callee)))? {
        return call_builtin(host, b, &args[1..]);
    }
    let ci = dispatch::dispatch(host, args)?;
    call_ci(host, ci, args)
}

/// The same call with its arguments as boxes in the heap (`nargs` box addresses at `args`),
/// from generated code whose call site has the inline cache `cache` (which missed): the result
/// is a box. On the wasm engine a call that needs no packing hands the caller's argument array
/// to the callee's generic entry as it is, so a dispatch-cache hit allocates nothing but what
/// the callee returns, and fills the inline cache, so the site's next call with the same types
/// calls that entry without entering the host (`inline_cache`).
pub fn call_boxed(host: &mut dyn Host, args: u32, nargs: u32, cache: u32) -> Result<u32, Thrown> {
    let epoch = inline_cache::epoch(host);
    let values = boxed_args(host, args, nargs)?;
    let builtin = match values.first() {
        Some(&f) => with_heap(host, |cx| Ok(cx.builtin_of(f)))?,
        None => None,
    };
    let direct = host.session().options.engine == EngineKind::Wasm && !values.is_empty() && builtin.is_none();
    if !direct {
        let result = call_generic(host, &values)?;
        return with_heap(host, |cx| cx.box_value(result));
    }
    let ci = dispatch::dispatch(host, &values)?;
    if is_vararg(host, ci) {
        let result = call_ci(host, ci, &values)?;
        return with_heap(host, |cx| cx.box_value(result));
    }
    let ci = compile::runnable(host, ci)?;
    let instance = compile::compile(host, ci)?;
    inline_cache::fill(host, cache, (args, nargs), ci, instance, epoch)?;
    call_wasm(host, instance, args, nargs)
}

/// The values of `nargs` boxes whose addresses generated code stored at `args`.
pub fn boxed_args(host: &mut dyn Host, args: u32, nargs: u32) -> Result<SmallVec<[RtValue; 4]>, Thrown> {
    with_heap(host, |cx| Ok((0..nargs).map(|i| cx.value_of(cx.read_u32(args + 4 * i))).collect()))
}

/// Any builtin, by the builtin table: an intrinsic, the session's function for it, or the
/// heap's own.
pub fn call_builtin(host: &mut dyn Host, b: Builtin, args: &[RtValue]) -> Result<RtValue, Thrown> {
    with_roots(host, args, |host| call_builtin_rooted(host, b, args))
}

fn call_builtin_rooted(host: &mut dyn Host, b: Builtin, args: &[RtValue]) -> Result<RtValue, Thrown> {
    if b.is_intrinsic() {
        // Called as a function (`f = Base.add_int; f(1, 2)`), or from a module that did not
        // emit it inline (its operands were not bits values).
        return ir::call_intrinsic(&mut machine::CallMachine::new(host), b, args, ir::Span::default());
    }
    if let Some(f) = host.session().builtins.session_fn(b) {
        return f(host, args);
    }
    heap_builtin(host, b, args)
}

/// A builtin the heap runs alone (`builtins::call_builtin`), in the one allocate-or-grow retry.
pub fn heap_builtin(host: &mut dyn Host, b: Builtin, args: &[RtValue]) -> Result<RtValue, Thrown> {
    if matches!(b, Builtin::Print | Builtin::Repr | Builtin::StringConcat) {
        // The heap's printer knows no world: name the reflective objects first.
        crate::labels::refresh_labels(host.session());
        if crate::show_methods::has_show_methods(host.session()) {
            return crate::show_methods::print_with_show_methods(host, b, args);
        }
    }
    let result =
        with_heap_and_output(host, |cx, out| match crate::builtins::call_builtin(cx, out, b, args) {
            Err(BuiltinError::Heap(e)) => Err(e),
            other => Ok(other),
        })?;
    if b == Builtin::Print {
        host.session().flush_stdout(false);
    }
    match result {
        Ok(v) => Ok(v),
        Err(BuiltinError::Throw(exc)) => Err(crate::raise::throw_value(host, exc)),
        Err(BuiltinError::Heap(_)) | Err(BuiltinError::NoImplementation) => {
            let name = b.name();
            Err(internal_error(host, &format!("the builtin table has no implementation of `{name}`")))
        }
    }
}

/// Runs `ci` on arguments as a generic call passes them: a varargs method (`f(x, ys...)`)
/// takes its trailing arguments as one tuple (direct `invoke`s are packed by the optimizer).
pub fn call_ci(host: &mut dyn Host, ci: CodeInstanceId, args: &[RtValue]) -> Result<RtValue, Thrown> {
    if !is_vararg(host, ci) {
        return run_ci(host, ci, args);
    }
    with_roots(host, args, |host| call_vararg(host, ci, args))
}

fn call_vararg(host: &mut dyn Host, ci: CodeInstanceId, args: &[RtValue]) -> Result<RtValue, Thrown> {
    let world = &host.session().world;
    let method = world.method(world.method_instance(world.code_instance(ci).def).method);
    let fixed = method.nargs.saturating_sub(1).min(args.len());
    let rest = args[fixed..].to_vec();
    let tuple = with_heap(host, |cx| cx.new_tuple(&rest))?;
    let mut packed = args[..fixed].to_vec();
    packed.push(RtValue::Ref(tuple));
    run_ci(host, ci, &packed)
}

fn is_vararg(host: &mut dyn Host, ci: CodeInstanceId) -> bool {
    let world = &host.session().world;
    world.method(world.method_instance(world.code_instance(ci).def).method).is_vararg
}

/// Runs `ci` on `args` (argument 0 is the function) on the session's engine; a CodeInstance
/// whose native code was dropped is cured first (`compile::runnable`).
pub fn run_ci(host: &mut dyn Host, ci: CodeInstanceId, args: &[RtValue]) -> Result<RtValue, Thrown> {
    with_roots(host, args, |host| run_ci_rooted(host, ci, args))
}

fn run_ci_rooted(host: &mut dyn Host, ci: CodeInstanceId, args: &[RtValue]) -> Result<RtValue, Thrown> {
    let ci = compile::runnable(host, ci)?;
    match host.session().options.engine {
        EngineKind::Interp => run_interpreted(host, ci, args),
        EngineKind::Wasm => run_compiled(host, ci, args),
    }
}

fn run_interpreted(host: &mut dyn Host, ci: CodeInstanceId, args: &[RtValue]) -> Result<RtValue, Thrown> {
    let Some(body) = host.session().world.code_instance(ci).inferred.clone() else {
        return Err(internal_error(host, "running a CodeInstance without optimized IR"));
    };
    let session = host.session();
    let steps = session.code.step_plan(ci, &body, &session.world.types);
    let mut m = machine::CallMachine::for_code_instance(host, ci);
    ir::interpret(&mut m, &body, &steps, args)
}

fn run_compiled(host: &mut dyn Host, ci: CodeInstanceId, args: &[RtValue]) -> Result<RtValue, Thrown> {
    let instance = compile::compile(host, ci)?;
    let nargs = args.len() as u32;
    // The boxed arguments go on the shadow stack, where they are roots while the callee runs.
    let limit_error = with_heap(host, |cx| {
        let before = (cx.total_allocated(), cx.allocation_count());
        let boxes = args.iter().map(|&a| cx.box_value(a)).collect::<Result<SmallVec<[u32; 8]>, _>>()?;
        // Boxes made only to cross into compiled code are not the program's allocations.
        let (bytes, allocs) = (cx.total_allocated() - before.0, cx.allocation_count() - before.1);
        cx.objects.space.uncounted_bytes += bytes;
        cx.objects.space.uncounted_allocs += allocs;
        let sp = cx.read_u32(abi::SHADOW_SP_ADDR);
        if sp as u64 + 4 * boxes.len() as u64 > cx.read_u32(abi::SHADOW_LIMIT_ADDR) as u64 {
            return Ok(true);
        }
        for (i, b) in boxes.into_iter().enumerate() {
            cx.write_u32(sp + 4 * i as u32, b);
        }
        cx.write_u32(abi::SHADOW_SP_ADDR, sp + 4 * nargs);
        Ok(false)
    })?;
    if limit_error {
        return Err(crate::raise::stack_overflow(host));
    }
    let array = read_cell(host, abi::SHADOW_SP_ADDR) - 4 * nargs;
    let result = call_wasm(host, instance, array, nargs);
    write_cell(host, abi::SHADOW_SP_ADDR, array);
    let result = result?;
    with_heap(host, |cx| {
        let value = cx.value_of(result);
        if !matches!(value, RtValue::Ref(_)) {
            // The generic entry boxed a bits result for this crossing.
            cx.objects.space.uncounted_bytes += 16;
            cx.objects.space.uncounted_allocs += 1;
        }
        Ok(value)
    })
}

/// Calls a module's generic entry on an argument array; when wasm unwinds, the shadow stack
/// is restored to where it was (the frames of the code it left are gone).
fn call_wasm(
    host: &mut dyn Host,
    instance: crate::host::InstanceId,
    args: u32,
    nargs: u32,
) -> Result<u32, Thrown> {
    // What generated code keeps in memory cells for the calls in progress is put back when it
    // unwinds: the shadow stack pointer and the call depth (`abi`).
    let sp = read_cell(host, abi::SHADOW_SP_ADDR);
    let depth = read_cell(host, abi::DEPTH_ADDR);
    match host.call_generic(instance, args, nargs) {
        Ok(result) => Ok(result),
        Err(trap) => {
            write_cell(host, abi::SHADOW_SP_ADDR, sp);
            write_cell(host, abi::DEPTH_ADDR, depth);
            Err(from_trap(host, trap))
        }
    }
}

fn read_cell(host: &mut dyn Host, addr: u32) -> u32 {
    let (mem, session) = host.heap();
    HeapCtx::new(mem, &mut session.objects, &mut session.world.types).read_u32(addr)
}

fn write_cell(host: &mut dyn Host, addr: u32, value: u32) {
    let (mem, session) = host.heap();
    HeapCtx::new(mem, &mut session.objects, &mut session.world.types).write_u32(addr, value);
}

/// Before a call the interpreter makes that adds `weight` frames (`ir::steps`, "Frames"):
/// the depth cell generated code also uses grows by it, or `StackOverflowError` when that
/// passes `Options::max_depth`.
pub fn enter_frames(host: &mut dyn Host, weight: u32) -> Result<(), Thrown> {
    let depth = read_cell(host, abi::DEPTH_ADDR).saturating_add(weight);
    if depth > host.session().max_depth() {
        return Err(crate::raise::stack_overflow(host));
    }
    write_cell(host, abi::DEPTH_ADDR, depth);
    Ok(())
}

/// Writes the position id of the call just entered at the top of the call-site stack
/// (`codegen::abi::CALL_SITES_ADDR`), as generated code does.
pub fn push_call_site(host: &mut dyn Host, site: u32) {
    let depth = read_cell(host, abi::DEPTH_ADDR);
    if depth > 0 && depth <= abi::CALL_SITES_BYTES / 4 {
        write_cell(host, abi::CALL_SITES_ADDR + 4 * (depth - 1), site);
    }
}

/// After a call `enter_frames` counted, however it ended.
pub fn leave_frames(host: &mut dyn Host, weight: u32) {
    let depth = read_cell(host, abi::DEPTH_ADDR);
    write_cell(host, abi::DEPTH_ADDR, depth.saturating_sub(weight));
}

/// The cache owner of `ci`, as the session's small id.
pub fn owner_of(host: &mut dyn Host, ci: CodeInstanceId) -> OwnerId {
    let session = host.session();
    let code = session.world.code_instance(ci);
    if code.is_native() {
        return OwnerId::NATIVE;
    }
    let owner = code.owner.clone();
    session.owners.id(&owner)
}

/// The cache owner of the CodeInstance whose module sits in call-table slot `slot` (native for
/// an unknown slot, e.g. a host test's module).
pub fn owner_of_slot(host: &mut dyn Host, slot: u32) -> OwnerId {
    match host.session().code.ci_of_slot(slot) {
        Some(ci) => owner_of(host, ci),
        None => OwnerId::NATIVE,
    }
}

/// Runs `op` with `owner` as the caller's cache owner (restored afterwards, also on error).
pub fn with_caller_owner<T>(
    host: &mut dyn Host,
    owner: OwnerId,
    op: impl FnOnce(&mut dyn Host) -> Result<T, Thrown>,
) -> Result<T, Thrown> {
    with_session_value(host, |s| &mut s.caller_owner, owner, op)
}

/// Runs `op` with the task's world set to `world` (restored afterwards, also on error; each
/// change starts a new epoch of the inline caches, `inline_cache::set_task_world`).
pub fn with_task_world<T>(
    host: &mut dyn Host,
    world: u64,
    op: impl FnOnce(&mut dyn Host) -> Result<T, Thrown>,
) -> Result<T, Thrown> {
    let saved = host.session().task_world;
    inline_cache::set_task_world(host, world);
    let result = op(host);
    inline_cache::set_task_world(host, saved);
    result
}

/// Runs `op` with a field of the session set to `value`, restoring it afterwards (also on
/// error).
fn with_session_value<V, T>(
    host: &mut dyn Host,
    field: fn(&mut Session) -> &mut V,
    value: V,
    op: impl FnOnce(&mut dyn Host) -> Result<T, Thrown>,
) -> Result<T, Thrown> {
    let saved = std::mem::replace(field(host.session()), value);
    let result = op(host);
    *field(host.session()) = saved;
    result
}

/// The constant a `ConstValue` stands for at run time.
pub fn constant(host: &mut dyn Host, c: &ConstValue) -> Result<RtValue, Thrown> {
    with_heap(host, |cx| cx.lasting_constant(c))
}
