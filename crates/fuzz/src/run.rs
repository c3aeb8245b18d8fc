//! The runner: one program in every configuration (as the file tests do, tests/harness.rs:
//! wasm with each inlining mode, wasm under GC stress, the interpreter),
//! each on its own thread (all at once) under a wall-clock time box and `catch_unwind`, every emitted module
//! validated with wasmparser, and the outputs compared. It knows the runtime only through the
//! entry points the file tests use (`runtime::Options`, `host_wasmtime::run`).

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use runtime::{EngineKind, Inlining, Options, RunOutput};

/// One way to run a program.
#[derive(Clone, Copy, Debug)]
pub struct Config {
    pub label: &'static str,
    pub engine: EngineKind,
    pub inlining: Inlining,
    /// Collect at every allocation (`Options::gc_stress`).
    pub gc_stress: bool,
    /// A step budget of its own for a program instead of `Limits::step_budget`.
    pub step_budget: Option<fn(&str) -> i64>,
}

/// The budget of the configurations that run a program until the budget runs out: small
/// (generated programs take tens to hundreds of steps) and different for each program, so
/// that programs stop at every kind of statement. Both engines must stop at the same one
/// (`ir::steps`).
pub fn small_step_budget(source: &str) -> i64 {
    let hash = source
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
    10 + (hash % 300) as i64
}

/// The configurations every program runs in, in two groups each compared with its last
/// configuration, the reference interpreter: the inlining modes and GC stress, then both
/// engines under `small_step_budget`.
pub fn configurations() -> Vec<Config> {
    let config =
        |label, engine, inlining, gc_stress| Config { label, engine, inlining, gc_stress, step_budget: None };
    let small_budget = |label, engine| Config {
        step_budget: Some(small_step_budget as fn(&str) -> i64),
        ..config(label, engine, Inlining::Heuristic, false)
    };
    vec![
        config("wasm", EngineKind::Wasm, Inlining::Heuristic, false),
        config("wasm, inlining always", EngineKind::Wasm, Inlining::Always, false),
        config("wasm, inlining never", EngineKind::Wasm, Inlining::Never, false),
        config("wasm, gc stress", EngineKind::Wasm, Inlining::Heuristic, true),
        config("interp", EngineKind::Interp, Inlining::Heuristic, false),
        small_budget("wasm, small step budget", EngineKind::Wasm),
        small_budget("interp, small step budget", EngineKind::Interp),
    ]
}

impl Config {
    /// Whether this configuration ends a comparison group (see `configurations`).
    fn is_reference(&self) -> bool {
        self.engine == EngineKind::Interp
    }
}

/// What bounds one run.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub step_budget: i64,
    pub max_heap_bytes: u32,
    /// Wall-clock time for one configuration's run; past it the run counts as a hang.
    pub time_box: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits { step_budget: 2_000_000, max_heap_bytes: 64 << 20, time_box: Duration::from_secs(20) }
    }
}

fn options(config: Config, limits: Limits, source: &str) -> Options {
    Options {
        engine: config.engine,
        inlining: config.inlining,
        gc_stress: config.gc_stress,
        step_budget: config.step_budget.map_or(limits.step_budget, |budget| budget(source)),
        max_heap_bytes: limits.max_heap_bytes,
        keep_modules: config.engine == EngineKind::Wasm,
        ..Options::default()
    }
}

/// How one configuration's run ended.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    Finished {
        stdout: String,
        stderr: String,
        success: bool,
        /// Each module that failed validation: its name and wasmparser's error.
        invalid_modules: Vec<(String, String)>,
        /// The runtime's report of its own failure (`RunOutput::internal_error`): no program
        /// may cause one.
        internal_error: Option<String>,
    },
    Panicked(String),
    TimedOut,
}

impl Outcome {
    /// What a user sees: stdout, then stderr (its stack traces cut to the top-level frame,
    /// which every engine and inlining mode must agree on), then whether it succeeded.
    fn observable(&self) -> Option<(&str, String, bool)> {
        match self {
            Outcome::Finished { stdout, stderr, success, .. } => {
                Some((stdout, runtime::top_level_frames_only(stderr), *success))
            }
            _ => None,
        }
    }

    pub fn stderr(&self) -> &str {
        match self {
            Outcome::Finished { stderr, .. } => stderr,
            _ => "",
        }
    }
}

/// Panics recorded by the hook `capture_panics` installs, as (message, place): a caught
/// panic's payload has the message but not the place, which is what tells two bugs apart.
static PANICS: Mutex<Vec<(String, String)>> = Mutex::new(Vec::new());

/// Replaces the panic hook with one that records each panic for the runner instead of printing
/// it: a campaign catches panics by the hundred.
pub fn capture_panics() {
    std::panic::set_hook(Box::new(|info| {
        let message = payload_text(info.payload());
        let place = info.location().map(|l| format!("{}:{}", l.file(), l.line())).unwrap_or_default();
        if let Ok(mut panics) = PANICS.lock() {
            panics.push((message, place));
        }
    }));
}

