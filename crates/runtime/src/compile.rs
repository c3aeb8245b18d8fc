//! The compile driver: inference for any cache owner, the optimizer (callees first, so the
//! inliner finds their bodies), codegen and linking, and the code-table transitions around them
//! (`drop_native_code!` and curing). Every stage is timed by one helper (`timed`), and native
//! code is just owner `nothing`: there is no second path for it.
//!
//! It knows nothing of calls: `call` asks it for runnable code and runs it.

use std::rc::Rc;

use ir::CallInfo;
use types::{CodeInstanceId, ConstValue, MethodInstanceId};

use crate::host::{Host, InstanceId};
use crate::options::{Dump, EngineKind};
use crate::raise::{internal_error, throw_error_message, Thrown};
use crate::session::{PassSnapshot, Session};

/// The error of src/builtins.c when a foreign CodeInstance has no code and cannot get any.
pub const FAILED_EXTERNAL: &str = "Failed to invoke or compile external codeinst";

/// A stage whose time goes into `Session::stats`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Stage {
    Infer,
    Optimize,
    Codegen,
    Instantiate,
}

/// Runs `op` and adds its time to `stage`'s total.
pub fn timed<T>(host: &mut dyn Host, stage: Stage, op: impl FnOnce(&mut dyn Host) -> T) -> T {
    let t0 = host.now_ns();
    let result = op(host);
    let elapsed = host.now_ns().saturating_sub(t0);
    let stats = &mut host.session().stats;
    match stage {
        Stage::Infer => stats.infer_ns += elapsed,
        Stage::Optimize => stats.optimize_ns += elapsed,
        Stage::Codegen => stats.codegen_ns += elapsed,
        Stage::Instantiate => stats.instantiate_ns += elapsed,
    }
    result
}

/// The CodeInstance of `mi` in `owner`'s partition valid in the task's world, inferring it and
/// its callees if there is none (`infer::interp_for_owner`: `nothing` is the native
/// interpreter).
pub fn infer(
    host: &mut dyn Host,
    owner: &ConstValue,
    mi: MethodInstanceId,
) -> Result<CodeInstanceId, Thrown> {
    let result = timed(host, Stage::Infer, |host| {
        let session = host.session();
        let interp = infer::interp_for_owner(&session.world, owner, session.task_world);
        infer::typeinf(&mut session.world, &interp, mi)
    });
    match result {
        Ok(ci) => Ok(ci),
        Err(e) => Err(internal_error(host, &format!("inference failed: {e}"))),
    }
}

/// Makes sure `ci` has optimized IR, optimizing the CodeInstances it calls first so the inliner
/// finds their bodies (members of a recursion cycle are optimized without each other's bodies).
pub fn optimize(host: &mut dyn Host, ci: CodeInstanceId) -> Result<(), Thrown> {
    let session = host.session();
    if session.world.code_instance(ci).inferred.is_some() || session.optimizing.contains(&ci) {
        return Ok(());
    }
    let callees: Vec<CodeInstanceId> = match &session.world.code_instance(ci).typed {
        Some(body) => body
            .insts
            .ids()
            .filter_map(|inst| body.infos.get(inst).and_then(CallInfo::code_instance))
            .collect(),
        None => return Ok(()),
    };
    session.optimizing.push(ci);
    let mut result = Ok(());
    for callee in callees {
        if callee != ci {
            result = optimize(host, callee);
            if result.is_err() {
                break;
            }
        }
    }
    let session = host.session();
    session.optimizing.retain(|&c| c != ci);
    result?;
    // Base's passes are not kept (most of what a run optimizes is Base's, and each kept pass is
    // a copy of the body): `passes_of` runs them again for one that is inspected.
    let record = (session.options.keep_passes && !session.in_prelude(ci))
        || session.options.dump == Some(Dump::Passes);
    let params = opt_params(session, record);
    let result = timed(host, Stage::Optimize, |host| opt::optimize(&mut host.session().world, ci, &params));
    let optimized = match result {
        Ok(optimized) => optimized,
        Err(e) => return Err(internal_error(host, &format!("optimizer failed: {e}"))),
    };
    let session = host.session();
    if params.record {
        session.passes.insert(ci, pass_snapshots(optimized.passes));
    }
    session.world.set_inferred(ci, Rc::new(optimized.body));
    Ok(())
}

/// The optimizer's passes over `ci`, as `optimize` records them with `Options::keep_passes`:
/// the recorded ones, or, for a CodeInstance optimized without recording (Base's, optimized
/// ahead of time by `Snapshot::take_optimized`), the pipeline run again on its typed IR and
/// recorded now (the optimizer is deterministic: it ends in the same optimized IR). `None`
/// when it has no optimized IR, or the pipeline fails.
pub fn passes_of(session: &mut Session, ci: CodeInstanceId) -> Option<Vec<PassSnapshot>> {
    if let Some(passes) = session.passes.get(&ci) {
        return Some(passes.clone());
    }
    let code = session.world.code_instance(ci);
    if code.inferred.is_none() || code.typed.is_none() {
        return None;
    }
    let params = opt_params(session, true);
    let optimized = opt::optimize(&mut session.world, ci, &params).ok()?;
    let passes = pass_snapshots(optimized.passes);
    session.passes.insert(ci, passes.clone());
    Some(passes)
}

