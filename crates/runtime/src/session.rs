//! The session: all runtime state of one program run. It lives inside the host (see `host`),
//! and every entry point reaches it through `Host::session()`.

use std::rc::Rc;

use rustc_hash::{FxHashMap, FxHashSet};
use types::CodeInstanceId;
use world::World;

use ir::RtValue;

use crate::code::{CodeTable, DispatchCache, OwnerId, Owners};
use crate::heap::Objects;
use crate::host::Host;
use crate::options::Options;

/// A source file the session has loaded: the prelude is file 0, the user's program file 1.
/// Stored in a snapshot by name alone when it is one of the prelude's files (the reader has
/// their text built in), and without its line index (rebuilt when read).
#[derive(serde::Serialize, serde::Deserialize, Clone)]
#[serde(from = "StoredFile", into = "StoredFile")]
pub struct SourceFile {
    pub name: String,
    pub text: Rc<str>,
    pub lines: syntax::LineIndex,
}

impl SourceFile {
    pub fn new(name: &str, text: &str) -> SourceFile {
        SourceFile { name: name.to_string(), text: text.into(), lines: syntax::LineIndex::new(text) }
    }
}

/// A `SourceFile` as a snapshot stores it: `text` is `None` for a prelude file whose text is
/// the built-in one.
#[derive(serde::Serialize, serde::Deserialize)]
struct StoredFile {
    name: String,
    text: Option<Rc<str>>,
}

impl From<SourceFile> for StoredFile {
    fn from(file: SourceFile) -> StoredFile {
        let builtin = crate::prelude::prelude_text(&file.name).is_some_and(|t| *t == *file.text);
        StoredFile { text: (!builtin).then_some(file.text), name: file.name }
    }
}

impl From<StoredFile> for SourceFile {
    fn from(stored: StoredFile) -> SourceFile {
        let text =
            stored.text.unwrap_or_else(|| crate::prelude::prelude_text(&stored.name).unwrap_or("").into());
        SourceFile { lines: syntax::LineIndex::new(&text), text, name: stored.name }
    }
}

/// A builtin that needs the session (reflection, `invoke`, world ages, splatting): it may
/// call functions and compile code.
pub type SessionBuiltin = fn(&mut dyn Host, &[RtValue]) -> Result<RtValue, ir::Thrown>;

/// How each builtin runs, by `BuiltinId`: on the heap alone (`builtins::call_builtin`) or by a
/// function of the session. The session's functions are installed at bootstrap
/// (`reflect::builtin_table`), as Julia fills each builtin's `fptr`; the call path only looks
/// them up.
#[derive(Clone)]
pub struct BuiltinTable {
    session: Vec<Option<SessionBuiltin>>,
}

impl BuiltinTable {
    /// Every builtin on the heap alone (before bootstrap installs the session's).
    pub fn heap_only() -> BuiltinTable {
        BuiltinTable { session: vec![None; ir::Builtin::all().len()] }
    }

    pub fn set(&mut self, b: ir::Builtin, f: SessionBuiltin) {
        self.session[b.id().0 as usize] = Some(f);
    }

    /// The session's function for `b`, or `None` when the heap runs it.
    pub fn session_fn(&self, b: ir::Builtin) -> Option<SessionBuiltin> {
        self.session.get(b.id().0 as usize).copied().flatten()
    }
}

/// A place in running code, as a stack trace shows it: a source span in the body of `ci`
/// (`None`: top-level code), inside the inlined calls `inlined` (innermost first: the inlined
/// callee and the span of its call), at a call that adds `frames` frames (0 for a place that is
/// not a call). Generated code and the interpreter name positions by their id
/// (`codegen::abi::CALL_SITES_ADDR`).
#[derive(serde::Serialize, serde::Deserialize, Clone, PartialEq, Eq, Hash, Debug, Default)]
pub struct Position {
    pub span: ir::Span,
    pub ci: Option<CodeInstanceId>,
    pub inlined: Rc<[(CodeInstanceId, ir::Span)]>,
    pub frames: u32,
}

/// An entry of the exception stack: the exception and where it was raised, innermost frame
/// first (position ids; Julia's `jl_excstack` keeps the backtrace with the exception too).
#[derive(serde::Serialize, serde::Deserialize, Clone, Debug)]
pub(crate) struct Raised {
    pub value: ir::RtValue,
    pub backtrace: Vec<u32>,
}