/// The message of a caught panic, with its place when the hook recorded it.
fn panic_report(message: String) -> String {
    let Ok(mut panics) = PANICS.lock() else { return message };
    match panics.iter().position(|(m, _)| *m == message) {
        Some(i) => {
            let (message, place) = panics.swap_remove(i);
            format!("{message} at {place}")
        }
        None => message,
    }
}

fn payload_text(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        s.to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "a panic with a non-string payload".to_string()
    }
}

type Pending = mpsc::Receiver<Result<RunOutput, String>>;

/// Starts `source` in one configuration on a thread of its own.
fn start(config: Config, limits: Limits, source: &str) -> Result<Pending, Outcome> {
    let (send, receive) = mpsc::channel();
    let options = options(config, limits, source);
    let source = source.to_string();
    let spawned = std::thread::Builder::new().name(format!("fuzz {}", config.label)).spawn(move || {
        // The runtime's state does not outlive the run, so a panic cannot leave it half-updated
        // for anyone to observe.
        let result = catch_unwind(AssertUnwindSafe(|| host_wasmtime::run(options, "fuzz.jl", &source)));
        let _ = send.send(result.map_err(|payload| payload_text(payload.as_ref())));
    });
    match spawned {
        Ok(_) => Ok(receive),
        Err(e) => Err(Outcome::Panicked(format!("cannot start a thread for the run: {e}"))),
    }
}

/// Waits for a started run until `deadline`. A run past it is left running (a thread cannot be
/// stopped from outside; the step budget ends it eventually).
fn wait(pending: Result<Pending, Outcome>, deadline: Instant) -> Outcome {
    let receive = match pending {
        Ok(receive) => receive,
        Err(outcome) => return outcome,
    };
    match receive.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
        Ok(Ok(output)) => finished(output),
        Ok(Err(message)) => Outcome::Panicked(panic_report(message)),
        Err(_) => Outcome::TimedOut,
    }
}

/// Runs `source` in one configuration under the time box.
pub fn run_config(config: Config, limits: Limits, source: &str) -> Outcome {
    wait(start(config, limits, source), Instant::now() + limits.time_box)
}

fn finished(output: RunOutput) -> Outcome {
    let invalid_modules = output
        .modules
        .iter()
        .filter_map(|module| {
            wasmparser::Validator::new()
                .validate_all(&module.bytes)
                .err()
                .map(|e| (module.name.clone(), e.to_string()))
        })
        .collect();
    Outcome::Finished {
        stdout: output.stdout,
        stderr: output.stderr,
        success: output.success,
        invalid_modules,
        internal_error: output.internal_error,
    }
}

/// A way a program failed the differential test.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Failure {
    Panic {
        config: &'static str,
        message: String,
    },
    InvalidModule {
        config: &'static str,
        module: String,
        error: String,
    },
    Hang {
        config: &'static str,
    },
    /// An error report that only a bug in the compiler or runtime can cause, in these
    /// configurations.
    InternalError {
        configs: Vec<&'static str>,
        line: String,
    },
    /// These configurations print something else than the reference interpreter.
    Difference {
        configs: Vec<&'static str>,
    },
}

impl Failure {
    /// What stays the same while the minimizer shrinks the program, and what tells two bugs
    /// apart in a campaign's summary: the kind, the configurations, and for a panic its place.
    pub fn signature(&self) -> String {
        match self {
            Failure::Panic { config, message } => {
                let place = message.rsplit_once(" at ").map(|(_, p)| p).unwrap_or(message);
                format!("panic [{config}] {place}")
            }
            Failure::InvalidModule { config, .. } => format!("invalid module [{config}]"),
            Failure::Hang { config } => format!("hang [{config}]"),
            Failure::InternalError { configs, line } => {
                // The report's first two parts ("optimizer failed: invalid IR after pass `dce`"),
                // without what depends on the program (value and instruction numbers).
                let line = line.strip_prefix("ERROR: ").unwrap_or(line);
                let head: String = line.split(':').take(2).collect::<Vec<_>>().join(":");
                format!("internal error [{}] {head}", configs.join("; "))
            }
            Failure::Difference { configs } => format!("difference [{}] vs interp", configs.join("; ")),
        }
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Panic { config, message } => write!(f, "panic [{config}]: {message}"),
            Failure::InvalidModule { config, module, error } => {
                write!(f, "invalid module [{config}]: the module of `{module}`: {error}")
            }
            Failure::Hang { config } => write!(f, "hang [{config}]: no result within the time box"),
            Failure::InternalError { configs, line } => {
                write!(f, "internal error [{}]: {line}", configs.join("; "))
            }
            Failure::Difference { configs } => {
                write!(f, "difference: [{}] differ from interp", configs.join("; "))
            }
        }
    }
}

