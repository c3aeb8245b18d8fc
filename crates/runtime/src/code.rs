//! Where calls and code live: the code table (every CodeInstance's call-table slot, module,
//! trampoline and dropped state, in one place), the cache owners running code belongs to, and
//! the dispatch cache of dynamic calls (src/gf.c's call cache: argument types → CodeInstance).
//!
//! This is data only: linking (`link`) and the compile driver (`compile`) change it, dynamic
//! calls (`call::dispatch`) read it. A CodeInstance's native-code state is kept nowhere else.

use std::rc::Rc;

use rustc_hash::FxHashMap;
use smallvec::SmallVec;
use types::{CodeInstanceId, ConstValue, Ty};

use crate::host::InstanceId;

/// What a CodeInstance's native code is right now.
#[derive(serde::Serialize, serde::Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
pub enum CodeState {
    /// No module yet: its slot (if any) holds a lazy-compile trampoline, or is waiting for one.
    Uncompiled,
    /// Compiled and instantiated; its slot holds the specialized entry.
    Compiled(InstanceId),
    /// `drop_native_code!` forgot its module: the next call cures it (`compile::cure`).
    Dropped,
    /// Its module was made ahead of time (a snapshot's Base, `Snapshot::take_optimized`) and is
    /// not loaded in this host yet: its slot holds a trampoline, and its first call loads the
    /// bytes instead of emitting them (`compile::compile`).
    MadeAhead,
}

/// One CodeInstance's entry in the code table.
#[derive(serde::Serialize, serde::Deserialize, Clone, Debug)]
pub struct CodeEntry {
    /// The call-table slot that holds its specialized entry (or a lazy-compile trampoline).
    pub slot: Option<u32>,
    pub state: CodeState,
    /// The module's bytes, kept for `--dump wat`, `@code_wasm` and `--emit-wasm` (also after a
    /// drop: they are what the module was).
    pub bytes: Option<Rc<[u8]>>,
    /// The call-table slot of its generic entry, once an inline cache targets it
    /// (`inline_cache`), and the module whose generic entry is in it.
    pub generic: Option<(u32, Option<InstanceId>)>,
    /// The inline caches of its module's dynamic call sites, in the order codegen asked for
    /// them. Every module emitted for it (again after a drop, or after an attempt that ran out
    /// of heap) gets the same cells, so the bytes are the same and a host's module cache
    /// compiles them once.
    pub call_caches: Vec<u32>,
}

/// Every CodeInstance that has a slot, a module or a dropped state, and the call table's slots.
#[derive(serde::Serialize, serde::Deserialize, Clone, Default)]
pub struct CodeTable {
    entries: FxHashMap<CodeInstanceId, CodeEntry>,
    /// Which CodeInstance each call-table slot belongs to (its specialized entry, or its
    /// generic entry for the slots in `CodeEntry::generic`).
    slots: Vec<CodeInstanceId>,
    /// Slots whose lazy-compile trampoline is not installed yet (allocated during codegen, or
    /// reset by a drop).
    pending: Vec<CodeInstanceId>,
    /// The interpreter's step plan of each CodeInstance it ran, with the body it was made for
    /// (the interpreter's "native code": made once, not at every call).
    step_plans: FxHashMap<CodeInstanceId, (Rc<ir::Body>, Rc<ir::steps::StepPlan>)>,
}

impl CodeTable {
    pub fn entry(&self, ci: CodeInstanceId) -> Option<&CodeEntry> {
        self.entries.get(&ci)
    }

    fn entry_mut(&mut self, ci: CodeInstanceId) -> &mut CodeEntry {
        self.entries.entry(ci).or_insert(CodeEntry {
            slot: None,
            state: CodeState::Uncompiled,
            bytes: None,
            generic: None,
            call_caches: Vec::new(),
        })
    }

