//! What a run is asked to do: which engine, which limits, which dumps.

/// Which engine runs CodeInstances.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum EngineKind {
    /// Compile each CodeInstance to a wasm module and run it on the host's engine.
    Wasm,
    /// The reference interpreter over the optimized IR (the oracle of differential tests).
    Interp,
}

/// Forces the inliner's decision (tests prove results do not depend on the heuristic).
#[derive(Clone, Copy, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize)]
pub enum Inlining {
    Heuristic,
    Always,
    Never,
}

impl From<Inlining> for opt::InlineMode {
    fn from(inlining: Inlining) -> opt::InlineMode {
        match inlining {
            Inlining::Heuristic => opt::InlineMode::Heuristic,
            Inlining::Always => opt::InlineMode::Always,
            Inlining::Never => opt::InlineMode::Never,
        }
    }
}

/// A stage whose text form a run can dump, for every CodeInstance it ran.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Dump {
    Lowered,
    Typed,
    Optimized,
    Passes,
    Wat,
    /// Per call site of the program's own code: why a call was not inlined, why one is
    /// dynamic (`invokelab run --remarks`).
    Remarks,
    /// What each definition invalidated, as trees (SnoopCompile's `invalidation_trees`): one
    /// section for the run, not one per CodeInstance.
    Invalidations,
    /// A `precompile(Tuple{...})` statement per MethodInstance of the prelude that ran (Julia's
    /// `--trace-compile`, for the prelude's own methods and types only): the workload that
    /// prelude/precompile.jl is made from (scripts/precompile-list).
    Precompile,
}

#[derive(Clone, Debug)]
pub struct Options {
    pub engine: EngineKind,
    pub inlining: Inlining,
    /// Steps (activations that call, loop entries and iterations, as `ir::steps` counts them)
    /// before the step-limit error; 0 means no limit (generated code then carries no step
    /// counters). Both engines charge the same steps; `Options::default_step_budget` is each
    /// engine's default.
    pub step_budget: i64,
    /// The heap limit (`--heap-limit`): bytes the heap may grow to; `OutOfMemoryError` when
    /// the live set does not fit.
    pub max_heap_bytes: u32,
    /// Collect at every allocation (`--gc-stress`), from the program's first statement on (the
    /// prelude loads normally): how rooting bugs are found.
    pub gc_stress: bool,
    /// The most frames the calls in progress may take (`ir::steps`, "Frames"), on both
    /// engines; the call that would pass it raises `StackOverflowError`.
    pub max_depth: u32,
    pub dump: Option<Dump>,
    /// Only dump CodeInstances of functions with this name.
    pub dump_only: Option<String>,
    /// Keep every emitted module's bytes in the output (`--emit-wasm`).
    pub keep_modules: bool,
    /// Where the program's standard output goes while it runs (see `OutputSink`); without
    /// one, it is collected in `RunOutput::stdout`.
    pub stdout: OutputSink,
    /// Keep the IR after each optimizer pass of the program's CodeInstances (`Session::passes`),
    /// as the playground's pipeline view needs; Base's are made again when one is inspected
    /// (`compile::passes_of`). `--dump passes` keeps them for every CodeInstance.
    pub keep_passes: bool,
    /// Print what the program's standard output shows in colour as Julia does on a terminal
    /// (`@code_warntype`'s types); otherwise as Julia prints to a file.
    pub color: bool,
    /// Start from a copy of the session the first run of this process loaded the prelude into
    /// (stored once, as the playground stores its snapshot) instead of loading it again: what
    /// a process that runs many programs wants (tests, the fuzzer, benchmarks). The CLI, which
    /// runs one program, and the playground, which keeps its own snapshot, turn it off.
    pub reuse_prelude: bool,
}

impl Options {
    /// The step budget a run gets unless told otherwise: what stops a runaway program within a
    /// few seconds on that engine. Compiled code spends 10^9 steps in about a second; the
    /// reference interpreter is ~100x slower, so it gets 10^7 (with the same `--steps`, both
    /// engines stop at the same statement).
    pub fn default_step_budget(engine: EngineKind) -> i64 {
        match engine {
            EngineKind::Wasm => 1_000_000_000,
            EngineKind::Interp => 10_000_000,
        }
    }
}

impl Default for Options {
    fn default() -> Self {
        Options {
            engine: EngineKind::Wasm,
            inlining: Inlining::Heuristic,
            step_budget: Options::default_step_budget(EngineKind::Wasm),
            max_heap_bytes: 512 << 20,
            gc_stress: false,
            max_depth: 100_000,
            dump: None,
            dump_only: None,
            keep_modules: false,
            keep_passes: false,
            color: false,
            stdout: OutputSink::default(),
            reuse_prelude: true,
        }
    }
}

/// A writer the program's output streams to as it runs, as Julia's `stdout` does: the session
/// holds at most `OutputSink::BUFFER` bytes, and hands over every complete line at once (the
/// CLI passes a line-buffered terminal or a pipe). Nothing waits for the end of the run, so a
/// program that prints forever uses bounded memory.
#[derive(Clone, Default)]
pub struct OutputSink(pub Option<std::sync::Arc<std::sync::Mutex<dyn std::io::Write + Send>>>);

impl OutputSink {
    /// Bytes the session buffers before writing to the sink even without a newline.
    pub const BUFFER: usize = 8 << 10;

    pub fn new(w: impl std::io::Write + Send + 'static) -> OutputSink {
        OutputSink(Some(std::sync::Arc::new(std::sync::Mutex::new(w))))
    }

    /// Writes `text` to the sink; false when there is no sink (the text stays buffered).
    pub fn write(&self, text: &str) -> bool {
        let Some(sink) = &self.0 else { return false };
        if let Ok(mut w) = sink.lock() {
            // A closed pipe loses the output, as it does for Julia; the run goes on.
            let _ = w.write_all(text.as_bytes()).and_then(|()| w.flush());
        }
        true
    }
}

impl std::fmt::Debug for OutputSink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() { "OutputSink(..)" } else { "OutputSink(none)" })
    }
}

/// A module emitted during the run, named after its method.
#[derive(Clone, Debug)]
pub struct EmittedModule {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Everything a run produced. Output printed before an error is kept.
#[derive(Clone, Debug, Default)]
pub struct RunOutput {
    pub stdout: String,
    /// Warnings and the error report (`ERROR: ...`), as Julia prints them to stderr.
    pub stderr: String,
    pub success: bool,
    /// An internal failure of invokelab (a bug, not the program's error) that ended the run:
    /// the report in `stderr` says so too.
    pub internal_error: Option<String>,
    /// The requested `Dump`, one section per CodeInstance.
    pub dump: String,
    pub modules: Vec<EmittedModule>,
    /// Time spent per stage.
    pub stats: crate::session::Stats,
}
