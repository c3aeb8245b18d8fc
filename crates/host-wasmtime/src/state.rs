//! The store's data (`State`), the engine, and the store-level operations behind `Host`:
//! growing memory, compiling (cached by content hash) and instantiating modules, the call
//! table, and calls into generic entries with traps classified. It does not define imports.

use std::rc::Rc;
use std::sync::Mutex;

use codegen::abi;
use runtime::host::{HostError, InstanceId, Trap};
use runtime::imports::ImportHandler;
use runtime::session::Session;
use rustc_hash::FxHashMap;
use wasmtime::{
    AsContextMut, Config, Engine, ExnRef, ExnRefPre, ExnType, Extern, Func, FuncType, Instance, Memory,
    MemoryType, Module, Ref, RefType, Store, StoreLimits, StoreLimitsBuilder, Table, TableType, Tag, TagType,
    ValRaw, ValType,
};

const PAGE: u64 = 64 << 10;
const INITIAL_PAGES: u64 = 16;
/// Every CodeInstance is its own instance, so a program of many functions needs more than
/// wasmtime's default of 10 000 instances per store.
const MAX_INSTANCES: usize = 1 << 20;

#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// The shared memory never grows past this (then `HostError::OutOfMemory`).
    pub max_memory_bytes: u64,
    /// wasmtime's `max_wasm_stack`: deeper recursion traps as `Trap::StackOverflow`. The thread
    /// running wasm needs a native stack comfortably larger than this (host frames between wasm
    /// frames count too).
    pub max_wasm_stack: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_memory_bytes: 1 << 30, max_wasm_stack: 2 << 20 }
    }
}

/// A language error or a classified trap, carried through wasmtime as an `anyhow::Error`.
#[derive(Debug, Clone, PartialEq)]
pub struct TrapError(pub Trap);

impl std::fmt::Display for TrapError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", self.0)
    }
}

impl std::error::Error for TrapError {}

pub struct State {
    pub session: Session,
    pub(crate) handler: Option<Rc<dyn ImportHandler>>,
    engine: Engine,
    memory: Option<Memory>,
    table: Option<Table>,
    pub(crate) funcs: FxHashMap<&'static str, wasmtime::Func>,
    modules: FxHashMap<u64, Module>,
    instances: Vec<Instance>,
    /// Each instance's generic entry, once looked up (`generic_entry`).
    generic_entries: Vec<Option<GenericEntry>>,
    pub(crate) compiled: usize,
    max_pages: u64,
    /// wasmtime's per-store counts (instances); memory growth is bounded by `max_pages`.
    store_limits: StoreLimits,
    /// The tag of Julia exceptions every module imports (`abi::EXCEPTION_TAG_IMPORT`), and
    /// the allocator of its (payload-free) exception objects.
    tag: Option<(Tag, ExnType)>,
}

impl State {
    pub(crate) fn memory(&self) -> Memory {
        self.memory.expect("the memory is created with the store")
    }

    fn table(&self) -> Table {
        self.table.expect("the table is created with the store")
    }
}

/// Throws the exception tag into wasm from an import (a language error a handler may catch):
/// the error an import returns to make wasmtime raise it in the calling frame.
pub(crate) fn throw_exception(mut cx: impl AsContextMut<Data = State>, exception: u32) -> wasmtime::Error {
    let Some((tag, ty)) = cx.as_context_mut().data().tag.clone() else {
        return wasmtime::Error::new(TrapError(Trap::Engine("the exception tag was not created".into())));
    };
    let mut ctx = cx.as_context_mut();
    let pre = ExnRefPre::new(&mut ctx, ty);
    match ExnRef::new(&mut ctx, &pre, &tag, &[wasmtime::Val::I32(exception as i32)]) {
        Ok(exn) => match ctx.throw::<()>(exn) {
            Err(e) => e,
            Ok(()) => wasmtime::Error::new(TrapError(Trap::Engine("throw returned".into()))),
        },
        Err(e) => wasmtime::Error::new(TrapError(Trap::Engine(format!("exception object: {e:#}")))),
    }
}

