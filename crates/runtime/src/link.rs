//! Linking: call-table slots for CodeInstances (kept in the code table, `code`), lazy-compile
//! trampolines, and emitting a CodeInstance's module through codegen.

use codegen::{abi, CodegenContext, Signature};
use ir::{GlobalRef, Span};
use types::{CodeInstanceId, ConstValue, Lattice, TypeStore};

use crate::heap::{HeapCtx, HeapError};
use crate::host::Host;
use crate::options::EngineKind;
use crate::raise::{finish_heap_operation, internal_error, make_room, Thrown};
use crate::session::Session;

/// The slot of `ci` in the call table, allocating it (with a trampoline) if new.
pub fn slot_of(host: &mut dyn Host, ci: CodeInstanceId) -> Result<u32, Thrown> {
    let slot = host.session().code.slot_of(ci);
    install_pending_trampolines(host)?;
    Ok(slot)
}

/// The specialized entry's signature: the argument and return types of the optimized body.
pub fn signature(session: &mut Session, ci: CodeInstanceId) -> Signature {
    let code = session.world.code_instance(ci);
    let rettype = code.rettype.clone();
    let body = code.inferred.clone().or_else(|| code.typed.clone());
    let store = &mut session.world.types;
    let params = match &body {
        Some(body) => (0..body.nargs())
            .map(|i| body.types.get(body.arg(i)).cloned().unwrap_or(Lattice::ANY).widen(store))
            .collect(),
        None => vec![],
    };
    Signature { params, ret: rettype.widen(store) }
}

/// Installs a trampoline in every slot allocated (or reset by a drop) since the last call: one
/// module exporting it for a single slot, one module whose element segments fill them all for
/// several (`codegen::trampolines_at`; a module emitted for a CodeInstance allocates the slots
/// of all its new callees at once). The reference interpreter runs no modules, so its slots
/// never get one.
pub fn install_pending_trampolines(host: &mut dyn Host) -> Result<(), Thrown> {
    if host.session().options.engine == EngineKind::Interp {
        return Ok(());
    }
    let heap_base = host.heap_base();
    let session = host.session();
    let pending = session.code.take_pending();
    let sigs: Vec<(Signature, u32)> =
        pending.iter().map(|&(ci, slot)| (signature(session, ci), slot)).collect();
    let bytes = match sigs.as_slice() {
        [] => return Ok(()),
        [(sig, slot)] => codegen::trampoline_at(&session.world.types, sig, *slot, heap_base),
        _ => codegen::trampolines_at(&session.world.types, &sigs, heap_base),
    };
    let len = session.code.slot_count();
    if let Err(e) = host.ensure_table_len(len) {
        return Err(internal_error(host, &format!("the call table cannot grow: {e:?}")));
    }
    let instance = match host.load_module(&bytes) {
        Ok(i) => i,
        Err(e) => return Err(internal_error(host, &format!("trampoline rejected: {e:?}"))),
    };
    if let [(_, slot)] = sigs.as_slice() {
        if let Err(e) = host.set_slot(*slot, instance) {
            return Err(internal_error(host, &format!("linking failed: {e:?}")));
        }
    }
    Ok(())
}

/// Emits the module of `ci` (which has optimized IR) for table slot `slot`.
pub fn emit(host: &mut dyn Host, ci: CodeInstanceId, slot: u32) -> Result<Vec<u8>, Thrown> {
    let heap_base = host.heap_base();
    emit_at(host, ci, slot, heap_base)
}

/// `emit` for a host whose heap starts at `heap_base` in its modules' memory (modules made
/// ahead of time for another host, `Snapshot::take_optimized`).
pub fn emit_at(
    host: &mut dyn Host,
    ci: CodeInstanceId,
    slot: u32,
    heap_base: u32,
) -> Result<Vec<u8>, Thrown> {
    loop {
        let result = {
            let (mem, session) = host.heap();
            let Some(body) = session.world.code_instance(ci).inferred.clone() else {
                return Err(internal_error(host, "codegen of a CodeInstance without optimized IR"));
            };
            let sig = signature(session, ci);
            let name = method_name(session, ci);
            let mut cx = Cx { mem, session, short: None, heap_base, ci, next_cache: 0 };
            let bytes = codegen::compile(&mut cx, &body, &sig, slot, &name);
            let short = cx.short;
            (bytes, short)
        };
        match result {
            (_, Some(short)) => {
                // A constant did not fit: the heap's one retry (`raise::make_room`) grows the
                // memory or collects, then the module is emitted again.
                make_room(host, short)?;
            }
            (Ok(bytes), None) => {
                finish_heap_operation(host);
                let len = host.session().code.slot_count();
                if let Err(e) = host.ensure_table_len(len) {
                    return Err(internal_error(host, &format!("the call table cannot grow: {e:?}")));
                }
                return Ok(bytes);
            }
            (Err(e), None) => return Err(internal_error(host, &format!("codegen failed: {e:?}"))),
        }
    }
}

