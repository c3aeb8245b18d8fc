//! `Host` on wasmtime: one engine per process, a store holding the runtime's `Session`, the
//! shared memory and call table, a module cache by content hash, and the imports of
//! `codegen::abi::imports` wired to the runtime's `ImportHandler`. The only crate that knows
//! wasmtime; it knows nothing of the language (the handler does).

mod imports;
mod state;

use std::rc::Rc;

use runtime::host::{Host, HostError, InstanceId, Trap};
use runtime::imports::ImportHandler;
use runtime::session::Session;
use wasmtime::{AsContextMut, Caller, Store};

pub use state::{Limits, State, TrapError};

/// The wasmtime host. Create one per program run.
pub struct WasmtimeHost {
    store: Store<State>,
}

impl WasmtimeHost {
    pub fn new(session: Session, limits: Limits) -> Result<WasmtimeHost, HostError> {
        Ok(WasmtimeHost { store: state::new_store(session, limits)? })
    }

    /// Sets the runtime object the imports call (builder style).
    pub fn with_import_handler(mut self, handler: Rc<dyn ImportHandler>) -> WasmtimeHost {
        self.set_import_handler(handler);
        self
    }

    pub fn set_import_handler(&mut self, handler: Rc<dyn ImportHandler>) {
        self.store.data_mut().handler = Some(handler);
    }

    pub fn into_session(self) -> Session {
        self.store.into_data().session
    }
}

/// Runs a program with generated code on wasmtime (the CLI's and the file tests' entry).
pub fn run(options: runtime::Options, file_name: &str, source: &str) -> runtime::RunOutput {
    if options.engine == runtime::EngineKind::Interp {
        return runtime::run_interpreted(options, file_name, source);
    }
    let file_name = file_name.to_string();
    let source = source.to_string();
    runtime::on_big_stack(move || run_here(options, &file_name, &source))
}

/// A host for a new session with `options`, its imports answered by the runtime. Programs run
/// in it with `runtime::run_program` on a thread with a large stack (`runtime::on_big_stack`:
/// host frames sit between wasm frames); later ones see what earlier ones defined.
pub fn start(options: runtime::Options) -> Result<WasmtimeHost, HostError> {
    // The depth limit (`Options::max_depth`), not the engine's stack, is what stops deep
    // recursion: wasm may use half of the run's stack, far more than that many frames need.
    let limits = Limits {
        max_memory_bytes: u64::from(options.max_heap_bytes),
        max_wasm_stack: runtime::RUN_STACK_BYTES / 2,
    };
    let host = WasmtimeHost::new(Session::new(options), limits)?;
    Ok(host.with_import_handler(Rc::new(runtime::SessionImports)))
}

/// `run` on the calling thread (whose stack must be large: host frames sit between wasm frames).
fn run_here(options: runtime::Options, file_name: &str, source: &str) -> runtime::RunOutput {
    match start(options) {
        Ok(mut host) => runtime::run_program(&mut host, file_name, source),
        Err(e) => {
            let message = format!("could not start wasmtime: {e:?}");
            runtime::RunOutput {
                stderr: format!("ERROR: invokelab internal error: {message}\n"),
                internal_error: Some(message),
                ..Default::default()
            }
        }
    }
}

/// `Host` for code running inside an import: the same state, reached through the caller.
pub(crate) struct CallerHost<'a, 'b> {
    pub caller: &'a mut Caller<'b, State>,
}

/// The same `Host` implementation for the store and for a caller (both are store contexts).
macro_rules! impl_host {
    ($ty:ty, $field:ident) => {
        impl Host for $ty {
            fn session(&mut self) -> &mut Session {
                &mut self.$field.data_mut().session
            }

            fn heap(&mut self) -> (&mut [u8], &mut Session) {
                let memory = self.$field.data().memory();
                let (bytes, state) = memory.data_and_store_mut(self.$field.as_context_mut());
                (bytes, &mut state.session)
            }

            fn grow_heap(&mut self, min_bytes: usize) -> Result<(), HostError> {
                state::grow_heap(self.$field.as_context_mut(), min_bytes)
            }

            fn load_module(&mut self, bytes: &[u8]) -> Result<InstanceId, HostError> {
                state::load_module(self.$field.as_context_mut(), bytes)
            }

            fn ensure_table_len(&mut self, len: u32) -> Result<(), HostError> {
                state::ensure_table_len(self.$field.as_context_mut(), len)
            }

            fn set_slot(&mut self, slot: u32, instance: InstanceId) -> Result<(), HostError> {
                state::set_slot(self.$field.as_context_mut(), slot, instance)
            }

            fn set_generic_slot(&mut self, slot: u32, instance: InstanceId) -> Result<(), HostError> {
                state::set_generic_slot(self.$field.as_context_mut(), slot, instance)
            }

            fn call_generic(&mut self, instance: InstanceId, args: u32, nargs: u32) -> Result<u32, Trap> {
                state::call_generic(self.$field.as_context_mut(), instance, args, nargs)
            }

            fn compiled_modules(&self) -> usize {
                self.$field.data().compiled
            }

            fn now_ns(&self) -> u64 {
                runtime::monotonic_ns()
            }
        }
    };
}

impl_host!(WasmtimeHost, store);
impl_host!(CallerHost<'_, '_>, caller);