/// The module of `bytes` (whose content hash is `key`) for `engine`: compiled once per
/// process, as the browser's worker compiles each module once (host-web's module cache). Every
/// fresh session of the playground starts with the same modules (the snapshot's), and tests
/// run the same Base code again and again.
fn compiled_module(engine: &Engine, key: u64, bytes: &[u8]) -> Result<Module, HostError> {
    /// Modules by engine and content hash; past `SHARED_MODULES_MAX` it starts over.
    static SHARED: Mutex<Vec<(Engine, FxHashMap<u64, Module>)>> = Mutex::new(Vec::new());
    const SHARED_MODULES_MAX: usize = 1 << 14;
    let shared = |f: &mut dyn FnMut(&mut FxHashMap<u64, Module>)| {
        let mut all = SHARED.lock().unwrap_or_else(|e| e.into_inner());
        let index = match all.iter().position(|(e, _)| Engine::same(e, engine)) {
            Some(i) => i,
            None => {
                all.push((engine.clone(), FxHashMap::default()));
                all.len() - 1
            }
        };
        f(&mut all[index].1);
    };
    let mut found = None;
    shared(&mut |modules| found = modules.get(&key).cloned());
    if let Some(module) = found {
        return Ok(module);
    }
    // Compiled outside the lock: other threads' loads go on meanwhile.
    let module = Module::new(engine, bytes).map_err(|e| HostError::InvalidModule(format!("{e:#}")))?;
    shared(&mut |modules| {
        if modules.len() >= SHARED_MODULES_MAX {
            modules.clear();
        }
        modules.insert(key, module.clone());
    });
    Ok(module)
}

/// One engine per process and stack limit (engines are expensive; stores are cheap).
fn engine(max_wasm_stack: usize) -> Result<Engine, HostError> {
    static ENGINES: Mutex<Vec<(usize, Engine)>> = Mutex::new(Vec::new());
    let mut engines = ENGINES.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, e)) = engines.iter().find(|(s, _)| *s == max_wasm_stack) {
        return Ok(e.clone());
    }
    let mut config = Config::new();
    config.max_wasm_stack(max_wasm_stack);
    // Julia exceptions are wasm exceptions (`codegen::abi`, "Exceptions").
    config.wasm_exceptions(true);
    // No async stacks are made (wasm runs on the calling thread), but wasmtime requires their
    // size to be at least `max_wasm_stack`.
    config.async_stack_size(max_wasm_stack.max(2 << 20));
    // The runtime keeps its own stack trace; wasmtime's would be captured again each time an
    // error crosses from the host back into wasm, O(depth) each: an error raised 100 000
    // calls deep through dynamic calls took minutes to unwind.
    config.wasm_backtrace_max_frames(None);
    // Registering each module's `.eh_frame` with the system unwinder (only other unwinders
    // read it; wasmtime's own traps and backtraces do not) costs the number of modules
    // registered so far on Linux, at load and again at drop: quadratic in a program's
    // CodeInstances (wasmtime's `Config::native_unwind_info` says as much).
    config.native_unwind_info(false);
    let engine = Engine::new(&config).map_err(|e| HostError::InvalidModule(format!("engine: {e}")))?;
    engines.push((max_wasm_stack, engine.clone()));
    Ok(engine)
}

