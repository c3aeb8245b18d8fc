//! The playground's worker side: a live session that answers the page's `protocol::Request`s.
//! It runs programs (in a fresh session, or again in the live one so that dropped
//! CodeInstances get cured), describes the CodeInstance cache, shows one CodeInstance's IR
//! before and after the optimizer, after each pass, and its module's wat, and drops native
//! code on request.
//!
//! With an `OutputStream` (`Playground::with_output`), a run's standard output goes to the page
//! in `Response::Output` messages while it runs, and its report carries none of it.
//!
//! Each fresh session is a copy of one taken after loading the prelude (`runtime::Snapshot`),
//! so a run pays for its program only.
//!
//! It is generic over the `Host`, so the same code runs in the browser's worker (`host-web`,
//! see `bin/worker.rs`) and natively in tests (`host-wasmtime`).

mod report;
mod stream;

use protocol::{CiId, Request, Response, RunReport, Settings};
use runtime::host::Host;
use runtime::session::Session;

pub use report::{cache_rows, diagnostics, inspect, utf16_offset};
pub use stream::{Clock, OutputStream, Post, INTERVAL_MS};

/// A playground on wasmtime's host (natively: the tests, the snapshot the build ships, the
/// latency example), with heap limit `max_heap_bytes`.
#[cfg(not(target_arch = "wasm32"))]
pub fn native(max_heap_bytes: u32) -> Playground<host_wasmtime::WasmtimeHost> {
    Playground::new(
        Box::new(|session| {
            host_wasmtime::WasmtimeHost::new(session, host_wasmtime::Limits::default())
                .map(|h| h.with_import_handler(std::rc::Rc::new(runtime::SessionImports)))
                .map_err(|e| format!("{e:?}"))
        }),
        max_heap_bytes,
    )
}

/// The name the program's file has in error reports (`@ main.jl:3`).
pub const FILE_NAME: &str = "main.jl";

/// Makes the host for a fresh session.
pub type NewHost<H> = Box<dyn Fn(Session) -> Result<H, String>>;

pub struct Playground<H: Host> {
    new_host: NewHost<H>,
    live: Option<Live<H>>,
    /// The largest heap a run may use (the browser host has a fixed arena).
    max_heap_bytes: u32,
    /// Where runs stream their standard output (`None`: it is all in the report).
    output: Option<OutputStream>,
    /// The session after loading the prelude, taken by `prepare` (or else at the first fresh
    /// run): every fresh run starts from a copy instead of loading the prelude again.
    snapshot: Option<runtime::Snapshot>,
    /// The session a fresh run replaced, dropped by `release` (after the run's report has gone
    /// out: dropping a session's world and modules takes the browser's worker ~10 ms) or by
    /// the next run.
    retired: Option<Live<H>>,
    /// The heap base Base's modules in the snapshot are made for (`Host::heap_base`); `None`:
    /// that of the host the snapshot is taken in.
    modules_heap_base: Option<u32>,
}

/// The session of the last run, kept for `Inspect`, `DropNative` and warm runs.
struct Live<H> {
    host: H,
    source: String,
    settings: Settings,
}

impl<H: Host> Playground<H> {
    pub fn new(new_host: NewHost<H>, max_heap_bytes: u32) -> Playground<H> {
        Playground {
            new_host,
            live: None,
            max_heap_bytes,
            output: None,
            snapshot: None,
            retired: None,
            modules_heap_base: None,
        }
    }

    /// Makes the snapshot's modules (`prepare`) for hosts whose heap starts at `heap_base` in
    /// their modules' memory: the build makes the browser worker's snapshot natively, for
    /// the worker's heap (`host_web::ARENA_BASE`).
    pub fn with_modules_for_heap_base(mut self, heap_base: u32) -> Playground<H> {
        self.modules_heap_base = Some(heap_base);
        self
    }

    /// The heap base the snapshot's modules were made for, if it has any (`prepare`).
    pub fn snapshot_modules_heap_base(&self) -> Option<u32> {
        self.snapshot.as_ref().and_then(runtime::Snapshot::modules_heap_base)
    }

    /// Streams every run's standard output to `output` while it runs.
    pub fn with_output(mut self, output: OutputStream) -> Playground<H> {
        self.output = Some(output);
        self
    }

    pub fn handle(&mut self, request: Request) -> Response {
        match request {
            Request::Run { source, settings, keep_session } => match self.run(source, settings, keep_session)
            {
                Ok(report) => Response::Ran(report),
                Err(message) => Response::Failed(message),
            },
            Request::Inspect { ci } => match self.live_session(ci) {
                Ok(host) => Response::Inspected(inspect(host.session(), ci)),
                Err(message) => Response::Failed(message),
            },
            Request::DropNative { ci } => match self.drop_native(ci) {
                Ok(rows) => Response::Cache(rows),
                Err(message) => Response::Failed(message),
            },
        }
    }

    /// Loads the prelude and takes the snapshot fresh runs start from, with Base's precompiled
    /// code optimized and its modules made (`Snapshot::take_optimized`), if not yet taken: the worker does it as it
    /// starts, while the page is still loading (or the build does it, `bin/snapshot.rs`), so
    /// that the first run pays for its program only.
    pub fn prepare(&mut self) -> Result<(), String> {
        if self.snapshot.is_none() {
            // The options that shape the snapshot's heap (its size) are the playground's own,
            // not a run's settings (`Snapshot::session`).
            let mut host = (self.new_host)(Session::new(self.options(&Settings::default())))?;
            let heap_base = self.modules_heap_base.unwrap_or_else(|| host.heap_base());
            self.snapshot = Some(runtime::Snapshot::take_optimized(&mut host, heap_base)?);
        }
        Ok(())
    }