    /// The step plan of `body`, `ci`'s optimized IR, for the interpreter: made at the first call
    /// and again if `ci`'s body changed since (a cure).
    pub fn step_plan(
        &mut self,
        ci: CodeInstanceId,
        body: &Rc<ir::Body>,
        store: &types::TypeStore,
    ) -> Rc<ir::steps::StepPlan> {
        match self.step_plans.get(&ci) {
            Some((made_for, plan)) if Rc::ptr_eq(made_for, body) => plan.clone(),
            _ => {
                let plan = Rc::new(ir::steps::StepPlan::new(body, store));
                self.step_plans.insert(ci, (body.clone(), plan.clone()));
                plan
            }
        }
    }

    /// The slot of `ci`, allocating one (with a pending trampoline) if it has none.
    pub fn slot_of(&mut self, ci: CodeInstanceId) -> u32 {
        if let Some(slot) = self.entries.get(&ci).and_then(|e| e.slot) {
            return slot;
        }
        let slot = self.slots.len() as u32;
        self.slots.push(ci);
        self.entry_mut(ci).slot = Some(slot);
        self.pending.push(ci);
        slot
    }

    /// The CodeInstance whose slot is `slot`.
    pub fn ci_of_slot(&self, slot: u32) -> Option<CodeInstanceId> {
        self.slots.get(slot as usize).copied()
    }

    /// The slot of `ci`'s generic entry, allocating one if it has none (it never gets a
    /// trampoline: only inline caches call through it, after linking it), and the module whose
    /// generic entry it holds.
    pub fn generic_slot(&mut self, ci: CodeInstanceId) -> (u32, Option<InstanceId>) {
        if let Some(generic) = self.entries.get(&ci).and_then(|e| e.generic) {
            return generic;
        }
        let slot = self.slots.len() as u32;
        self.slots.push(ci);
        self.entry_mut(ci).generic = Some((slot, None));
        (slot, None)
    }

    /// The inline cache of the `index`-th dynamic call site of `ci`'s module, if it has one.
    pub fn call_cache(&self, ci: CodeInstanceId, index: usize) -> Option<u32> {
        self.entries.get(&ci).and_then(|e| e.call_caches.get(index).copied())
    }

    /// Records the inline cache of the `index`-th dynamic call site of `ci`'s module (the
    /// sites before it have theirs).
    pub fn set_call_cache(&mut self, ci: CodeInstanceId, index: usize, cache: u32) {
        let caches = &mut self.entry_mut(ci).call_caches;
        match caches.get_mut(index) {
            Some(c) => *c = cache,
            None => caches.push(cache),
        }
    }

    /// Records that `ci`'s generic-entry slot now holds `instance`'s generic entry.
    pub fn set_generic_linked(&mut self, ci: CodeInstanceId, instance: InstanceId) {
        let entry = self.entry_mut(ci);
        if let Some((slot, _)) = entry.generic {
            entry.generic = Some((slot, Some(instance)));
        }
    }

    /// How many slots the call table needs.
    pub fn slot_count(&self) -> u32 {
        self.slots.len() as u32
    }

    /// The compiled module of `ci`, if it has one now.
    pub fn instance(&self, ci: CodeInstanceId) -> Option<InstanceId> {
        match self.entries.get(&ci)?.state {
            CodeState::Compiled(instance) => Some(instance),
            _ => None,
        }
    }

    pub fn bytes(&self, ci: CodeInstanceId) -> Option<Rc<[u8]>> {
        self.entries.get(&ci).and_then(|e| e.bytes.clone())
    }

    pub fn is_dropped(&self, ci: CodeInstanceId) -> bool {
        self.entries.get(&ci).is_some_and(|e| e.state == CodeState::Dropped)
    }

    /// Records `ci`'s module (its slot now holds the module's specialized entry).
    pub fn set_compiled(&mut self, ci: CodeInstanceId, instance: InstanceId, bytes: Rc<[u8]>) {
        let entry = self.entry_mut(ci);
        entry.state = CodeState::Compiled(instance);
        entry.bytes = Some(bytes);
    }