pub(crate) fn new_store(session: Session, limits: Limits) -> Result<Store<State>, HostError> {
    let engine = engine(limits.max_wasm_stack)?;
    let max_pages = (limits.max_memory_bytes / PAGE).max(INITIAL_PAGES);
    let state = State {
        session,
        handler: None,
        engine: engine.clone(),
        memory: None,
        table: None,
        funcs: FxHashMap::default(),
        modules: FxHashMap::default(),
        instances: Vec::new(),
        generic_entries: Vec::new(),
        compiled: 0,
        max_pages,
        store_limits: StoreLimitsBuilder::new().instances(MAX_INSTANCES).build(),
        tag: None,
    };
    let mut store = Store::new(&engine, state);
    store.limiter(|state| &mut state.store_limits);
    let memory = Memory::new(&mut store, MemoryType::new(INITIAL_PAGES as u32, Some(max_pages as u32)))
        .map_err(|_| HostError::OutOfMemory)?;
    let table = Table::new(&mut store, TableType::new(RefType::FUNCREF, 0, None), Ref::Func(None))
        .map_err(|e| HostError::InvalidModule(format!("table: {e}")))?;
    abi::write_fixed_boxes(memory.data_mut(&mut store));
    let funcs = crate::imports::define(&mut store);
    fill_host_trampolines(&mut store, &funcs)?;
    let tag_type = TagType::new(FuncType::new(&engine, [ValType::I32], []));
    let tag = Tag::new(&mut store, &tag_type).map_err(|e| HostError::InvalidModule(format!("tag: {e:#}")))?;
    let exn_type =
        ExnType::from_tag_type(&tag_type).map_err(|e| HostError::InvalidModule(format!("tag: {e:#}")))?;
    let data = store.data_mut();
    data.tag = Some((tag, exn_type));
    data.memory = Some(memory);
    data.table = Some(table);
    data.funcs = funcs;
    Ok(store)
}

/// Instantiates a module that imports every host function once. wasmtime gives a host function
/// its wasm-call trampoline from the first loaded module that has one for its type, and until
/// then keeps it on a list that every instantiation searches again, module by module
/// (wasmtime's `FuncRefs::fill` and `ModuleRegistry::wasm_to_array_trampoline`): one host
/// function that no generated module imports made each instantiation cost the number of modules
/// loaded so far, quadratic in a program's CodeInstances.
fn fill_host_trampolines(
    store: &mut Store<State>,
    funcs: &FxHashMap<&'static str, Func>,
) -> Result<(), HostError> {
    let mut names: Vec<&'static str> = funcs.keys().copied().collect();
    names.sort_unstable();
    let types: Vec<(&str, FuncType)> = names.iter().map(|&n| (n, funcs[n].ty(&*store))).collect();
    let module = host_imports_module(store.engine(), &types)?;
    let mut externs = Vec::new();
    for import in module.imports() {
        match funcs.get(import.name()) {
            Some(f) => externs.push(Extern::Func(*f)),
            None => return Err(HostError::InvalidModule(format!("unknown import env.{}", import.name()))),
        }
    }
    Instance::new(&mut *store, &module, &externs).map_err(|e| HostError::InvalidModule(format!("{e:#}")))?;
    Ok(())
}

/// The module importing each of the host functions `imports` (every store defines the same
/// ones), compiled once per engine.
fn host_imports_module(engine: &Engine, imports: &[(&str, FuncType)]) -> Result<Module, HostError> {
    static MODULES: Mutex<Vec<(Engine, Module)>> = Mutex::new(Vec::new());
    let mut modules = MODULES.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, m)) = modules.iter().find(|(e, _)| Engine::same(e, engine)) {
        return Ok(m.clone());
    }
    let mut builder = walrus::Module::default();
    for (name, ty) in imports {
        let params: Option<Vec<walrus::ValType>> = ty.params().map(|t| walrus_type(&t)).collect();
        let results: Option<Vec<walrus::ValType>> = ty.results().map(|t| walrus_type(&t)).collect();
        let (Some(params), Some(results)) = (params, results) else { continue };
        let ty = builder.types.add(&params, &results);
        builder.add_import_func(abi::IMPORT_MODULE, name, ty);
    }
    let module = Module::new(engine, builder.emit_wasm())
        .map_err(|e| HostError::InvalidModule(format!("host imports: {e:#}")))?;
    modules.push((engine.clone(), module.clone()));
    Ok(module)
}

fn walrus_type(ty: &ValType) -> Option<walrus::ValType> {
    match ty {
        ValType::I32 => Some(walrus::ValType::I32),
        ValType::I64 => Some(walrus::ValType::I64),
        ValType::F32 => Some(walrus::ValType::F32),
        ValType::F64 => Some(walrus::ValType::F64),
        _ => None,
    }
}

