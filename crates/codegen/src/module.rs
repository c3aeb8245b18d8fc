//! Whole modules: `compile` (a CodeInstance's module with its specialized and generic entries)
//! and `trampoline` (the lazy-compile stub of DESIGN §3). It does not lower bodies itself
//! (`structure`, `inst`).

use ir::Body;
use types::TypeStore;
use walrus::ir::LoadKind;
use walrus::{FunctionBuilder, FunctionKind, Module, RefType, ValType as W};

use crate::abi::{self, imports, ValType};
use crate::emit::{mem_arg, wasm_type, Emitter, Helpers, ModuleImports, Rep};
use crate::{CodegenContext, CodegenError, Signature};
use ir::cfg::Cfg;

fn new_module() -> (Module, walrus::MemoryId, walrus::TableId) {
    let mut module = Module::default();
    let (mem, _) =
        module.add_import_memory(abi::IMPORT_MODULE, abi::MEMORY_IMPORT, false, false, 1, None, None);
    let (table, _) =
        module.add_import_table(abi::IMPORT_MODULE, abi::TABLE_IMPORT, false, 0, None, RefType::FUNCREF);
    (module, mem, table)
}

fn wasm_sig(types: &TypeStore, sig: &Signature) -> (Vec<Rep>, Rep, Vec<W>, Vec<W>) {
    let reps: Vec<Rep> = sig.params.iter().map(|&t| Rep::of(types, t)).collect();
    let ret = Rep::of(types, sig.ret);
    let params = reps.iter().filter_map(|r| wasm_type(r.vt)).collect();
    let results = wasm_type(ret.vt).into_iter().collect();
    (reps, ret, params, results)
}

/// Compiles a typed, optimized body into a module exporting `abi::SPEC_EXPORT` and
/// `abi::GENERIC_EXPORT`. `self_slot` is the body's own call-table slot (self calls become
/// direct calls); `name` names the function in the name section.
pub fn compile(
    cx: &mut dyn CodegenContext,
    body: &Body,
    sig: &Signature,
    self_slot: u32,
    name: &str,
) -> Result<Vec<u8>, CodegenError> {
    if body.nargs() != sig.params.len() {
        return Err(CodegenError::InvalidBody(format!(
            "{} arguments but the signature has {}",
            body.nargs(),
            sig.params.len()
        )));
    }
    let (mut module, mem, table) = new_module();
    let (reps, ret, params, results) = wasm_sig(cx.types(), sig);
    // Reserve the function's id first, so that self calls can be direct `call`s.
    let stub_args: Vec<_> = params.iter().map(|&w| module.locals.add(w)).collect();
    let mut stub = FunctionBuilder::new(&mut module.types, &params, &results);
    stub.func_body().unreachable();
    let spec = stub.finish(stub_args, &mut module.funcs);

    let cfg = Cfg::new(body);
    let mut imports = ModuleImports::default();
    let mut helpers = Helpers::default();
    let fb = FunctionBuilder::new(&mut module.types, &params, &results);
    let mut em = Emitter::new(
        cx,
        &mut module,
        body,
        sig,
        fb,
        (mem, table),
        (&mut imports, &mut helpers),
        (spec, self_slot),
    )?;
    em.emit_body(&cfg)?;
    let args: Vec<_> = (0..body.nargs()).filter_map(|i| em.locals.get(&body.arg(i)).copied()).collect();
    let Emitter { fb, .. } = em;
    let func = fb.local_func(args);
    let f = module.funcs.get_mut(spec);
    f.kind = FunctionKind::Local(func);
    f.name = Some(name.to_string());

    let generic = {
        let fb = FunctionBuilder::new(&mut module.types, &[W::I32, W::I32], &[W::I32]);
        let mut em = Emitter::new(
            cx,
            &mut module,
            body,
            sig,
            fb,
            (mem, table),
            (&mut imports, &mut helpers),
            (spec, self_slot),
        )?;
        let (args, nargs) = (em.new_local(W::I32), em.new_local(W::I32));
        let seq = em.fb.func_body_id();
        for (i, rep) in reps.iter().enumerate() {
            if rep.vt == ValType::Erased {
                continue;
            }
            let load = mem_arg(4 * i as u32, 4);
            em.fb.instr_seq(seq).local_get(args).load(mem, LoadKind::I32 { atomic: false }, load);
            em.coerce(seq, Rep { vt: ValType::Boxed, ty: rep.ty }, *rep)?;
        }
        em.fb.instr_seq(seq).call(spec);
        let boxed = Rep { vt: ValType::Boxed, ty: ret.ty };
        if ret.vt == ValType::Erased {
            em.singleton(seq, ret.ty, boxed)?;
        } else {
            em.coerce(seq, ret, boxed)?;
        }
        let Emitter { mut fb, .. } = em;
        fb.name(format!("{name}#generic"));
        fb.finish(vec![args, nargs], &mut module.funcs)
    };
    module.exports.add(abi::SPEC_EXPORT, spec);
    module.exports.add(abi::GENERIC_EXPORT, generic);
    rebase_memory(&mut module, cx.heap_base());
    Ok(module.emit_wasm())
}

