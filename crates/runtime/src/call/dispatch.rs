//! Dynamic dispatch, one path for every cache owner (src/gf.c `jl_apply_generic`): the call
//! cache first (`code::DispatchCache`: the argument types in the caller's owner and the task's
//! world), then a lookup in the owner's method table (an overlay falls back to the global one)
//! and inference in the owner's partition. Native code is owner `nothing`; code of a plugin
//! owner stays in its partition (#58072), and native code never gets a plugin's CodeInstance.

use ir::RtValue;
use types::{CodeInstanceId, Ty};

use crate::code::ArgTypes;
use crate::compile;
use crate::heap::HeapCtx;
use crate::host::Host;
use crate::raise::{method_error, Thrown};

/// The CodeInstance a dynamic call of `args` (`args[0]` is the callee) runs when the code of
/// `Session::caller_owner` makes it.
pub fn dispatch(host: &mut dyn Host, args: &[RtValue]) -> Result<CodeInstanceId, Thrown> {
    let types = arg_types(host, args);
    let session = host.session();
    let (owner, world) = (session.caller_owner, session.task_world);
    if let Some(ci) = session.dispatch_cache.get(owner, world, &types) {
        return Ok(ci);
    }
    let owner_value = session.owners.get(owner).clone();
    let sig = session.world.types.tuple(types.to_vec());
    let table = session.world.owner_settings(&owner_value).method_table;
    let method = match session.world.dispatch(table, sig, world) {
        Ok(m) => m,
        Err(err) => return Err(method_error(host, args, err)),
    };
    let mi = host.session().world.specialize(method, sig);
    let ci = compile::infer(host, &owner_value, mi)?;
    host.session().dispatch_cache.insert(owner, world, types, ci);
    Ok(ci)
}

/// The types dispatch sees for run-time values: `typeof` of each, except that a type value `T`
/// is seen as `Type{T}`, so methods like `Float64(x::Int64)` (`Tuple{Type{Float64}, Int64}`)
/// and `typemax(::Type{Int64})` match, as in Julia.
pub fn arg_types(host: &mut dyn Host, args: &[RtValue]) -> ArgTypes {
    let (mem, session) = host.heap();
    let cx = HeapCtx::new(mem, &mut session.objects, &mut session.world.types);
    let kinds: smallvec::SmallVec<[Result<Ty, Ty>; 4]> =
        args.iter().map(|&a| cx.type_value(a).ok_or_else(|| cx.type_of(a))).collect();
    let store = &mut session.world.types;
    kinds
        .into_iter()
        .map(|k| match k {
            Ok(t) => store.type_type(t),
            Err(t) => t,
        })
        .collect()
}

/// The signature dispatch sees for run-time values: `Tuple{typeof(f), typeof(args)...}` (see
/// `arg_types`).
pub fn signature_of(host: &mut dyn Host, args: &[RtValue]) -> Ty {
    let types = arg_types(host, args);
    host.session().world.types.tuple(types.to_vec())
}