pub(crate) fn grow_heap(mut cx: impl AsContextMut<Data = State>, min_bytes: usize) -> Result<(), HostError> {
    let memory = cx.as_context_mut().data().memory();
    let current = memory.data_size(&cx) as u64;
    let want = min_bytes as u64;
    if want <= current {
        return Ok(());
    }
    let pages = (want - current).div_ceil(PAGE);
    if current / PAGE + pages > cx.as_context_mut().data().max_pages {
        return Err(HostError::OutOfMemory);
    }
    memory.grow(&mut cx, pages).map(|_| ()).map_err(|_| HostError::OutOfMemory)
}

pub(crate) fn load_module(
    mut cx: impl AsContextMut<Data = State>,
    bytes: &[u8],
) -> Result<InstanceId, HostError> {
    let key = runtime::host::content_hash(bytes);
    let cached = cx.as_context_mut().data().modules.get(&key).cloned();
    let module = match cached {
        Some(m) => m,
        None => {
            let engine = cx.as_context_mut().data().engine.clone();
            let m = compiled_module(&engine, key, bytes)?;
            let mut ctx = cx.as_context_mut();
            let data = ctx.data_mut();
            data.modules.insert(key, m.clone());
            data.compiled += 1;
            m
        }
    };
    let mut externs = Vec::new();
    {
        let mut ctx = cx.as_context_mut();
        let data = ctx.data_mut();
        for import in module.imports() {
            let ext = match (import.module(), import.name()) {
                (abi::IMPORT_MODULE, abi::MEMORY_IMPORT) => Extern::Memory(data.memory()),
                (abi::IMPORT_MODULE, abi::TABLE_IMPORT) => Extern::Table(data.table()),
                (abi::IMPORT_MODULE, abi::EXCEPTION_TAG_IMPORT) => match &data.tag {
                    Some((tag, _)) => Extern::Tag(*tag),
                    None => return Err(HostError::InvalidModule("the exception tag was not created".into())),
                },
                (abi::IMPORT_MODULE, name) => match data.funcs.get(name) {
                    Some(f) => Extern::Func(*f),
                    None => return Err(HostError::InvalidModule(format!("unknown import env.{name}"))),
                },
                (m, name) => return Err(HostError::InvalidModule(format!("unknown import {m}.{name}"))),
            };
            externs.push(ext);
        }
    }
    let instance =
        Instance::new(&mut cx, &module, &externs).map_err(|e| HostError::InvalidModule(format!("{e:#}")))?;
    let mut ctx = cx.as_context_mut();
    let data = ctx.data_mut();
    data.instances.push(instance);
    Ok(InstanceId(data.instances.len() as u32 - 1))
}

/// The generic entry of instance `id`, looked up (and type-checked) once per instance: a
/// dynamic call runs it every time, and wasmtime's export lookup costs more than the call.
fn generic_entry(cx: &mut impl AsContextMut<Data = State>, id: InstanceId) -> Result<GenericEntry, Trap> {
    if let Some(&Some(f)) = cx.as_context_mut().data().generic_entries.get(id.0 as usize) {
        return Ok(f);
    }
    let inst = instance(cx, id).ok_or_else(|| Trap::Engine(format!("no instance {}", id.0)))?;
    let func = inst
        .get_typed_func::<(i32, i32), i32>(&mut *cx, abi::GENERIC_EXPORT)
        .map_err(|e| Trap::Engine(format!("{e:#}")))?;
    let mut ctx = cx.as_context_mut();
    let entries = &mut ctx.data_mut().generic_entries;
    if entries.len() <= id.0 as usize {
        entries.resize(id.0 as usize + 1, None);
    }
    let func = *func.func();
    entries[id.0 as usize] = Some(func);
    Ok(func)
}

fn instance(cx: &mut impl AsContextMut<Data = State>, id: InstanceId) -> Option<Instance> {
    cx.as_context_mut().data().instances.get(id.0 as usize).copied()
}