/// The name of the method a CodeInstance belongs to.
pub fn method_name(session: &Session, ci: CodeInstanceId) -> String {
    let mi = session.world.code_instance(ci).def;
    let method = session.world.method_instance(mi).method;
    session.world.method(method).name.to_string()
}

/// Codegen's view of the session: slots, signatures, constant boxes and inline caches.
struct Cx<'a> {
    mem: &'a mut [u8],
    session: &'a mut Session,
    /// Set when a constant or an inline cache did not fit in the heap: make room and emit
    /// again.
    short: Option<HeapError>,
    heap_base: u32,
    /// The CodeInstance whose module is emitted, and the index of its next dynamic call site
    /// (its inline caches are kept in the code table, `CodeEntry::call_caches`).
    ci: CodeInstanceId,
    next_cache: usize,
}

impl CodegenContext for Cx<'_> {
    fn types(&self) -> &TypeStore {
        &self.session.world.types
    }

    fn slot_of(&mut self, ci: CodeInstanceId) -> u32 {
        self.session.code.slot_of(ci)
    }

    fn signature_of(&mut self, ci: CodeInstanceId) -> Signature {
        // A callee without optimized IR is compiled later (through its trampoline); its
        // signature is already fixed by its typed body, whose argument types the optimizer
        // does not change.
        signature(self.session, ci)
    }

    fn constant_box(&mut self, c: &ConstValue) -> u32 {
        let mut cx = HeapCtx::new(self.mem, &mut self.session.objects, &mut self.session.world.types);
        match cx.constant_box(c) {
            Ok(addr) => addr,
            Err(short) => {
                self.short.get_or_insert(short);
                0
            }
        }
    }

    fn call_site_cache(&mut self, nargs: u32) -> u32 {
        let index = self.next_cache;
        self.next_cache += 1;
        let mut cx = HeapCtx::new(self.mem, &mut self.session.objects, &mut self.session.world.types);
        let code = &mut self.session.code;
        match code.call_cache(self.ci, index) {
            Some(cache) if cx.aux(cache) == abi::call_cache_payload(nargs) => return cache,
            _ => {}
        }
        if self.short.is_some() {
            // This attempt is discarded; the sites before this one keep their caches.
            return 0;
        }
        match cx.new_call_cache(nargs) {
            Ok(cache) => {
                code.set_call_cache(self.ci, index, cache);
                cache
            }
            Err(short) => {
                self.short = Some(short);
                0
            }
        }
    }

    fn global_index(&mut self, g: &GlobalRef) -> u32 {
        let key = (g.module.clone(), g.name.clone());
        let session = &mut *self.session;
        *session.global_indices.entry(key).or_insert_with_key(|key| {
            session.global_names.push(key.clone());
            (session.global_names.len() - 1) as u32
        })
    }

    fn count_steps(&self) -> bool {
        self.session.options.step_budget > 0
    }

    fn max_depth(&self) -> u32 {
        self.session.max_depth()
    }

    fn heap_base(&self) -> u32 {
        self.heap_base
    }

    fn global_constant(&self, g: &GlobalRef) -> Option<ConstValue> {
        self.session.world.resolve_const(g).cloned()
    }

    fn span_id(&mut self, span: Span) -> u32 {
        self.position_id(span, &[], 0)
    }

    fn position_id(&mut self, span: Span, inlined: &[(CodeInstanceId, Span)], frames: u32) -> u32 {
        let ci = Some(self.ci);
        let inlined = inlined.into();
        self.session.position_id(crate::session::Position { span, ci, inlined, frames })
    }

    fn tracks_position(&self) -> bool {
        self.session.is_thunk(self.ci)
    }
}
