//! The compiler-plugin API at run time (SEMANTICS.md §3.1, §3.5): `invoke(f, ci::CodeInstance,
//! args...)` with Julia's checks, `typeinf(owner, mi, mode)`, curing of CodeInstances whose
//! native code was dropped, owner-aware dispatch, and the calls that switch the task's world.
//!
//! It does not decide what an owner stands for (`infer::interp_for_owner` and
//! `World::owner_settings` do) and it never looks a CodeInstance up for `invoke`: a CodeInstance
//! is a snapshot (src/builtins.c `jl_f_invoke`).

use ir::RtValue;
use types::{CodeInstanceId, ConstValue, MethodInstanceId, Ty};

use crate::call;
use crate::heap::ObjectRef;
use crate::host::Host;
use crate::machine::{raise, throw_error_message, with_heap, Thrown};
use crate::options::EngineKind;

/// `SOURCE_MODE_ABI` (Compiler/src/typeinfer.jl): the CodeInstance must be callable now.
pub const SOURCE_MODE_ABI: i64 = 1;

/// The error of src/builtins.c when a foreign CodeInstance has no code and cannot get any.
const FAILED_EXTERNAL: &str = "Failed to invoke or compile external codeinst";

/// The cache owner of the CodeInstance whose module sits in call-table slot `slot`
/// (`nothing` for an unknown slot, e.g. a host test module).
pub fn owner_of_slot(host: &mut dyn Host, slot: u32) -> ConstValue {
    let session = host.session();
    match session.slots.get(slot as usize) {
        Some(&ci) => session.world.code_instance(ci).owner.clone(),
        None => ConstValue::nothing(),
    }
}

/// Runs `op` with `owner` as the caller's cache owner (restored afterwards, also on error).
pub fn with_caller_owner<T>(
    host: &mut dyn Host,
    owner: ConstValue,
    op: impl FnOnce(&mut dyn Host) -> Result<T, Thrown>,
) -> Result<T, Thrown> {
    let saved = std::mem::replace(&mut host.session().caller_owner, owner);
    let result = op(host);
    host.session().caller_owner = saved;
    result
}

/// Runs `op` with the task's world set to `world` (restored afterwards, also on error).
pub fn with_task_world<T>(
    host: &mut dyn Host,
    world: u64,
    op: impl FnOnce(&mut dyn Host) -> Result<T, Thrown>,
) -> Result<T, Thrown> {
    let saved = std::mem::replace(&mut host.session().task_world, world);
    let result = op(host);
    host.session().task_world = saved;
    result
}

/// Infers `mi` for `owner` in the task's world (the native interpreter for `nothing`): the
/// CodeInstance of the owner's partition valid now, inferring it and its callees if needed.
pub fn infer_for_owner(
    host: &mut dyn Host,
    owner: &ConstValue,
    mi: MethodInstanceId,
) -> Result<CodeInstanceId, Thrown> {
    if *owner == ConstValue::nothing() {
        return call::infer_ci(host, mi);
    }
    let t0 = host.now_ns();
    let session = host.session();
    let interp = infer::interp_for_owner(&session.world, owner, session.task_world);
    let result = infer::typeinf(&mut session.world, &interp, mi);
    let elapsed = host.now_ns() - t0;
    host.session().stats.infer_ns += elapsed;
    match result {
        Ok(ci) => Ok(ci),
        Err(e) => Err(throw_error_message(host, &format!("inference failed: {e}"))),
    }
}

/// The CodeInstance a dynamic call of `args` runs when code of `owner` makes it: dispatch in the
/// owner's method table (an overlay falls back to the global one) in the task's world, then
/// inference in the owner's partition. Native code never gets a plugin-owned CodeInstance.
pub fn dispatch_for_owner(
    host: &mut dyn Host,
    owner: &ConstValue,
    args: &[RtValue],
) -> Result<CodeInstanceId, Thrown> {
    if *owner == ConstValue::nothing() {
        return call::dispatch_ci(host, args);
    }
    let sig = call::signature_of(host, args);
    let session = host.session();
    let table = session.world.owner_settings(owner).method_table;
    let found = session.world.dispatch(table, sig, session.task_world);
    let method = match found {
        Ok(m) => m,
        Err(err) => return Err(crate::machine::method_error(host, args, err)),
    };
    let mi = host.session().world.specialize(method, sig);
    infer_for_owner(host, owner, mi)
}

/// `Core._typeinf(owner, mi, source_mode)` (`Core.OptimizedGenerics.CompilerPlugins.typeinf`):
/// a CodeInstance of `mi` for `owner` valid in the task's world; with `SOURCE_MODE_ABI` it also
/// has optimized IR (its module is compiled lazily, on its first call).
pub fn typeinf(host: &mut dyn Host, args: &[RtValue]) -> Result<RtValue, Thrown> {
    let [owner, mi, mode] = args else {
        return Err(throw_error_message(host, "typeinf: expected (owner, mi, source_mode)"));
    };
    let Some(owner) = with_heap(host, |cx| Ok(cx.const_of(*owner)))? else {
        return Err(throw_error_message(host, "invokelab: a cache owner must be an immutable value"));
    };
    let mi = match with_heap(host, |cx| Ok(cx.object_of(*mi)))? {
        Some(ObjectRef::MethodInstance(mi)) => mi,
        _ => {
            let got = *mi;
            return Err(raise(host, |cx| crate::errors::type_error(cx, "typeinf", Ty::METHOD_INSTANCE, got)));
        }
    };
    let ci = infer_for_owner(host, &owner, mi)?;
    if matches!(mode, RtValue::Int(SOURCE_MODE_ABI)) {
        call::ensure_optimized(host, ci)?;
    }
    code_instance_value(host, ci)
}