pub(crate) fn ensure_table_len(mut cx: impl AsContextMut<Data = State>, len: u32) -> Result<(), HostError> {
    let table = cx.as_context_mut().data().table();
    let size = table.size(&cx);
    if u64::from(len) > size {
        table.grow(&mut cx, u64::from(len) - size, Ref::Func(None)).map_err(|_| HostError::OutOfMemory)?;
    }
    Ok(())
}

pub(crate) fn set_slot(
    cx: impl AsContextMut<Data = State>,
    slot: u32,
    id: InstanceId,
) -> Result<(), HostError> {
    set_slot_to(cx, slot, id, abi::SPEC_EXPORT)
}

/// Puts instance `id`'s generic entry into `slot` (for inline caches of dynamic calls).
pub(crate) fn set_generic_slot(
    cx: impl AsContextMut<Data = State>,
    slot: u32,
    id: InstanceId,
) -> Result<(), HostError> {
    set_slot_to(cx, slot, id, abi::GENERIC_EXPORT)
}

/// Puts instance `id`'s export `name` into table slot `slot`.
fn set_slot_to(
    mut cx: impl AsContextMut<Data = State>,
    slot: u32,
    id: InstanceId,
    name: &str,
) -> Result<(), HostError> {
    let inst =
        instance(&mut cx, id).ok_or_else(|| HostError::InvalidModule(format!("no instance {}", id.0)))?;
    let func = inst
        .get_func(&mut cx, name)
        .ok_or_else(|| HostError::InvalidModule(format!("instance {} exports no `{name}`", id.0)))?;
    let table = cx.as_context_mut().data().table();
    table
        .set(&mut cx, u64::from(slot), Ref::Func(Some(func)))
        .map_err(|e| HostError::InvalidModule(format!("{e:#}")))
}

/// The generic entry of a module: `(args, nargs) -> box`, type-checked when it was cached.
type GenericEntry = Func;

pub(crate) fn call_generic(
    mut cx: impl AsContextMut<Data = State>,
    id: InstanceId,
    args: u32,
    nargs: u32,
) -> Result<u32, Trap> {
    let func = generic_entry(&mut cx, id)?;
    let mut slots = [ValRaw::i32(args as i32), ValRaw::i32(nargs as i32)];
    // SAFETY: `generic_entry` checked this function's type, `(i32, i32) -> i32`, when it cached
    // it, and it belongs to this store; the two slots hold both parameters and, after the call,
    // the one result. (`TypedFunc::call` would clone the type's registration on every call,
    // which costs more than a dynamic call should.)
    #[allow(unsafe_code)]
    let called = unsafe { func.call_unchecked(&mut cx, &mut slots) };
    match called {
        Ok(()) => Ok(slots[0].get_i32() as u32),
        Err(e) => Err(classify(&mut cx, e)),
    }
}

/// A wasmtime error as a `Trap`: our own errors pass through, an uncaught exception is the
/// one on top of the runtime's exception stack, stack exhaustion is `StackOverflow`, anything
/// else is an engine trap (a codegen bug).
pub(crate) fn classify(cx: &mut impl AsContextMut<Data = State>, e: wasmtime::Error) -> Trap {
    if let Some(TrapError(t)) = e.downcast_ref::<TrapError>() {
        return t.clone();
    }
    if e.downcast_ref::<wasmtime::ThrownException>().is_some() {
        let mut ctx = cx.as_context_mut();
        let payload = ctx.take_pending_exception().map(|exn| exn.field(&mut ctx, 0));
        return match payload {
            Some(Ok(wasmtime::Val::I32(addr))) => Trap::Thrown(addr as u32),
            _ => Trap::Engine("an exception without its payload".into()),
        };
    }
    if let Some(wasmtime::Trap::StackOverflow) = e.downcast_ref::<wasmtime::Trap>() {
        return Trap::StackOverflow;
    }
    Trap::Engine(format!("{e:#}"))
}