/// Every configuration's outcome for one program, and what they add up to.
#[derive(Clone, Debug)]
pub struct Report {
    pub outcomes: Vec<(Config, Outcome)>,
    pub failures: Vec<Failure>,
    /// In some group a run ran out of memory or overflowed the stack: where that happens
    /// depends on the engine by design (README, known deviations), so that group's outputs
    /// were not compared.
    pub inconclusive: bool,
}

impl Report {
    /// Whether the reference run under `small_step_budget` ran out of steps.
    pub fn stopped_by_small_budget(&self) -> bool {
        self.outcomes.iter().any(|(c, o)| {
            c.is_reference() && c.step_budget.is_some() && o.stderr().contains(INLINING_DEPENDENT)
        })
    }

    /// The error the reference run ended with (`MethodError`, ...), if it failed.
    pub fn error_kind(&self) -> Option<String> {
        let (_, reference) = self.outcomes.iter().find(|(c, _)| c.is_reference())?;
        match reference {
            Outcome::Finished { stderr, success: false, .. } => {
                let line = stderr.lines().find(|l| l.starts_with("ERROR: "))?;
                let rest = &line["ERROR: ".len()..];
                Some(rest.split([':', '(']).next().unwrap_or(rest).to_string())
            }
            _ => None,
        }
    }
}

/// Errors whose place depends on the engine (README, "Status and known deviations"): a group
/// in which a run ends in one is not compared.
const ENGINE_DEPENDENT: &[&str] = &["OutOfMemoryError", "StackOverflowError"];

/// The step-limit error comes at the same statement on both engines, but inlining changes the
/// calls a run makes, so how far it gets: a group in which a run ends in it compares only the
/// configurations that inline as the reference does.
const INLINING_DEPENDENT: &str = "StepLimitError";

/// The configurations of one group (its reference last) that print something else than the
/// reference; `None` when the group cannot be compared (`ENGINE_DEPENDENT`).
fn compare_group(group: &[&(Config, Outcome)]) -> Option<Vec<&'static str>> {
    let (reference_config, reference) = group.last()?;
    let ends_in = |error: &str| group.iter().any(|(_, o)| o.stderr().contains(error));
    if ENGINE_DEPENDENT.iter().any(|e| ends_in(e)) {
        return None;
    }
    let same_inlining_only = ends_in(INLINING_DEPENDENT);
    let reference = reference.observable()?;
    Some(
        group
            .iter()
            .filter(|(c, _)| !same_inlining_only || c.inlining == reference_config.inlining)
            .filter(|(_, o)| o.observable().is_some_and(|o| o != reference))
            .map(|(c, _)| c.label)
            .collect(),
    )
}

/// Runs `source` in every configuration and compares.
pub fn check(source: &str, limits: Limits) -> Report {
    // The configurations run at the same time, each on its own thread.
    let deadline = Instant::now() + limits.time_box;
    let pending: Vec<_> =
        configurations().into_iter().map(|config| (config, start(config, limits, source))).collect();
    let outcomes: Vec<(Config, Outcome)> =
        pending.into_iter().map(|(config, run)| (config, wait(run, deadline))).collect();
    let mut failures = Vec::new();
    let mut internal: Vec<(String, Vec<&'static str>)> = Vec::new();
    for (config, outcome) in &outcomes {
        match outcome {
            Outcome::Panicked(message) => {
                failures.push(Failure::Panic { config: config.label, message: message.clone() })
            }
            Outcome::TimedOut => failures.push(Failure::Hang { config: config.label }),
            Outcome::Finished { invalid_modules, internal_error, .. } => {
                for (module, error) in invalid_modules {
                    failures.push(Failure::InvalidModule {
                        config: config.label,
                        module: module.clone(),
                        error: error.clone(),
                    });
                }
                if let Some(line) = internal_error {
                    match internal.iter_mut().find(|(l, _)| l == line) {
                        Some((_, configs)) => configs.push(config.label),
                        None => internal.push((line.clone(), vec![config.label])),
                    }
                }
            }
        }
    }
    for (line, configs) in internal {
        failures.push(Failure::InternalError { configs, line });
    }
    let mut inconclusive = false;
    let mut differing: Vec<&'static str> = Vec::new();
    let mut group: Vec<&(Config, Outcome)> = Vec::new();
    for entry in &outcomes {
        group.push(entry);
        if !entry.0.is_reference() {
            continue;
        }
        match compare_group(&group) {
            Some(labels) => differing.extend(labels),
            None => inconclusive = true,
        }
        group.clear();
    }
    if !differing.is_empty() {
        failures.push(Failure::Difference { configs: differing });
    }
    Report { outcomes, failures, inconclusive }
}
