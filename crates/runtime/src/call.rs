//! Calls: dynamic dispatch, the compile driver (infer, optimize in post-order, codegen, link),
//! and running a CodeInstance on the selected engine.

use std::rc::Rc;

use ir::{CallInfo, RtValue};
use types::{CodeInstanceId, ConstValue, MethodTableId, Ty};

use crate::host::Host;
use crate::machine::{self, with_heap, Thrown};
use crate::options::{EngineKind, Inlining};

/// `args[0](args[1..]...)` by dispatch on the run-time types, in the task's world and within
/// the caller's cache owner (`Session::caller_owner`). Builtins run directly, whoever calls
/// (#58074).
pub fn call_generic(host: &mut dyn Host, args: &[RtValue]) -> Result<RtValue, Thrown> {
    let Some(&callee) = args.first() else {
        return Err(machine::throw_error_message(host, "call with no callee"));
    };
    if let Some(b) = with_heap(host, |cx| Ok(cx.builtin_of(callee)))? {
        return machine::call_builtin(host, b, args[1..].to_vec().as_slice());
    }
    let owner = host.session().caller_owner.clone();
    let ci = crate::plugin::dispatch_for_owner(host, &owner, args)?;
    let args = pack_varargs(host, ci, args)?;
    run_ci(host, ci, &args)
}

/// A varargs method (`f(x, ys...)`) takes its trailing arguments as one tuple: generic calls
/// pass them flat, so pack them here (direct `invoke`s are packed by the optimizer).
pub fn pack_varargs(
    host: &mut dyn Host,
    ci: CodeInstanceId,
    args: &[RtValue],
) -> Result<Vec<RtValue>, Thrown> {
    let world = &host.session().world;
    let method = world.method(world.method_instance(world.code_instance(ci).def).method);
    if !method.is_vararg {
        return Ok(args.to_vec());
    }
    let fixed = method.nargs.saturating_sub(1).min(args.len());
    let rest = args[fixed..].to_vec();
    let tuple = with_heap(host, |cx| cx.new_tuple(&rest))?;
    let mut packed = args[..fixed].to_vec();
    packed.push(RtValue::Ref(tuple));
    Ok(packed)
}

/// The native CodeInstance that a call with these values runs (inferring it if needed).
pub fn dispatch_ci(host: &mut dyn Host, args: &[RtValue]) -> Result<CodeInstanceId, Thrown> {
    let sig = signature_of(host, args);
    let world_age = host.session().task_world;
    let found = host.session().world.dispatch(MethodTableId(0), sig, world_age);
    let method = match found {
        Ok(m) => m,
        Err(err) => return Err(machine::method_error(host, args, err)),
    };
    let session = host.session();
    let mi = session.world.specialize(method, sig);
    infer_ci(host, mi)
}

/// Runs native inference for `mi` in the task's world.
pub fn infer_ci(host: &mut dyn Host, mi: types::MethodInstanceId) -> Result<CodeInstanceId, Thrown> {
    let t0 = host.now_ns();
    let session = host.session();
    let interp = infer::NativeInterp { world: session.task_world };
    let result = infer::typeinf(&mut session.world, &interp, mi);
    let elapsed = host.now_ns() - t0;
    host.session().stats.infer_ns += elapsed;
    match result {
        Ok(ci) => Ok(ci),
        Err(e) => Err(machine::throw_error_message(host, &format!("inference failed: {e}"))),
    }
}

/// The signature dispatch sees for run-time values: `Tuple{typeof(f), typeof(args)...}`,
/// except that a type value `T` is seen as `Type{T}`, so methods like `Float64(x::Int64)`
/// (`Tuple{Type{Float64}, Int64}`) and `typemax(::Type{Int64})` match, as in Julia.
pub fn signature_of(host: &mut dyn Host, args: &[RtValue]) -> Ty {
    let (mem, session) = host.heap();
    let kinds: Vec<Result<Ty, Ty>> = {
        let cx = crate::heap::HeapCtx::new(mem, &mut session.objects, &mut session.world.types);
        args.iter().map(|&a| cx.type_value(a).ok_or_else(|| cx.type_of(a))).collect()
    };
    let store = &mut session.world.types;
    let types = kinds
        .into_iter()
        .map(|k| match k {
            Ok(t) => store.type_type(t),
            Err(t) => t,
        })
        .collect();
    store.tuple(types)
}