/// Adds `base` to the static offset of every load and store (see `CodegenContext::heap_base`).
fn rebase_memory(module: &mut Module, base: u32) {
    struct Rebase(u64);
    impl walrus::ir::VisitorMut for Rebase {
        fn visit_load_mut(&mut self, load: &mut walrus::ir::Load) {
            load.arg.offset += self.0;
        }
        fn visit_store_mut(&mut self, store: &mut walrus::ir::Store) {
            store.arg.offset += self.0;
        }
    }
    if base == 0 {
        return;
    }
    for (_, func) in module.funcs.iter_local_mut() {
        let entry = func.entry_block();
        walrus::ir::dfs_pre_order_mut(&mut Rebase(u64::from(base)), func, entry);
    }
}

/// The lazy-compile trampoline for call-table slot `slot`: its exported `abi::SPEC_EXPORT`
/// has the callee's signature, calls `compile_slot(slot)` (which puts the real function into
/// the slot), then calls through the slot again, forwarding its parameters. For a heap at
/// offset 0; `trampoline_at` places it elsewhere (`CodegenContext::heap_base`).
pub fn trampoline(types: &TypeStore, sig: &Signature, slot: u32) -> Vec<u8> {
    trampoline_at(types, sig, slot, 0)
}

/// `trampoline` with every memory access shifted by `heap_base`. `compile_slot` is a
/// safepoint (compiling allocates), so boxed parameters are kept on the shadow stack across
/// it (`abi`, "Garbage collection") and popped before the call they are forwarded to.
pub fn trampoline_at(types: &TypeStore, sig: &Signature, slot: u32, heap_base: u32) -> Vec<u8> {
    let (mut module, mem, table) = new_module();
    let mut imports = ModuleImports::default();
    let f = add_trampoline(&mut module, (mem, table), &mut imports, types, sig, slot);
    module.exports.add(abi::SPEC_EXPORT, f);
    rebase_memory(&mut module, heap_base);
    module.emit_wasm()
}

/// The trampolines of many slots in one module, which exports nothing: its active element
/// segments put each slot's trampoline into the call table when it is instantiated (the
/// table must already be long enough). A session that starts with many slots (a snapshot's,
/// whose modules were made ahead) gets them all with one module instead of one per slot.
pub fn trampolines_at(types: &TypeStore, slots: &[(Signature, u32)], heap_base: u32) -> Vec<u8> {
    let (mut module, mem, table) = new_module();
    let mut imports = ModuleImports::default();
    let mut funcs: Vec<(u32, walrus::FunctionId)> = slots
        .iter()
        .map(|(sig, slot)| {
            (*slot, add_trampoline(&mut module, (mem, table), &mut imports, types, sig, *slot))
        })
        .collect();
    funcs.sort_by_key(|&(slot, _)| slot);
    // One segment per run of consecutive slots.
    let mut i = 0;
    while i < funcs.len() {
        let start = funcs[i].0;
        let mut run = vec![funcs[i].1];
        while i + run.len() < funcs.len() && funcs[i + run.len()].0 == start + run.len() as u32 {
            run.push(funcs[i + run.len()].1);
        }
        i += run.len();
        let offset = walrus::ConstExpr::Value(walrus::ir::Value::I32(start as i32));
        module
            .elements
            .add(walrus::ElementKind::Active { table, offset }, walrus::ElementItems::Functions(run));
    }
    rebase_memory(&mut module, heap_base);
    module.emit_wasm()
}

/// Adds the trampoline of `slot` (whose CodeInstance has signature `sig`) to `module`.
fn add_trampoline(
    module: &mut Module,
    (mem, table): (walrus::MemoryId, walrus::TableId),
    imports: &mut ModuleImports,
    types: &TypeStore,
    sig: &Signature,
    slot: u32,
) -> walrus::FunctionId {
    let (reps, _, params, results) = wasm_sig(types, sig);
    let compile_slot = imports.get(module, imports::COMPILE_SLOT);
    let ty = module.types.add(&params, &results);
    let args: Vec<_> = params.iter().map(|&w| module.locals.add(w)).collect();
    // The boxed parameters (an i32 parameter is a box unless it is a Bool).
    let boxed: Vec<_> = reps
        .iter()
        .filter(|r| r.vt != ValType::Erased)
        .zip(&args)
        .filter(|(r, _)| r.vt == ValType::Boxed)
        .map(|(_, &a)| a)
        .collect();
    let base = module.locals.add(W::I32);
    let throw_code = (!boxed.is_empty()).then(|| imports.get(module, imports::THROW_CODE));
    let mut fb = FunctionBuilder::new(&mut module.types, &params, &results);
    fb.name(format!("trampoline#{slot}"));
    let body = fb.func_body_id();
    if let Some(throw_code) = throw_code {
        crate::gc::emit_reserve(&mut fb, mem, throw_code, body, base, 4 * boxed.len() as u32, 0);
        for (i, &a) in boxed.iter().enumerate() {
            fb.instr_seq(body).local_get(base).local_get(a).store(
                mem,
                walrus::ir::StoreKind::I32 { atomic: false },
                mem_arg(4 * i as u32, 4),
            );
        }
    }
    fb.instr_seq(body).i32_const(slot as i32).call(compile_slot);
    if throw_code.is_some() {
        crate::gc::emit_release(&mut fb, mem, body, base);
    }
    let mut b = fb.instr_seq(body);
    for &a in &args {
        b.local_get(a);
    }
    b.i32_const(slot as i32).call_indirect(ty, table);
    fb.finish(args, &mut module.funcs)
}
