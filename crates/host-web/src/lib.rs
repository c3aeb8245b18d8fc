//! `Host` on the browser's WebAssembly API, for the playground's Web Worker: generated modules
//! are compiled with the synchronous `WebAssembly.Module` constructor (workers may), cached by
//! content hash for the worker's lifetime, and instantiated against one call table per run
//! and the imports of `codegen::abi::imports`, wired to the runtime's `ImportHandler`. It knows
//! nothing of the language (the handler does) and nothing of the page.
//!
//! Two things differ from wasmtime's host:
//! - The heap. The runtime reads and writes the heap as a `&mut [u8]`, which a JS-owned
//!   `WebAssembly.Memory` cannot give. So the heap is an arena inside this worker's own linear
//!   memory, and generated modules import *that* memory; codegen adds the arena's address to
//!   every load and store (`Host::heap_base`), so generated code pays nothing for it. The arena
//!   is allocated once per worker, at a fixed address (`ARENA_BASE`), and reused, zeroed, by
//!   each run: its address is part of every module, so the module cache stays valid across
//!   runs, and the build can make Base's modules for it ahead of time (the prelude snapshot).
//! - Re-entrancy. Generated code calls imports, which run the runtime, which may call more
//!   generated code. wasmtime hands the store back to an import through its `Caller`; here the
//!   host that made the outermost call publishes a pointer to itself (`ACTIVE`) for the imports,
//!   exactly while JS is running generated code on its behalf. Imports never unwind through
//!   Rust frames: a language error is stored in the host and the import *returns* an error that
//!   wasm-bindgen's glue throws after the Rust frame is gone: a language error as a
//!   `WebAssembly.Exception` of the exception tag (`abi`, "Exceptions"), which generated code's
//!   handlers catch, anything else as a marker string. The host that called in turns either
//!   back into the `Trap`.
#![allow(unsafe_code)]

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use codegen::abi::{self, imports as names};
use js_sys::{Function, Object, Reflect, Uint8Array, WebAssembly};
use runtime::host::{Host, HostError, InstanceId, Trap};
use runtime::imports::ImportHandler;
use runtime::session::Session;
use rustc_hash::FxHashMap;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// The largest heap a run may have in the browser (`Options::max_heap_bytes` is capped to it).
pub const MAX_HEAP_BYTES: u32 = 256 << 20;

/// Where the arena (the heap) starts in the worker's memory when `reserve_arena` placed it
/// (`heap_base` says where it is): above everything the worker's module starts with (its
/// data and stack take ~1.5 MB), below what its allocator takes later.
pub const ARENA_BASE: u32 = 32 << 20;
const PAGE: usize = 64 << 10;
const INITIAL_HEAP: usize = 16 * PAGE;

/// The value an import returns (and wasm-bindgen throws) to unwind generated code after it
/// stored the real `Trap` in the host.
const UNWIND: &str = "invokelab: unwinding generated code";

/// A run's host. Create one per program run (or keep it, with its session, between requests).
pub struct WebHost {
    session: Session,
    handler: Rc<dyn ImportHandler>,
    table: WebAssembly::Table,
    imports: Object,
    /// The exported entries of each instance: (specialized, generic); `None` for a module
    /// that exports none (its element segments fill the table: `codegen::trampolines_at`).
    instances: Vec<Option<(Function, Function)>>,
    /// The heap's current size (a prefix of the arena).
    heap_len: usize,
    heap_max: usize,
    /// The trap an import is unwinding with, when it is not a language error a handler may
    /// catch (those unwind as `tag`).
    pending: Option<Trap>,
    /// The tag of Julia exceptions every module imports (`abi::EXCEPTION_TAG_IMPORT`).
    tag: WebAssembly::Tag,
    compiled: usize,
    /// Set when a JS exception (a stack overflow) may have unwound through Rust frames of this
    /// worker: its state cannot be trusted any more.
    poisoned: bool,
}