    /// Keeps the bytes codegen emitted for `ci` without a module (the reference interpreter's
    /// `@code_wasm`).
    pub fn set_emitted(&mut self, ci: CodeInstanceId, bytes: Rc<[u8]>) {
        self.entry_mut(ci).bytes = Some(bytes);
    }

    /// Records the module made ahead of time for `ci` (see `CodeState::MadeAhead`).
    pub fn set_made_ahead(&mut self, ci: CodeInstanceId, bytes: Rc<[u8]>) {
        let entry = self.entry_mut(ci);
        entry.state = CodeState::MadeAhead;
        entry.bytes = Some(bytes);
    }

    /// The module made ahead of time for `ci`, if it is not loaded yet.
    pub fn made_ahead(&self, ci: CodeInstanceId) -> Option<Rc<[u8]>> {
        self.entries.get(&ci).filter(|e| e.state == CodeState::MadeAhead).and_then(|e| e.bytes.clone())
    }

    /// Forgets every module made ahead of time (they were made for another heap base, step
    /// counting or inlining mode than this session's): their CodeInstances keep their slots and
    /// are compiled as any other when first called.
    pub fn forget_made_ahead(&mut self) {
        for entry in self.entries.values_mut().filter(|e| e.state == CodeState::MadeAhead) {
            entry.state = CodeState::Uncompiled;
            entry.bytes = None;
        }
    }

    /// Every slot still waiting for a trampoline, taken: (CodeInstance, slot), by slot.
    pub fn take_pending(&mut self) -> Vec<(CodeInstanceId, u32)> {
        let mut all = Vec::new();
        while let Some(pending) = self.pop_pending() {
            all.push(pending);
        }
        all.sort_by_key(|&(_, slot)| slot);
        all.dedup();
        all
    }

    /// Forgets `ci`'s module; a slot it has is queued for a trampoline again (a slot reset, not
    /// a special path: the next call through it compiles, and so cures).
    pub fn drop_code(&mut self, ci: CodeInstanceId) {
        let entry = self.entry_mut(ci);
        entry.state = CodeState::Dropped;
        if entry.slot.is_some() {
            self.pending.push(ci);
        }
    }

    /// Ends `ci`'s dropped state (it is about to be cured); whether it was dropped.
    pub fn take_dropped(&mut self, ci: CodeInstanceId) -> bool {
        match self.entries.get_mut(&ci) {
            Some(entry) if entry.state == CodeState::Dropped => {
                entry.state = CodeState::Uncompiled;
                true
            }
            _ => false,
        }
    }

    /// The next slot that needs a trampoline: (CodeInstance, slot). Slots whose CodeInstance
    /// got a module in the meantime are skipped.
    pub fn pop_pending(&mut self) -> Option<(CodeInstanceId, u32)> {
        while let Some(ci) = self.pending.pop() {
            let Some(entry) = self.entries.get(&ci) else { continue };
            if let (Some(slot), false) = (entry.slot, matches!(entry.state, CodeState::Compiled(_))) {
                return Some((ci, slot));
            }
        }
        None
    }

    /// Every CodeInstance with a module's bytes, in slot order (CodeInstances without a slot
    /// last, by id).
    pub fn modules(&self) -> Vec<(CodeInstanceId, Rc<[u8]>)> {
        let mut all: Vec<(Option<u32>, CodeInstanceId, Rc<[u8]>)> =
            self.entries.iter().filter_map(|(&ci, e)| e.bytes.clone().map(|b| (e.slot, ci, b))).collect();
        all.sort_by_key(|&(slot, ci, _)| (slot.unwrap_or(u32::MAX), ci.0));
        all.into_iter().map(|(_, ci, b)| (ci, b)).collect()
    }
}