/// The IR after one pass of the optimizer, kept for `--dump passes` and the playground's pass
/// view (printed when asked: most are never looked at).
#[derive(serde::Serialize, serde::Deserialize, Clone, Debug)]
pub struct PassSnapshot {
    pub name: String,
    pub changed: bool,
    pub body: Option<Rc<ir::Body>>,
}

/// An error or warning the run reported, on the span it concerns (for the playground's
/// editor; the CLI prints `Session::stderr`).
#[derive(serde::Serialize, serde::Deserialize, Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub span: ir::Span,
    pub error: bool,
    /// The first line of the report (`ParseError: ...`, `MethodError: ...`).
    pub message: String,
}

/// Time spent in each stage, in nanoseconds (for the benchmarks and the UI's timings).
#[derive(serde::Serialize, serde::Deserialize, Clone, Copy, Debug, Default)]
pub struct Stats {
    pub parse_ns: u64,
    pub lower_ns: u64,
    pub infer_ns: u64,
    pub optimize_ns: u64,
    pub codegen_ns: u64,
    pub instantiate_ns: u64,
    /// Modules linked, and how many of them were made ahead of time (`CodeState::MadeAhead`).
    pub modules: u64,
    pub modules_made_ahead: u64,
}

/// What identifies a compiled thunk across runs of a session (the playground's warm runs):
/// the same text at the same place of a file of the same name, so its spans still say where
/// it is.
#[derive(serde::Serialize, serde::Deserialize, Clone, PartialEq, Eq, Hash, Debug)]
pub(crate) struct ThunkKey {
    pub module: Rc<str>,
    /// `file:line` of its start.
    pub location: String,
    pub start: u32,
    pub text: Rc<str>,
}

