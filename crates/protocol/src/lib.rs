//! The messages between the playground's page (the Yew UI) and its Web Worker (the compiler
//! and the browser host). Both sides encode them with `serde-wasm-bindgen`; this crate only
//! defines the shapes, so the page's bundle does not carry the compiler.
//!
//! Offsets into the program (`Diagnostic::from`/`to`) are UTF-16 code units, as the editor
//! (CodeMirror) counts; the worker converts from the compiler's byte offsets.

use serde::{Deserialize, Serialize};

/// A CodeInstance of the worker's live session, by index into its world.
pub type CiId = u32;

/// Page -> worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Request {
    /// Run a program in a fresh session (the previous one is dropped), or in the live session
    /// when `keep_session` is set and the source is unchanged (so a CodeInstance whose native
    /// code was dropped gets cured by the run).
    Run { source: String, settings: Settings, keep_session: bool },
    /// The IR and module of one CodeInstance of the live session.
    Inspect { ci: CiId },
    /// `drop_native_code!` on one CodeInstance of the live session.
    DropNative { ci: CiId },
}

/// How a run compiles and what it may use.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// `heuristic`, `always` or `never`.
    pub inlining: Inlining,
    /// Steps before the step-limit error (0: no limit).
    pub step_budget: i64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { inlining: Inlining::Heuristic, step_budget: 200_000_000 }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Inlining {
    Heuristic,
    Always,
    Never,
}

/// Worker -> page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Response {
    /// The worker has loaded and can take requests.
    Ready,
    /// The next piece of the running program's standard output, sent while the `Run` request
    /// is being served (any number of them, in order, before its `Ran`). It answers no request.
    Output(OutputChunk),
    Ran(RunReport),
    Inspected(Inspection),
    /// The cache after a `DropNative`.
    Cache(Vec<CacheRow>),
    /// A request the worker could not serve (no live session, unknown CodeInstance, an
    /// internal error): the message to show.
    Failed(String),
}

/// Standard output streamed while a program runs (README, "The playground").
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutputChunk {
    /// Bytes of output dropped just before `text`: the program printed more than
    /// `OUTPUT_CAP` bytes between two messages, and only the last `OUTPUT_CAP` are sent.
    pub skipped: u64,
    pub text: String,
}

/// The most standard output the page shows (the last `OUTPUT_CAP` bytes, with a note of how
/// much came before), and the most the worker holds between two `Output` messages; a program
/// that prints forever uses bounded memory on both sides.
pub const OUTPUT_CAP: usize = 1 << 20;

/// Drops the front of `text` so that at most `cap` bytes remain, cutting after a newline when
/// one is near the cut (so the kept text starts with a whole line), else at a character
/// boundary. Returns the number of bytes dropped.
pub fn keep_tail(text: &mut String, cap: usize) -> u64 {
    if text.len() <= cap {
        return 0;
    }
    let mut cut = text.len() - cap;
    while !text.is_char_boundary(cut) {
        cut += 1;
    }
    let near = (cut + 1024).min(text.len());
    if let Some(newline) = text.as_bytes()[cut..near].iter().position(|&b| b == b'\n') {
        cut += newline + 1;
    }
    text.drain(..cut);
    cut as u64
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RunReport {
    /// The standard output not already sent in `Response::Output` messages: empty when the
    /// worker streamed the run, all of it when it did not (the playground's native tests).
    pub stdout: String,
    /// Warnings and the error report, as Julia prints them to stderr.
    pub stderr: String,
    pub success: bool,
    /// The value of the last top-level expression, as the REPL shows it (`None` for
    /// `nothing` or after an error).
    pub result: Option<String>,
    pub diagnostics: Vec<Diagnostic>,
    pub timings: Timings,
    /// Every CodeInstance of the session, grouped by owner (native first), in the order they
    /// were created within a group.
    pub cache: Vec<CacheRow>,
    /// The CodeInstances that ran, in the order they first ran (the IR picker's list).
    pub ran: Vec<CiId>,
    /// The run ended in a way that may leave the worker's memory inconsistent (a stack
    /// overflow unwinds through the compiler's own frames in the browser): the page should
    /// start a fresh worker.
    pub retire_worker: bool,
    /// What each definition of the session invalidated, oldest first (`--dump invalidations`).
    #[serde(default)]
    pub invalidations: Vec<InvalidationTree>,
}

/// One definition's invalidations, as SnoopCompile's `invalidation_trees` shows them: the new
/// method (or redefined constant), then per root (a MethodInstance whose backedges it hit, a
/// lookup whose method-table edge fired, or the binding) the tree of CodeInstances capped.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvalidationTree {
    /// `inserting` or `redefining`.
    pub action: String,
    /// `f(x::Int64) @ Main main.jl:5`, or `const Main.K`.
    pub definition: String,
    /// The method with the identical signature it replaced, if any.
    pub replaced: Option<String>,
    /// The world the definition made; the CodeInstances below are capped at the one before.
    pub world: u64,
    pub roots: Vec<InvalidationRoot>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvalidationRoot {
    /// `backedges`, `mt_backedges` or `binding`.
    pub kind: String,
    /// `MethodInstance for f(::Int64)`, the signature looked up, or `Main.K`.
    pub label: String,
    /// `superseding f(x::Real) @ Main main.jl:1 with MethodInstance for f(::Int64)`.
    pub summary: String,
    /// The capped CodeInstances in preorder: a node, then its subtree (`depth` says where).
    pub nodes: Vec<InvalidatedCi>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvalidatedCi {
    pub ci: CiId,
    /// `MethodInstance for g(::Int64)`.
    pub method_instance: String,
    /// `nothing` for the native compiler, else the owner as Julia shows it.
    pub owner: String,
    /// 0 directly under the root.
    pub depth: u32,
    /// How many nodes its subtree has below it.
    pub children: u32,
    pub min_world: u64,
    /// The world it was capped at.
    pub max_world: u64,
    /// Directly under a `backedges` root: the call whose backedge was hit (`f(::Int64)`).
    pub edge: Option<String>,
}

/// A message on a span of the program.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// UTF-16 offsets into the source.
    pub from: u32,
    pub to: u32,
    /// 1-based line and column of `from`.
    pub line: u32,
    pub column: u32,
    pub severity: Severity,
    pub message: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Severity {
    Error,
    Warning,
}

/// Milliseconds per stage; `run` is the rest of the wall time.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Timings {
    pub parse: f64,
    pub lower: f64,
    pub infer: f64,
    pub optimize: f64,
    pub codegen: f64,
    pub instantiate: f64,
    pub run: f64,
    pub total: f64,
    /// Modules compiled by the engine (the rest came from the content-hash cache).
    pub modules_compiled: u32,
}

/// One CodeInstance of the cache table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CacheRow {
    pub ci: CiId,
    /// `mysin(::Float64)`.
    pub method_instance: String,
    /// `nothing` for the native compiler, else the owner as Julia shows it.
    pub owner: String,
    pub min_world: u64,
    /// `None` for `typemax(UInt)` (valid in every later world).
    pub max_world: Option<u64>,
    pub rettype: String,
    /// Whether a compiled module is in its call-table slot now.
    pub native: bool,
    /// Bytes of its module, if one was emitted.
    pub module_size: Option<u32>,
    /// Whether it ran in this session.
    pub ran: bool,
    /// Whether code that ran had it inlined (it ran without a call of its own).
    pub ran_inlined: bool,
    /// Its method's place in definition order (later definitions are larger).
    pub defined: u32,
    /// Whether its native code was dropped and it has not been cured yet.
    pub dropped: bool,
    /// Whether it belongs to the prelude (Base) rather than the user's program.
    pub prelude: bool,
}