/// The whole pipeline under the run's inlining mode, verified between passes in debug builds,
/// each pass's IR kept when `record`.
fn opt_params(session: &Session, record: bool) -> opt::OptParams {
    opt::OptParams {
        inlining: session.options.inlining.into(),
        stop_after: None,
        verify: cfg!(debug_assertions),
        record,
    }
}

fn pass_snapshots(passes: Vec<opt::PassRecord>) -> Vec<PassSnapshot> {
    passes
        .into_iter()
        .map(|p| PassSnapshot { name: p.name.to_string(), changed: p.changed, body: p.ir_after.map(Rc::new) })
        .collect()
}

/// Makes sure `ci` has a compiled, linked module whose specialized entry is in its table slot
/// (the wasm engine's code).
pub fn compile(host: &mut dyn Host, ci: CodeInstanceId) -> Result<InstanceId, Thrown> {
    if let Some(instance) = host.session().code.instance(ci) {
        return Ok(instance);
    }
    // A module made ahead of time (Base's, in the snapshot) is loaded as it is.
    let ahead = host.session().code.made_ahead(ci);
    let made_ahead = ahead.is_some();
    if !made_ahead {
        optimize(host, ci)?;
    }
    let slot = crate::link::slot_of(host, ci)?;
    let bytes = match ahead {
        Some(bytes) => bytes,
        None => Rc::from(timed(host, Stage::Codegen, |host| crate::link::emit(host, ci, slot))?),
    };
    let linked = timed(host, Stage::Instantiate, |host| {
        let instance = host.load_module(&bytes).map_err(|e| format!("module rejected: {e:?}"))?;
        host.set_slot(slot, instance).map_err(|e| format!("linking failed: {e:?}"))?;
        Ok::<_, String>(instance)
    });
    let instance = match linked {
        Ok(instance) => instance,
        Err(message) => return Err(internal_error(host, &message)),
    };
    let session = host.session();
    session.stats.modules += 1;
    session.stats.modules_made_ahead += u64::from(made_ahead);
    session.code.set_compiled(ci, instance, bytes);
    crate::link::install_pending_trampolines(host)?;
    Ok(instance)
}

/// The bytes of `ci`'s module (for `@code_wasm`): the wasm engine's own module, or, on the
/// reference interpreter (which runs no modules), the module codegen emits for it.
pub fn module_bytes(host: &mut dyn Host, ci: CodeInstanceId) -> Result<Rc<[u8]>, Thrown> {
    if host.session().options.engine == EngineKind::Wasm {
        compile(host, ci)?;
    } else if host.session().code.bytes(ci).is_none() {
        optimize(host, ci)?;
        let slot = host.session().code.slot_of(ci);
        let bytes = timed(host, Stage::Codegen, |host| crate::link::emit(host, ci, slot))?;
        let session = host.session();
        session.code.set_emitted(ci, Rc::from(bytes));
    }
    match host.session().code.bytes(ci) {
        Some(bytes) => Ok(bytes),
        None => Err(internal_error(host, "a compiled CodeInstance has no module bytes")),
    }
}

/// What runs for a call of `ci`: `ci` itself, cured first if its native code was dropped, with
/// optimized IR, and recorded as run (for dumps).
pub fn runnable(host: &mut dyn Host, ci: CodeInstanceId) -> Result<CodeInstanceId, Thrown> {
    let ci = cure(host, ci)?;
    optimize(host, ci)?;
    let session = host.session();
    if !session.is_thunk(ci) {
        session.note_ran(ci);
    }
    Ok(ci)
}

/// `drop_native_code!(ci)`: forgets the CodeInstance's module, as if it had gone through
/// precompilation. Its table slot gets the lazy-compile trampoline back (a slot reset, not a
/// special path), its dispatch-cache entries go, the inline caches start a new epoch (they may
/// call its module's generic entry), and its next call cures it (`cure`).
pub fn drop_native_code(host: &mut dyn Host, ci: CodeInstanceId) -> Result<(), Thrown> {
    let session = host.session();
    session.code.drop_code(ci);
    session.dispatch_cache.forget(ci);
    crate::inline_cache::advance_epoch(host);
    crate::link::install_pending_trampolines(host)
}

/// The CodeInstance to run in place of `ci`: `ci` itself unless its native code was dropped.
/// A dropped native CodeInstance is compiled again from its inferred IR (or re-inferred in the
/// current world when it has none); a dropped plugin one is replaced by `typeinf(ci.owner,
/// ci.def, SOURCE_MODE_ABI)` if that is valid in the current world (PR #56660's "curing").
pub fn cure(host: &mut dyn Host, ci: CodeInstanceId) -> Result<CodeInstanceId, Thrown> {
    let session = host.session();
    if !session.code.take_dropped(ci) {
        return Ok(ci);
    }
    let code = session.world.code_instance(ci);
    let (owner, mi) = (code.owner.clone(), code.def);
    if owner == ConstValue::nothing() && (code.inferred.is_some() || code.typed.is_some()) {
        return Ok(ci);
    }
    let cured = infer(host, &owner, mi)?;
    if owner == ConstValue::nothing() {
        return Ok(cured);
    }
    let session = host.session();
    let task_world = session.task_world;
    let usable = {
        let c = session.world.code_instance(cured);
        c.def == mi && c.owner == owner && c.valid_in(task_world)
    };
    if !usable {
        return Err(throw_error_message(host, FAILED_EXTERNAL));
    }
    optimize(host, cured)?;
    Ok(cured)
}