/// Base's modules made ahead of time (`Snapshot::take_optimized`): what they were made for, and
/// the slots that had no module loaded when the snapshot was taken (all of them) with one
/// module of their trampolines.
#[derive(serde::Serialize, serde::Deserialize, Clone, Debug)]
pub(crate) struct PreludeModules {
    pub made_for: CodegenKey,
    pub slots: Vec<(CodeInstanceId, u32)>,
    /// `codegen::trampolines_at` of `slots`, for `made_for.heap_base`.
    pub trampolines: Rc<[u8]>,
}

/// What a session's codegen makes its modules for, besides their IR: the same IR gives the
/// same bytes under the same key.
#[derive(serde::Serialize, serde::Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) struct CodegenKey {
    pub heap_base: u32,
    count_steps: bool,
    max_depth: u32,
}

impl CodegenKey {
    pub fn of(session: &crate::session::Session, heap_base: u32) -> CodegenKey {
        CodegenKey { heap_base, count_steps: session.options.step_budget > 0, max_depth: session.max_depth() }
    }
}

/// A cache owner's small id: 0 is `nothing` (native code), others are interned as met.
#[derive(serde::Serialize, serde::Deserialize, Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
pub struct OwnerId(pub u32);

impl OwnerId {
    pub const NATIVE: OwnerId = OwnerId(0);
}

/// The cache owners met so far, so running code names its owner by a small id (the owner of
/// the code making a call is needed on every dynamic call).
#[derive(serde::Serialize, serde::Deserialize, Clone)]
pub struct Owners {
    owners: Vec<ConstValue>,
}

impl Default for Owners {
    fn default() -> Self {
        Owners { owners: vec![ConstValue::nothing()] }
    }
}

impl Owners {
    pub fn id(&mut self, owner: &ConstValue) -> OwnerId {
        if let Some(i) = self.owners.iter().position(|o| o == owner) {
            return OwnerId(i as u32);
        }
        self.owners.push(owner.clone());
        OwnerId(self.owners.len() as u32 - 1)
    }

    pub fn get(&self, id: OwnerId) -> &ConstValue {
        &self.owners[id.0 as usize]
    }
}

/// The types a dynamic call dispatches on: the callee's and each argument's (a type value `T`
/// as `Type{T}`), without building the `Tuple{...}` type.
pub type ArgTypes = SmallVec<[Ty; 4]>;

/// The key of a dispatch-cache entry. A lookup in world `w` gives the same answer forever
/// (methods and CodeInstances are never changed for a world that exists; invalidation caps a
/// CodeInstance's range at the newest world), so the world is part of the key and entries
/// need no world range of their own.
#[derive(serde::Serialize, serde::Deserialize, Clone, PartialEq, Eq, Hash, Debug)]
struct CacheKey {
    owner: OwnerId,
    world: u64,
    types: ArgTypes,
}

/// The call cache of dynamic calls: `(owner, world, argument types)` → the CodeInstance that a
/// dispatch and inference gave (src/gf.c `jl_lookup_generic`'s cache). A hit neither
/// dispatches nor enters inference, and looks the key up by its hash without building it.
#[derive(serde::Serialize, serde::Deserialize, Clone, Default)]
pub struct DispatchCache {
    entries: FxHashMap<u64, SmallVec<[(CacheKey, CodeInstanceId); 1]>>,
    len: usize,
    pub hits: u64,
    pub misses: u64,
}

/// Past this many entries the cache starts over (most programs need a few hundred).
const DISPATCH_CACHE_MAX: usize = 1 << 16;

fn key_hash(owner: OwnerId, world: u64, types: &[Ty]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    owner.hash(&mut h);
    world.hash(&mut h);
    types.hash(&mut h);
    h.finish()
}

impl DispatchCache {
    pub fn get(&mut self, owner: OwnerId, world: u64, types: &[Ty]) -> Option<CodeInstanceId> {
        let found = self.entries.get(&key_hash(owner, world, types)).and_then(|bucket| {
            bucket
                .iter()
                .find(|(k, _)| k.owner == owner && k.world == world && k.types[..] == *types)
                .map(|&(_, ci)| ci)
        });
        match found {
            Some(_) => self.hits += 1,
            None => self.misses += 1,
        }
        found
    }