thread_local! {
    /// The host on whose behalf JS is running generated code right now (see the module docs).
    static ACTIVE: Cell<*mut WebHost> = const { Cell::new(std::ptr::null_mut()) };
    /// Compiled modules by content hash, for the worker's lifetime.
    static MODULES: RefCell<FxHashMap<u64, WebAssembly::Module>> = RefCell::new(FxHashMap::default());
    /// The import functions (created once; they find the active host through `ACTIVE`).
    static IMPORT_FUNCS: Vec<(&'static str, JsValue)> = import_functions();
    static ARENA: Arena = Arena::new();
}

/// The heap's storage: `MAX_HEAP_BYTES`, page-aligned, allocated once. Only the prefix a run
/// grows into is ever written, and it is zeroed as it is handed out, so untouched pages cost
/// no physical memory.
struct Arena {
    base: *mut u8,
}

impl Arena {
    fn new() -> Arena {
        #[cfg(target_arch = "wasm32")]
        if let Some(base) = Arena::at_fixed_base() {
            return Arena { base };
        }
        let layout = std::alloc::Layout::from_size_align(MAX_HEAP_BYTES as usize, PAGE)
            .expect("the arena's layout is valid");
        // SAFETY: the layout has a non-zero size.
        let base = unsafe { std::alloc::alloc(layout) };
        if base.is_null() {
            std::alloc::handle_alloc_error(layout);
        }
        Arena { base }
    }
}

#[cfg(target_arch = "wasm32")]
impl Arena {
    /// The arena at `ARENA_BASE`: the memory grown to that size, then by the arena's. The
    /// allocator (dlmalloc) takes memory by growing it too and keeps what it got, so it never
    /// uses these pages. `None` if the memory is already larger (the allocator grew it
    /// first), or cannot grow.
    fn at_fixed_base() -> Option<*mut u8> {
        use core::arch::wasm32::{memory_grow, memory_size};
        let base_pages = ARENA_BASE as usize / PAGE;
        let pages = memory_size(0);
        if pages > base_pages || (pages < base_pages && memory_grow(0, base_pages - pages) == usize::MAX) {
            return None;
        }
        (memory_grow(0, MAX_HEAP_BYTES as usize / PAGE) == base_pages)
            .then_some(ARENA_BASE as usize as *mut u8)
    }
}

/// Places the arena (at `ARENA_BASE` if the memory has not grown past it yet): the worker
/// calls this first, before its allocator takes memory. Returns where the heap starts.
pub fn reserve_arena() -> u32 {
    arena_base() as usize as u32
}

fn arena_base() -> *mut u8 {
    ARENA.with(|a| a.base)
}

fn zero_heap(from: usize, to: usize) {
    // SAFETY: `from..to` lies within the arena (callers check against `MAX_HEAP_BYTES`), and no
    // Rust reference into the arena is alive while the host mutates it.
    unsafe { std::ptr::write_bytes(arena_base().add(from), 0, to - from) }
}

impl WebHost {
    /// The (specialized, generic) entries of `instance`.
    fn entries(&self, instance: InstanceId) -> Result<&(Function, Function), HostError> {
        match self.instances.get(instance.0 as usize) {
            Some(Some(entries)) => Ok(entries),
            Some(None) => {
                Err(HostError::InvalidModule(format!("instance {} exports no entries", instance.0)))
            }
            None => Err(HostError::InvalidModule(format!("no instance {}", instance.0))),
        }
    }

    pub fn new(session: Session, handler: Rc<dyn ImportHandler>) -> Result<WebHost, HostError> {
        let heap_max = (session.options.max_heap_bytes as usize).clamp(INITIAL_HEAP, MAX_HEAP_BYTES as usize);
        zero_heap(0, INITIAL_HEAP);
        let descriptor = Object::new();
        set(&descriptor, "element", &"anyfunc".into());
        set(&descriptor, "initial", &0.into());
        let table =
            WebAssembly::Table::new(&descriptor).map_err(|e| HostError::InvalidModule(js_text(&e)))?;
        let env = Object::new();
        set(&env, abi::MEMORY_IMPORT, &wasm_bindgen::memory());
        set(&env, abi::TABLE_IMPORT, &table);
        let tag_type = Object::new();
        set(&tag_type, "parameters", &js_sys::Array::of1(&"i32".into()));
        let tag = WebAssembly::Tag::new(&tag_type).map_err(|e| HostError::InvalidModule(js_text(&e)))?;
        set(&env, abi::EXCEPTION_TAG_IMPORT, &tag);
        IMPORT_FUNCS.with(|funcs| {
            for (name, f) in funcs {
                set(&env, name, f);
            }
        });
        let imports = Object::new();
        set(&imports, abi::IMPORT_MODULE, &env);
        let mut host = WebHost {
            session,
            handler,
            table,
            imports,
            instances: Vec::new(),
            heap_len: INITIAL_HEAP,
            heap_max,
            pending: None,
            tag,
            compiled: 0,
            poisoned: false,
        };
        abi::write_fixed_boxes(host.heap().0);
        Ok(host)
    }

    pub fn into_session(self) -> Session {
        self.session
    }

    /// Whether a stack overflow may have unwound through this worker's Rust frames (the page
    /// should then start a fresh worker).
    pub fn poisoned(&self) -> bool {
        self.poisoned
    }

    /// Calls `f` (which calls into generated code) with this host published to the imports,
    /// and classifies a thrown JS value.
    fn call_in(&mut self, f: impl FnOnce() -> Result<JsValue, JsValue>) -> Result<JsValue, Trap> {
        let previous = ACTIVE.with(|a| a.replace(self as *mut WebHost));
        let result = f();
        ACTIVE.with(|a| a.set(previous));
        result.map_err(|e| self.classify(e))
    }

    fn classify(&mut self, e: JsValue) -> Trap {
        if let Some(trap) = self.pending.take() {
            return trap;
        }
        if let Some(x) = e.dyn_ref::<WebAssembly::Exception>().filter(|x| x.is(&self.tag)) {
            // A language error no handler caught; its payload is the exception's box.
            return match x.get_arg(&self.tag, 0).ok().and_then(|v| v.as_f64()) {
                Some(addr) => Trap::Thrown(addr as u32),
                None => Trap::Engine("an exception without its payload".into()),
            };
        }
        if e.is_instance_of::<js_sys::RangeError>() {
            // V8's "Maximum call stack size exceeded": it may have been raised in the middle of
            // the compiler's own (Rust) frames, which then never finished.
            self.poisoned = true;
            return Trap::StackOverflow;
        }
        Trap::Engine(js_text(&e))
    }
}

/// The message of a thrown JS value.
fn js_text(e: &JsValue) -> String {
    if let Some(err) = e.dyn_ref::<js_sys::Error>() {
        return format!("{}: {}", String::from(err.name()), String::from(err.message()));
    }
    e.as_string().unwrap_or_else(|| format!("{e:?}"))
}

fn set(object: &Object, key: &str, value: &JsValue) {
    // Setting a property on a plain object cannot fail.
    let _ = Reflect::set(object, &JsValue::from_str(key), value);
}

impl Host for WebHost {
    fn session(&mut self) -> &mut Session {
        &mut self.session
    }

    fn heap(&mut self) -> (&mut [u8], &mut Session) {
        // SAFETY: the arena is allocated once per worker and never freed; `heap_len` never
        // exceeds it. Generated code writes to it only while JS runs it, and the runtime holds
        // no borrow of the heap across such calls (the `Host` contract), so this is the only
        // reference for its lifetime.
        let heap = unsafe { std::slice::from_raw_parts_mut(arena_base(), self.heap_len) };
        (heap, &mut self.session)
    }

    fn grow_heap(&mut self, min_bytes: usize) -> Result<(), HostError> {
        if min_bytes <= self.heap_len {
            return Ok(());
        }
        let want = min_bytes.div_ceil(PAGE) * PAGE;
        if want > self.heap_max {
            return Err(HostError::OutOfMemory);
        }
        zero_heap(self.heap_len, want);
        self.heap_len = want;
        Ok(())
    }

    fn load_module(&mut self, bytes: &[u8]) -> Result<InstanceId, HostError> {
        let key = runtime::host::content_hash(bytes);
        let module = match MODULES.with(|m| m.borrow().get(&key).cloned()) {
            Some(m) => m,
            None => {
                let source = Uint8Array::from(bytes);
                let m =
                    WebAssembly::Module::new(&source).map_err(|e| HostError::InvalidModule(js_text(&e)))?;
                MODULES.with(|cache| cache.borrow_mut().insert(key, m.clone()));
                self.compiled += 1;
                m
            }
        };
        let instance = WebAssembly::Instance::new(&module, &self.imports)
            .map_err(|e| HostError::InvalidModule(js_text(&e)))?;
        let exports = instance.exports();
        let export = |name: &str| -> Result<Function, HostError> {
            Reflect::get(&exports, &JsValue::from_str(name))
                .ok()
                .and_then(|f| f.dyn_into::<Function>().ok())
                .ok_or_else(|| HostError::InvalidModule(format!("the module exports no `{name}`")))
        };
        // Trampolines export only the specialized entry; a module of many trampolines, none.
        let entries = export(abi::SPEC_EXPORT).ok().map(|spec| {
            let generic = export(abi::GENERIC_EXPORT).unwrap_or_else(|_| spec.clone());
            (spec, generic)
        });
        self.instances.push(entries);
        Ok(InstanceId(self.instances.len() as u32 - 1))
    }

    fn ensure_table_len(&mut self, len: u32) -> Result<(), HostError> {
        let size = self.table.length();
        if len > size {
            self.table.grow(len - size).map_err(|_| HostError::OutOfMemory)?;
        }
        Ok(())
    }

    fn set_slot(&mut self, slot: u32, instance: InstanceId) -> Result<(), HostError> {
        let (spec, _) = self.entries(instance)?;
        self.table.set(slot, spec).map_err(|e| HostError::InvalidModule(js_text(&e)))
    }

    fn set_generic_slot(&mut self, slot: u32, instance: InstanceId) -> Result<(), HostError> {
        let (_, generic) = self.entries(instance)?;
        self.table.set(slot, generic).map_err(|e| HostError::InvalidModule(js_text(&e)))
    }

    fn call_generic(&mut self, instance: InstanceId, args: u32, nargs: u32) -> Result<u32, Trap> {
        let Some(Some((_, generic))) = self.instances.get(instance.0 as usize).cloned() else {
            return Err(Trap::Engine(format!("no instance {} with a generic entry", instance.0)));
        };
        let result = self.call_in(|| {
            generic.call2(&JsValue::NULL, &JsValue::from(args as i32), &JsValue::from(nargs as i32))
        })?;
        match result.as_f64() {
            Some(r) => Ok(r as i32 as u32),
            None => Err(Trap::Engine(format!("the generic entry returned {}", js_text(&result)))),
        }
    }

    fn now_ns(&self) -> u64 {
        (performance_now() * 1e6) as u64
    }

    fn heap_base(&self) -> u32 {
        arena_base() as usize as u32
    }

    fn compiled_modules(&self) -> usize {
        self.compiled
    }
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// `performance.now()`: milliseconds, in a window and in a worker alike.
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn performance_now() -> f64;
}

/// Runs an import on behalf of the active host. A `Trap` is stored in the host and the import
/// returns an error, which wasm-bindgen throws once this Rust frame is gone.
fn with_active<T>(f: impl FnOnce(&dyn ImportHandler, &mut WebHost) -> Result<T, Trap>) -> Result<T, JsValue> {
    let active = ACTIVE.with(|a| a.get());
    if active.is_null() {
        return Err(JsValue::from_str("invokelab: an import ran with no active host"));
    }
    // SAFETY: `ACTIVE` points at the host whose `call_in` is running generated code below us
    // on this stack; that host is not otherwise used until the call returns (it passed itself
    // as a raw pointer), so this is the only live reference. Nested calls republish the same
    // host and restore it when they return.
    let host = unsafe { &mut *active };
    let handler = host.handler.clone();
    f(&*handler, host).map_err(|trap| {
        // A language error unwinds as the exception tag, which handlers catch.
        if let (Trap::Thrown(addr), true) = (&trap, host.session.catchable()) {
            let payload = js_sys::Array::of1(&JsValue::from(*addr as i32));
            if let Ok(exception) = WebAssembly::Exception::new(&host.tag, &payload) {
                return exception.into();
            }
        }
        host.pending = Some(trap);
        JsValue::from_str(UNWIND)
    })
}

/// The `env.*` functions of `codegen::abi::imports`.
fn import_functions() -> Vec<(&'static str, JsValue)> {
    type R<T> = Result<T, JsValue>;
    fn func<F: ?Sized + wasm_bindgen::closure::WasmClosure>(c: Closure<F>) -> JsValue {
        c.into_js_value()
    }
    let u = |x: i32| x as u32;
    /// An import `(operand, span)` that always raises the trap `raise` makes.
    fn throws(raise: fn(&dyn ImportHandler, &mut dyn Host, u32, u32) -> Trap) -> JsValue {
        func(Closure::<dyn Fn(i32, i32) -> R<()>>::new(move |operand: i32, span: i32| {
            with_active(|h, host| Err(raise(h, host, operand as u32, span as u32)))
        }))
    }
    vec![
        (
            names::ALLOC,
            func(Closure::<dyn Fn(i32) -> R<i32>>::new(move |size| {
                with_active(|h, host| h.alloc(host, u(size))).map(|p| p as i32)
            })),
        ),
        (
            names::CALL_DYNAMIC,
            func(Closure::<dyn Fn(i32, i32, i32, i32, i32) -> R<i32>>::new(
                move |args, nargs, span, caller, cache| {
                    with_active(|h, host| {
                        h.call_dynamic(host, u(args), u(nargs), u(span), u(caller), u(cache))
                    })
                    .map(|p| p as i32)
                },
            )),
        ),
        (
            names::CALL_BUILTIN,
            func(Closure::<dyn Fn(i32, i32, i32, i32, i32) -> R<i32>>::new(
                move |b, args, nargs, span, caller| {
                    with_active(|h, host| h.call_builtin(host, u(b), u(args), u(nargs), u(span), u(caller)))
                        .map(|p| p as i32)
                },
            )),
        ),
        (names::THROW, throws(|h, host, exc, span| h.throw(host, exc, span))),
        (names::THROW_CODE, throws(|h, host, code, span| h.throw_code(host, code, span))),
        (names::THROW_UNDEF, throws(|h, host, name, span| h.throw_undef(host, name, span))),
        (names::THROW_NON_BOOLEAN, throws(|h, host, value, span| h.throw_non_boolean(host, value, span))),
        (
            names::OUT_OF_STEPS,
            func(Closure::<dyn Fn(i32) -> R<()>>::new(move |span| {
                with_active(|h, host| Err(h.out_of_steps(host, u(span))))
            })),
        ),
        (
            names::THE_EXCEPTION,
            func(Closure::<dyn Fn() -> R<i32>>::new(move || {
                with_active(|h, host| h.the_exception(host)).map(|p| p as i32)
            })),
        ),
        (
            names::MATH1,
            func(Closure::<dyn Fn(i32, f64) -> R<f64>>::new(move |op, x| {
                with_active(|h, _| Ok(h.math1(u(op), x)))
            })),
        ),
        (
            names::MATH2,
            func(Closure::<dyn Fn(i32, f64, f64) -> R<f64>>::new(move |op, x, y| {
                with_active(|h, _| Ok(h.math2(u(op), x, y)))
            })),
        ),
        (
            names::GLOBAL_GET,
            func(Closure::<dyn Fn(i32) -> R<i32>>::new(move |g| {
                with_active(|h, host| h.global_get(host, u(g))).map(|p| p as i32)
            })),
        ),
        (
            names::GLOBAL_SET,
            func(Closure::<dyn Fn(i32, i32) -> R<()>>::new(move |g, v| {
                with_active(|h, host| h.global_set(host, u(g), u(v)))
            })),
        ),
        (
            names::COMPILE_SLOT,
            func(Closure::<dyn Fn(i32) -> R<()>>::new(move |slot| {
                with_active(|h, host| h.compile_slot(host, u(slot)))
            })),
        ),
    ]
}
