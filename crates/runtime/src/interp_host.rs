//! The host of the reference interpreter: a plain byte vector for the heap and no modules. The
//! interpreter runs every CodeInstance's optimized IR itself, so nothing here knows wasm.

use crate::host::{Host, HostError, InstanceId, Trap};
use crate::session::Session;

pub struct InterpHost {
    session: Session,
    memory: Vec<u8>,
}

/// The heap starts at one wasm page, like the wasm engines' memory.
const INITIAL_HEAP: usize = 64 << 10;

impl InterpHost {
    pub fn new(session: Session) -> InterpHost {
        InterpHost { session, memory: vec![0; INITIAL_HEAP] }
    }
}

impl Host for InterpHost {
    fn session(&mut self) -> &mut Session {
        &mut self.session
    }

    fn heap(&mut self) -> (&mut [u8], &mut Session) {
        (&mut self.memory, &mut self.session)
    }

    fn grow_heap(&mut self, min_bytes: usize) -> Result<(), HostError> {
        if min_bytes > self.session.options.max_heap_bytes as usize {
            return Err(HostError::OutOfMemory);
        }
        let target = min_bytes.max(self.memory.len() * 2).min(self.session.options.max_heap_bytes as usize);
        self.memory.resize(target, 0);
        Ok(())
    }

    fn load_module(&mut self, _bytes: &[u8]) -> Result<InstanceId, HostError> {
        Err(HostError::InvalidModule("the reference interpreter runs no modules".into()))
    }

    fn ensure_table_len(&mut self, _len: u32) -> Result<(), HostError> {
        Ok(())
    }

    fn set_slot(&mut self, _slot: u32, _instance: InstanceId) -> Result<(), HostError> {
        Err(HostError::InvalidModule("the reference interpreter runs no modules".into()))
    }

    fn set_generic_slot(&mut self, _slot: u32, _instance: InstanceId) -> Result<(), HostError> {
        Err(HostError::InvalidModule("the reference interpreter runs no modules".into()))
    }

    fn call_generic(&mut self, _instance: InstanceId, _args: u32, _nargs: u32) -> Result<u32, Trap> {
        Err(Trap::Engine("the reference interpreter runs no modules".into()))
    }

    fn compiled_modules(&self) -> usize {
        0
    }

    fn now_ns(&self) -> u64 {
        monotonic_ns()
    }
}

/// Nanoseconds since the first call, from `std::time::Instant` (native hosts only).
#[cfg(not(target_arch = "wasm32"))]
pub fn monotonic_ns() -> u64 {
    static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    START.get_or_init(std::time::Instant::now).elapsed().as_nanos() as u64
}

/// The wasm32 build has no clock of its own: the browser host supplies `now_ns`.
#[cfg(target_arch = "wasm32")]
pub fn monotonic_ns() -> u64 {
    0
}

/// Runs a program on the reference interpreter.
pub fn run_interpreted(options: crate::Options, file_name: &str, source: &str) -> crate::RunOutput {
    let file_name = file_name.to_string();
    let source = source.to_string();
    on_big_stack(move || {
        let mut host = InterpHost::new(Session::new(options));
        crate::toplevel::run_program(&mut host, &file_name, &source)
    })
}

/// Native stack for a run: the interpreter's frames, and host frames between wasm frames,
/// need far more than a default thread's 2–8 MiB before `Options::max_depth` turns deep
/// recursion into `StackOverflowError`. Only touched pages are used.
#[cfg(not(target_arch = "wasm32"))]
pub const RUN_STACK_BYTES: usize = 4 << 30;

/// Runs `f` on a thread with `RUN_STACK_BYTES` of stack (where threads exist; the browser
/// build runs it in place).
pub fn on_big_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    #[cfg(not(target_arch = "wasm32"))]
    {
        let spawned = std::thread::Builder::new().stack_size(RUN_STACK_BYTES).spawn(f);
        match spawned {
            Ok(handle) => match handle.join() {
                Ok(v) => v,
                Err(panic) => std::panic::resume_unwind(panic),
            },
            Err(e) => panic!("cannot start the run's thread: {e}"),
        }
    }
    #[cfg(target_arch = "wasm32")]
    {
        f()
    }
}