    pub fn insert(&mut self, owner: OwnerId, world: u64, types: ArgTypes, ci: CodeInstanceId) {
        if self.len >= DISPATCH_CACHE_MAX {
            self.entries.clear();
            self.len = 0;
        }
        let hash = key_hash(owner, world, &types);
        self.entries.entry(hash).or_default().push((CacheKey { owner, world, types }, ci));
        self.len += 1;
    }

    /// Forgets every entry that leads to `ci` (its native code was dropped: the next call
    /// must dispatch again, and so cure it).
    pub fn forget(&mut self, ci: CodeInstanceId) {
        for bucket in self.entries.values_mut() {
            let before = bucket.len();
            bucket.retain(|(_, c)| *c != ci);
            self.len -= before - bucket.len();
        }
        self.entries.retain(|_, bucket| !bucket.is_empty());
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_are_allocated_once_and_queue_a_trampoline() {
        let mut t = CodeTable::default();
        let (a, b) = (CodeInstanceId(7), CodeInstanceId(9));
        assert_eq!(t.slot_of(a), 0);
        assert_eq!(t.slot_of(b), 1);
        assert_eq!(t.slot_of(a), 0);
        assert_eq!(t.ci_of_slot(1), Some(b));
        assert_eq!(t.pop_pending(), Some((b, 1)));
        assert_eq!(t.pop_pending(), Some((a, 0)));
        assert_eq!(t.pop_pending(), None);
    }

    #[test]
    fn a_compiled_slot_needs_no_trampoline_until_dropped() {
        let mut t = CodeTable::default();
        let a = CodeInstanceId(1);
        let slot = t.slot_of(a);
        t.set_compiled(a, InstanceId(3), Rc::from(vec![0u8, 97, 115, 109]));
        assert_eq!(t.pop_pending(), None);
        assert_eq!(t.instance(a), Some(InstanceId(3)));
        t.drop_code(a);
        assert!(t.is_dropped(a));
        assert_eq!(t.instance(a), None);
        assert!(t.bytes(a).is_some(), "a drop keeps what the module was");
        assert_eq!(t.pop_pending(), Some((a, slot)));
        assert!(t.take_dropped(a));
        assert!(!t.take_dropped(a));
    }

    #[test]
    fn a_generic_entry_gets_a_slot_of_its_own_and_no_trampoline() {
        let mut t = CodeTable::default();
        let a = CodeInstanceId(4);
        let spec = t.slot_of(a);
        assert_eq!(t.pop_pending(), Some((a, spec)));
        let (generic, linked) = t.generic_slot(a);
        assert_ne!(generic, spec);
        assert_eq!(linked, None);
        assert_eq!(t.slot_count(), 2);
        assert_eq!(t.pop_pending(), None, "only inline caches call a generic entry, once linked");
        t.set_generic_linked(a, InstanceId(5));
        assert_eq!(t.generic_slot(a), (generic, Some(InstanceId(5))));
        // A drop keeps the slot: the module that replaces the dropped one is linked into it.
        t.drop_code(a);
        assert_eq!(t.generic_slot(a).0, generic);
        assert_eq!(t.slot_count(), 2);
    }

    #[test]
    fn a_dispatch_cache_entry_belongs_to_one_owner_and_world() {
        let mut c = DispatchCache::default();
        let types: ArgTypes = SmallVec::from_slice(&[Ty::ANY, Ty::INT64]);
        c.insert(OwnerId::NATIVE, 5, types.clone(), CodeInstanceId(2));
        assert_eq!(c.get(OwnerId::NATIVE, 5, &types), Some(CodeInstanceId(2)));
        assert_eq!(c.get(OwnerId(1), 5, &types), None);
        assert_eq!(c.get(OwnerId::NATIVE, 6, &types), None);
        assert_eq!((c.hits, c.misses), (1, 2));
        c.forget(CodeInstanceId(2));
        assert!(c.is_empty());
    }
}