/// The runtime state of one run. Fields the hosts, the CLI and the playground read are public;
/// the rest is the runtime's own.
#[derive(serde::Serialize, serde::Deserialize, Clone)]
pub struct Session {
    #[serde(skip)]
    pub options: Options,
    pub world: World,
    pub(crate) objects: Objects,
    pub stdout: String,
    pub stderr: String,
    pub files: Vec<SourceFile>,
    /// Values of non-constant globals, as box addresses.
    pub(crate) globals: FxHashMap<(Rc<str>, Rc<str>), u32>,
    /// Non-constant globals that generated code reads or writes, by index (module, name).
    pub(crate) global_names: Vec<(Rc<str>, Rc<str>)>,
    /// The index of each name in `global_names`.
    pub(crate) global_indices: FxHashMap<(Rc<str>, Rc<str>), u32>,
    /// The world age of the running task (`Base.tls_world_age()`).
    pub(crate) task_world: u64,
    /// Every CodeInstance's slot, module and dropped state.
    pub code: CodeTable,
    /// The cache owners of running code, by small id.
    pub(crate) owners: Owners,
    /// Dynamic calls' cache: argument types → CodeInstance.
    pub dispatch_cache: DispatchCache,
    /// How each builtin is run (the heap's own, or a function of the session).
    /// Rebuilt, not stored, by a snapshot read back (`Snapshot::from_bytes`).
    #[serde(skip, default = "BuiltinTable::heap_only")]
    pub(crate) builtins: BuiltinTable,
    /// CodeInstances in the order they first ran (for dumps).
    pub ran: Vec<CodeInstanceId>,
    ran_set: FxHashSet<CodeInstanceId>,
    pub passes: FxHashMap<CodeInstanceId, Vec<PassSnapshot>>,
    /// CodeInstances being optimized right now (a cycle is optimized without inlining its members).
    pub(crate) optimizing: Vec<CodeInstanceId>,
    pub stats: Stats,
    pub(crate) bootstrapped: bool,
    /// The named types the prelude defined (`TypeStore::def_count` after it loaded): the
    /// types a `--dump precompile` statement may name.
    pub(crate) prelude_types: u32,
    /// The CodeInstances that existed when the prelude had loaded (Base's precompiled code,
    /// `prelude/precompile.jl`): those with a smaller id.
    pub(crate) prelude_code_instances: u32,
    /// The inlining mode of the optimized IR Base's CodeInstances got while the prelude loaded
    /// or ahead of time (`Snapshot::take_optimized`): a session run under another mode forgets
    /// that IR (`bootstrap::with_run_options`), since its own optimizer would make other IR.
    pub(crate) prelude_inlining: Option<crate::options::Inlining>,
    /// Base's modules made ahead of time (`Snapshot::take_optimized`): what they were made for,
    /// and the trampolines of the slots they took.
    pub(crate) prelude_modules: Option<crate::code::PreludeModules>,
    /// The expression of the running top-level statement that was reached last.
    pub(crate) toplevel_span: Option<ir::Span>,
    /// Source spans handed to generated code, by id (so a throw can say where it happened).
    /// Positions handed to generated code and written to the call-site stack, by id
    /// (`Session::position_id`): where a throw happened, and the stack trace's frames.
    pub(crate) positions: Vec<Position>,
    pub(crate) position_ids: FxHashMap<Position, u32>,
    /// The cache owner of the code making the current call (`nothing` at top level and in
    /// native code). Dynamic dispatch and the builtins that call functions dispatch within it,
    /// so code compiled for a plugin owner stays in that owner's partition (#58072). Set, and
    /// restored afterwards, at every entry from running code (`call_dynamic`, `call_builtin`, the
    /// interpreter's calls).
    pub(crate) caller_owner: OwnerId,
    /// The runtime's root stack: boxes Rust code holds across a possible collection
    /// (`raise::with_roots`).
    pub(crate) roots: Vec<u32>,
    /// The reference interpreter's running frames (their values are roots).
    #[serde(skip)]
    pub(crate) frames: Vec<ir::FrameRoots>,
    /// The task's exception stack (Julia's `jl_excstack`): the exceptions raised and not yet
    /// handled, innermost last. Its depth is the memory cell `abi::EXCEPTION_DEPTH_ADDR`,
    /// which handlers restore; entries past it are stale and dropped at the next raise
    /// (`raise::throw_value`). All of them are roots.
    pub(crate) exceptions: Vec<Raised>,
    /// Where the error being raised now happened, when the code that raises it knows (a
    /// throwing import's position); the rest of its stack trace is the call-site stack.
    pub(crate) raise_site: Option<u32>,
    /// The first internal failure of the run (`raise::internal_error`): a bug of invokelab.
    pub(crate) internal_error: Option<String>,
    pub diagnostics: Vec<Diagnostic>,
    /// `repr` of the last top-level statement's value when it was not `nothing` and the
    /// statement defined nothing (what a REPL would echo).
    pub last_result: Option<String>,
    /// The source text of every top-level statement that defined a method or a type.
    pub(crate) definitions: FxHashSet<Rc<str>>,
    /// The MethodInstances of the top-level thunks that compile (`toplevel`), kept across runs.
    pub(crate) thunks: FxHashMap<ThunkKey, types::MethodInstanceId>,
    /// Closure types named so far in each module (`lower::lower_file` numbers the next
    /// program's from here; Julia's `jl_module_next_counter` is per module too, so Base's
    /// closures do not shift the names of `Main`'s).
    pub(crate) closures: FxHashMap<Rc<str>, u32>,
    /// Re-running a file in this session skips the definitions it already evaluated (as Revise
    /// keeps unchanged code), so existing CodeInstances stay in use; the playground sets this
    /// to let a dropped CodeInstance be cured by the next run.
    pub keep_definitions: bool,
}

impl Session {
    /// The recursion-depth limit: `Options::max_depth`, within what the call-site stack holds.
    pub fn max_depth(&self) -> u32 {
        self.options.max_depth.min(codegen::abi::CALL_SITES_BYTES / 4)
    }

    /// Whether a handler may catch what unwinds now: not after an internal error, which must
    /// end the run.
    pub fn catchable(&self) -> bool {
        self.internal_error.is_none()
    }

