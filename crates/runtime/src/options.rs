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
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Inlining {
    Heuristic,
    Always,
    Never,
}

/// A stage whose text form a run can dump, for every CodeInstance it ran.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Dump {
    Lowered,
    Typed,
    Optimized,
    Passes,
    Wat,
}

#[derive(Clone, Debug)]
pub struct Options {
    pub engine: EngineKind,
    pub inlining: Inlining,
    /// Steps (calls and loop iterations, as `codegen::abi` counts them) before the step-limit
    /// error; 0 means no limit (generated code then carries no step counters).
    pub step_budget: i64,
    /// Bytes the heap may grow to before `OutOfMemoryError`.
    pub max_heap_bytes: u32,
    /// Calls deeper than this raise `StackOverflowError` (the interpreter; wasm engines also
    /// have their own stack limit).
    pub max_depth: u32,
    pub dump: Option<Dump>,
    /// Only dump CodeInstances of functions with this name.
    pub dump_only: Option<String>,
    /// Keep every emitted module's bytes in the output (`--emit-wasm`).
    pub keep_modules: bool,
    /// Keep the IR after each optimizer pass of every CodeInstance (`Session::passes`), as the
    /// playground's pipeline view needs (`--dump passes` keeps them too).
    pub keep_passes: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            engine: EngineKind::Wasm,
            inlining: Inlining::Heuristic,
            step_budget: 1_000_000_000,
            max_heap_bytes: 512 << 20,
            max_depth: 20_000,
            dump: None,
            dump_only: None,
            keep_modules: false,
            keep_passes: false,
        }
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
    /// The requested `Dump`, one section per CodeInstance.
    pub dump: String,
    pub modules: Vec<EmittedModule>,
    /// Time spent per stage.
    pub stats: crate::session::Stats,
}
