//! The inline caches of dynamic call sites (`codegen::abi`, "Inline caches of dynamic calls"):
//! the epoch generated code compares with a cell's, the events that advance it (the task's
//! world changes, native code is dropped), the call-table slots of generic entries, and filling
//! a site's cell once the call path has dispatched (`call::call_boxed`). The cells are heap
//! objects (`HeapCtx::new_call_cache`), made when codegen asks for one (`link`).
//!
//! What a cell holds is the answer of a dispatch in the calling module's cache owner (fixed per
//! module), the task's world and the argument types, as for the runtime's dispatch cache
//! (`code::DispatchCache`), plus which module runs it. A lookup in one world gives the same
//! answer forever, so the answer can change only when the task's world does, or a module stops
//! being what runs a CodeInstance: those are the events that start a new epoch.

use codegen::abi;
use ir::RtValue;
use smallvec::SmallVec;
use types::CodeInstanceId;

use crate::heap::HeapCtx;
use crate::host::{Host, InstanceId};
use crate::raise::{internal_error, Thrown};

/// The current epoch (`abi::CALL_EPOCH_ADDR`).
pub fn epoch(host: &mut dyn Host) -> u32 {
    let (mem, session) = host.heap();
    HeapCtx::new(mem, &mut session.objects, &mut session.world.types).read_u32(abi::CALL_EPOCH_ADDR)
}

/// Starts a new epoch: every inline cache misses once, then is filled again. After 2^32 - 1
/// epochs the count starts over at `FIRST_CALL_EPOCH` with every cell emptied, so no cell can
/// hold an epoch that comes round again.
pub fn advance_epoch(host: &mut dyn Host) {
    let (mem, session) = host.heap();
    let mut cx = HeapCtx::new(mem, &mut session.objects, &mut session.world.types);
    let next = cx.read_u32(abi::CALL_EPOCH_ADDR).wrapping_add(1);
    if next == 0 {
        let cells = cx.objects.call_caches.clone();
        for cell in cells {
            cx.write_u32(cell + abi::CALL_CACHE_EPOCH, 0);
        }
        cx.write_u32(abi::CALL_EPOCH_ADDR, abi::FIRST_CALL_EPOCH);
    } else {
        cx.write_u32(abi::CALL_EPOCH_ADDR, next);
    }
}

/// Sets the task's world (`Base.tls_world_age()`); a different world starts a new epoch, since
/// the caches hold answers of the world they were filled in.
pub fn set_task_world(host: &mut dyn Host, world: u64) {
    let session = host.session();
    if session.task_world == world {
        return;
    }
    session.task_world = world;
    advance_epoch(host);
}

/// Fills the inline cache at `cache` of a call site that just dispatched its `nargs` boxed
/// arguments at `args` to `ci`, whose module `instance` will run it: the keys, the table index
/// of the generic entry (linked into its slot first), then the epoch read before the dispatch.
/// Nothing is filled when the epoch moved since (the answer may be stale already) or an
/// argument cannot be a key (`HeapCtx::call_cache_key`). The caller has ruled out builtins and
/// varargs methods.
pub fn fill(
    host: &mut dyn Host,
    cache: u32,
    (args, nargs): (u32, u32),
    ci: CodeInstanceId,
    instance: InstanceId,
    epoch_before: u32,
) -> Result<(), Thrown> {
    let keys = {
        let (mem, session) = host.heap();
        let cx = HeapCtx::new(mem, &mut session.objects, &mut session.world.types);
        let is_cache = cx.read_u32(cache + abi::TAG_OFFSET) == abi::CALL_CACHE_TAG
            && cx.aux(cache) == abi::call_cache_payload(nargs);
        let current = cx.read_u32(abi::CALL_EPOCH_ADDR) == epoch_before;
        is_cache.then(|| {
            let key = |i: u32| cx.call_cache_key(i as usize, RtValue::Ref(cx.read_u32(args + 4 * i)));
            (0..nargs).map(key).collect::<Option<SmallVec<[u32; 4]>>>().filter(|_| current)
        })
    };
    let keys = match keys {
        Some(Some(keys)) => keys,
        Some(None) => return Ok(()),
        None => {
            return Err(internal_error(
                host,
                "a dynamic call site passed something that is not its inline cache",
            ))
        }
    };
    let entry = link_generic_entry(host, ci, instance)?;
    let (mem, session) = host.heap();
    let mut cx = HeapCtx::new(mem, &mut session.objects, &mut session.world.types);
    for (i, key) in keys.into_iter().enumerate() {
        cx.write_u32(cache + abi::CALL_CACHE_KEYS + 4 * i as u32, key);
    }
    cx.write_u32(cache + abi::CALL_CACHE_ENTRY, entry);
    cx.write_u32(cache + abi::CALL_CACHE_EPOCH, epoch_before);
    Ok(())
}

/// The table slot holding the generic entry of `ci`'s module `instance`, putting it there if the
/// slot is new or still holds the entry of a module `ci` had before its code was dropped.
fn link_generic_entry(host: &mut dyn Host, ci: CodeInstanceId, instance: InstanceId) -> Result<u32, Thrown> {
    let session = host.session();
    let (slot, linked) = session.code.generic_slot(ci);
    if linked == Some(instance) {
        return Ok(slot);
    }
    let len = session.code.slot_count();
    let linked = host.ensure_table_len(len).and_then(|()| host.set_generic_slot(slot, instance));
    if let Err(e) = linked {
        return Err(internal_error(host, &format!("linking a generic entry failed: {e:?}")));
    }
    host.session().code.set_generic_linked(ci, instance);
    Ok(slot)
}