/// The boxed CodeInstance object.
pub fn code_instance_value(host: &mut dyn Host, ci: CodeInstanceId) -> Result<RtValue, Thrown> {
    with_heap(host, |cx| cx.object_box(ObjectRef::CodeInstance(ci)).map(RtValue::Ref))
}

/// `invoke(f, ci::CodeInstance, args...)` (src/builtins.c `jl_f_invoke`): check `(f, args...)`
/// against the MethodInstance's `specTypes` and the method's signature, check the task's world
/// against the CodeInstance's range, then run exactly that code: no lookup, no specialization.
pub fn invoke_code_instance(
    host: &mut dyn Host,
    ci: CodeInstanceId,
    f: RtValue,
    rest: &[RtValue],
) -> Result<RtValue, Thrown> {
    let mut all = vec![f];
    all.extend_from_slice(rest);
    let actual = call::signature_of(host, &all);
    let session = host.session();
    let world = &session.world;
    let code = world.code_instance(ci);
    let (min_world, max_world) = (code.min_world, code.max_world);
    let mi = world.method_instance(code.def);
    let spec = mi.spec_types;
    let method_sig = world.method(mi.method).sig;
    // "specTypes need not be a subtype of the method signature", so both are checked.
    let fits = world.types.issubtype(actual, spec) && world.types.issubtype(actual, method_sig);
    if !fits {
        return Err(raise(host, |cx| {
            let got = cx.new_tuple(&all)?;
            crate::errors::type_error(cx, "invoke: argument type error", spec, RtValue::Ref(got))
        }));
    }
    let task_world = host.session().task_world;
    if task_world < min_world || task_world > max_world {
        return Err(throw_error_message(host, "invoke: CodeInstance not valid for this world"));
    }
    let args = call::pack_varargs(host, ci, &all)?;
    call::run_ci(host, ci, &args)
}

/// `drop_native_code!(ci)`: forgets the CodeInstance's module, as if it had gone through
/// precompilation. Its table slot gets the lazy-compile trampoline back (DESIGN.md §3: a slot
/// reset, not a special path), and its next call cures it (`cure`).
pub fn drop_native_code(host: &mut dyn Host, ci: CodeInstanceId) -> Result<(), Thrown> {
    let session = host.session();
    session.dropped.insert(ci);
    session.world.set_native(ci, None);
    let has_slot = match session.native.get_mut(&ci) {
        Some(native) => {
            native.instance = None;
            native.slot.is_some()
        }
        None => false,
    };
    if has_slot && session.options.engine == EngineKind::Wasm {
        session.pending_trampolines.push(ci);
        crate::link::install_pending_trampolines(host)?;
    }
    Ok(())
}

/// The CodeInstance to run in place of `ci`: `ci` itself unless its native code was dropped.
/// A dropped native CodeInstance is compiled again from its inferred IR (or re-inferred in the
/// current world when it has none); a dropped plugin one is replaced by `typeinf(ci.owner,
/// ci.def, SOURCE_MODE_ABI)` if that is valid in the current world (PR #56660's "curing").
pub fn cure(host: &mut dyn Host, ci: CodeInstanceId) -> Result<CodeInstanceId, Thrown> {
    let session = host.session();
    if !session.dropped.remove(&ci) {
        return Ok(ci);
    }
    let code = session.world.code_instance(ci);
    let (owner, mi) = (code.owner.clone(), code.def);
    if owner == ConstValue::nothing() {
        if code.inferred.is_some() || code.typed.is_some() {
            return Ok(ci);
        }
        return call::infer_ci(host, mi);
    }
    let cured = match infer_for_owner(host, &owner, mi) {
        Ok(c) => c,
        Err(_) => return Err(throw_error_message(host, FAILED_EXTERNAL)),
    };
    let session = host.session();
    let task_world = session.task_world;
    let usable = {
        let c = session.world.code_instance(cured);
        c.def == mi && c.owner == owner && c.valid_in(task_world)
    };
    if !usable {
        return Err(throw_error_message(host, FAILED_EXTERNAL));
    }
    call::ensure_optimized(host, cured)?;
    Ok(cured)
}

/// `Core._invoke_in_world(world, f, args...)` (src/builtins.c `jl_f__call_in_world`): calls
/// `f(args...)` with the task's world set to `world`, clamped to the newest world.
pub fn invoke_in_world(host: &mut dyn Host, args: &[RtValue]) -> Result<RtValue, Thrown> {
    let [w, call_args @ ..] = args else {
        return Err(throw_error_message(host, "_apply_in_world: too few arguments (expected 2)"));
    };
    let RtValue::UInt(world) = *w else {
        let got = *w;
        return Err(raise(host, |cx| crate::errors::type_error(cx, "_apply_in_world", Ty::UINT64, got)));
    };
    if call_args.is_empty() {
        return Err(throw_error_message(host, "_apply_in_world: too few arguments (expected 2)"));
    }
    let world = world.min(host.session().world.world_counter());
    with_task_world(host, world, |host| call::call_generic(host, call_args))
}

/// `Core._invokelatest(f, args...)`: calls `f(args...)` in the newest world.
pub fn invokelatest(host: &mut dyn Host, args: &[RtValue]) -> Result<RtValue, Thrown> {
    if args.is_empty() {
        return Err(throw_error_message(host, "invokelatest: too few arguments (expected 1)"));
    }
    let world = host.session().world.world_counter();
    with_task_world(host, world, |host| call::call_generic(host, args))
}
