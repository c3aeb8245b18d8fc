//! Whole modules: `compile` (a CodeInstance's module with its specialized and generic entries)
//! and `trampoline` (the lazy-compile stub of DESIGN §3). It does not lower bodies itself
//! (`structure`, `inst`).

use ir::Body;
use types::TypeStore;
use walrus::ir::LoadKind;
use walrus::{FunctionBuilder, FunctionKind, Module, RefType, ValType as W};

use crate::abi::{self, imports, ValType};
use crate::cfg::Cfg;
use crate::emit::{mem_arg, wasm_type, Emitter, Helpers, ModuleImports, Rep};
use crate::{CodegenContext, CodegenError, Signature};

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
/// the slot), then calls through the slot again, forwarding its parameters.
pub fn trampoline(types: &TypeStore, sig: &Signature, slot: u32) -> Vec<u8> {
    let (mut module, _mem, table) = new_module();
    let (_, _, params, results) = wasm_sig(types, sig);
    let mut imports = ModuleImports::default();
    let compile_slot = imports.get(&mut module, imports::COMPILE_SLOT);
    let ty = module.types.add(&params, &results);
    let args: Vec<_> = params.iter().map(|&w| module.locals.add(w)).collect();
    let mut fb = FunctionBuilder::new(&mut module.types, &params, &results);
    fb.name(format!("trampoline#{slot}"));
    let mut b = fb.func_body();
    b.i32_const(slot as i32).call(compile_slot);
    for &a in &args {
        b.local_get(a);
    }
    b.i32_const(slot as i32).call_indirect(ty, table);
    let f = fb.finish(args, &mut module.funcs);
    module.exports.add(abi::SPEC_EXPORT, f);
    module.emit_wasm()
}