/// Makes sure `ci` has optimized IR, optimizing the CodeInstances it calls first so the inliner
/// finds their bodies (members of a recursion cycle are optimized without each other's bodies).
pub fn ensure_optimized(host: &mut dyn Host, ci: CodeInstanceId) -> Result<(), Thrown> {
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
    for callee in callees {
        if callee != ci {
            ensure_optimized(host, callee)?;
        }
    }
    let session = host.session();
    session.optimizing.retain(|&c| c != ci);
    let params = opt::OptParams {
        inlining: match session.options.inlining {
            Inlining::Heuristic => opt::InlineMode::Heuristic,
            Inlining::Always => opt::InlineMode::Always,
            Inlining::Never => opt::InlineMode::Never,
        },
        stop_after: None,
        verify: cfg!(debug_assertions),
        record: session.options.keep_passes || session.options.dump == Some(crate::options::Dump::Passes),
    };
    let t0 = host.now_ns();
    let session = host.session();
    let result = opt::optimize(&mut session.world, ci, &params);
    let elapsed = host.now_ns() - t0;
    let session = host.session();
    session.stats.optimize_ns += elapsed;
    match result {
        Ok(optimized) => {
            if params.record {
                let texts = crate::dump::pass_texts(session, ci, &optimized.passes);
                session.passes.insert(ci, texts);
            }
            session.world.set_inferred(ci, Rc::new(optimized.body));
            Ok(())
        }
        Err(e) => Err(machine::throw_error_message(host, &format!("optimizer failed: {e}"))),
    }
}

/// Runs `ci` on `args` (argument 0 is the function) on the session's engine; a CodeInstance
/// whose native code was dropped is cured first (`plugin::cure`).
pub fn run_ci(host: &mut dyn Host, ci: CodeInstanceId, args: &[RtValue]) -> Result<RtValue, Thrown> {
    let ci = crate::plugin::cure(host, ci)?;
    ensure_optimized(host, ci)?;
    {
        let session = host.session();
        if !session.ran.contains(&ci) {
            session.ran.push(ci);
        }
    }
    match host.session().options.engine {
        EngineKind::Interp => run_interpreted(host, ci, args),
        EngineKind::Wasm => run_compiled(host, ci, args),
    }
}

fn run_interpreted(host: &mut dyn Host, ci: CodeInstanceId, args: &[RtValue]) -> Result<RtValue, Thrown> {
    let session = host.session();
    let Some(body) = session.world.code_instance(ci).inferred.clone() else {
        return Err(machine::throw_error_message(host, "CodeInstance has no optimized IR"));
    };
    let mut m = machine::CallMachine::for_code_instance(host, ci);
    ir::interpret(&mut m, &body, args)
}

fn run_compiled(host: &mut dyn Host, ci: CodeInstanceId, args: &[RtValue]) -> Result<RtValue, Thrown> {
    let instance = ensure_compiled(host, ci)?;
    let nargs = args.len() as u32;
    let array = with_heap(host, |cx| {
        let addr = cx.alloc(4 * nargs.max(1))?;
        for (i, &a) in args.iter().enumerate() {
            let b = cx.box_value(a)?;
            cx.write_u32(addr + 4 * i as u32, b);
        }
        Ok(addr)
    })?;
    match host.call_generic(instance, array, nargs) {
        Ok(result) => with_heap(host, |cx| Ok(cx.value_of(result))),
        Err(trap) => Err(machine::from_trap(host, trap)),
    }
}

/// Makes sure `ci` has a compiled, linked module whose specialized entry is in its table slot.
pub fn ensure_compiled(host: &mut dyn Host, ci: CodeInstanceId) -> Result<crate::host::InstanceId, Thrown> {
    if let Some(instance) = host.session().native.get(&ci).and_then(|n| n.instance) {
        return Ok(instance);
    }
    ensure_optimized(host, ci)?;
    let slot = crate::link::slot_of(host, ci)?;
    let bytes = crate::link::emit(host, ci, slot)?;
    let t0 = host.now_ns();
    let loaded = host.load_module(&bytes);
    let instance = match loaded {
        Ok(i) => i,
        Err(e) => return Err(machine::throw_error_message(host, &format!("module rejected: {e:?}"))),
    };
    if let Err(e) = host.set_slot(slot, instance) {
        return Err(machine::throw_error_message(host, &format!("linking failed: {e:?}")));
    }
    let elapsed = host.now_ns() - t0;
    let session = host.session();
    session.stats.instantiate_ns += elapsed;
    session.stats.modules += 1;
    let native = session.native.entry(ci).or_default();
    native.instance = Some(instance);
    native.bytes = Some(Rc::from(bytes));
    session.world.set_native(ci, Some(slot));
    crate::link::install_pending_trampolines(host)?;
    Ok(instance)
}

/// The constant a `ConstValue` stands for at run time.
pub fn constant(host: &mut dyn Host, c: &ConstValue) -> Result<RtValue, Thrown> {
    with_heap(host, |cx| cx.constant(c))
}