/// Everything the IR, pipeline and wat panes show for one CodeInstance.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inspection {
    pub ci: CiId,
    pub title: String,
    /// Typed IR before the optimizer (`@code_typed optimize=false`).
    pub before: IrText,
    /// After it (`@code_typed`).
    pub after: IrText,
    pub passes: Vec<PassView>,
    /// The module's wat text, or why there is none.
    pub wat: String,
    /// `@code_warntype` of its MethodInstance, its types marked with ANSI colours as Julia
    /// marks them on a terminal (cyan, yellow for a small union, light red for the rest).
    pub warntype: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PassView {
    pub name: String,
    pub changed: bool,
    /// The IR after this pass.
    pub ir: IrText,
}

/// IR as a pane shows it: Julia's text, and per line of it what the line is about.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IrText {
    pub text: String,
    /// One per line of `text`.
    pub lines: Vec<IrLine>,
}

/// What one printed line of IR is about; empty for a line that prints no statement.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IrLine {
    /// Where the statement is, outermost frame first: the CodeInstance's own method at the
    /// statement's line (or the call it was inlined from), then each callee inlined into it,
    /// down to the one whose code it is (Julia's debuginfo).
    pub frames: Vec<SourceFrame>,
    /// What the call on this line runs, for descending into it.
    pub call: Option<CallLink>,
    /// Why the call was not inlined, is dynamic, returns `Any`, or what became of an
    /// `invoke(f, ci, ...)`.
    pub remark: Option<String>,
}

/// One frame of a statement's position.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceFrame {
    /// The function (`top-level scope` for the program's top level).
    pub function: String,
    pub file: String,
    /// 1-based.
    pub line: u32,
    /// The span in the user's program (UTF-16 offsets), when the frame is in it (not Base).
    pub span: Option<SourceRange>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceRange {
    pub from: u32,
    pub to: u32,
}

/// What a call runs, as far as the compiler knows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CallLink {
    /// A direct `invoke`, an `invoke(f, ci, ...)`, or a call inference resolved to one
    /// CodeInstance (of its owner, in its world).
    CodeInstance(CiId),
    /// A dynamic call: the methods that may match, most specific first.
    Methods(Vec<MethodLink>),
}

/// A method a dynamic call may reach, and its CodeInstances in the session.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MethodLink {
    /// As `methods(f)` shows it: `area(s::Square) @ Main file.jl:4`.
    pub method: String,
    pub cis: Vec<CiId>,
}

#[cfg(test)]
mod tests {
    use super::keep_tail;

    #[test]
    fn keep_tail_keeps_whole_lines_and_characters() {
        let mut text = "one\ntwo\nthree\n".to_string();
        assert_eq!(keep_tail(&mut text, 100), 0);
        // The cut falls inside "two": it moves past that line's newline.
        assert_eq!(keep_tail(&mut text, 9), 8);
        assert_eq!(text, "three\n");
        // No newline near the cut: the cut moves to the next character boundary.
        let mut text = "ααα".to_string();
        assert_eq!(keep_tail(&mut text, 3), 4);
        assert_eq!(text, "α");
    }
}