    /// Starts from a snapshot stored by `snapshot_bytes` (the one the build ships) instead of
    /// loading the prelude; an error (bytes of another build) leaves the playground as it was,
    /// and it loads the prelude when first needed. Ignored once a snapshot is taken.
    pub fn prepare_from(&mut self, bytes: &[u8]) -> Result<(), String> {
        if self.snapshot.is_none() {
            self.snapshot = Some(runtime::Snapshot::from_bytes(bytes)?);
        }
        Ok(())
    }

    /// The snapshot fresh runs start from (taken now if not yet), stored for `prepare_from`.
    pub fn snapshot_bytes(&mut self) -> Result<Vec<u8>, String> {
        self.prepare()?;
        self.snapshot.as_ref().expect("taken above").to_bytes()
    }

    /// A host with a fresh session that has loaded the prelude: a copy of the snapshot (taken
    /// the first time, in a host of its own, so that every run starts alike).
    fn fresh_host(&mut self, settings: &Settings) -> Result<H, String> {
        self.prepare()?;
        let options = self.options(settings);
        let snapshot = self.snapshot.as_ref().expect("taken above");
        let mut host = (self.new_host)(snapshot.session(options))?;
        snapshot.restore(&mut host)?;
        Ok(host)
    }

    /// The live host, if `ci` is one of its CodeInstances.
    fn live_session(&mut self, ci: CiId) -> Result<&mut H, String> {
        let live = self.live.as_mut().ok_or("no program has run yet")?;
        let known = live.host.session().world.get_code_instance(types::CodeInstanceId(ci)).is_some();
        if known {
            Ok(&mut live.host)
        } else {
            Err(format!("no CodeInstance {ci} in this session"))
        }
    }

    fn drop_native(&mut self, ci: CiId) -> Result<Vec<protocol::CacheRow>, String> {
        let host = self.live_session(ci)?;
        if runtime::drop_native_code(host, types::CodeInstanceId(ci)).is_err() {
            return Err("drop_native_code! failed".into());
        }
        Ok(cache_rows(host.session()))
    }

    /// Runs `source`. With `keep_session`, and the same source and settings as the live
    /// session's, it runs again in that session keeping its definitions (see
    /// `Session::keep_definitions`); otherwise in a fresh one.
    pub fn run(
        &mut self,
        source: String,
        settings: Settings,
        keep_session: bool,
    ) -> Result<RunReport, String> {
        let warm =
            keep_session && self.live.as_ref().is_some_and(|l| l.source == source && l.settings == settings);
        // The replaced session's host is not used again, but dropped only after this run: a
        // browser host shares its heap with every other (host-web's arena), which the new one
        // zeroes as it starts, so neither touches the other's memory.
        self.retired = None;
        let mut live = match self.live.take() {
            Some(mut live) if warm => {
                let session = live.host.session();
                session.keep_definitions = true;
                session.diagnostics.clear();
                session.last_result = None;
                session.stats = Default::default();
                live
            }
            replaced => {
                self.retired = replaced;
                Live { host: self.fresh_host(&settings)?, source, settings }
            }
        };
        let t0 = live.host.now_ns();
        let (mut stdout, stderr, success) = if warm {
            let ok = runtime::run_file(&mut live.host, FILE_NAME, &live.source, "Main");
            let session = live.host.session();
            (std::mem::take(&mut session.stdout), std::mem::take(&mut session.stderr), ok)
        } else {
            let out = runtime::run_program(&mut live.host, FILE_NAME, &live.source);
            (out.stdout, out.stderr, out.success)
        };
        if let Some(output) = &self.output {
            // What the session still holds (a warm run's unfinished last line) goes out last,
            // before the report: the page shows stdout, then the result and stderr.
            if !stdout.is_empty() {
                output.write(&std::mem::take(&mut stdout));
            }
            output.finish();
        }
        let total_ns = live.host.now_ns() - t0;
        let compiled = live.host.compiled_modules();
        let session = live.host.session();
        let report = RunReport {
            stdout,
            stderr,
            success,
            result: session.last_result.clone(),
            diagnostics: diagnostics(session),
            timings: report::timings(&session.stats, total_ns, compiled),
            cache: cache_rows(session),
            ran: session.ran.iter().map(|ci| ci.0).collect(),
            retire_worker: false,
            invalidations: report::invalidations(session),
        };
        self.live = Some(live);
        Ok(report)
    }

    /// The live session's host (for hosts that report more, like `host-web`'s poisoning).
    pub fn live_host(&mut self) -> Option<&mut H> {
        self.live.as_mut().map(|l| &mut l.host)
    }

    /// Forgets the live session.
    pub fn reset(&mut self) {
        self.live = None;
        self.retired = None;
    }

    /// Drops the session the last fresh run replaced (the worker calls this once the run's
    /// report is posted).
    pub fn release(&mut self) {
        self.retired = None;
    }

    fn options(&self, settings: &Settings) -> runtime::Options {
        runtime::Options {
            inlining: match settings.inlining {
                protocol::Inlining::Heuristic => runtime::Inlining::Heuristic,
                protocol::Inlining::Always => runtime::Inlining::Always,
                protocol::Inlining::Never => runtime::Inlining::Never,
            },
            step_budget: settings.step_budget.max(0),
            max_heap_bytes: self.max_heap_bytes,
            keep_passes: true,
            stdout: self.output.as_ref().map(OutputStream::sink).unwrap_or_default(),
            // The playground keeps its own snapshot (`prepare`).
            reuse_prelude: false,
            ..runtime::Options::default()
        }
    }
}