    pub fn new(options: Options) -> Session {
        // The memory holds the shadow and call-site stacks before the heap: a limit below
        // them plus 1 MiB of heap is raised to that.
        let max_heap = (options.max_heap_bytes as usize).max(crate::gc::HEAP_BASE as usize + (1 << 20));
        Session {
            options,
            world: World::new(),
            objects: Objects::new(max_heap),
            stdout: String::new(),
            stderr: String::new(),
            files: Vec::new(),
            globals: FxHashMap::default(),
            global_names: Vec::new(),
            global_indices: FxHashMap::default(),
            task_world: 1,
            code: CodeTable::default(),
            owners: Owners::default(),
            dispatch_cache: DispatchCache::default(),
            builtins: BuiltinTable::heap_only(),
            ran: Vec::new(),
            ran_set: FxHashSet::default(),
            passes: FxHashMap::default(),
            optimizing: Vec::new(),
            stats: Stats::default(),
            bootstrapped: false,
            prelude_types: 0,
            prelude_code_instances: 0,
            prelude_inlining: None,
            prelude_modules: None,
            toplevel_span: None,
            positions: vec![Position::default()],
            position_ids: FxHashMap::default(),
            caller_owner: OwnerId::NATIVE,
            roots: Vec::new(),
            frames: Vec::new(),
            exceptions: Vec::new(),
            raise_site: None,
            internal_error: None,
            diagnostics: Vec::new(),
            last_result: None,
            definitions: FxHashSet::default(),
            thunks: FxHashMap::default(),
            closures: FxHashMap::default(),
            keep_definitions: false,
        }
    }

    /// Hands buffered standard output to the run's sink (`Options::stdout`): the complete
    /// lines, or everything once the buffer is full, or everything when `all`.
    pub(crate) fn flush_stdout(&mut self, all: bool) {
        if self.options.stdout.0.is_none() || self.stdout.is_empty() {
            return;
        }
        let end = if all || self.stdout.len() >= crate::options::OutputSink::BUFFER {
            self.stdout.len()
        } else {
            match self.stdout.rfind('\n') {
                Some(i) => i + 1,
                None => return,
            }
        };
        let rest = self.stdout.split_off(end);
        let text = std::mem::replace(&mut self.stdout, rest);
        self.options.stdout.write(&text);
    }

    /// Whether `ci` is a compiled top-level thunk's (`World::toplevel_method_instance`), which
    /// no cache pane or dump lists, as no cache of Julia's holds it.
    pub fn is_thunk(&self, ci: CodeInstanceId) -> bool {
        let world = &self.world;
        world
            .get_code_instance(ci)
            .is_some_and(|c| world.method(world.method_instance(c.def).method).toplevel)
    }

    /// Whether `ci` was made while the prelude loaded (precompiled), not by the program's run.
    pub fn made_by_prelude(&self, ci: CodeInstanceId) -> bool {
        ci.0 < self.prelude_code_instances
    }

    /// Whether `ci`'s method is Base's (defined by a prelude file, or by the runtime itself)
    /// rather than the program's.
    pub fn in_prelude(&self, ci: CodeInstanceId) -> bool {
        let world = &self.world;
        let method = world.method(world.method_instance(world.code_instance(ci).def).method);
        self.files.get(method.span.file as usize).is_none_or(|file| file.name.starts_with("prelude/"))
    }

    /// Whether `ci` ran in this session.
    pub fn has_run(&self, ci: CodeInstanceId) -> bool {
        self.ran_set.contains(&ci)
    }

    /// Forgets what ran so far (what the prelude ran while loading is not the program's).
    pub(crate) fn clear_ran(&mut self) {
        self.ran.clear();
        self.ran_set.clear();
    }

    /// Records that `ci` ran (once, in order, for dumps).
    pub(crate) fn note_ran(&mut self, ci: CodeInstanceId) {
        if self.ran_set.insert(ci) {
            self.ran.push(ci);
        }
    }

    /// A small id for a position (see `Position`).
    pub(crate) fn position_id(&mut self, position: Position) -> u32 {
        if let Some(&id) = self.position_ids.get(&position) {
            return id;
        }
        let id = self.positions.len() as u32;
        self.positions.push(position.clone());
        self.position_ids.insert(position, id);
        id
    }

    /// `file:line` of a span, for error reports and warnings.
    pub fn location(&self, span: ir::Span) -> String {
        match self.files.get(span.file as usize) {
            Some(file) => {
                let lc = file.lines.line_col(span.start);
                format!("{}:{}", file.name, lc.line)
            }
            None => "none:0".to_string(),
        }
    }
}
