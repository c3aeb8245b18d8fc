//! Starting a session: the heap's fixed cells, the builtins and well-known types bound under
//! their names, and the prelude (Base written in the language: base.jl, then compiler.jl)
//! loaded into module `Base`.

use ir::Builtin;
use types::{CodeInstanceId, ConstValue, Ty};

use crate::code::{CodegenKey, PreludeModules};
use crate::host::Host;
use crate::options::{EngineKind, Options};
use crate::prelude::{PRECOMPILE, PRELUDE};
use crate::raise::with_heap;
use crate::session::Session;

/// The names of the well-known types, bound in `Core` (Base and Main see them).
const TYPE_NAMES: &[(&str, Ty)] = &[
    ("Any", Ty::ANY),
    ("Number", Ty::NUMBER),
    ("Real", Ty::REAL),
    ("Integer", Ty::INTEGER),
    ("Signed", Ty::SIGNED),
    ("Unsigned", Ty::UNSIGNED),
    ("AbstractFloat", Ty::ABSTRACT_FLOAT),
    ("Int64", Ty::INT64),
    ("Int", Ty::INT64),
    ("UInt64", Ty::UINT64),
    ("UInt", Ty::UINT64),
    ("Float64", Ty::FLOAT64),
    ("Int8", Ty::INT8),
    ("Int16", Ty::INT16),
    ("Int32", Ty::INT32),
    ("UInt8", Ty::UINT8),
    ("UInt16", Ty::UINT16),
    ("UInt32", Ty::UINT32),
    ("Float32", Ty::FLOAT32),
    ("Int128", Ty::INT128),
    ("UInt128", Ty::UINT128),
    ("Bool", Ty::BOOL),
    ("Nothing", Ty::NOTHING),
    ("String", Ty::STRING),
    ("Symbol", Ty::SYMBOL),
    ("Function", Ty::FUNCTION),
    ("Type", Ty::TYPE),
    ("DataType", Ty::DATATYPE),
    ("Union", Ty::UNION),
    ("UnionAll", Ty::UNIONALL),
    ("Tuple", Ty::TUPLE),
    ("Vector", Ty::VECTOR),
    ("UnitRange", Ty::UNIT_RANGE),
    ("StepRange", Ty::STEP_RANGE),
    ("Exception", Ty::EXCEPTION),
    ("ErrorException", Ty::ERROR_EXCEPTION),
    ("MethodError", Ty::METHOD_ERROR),
    ("DivideError", Ty::DIVIDE_ERROR),
    ("InexactError", Ty::INEXACT_ERROR),
    ("BoundsError", Ty::BOUNDS_ERROR),
    ("TypeError", Ty::TYPE_ERROR),
    ("UndefVarError", Ty::UNDEF_VAR_ERROR),
    ("StackOverflowError", Ty::STACK_OVERFLOW_ERROR),
    ("OutOfMemoryError", Ty::OUT_OF_MEMORY_ERROR),
    ("DomainError", Ty::DOMAIN_ERROR),
    ("ArgumentError", Ty::ARGUMENT_ERROR),
    ("OverflowError", Ty::OVERFLOW_ERROR),
    ("FieldError", Ty::FIELD_ERROR),
    ("UndefRefError", Ty::UNDEF_REF_ERROR),
    ("Method", Ty::METHOD),
    ("MethodInstance", Ty::METHOD_INSTANCE),
    ("CodeInstance", Ty::CODE_INSTANCE),
    ("MethodTable", Ty::METHOD_TABLE),
    ("Module", Ty::MODULE),
    ("IntrinsicFunction", Ty::INTRINSIC_FUNCTION),
    ("Builtin", Ty::BUILTIN),
    ("Box", Ty::BOX),
    ("AbstractChar", Ty::ABSTRACT_CHAR),
    ("Char", Ty::CHAR),
    ("AbstractString", Ty::ABSTRACT_STRING),
    ("NamedTuple", Ty::NAMED_TUPLE),
    ("AbstractArray", Ty::ABSTRACT_ARRAY),
    ("AbstractVector", Ty::ABSTRACT_VECTOR),
    ("AbstractRange", Ty::ABSTRACT_RANGE),
];

/// Prepares the session once: returns the error report if the prelude fails (a bug).
pub fn bootstrap(host: &mut dyn Host) -> Result<(), String> {
    if host.session().bootstrapped {
        return Ok(());
    }
    if !host.session().options.reuse_prelude {
        return load_prelude(host);
    }
    let options = &host.session().options;
    let key = (options.engine, options.max_heap_bytes);
    let stored = STORED_PRELUDES
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, b)| b.clone());
    if let Some(bytes) = stored {
        let options = std::mem::take(&mut host.session().options);
        return Snapshot::from_bytes(&bytes)?.install(host, options);
    }
    load_prelude(host)?;
    let bytes: std::sync::Arc<[u8]> = Snapshot::capture(host).to_bytes()?.into();
    STORED_PRELUDES.lock().unwrap_or_else(|e| e.into_inner()).push((key, bytes));
    Ok(())
}

/// The sessions this process loaded the prelude into, stored (`Options::reuse_prelude`), by
/// what shapes them: the engine's host and the heap's size.
static STORED_PRELUDES: std::sync::Mutex<Vec<(PreludeKey, std::sync::Arc<[u8]>)>> =
    std::sync::Mutex::new(Vec::new());

/// What shapes a session that loaded the prelude: the engine's host and the heap's size.
type PreludeKey = (crate::options::EngineKind, u32);

/// Loads the prelude into the session of `host` (see `bootstrap`).
fn load_prelude(host: &mut dyn Host) -> Result<(), String> {
    let session = host.session();
    session.bootstrapped = true;
    session.builtins = crate::reflect::builtin_table();
    with_heap(host, |cx| {
        cx.init()?;
        // The errors raised when memory or stack run out are singletons: intern them now, while
        // there is room, so reporting them never needs to allocate.
        cx.singleton(Ty::OUT_OF_MEMORY_ERROR)?;
        cx.singleton(Ty::STACK_OVERFLOW_ERROR)?;
        Ok(())
    })
    .map_err(|_| "ERROR: invokelab: could not initialize the heap\n".to_string())?;
    let session = host.session();
    for &b in Builtin::all() {
        let def = b.def();
        session.world.define_builtin(def.module, def.name, ConstValue::Builtin(b.id()));
    }
    for &(name, ty) in TYPE_NAMES {
        session.world.define_builtin("Core", name, ConstValue::Type(ty));
    }
    session.world.define_builtin("Core", "nothing", ConstValue::nothing());
    session.world.define_builtin("Base", "Inf", ConstValue::float(f64::INFINITY));
    session.world.define_builtin("Base", "NaN", ConstValue::float(f64::NAN));
    for &ty in STRUCT_TYPES {
        add_default_constructor(&mut session.world, ty);
    }
    // The prelude's own steps are not the program's: it loads under an unlimited budget (code
    // compiled meanwhile still counts steps when the program has a budget: only 0 turns the
    // counters off).
    let budget = session.options.step_budget;
    if budget > 0 {
        session.options.step_budget = i64::MAX;
    }
    // Loading compiles nothing (a host test checks): a top-level call of a generic function
    // would compile it, so the prelude's constants are made with `Core._new` and builtins.
    let loaded = PRELUDE.iter().all(|&(name, text)| crate::toplevel::run_file(host, name, text, "Base"));
    // Then Base's common code is inferred ahead, as Julia's system image holds it compiled (a
    // builtin call per signature, so loading still compiles nothing).
    host.session().prelude_types = host.session().world.types.def_count();
    let loaded = loaded && crate::toplevel::run_file(host, PRECOMPILE.0, PRECOMPILE.1, "Base");
    let session = host.session();
    session.options.step_budget = budget;
    if !loaded {
        let report = std::mem::take(&mut session.stderr);
        return Err(format!("invokelab: the prelude failed to load (a bug):\n{report}"));
    }
    session.prelude_code_instances = session.world.code_instance_count();
    session.prelude_inlining = Some(session.options.inlining);
    // What the prelude ran while loading is not the program's: keep it out of `--dump`, and
    // what Base's definitions invalidated out of the invalidation trees.
    session.clear_ran();
    session.world.clear_invalidation_log();
    if let Some(ConstValue::Singleton(convert)) =
        session.world.resolve_const(&ir::GlobalRef::new("Base", "convert")).cloned()
    {
        session.objects.register_function("convert", convert);
    }
    // base/show.jl prints an instance that Base names with a type alias by that name
    // (`ComplexF64`, not `Complex{Float64}`).
    for alias in TYPE_ALIASES {
        if let Some(ConstValue::Type(t)) =
            session.world.resolve_const(&ir::GlobalRef::new("Base", alias)).cloned()
        {
            session.world.types.set_alias(t, alias);
        }
    }
    Ok(())
}

/// A session just after `bootstrap` and the bytes of its memory, to start each run of a
/// long-lived process (the playground's worker) without loading the prelude again: loading
/// parses and lowers every prelude file (most of a small program's run), and compiles nothing
/// (a host test checks), so a session and its memory are all of its state.
///
/// A snapshot can also be stored (`to_bytes`) and read back in another process
/// (`from_bytes`): the playground's build writes one and its worker starts from it instead of
/// loading the prelude (README, "The playground").
#[derive(Clone, serde::Serialize, serde::Deserialize)]
pub struct Snapshot {
    session: Session,
    /// Stored without its pages of zeros (the stacks' regions, the heap's free space).
    #[serde(with = "sparse_pages")]
    memory: Vec<u8>,
    /// The memory's length as the heap has taken it in.
    heap_end: usize,
    /// The heap limit the session was made with (its options are not stored).
    max_heap_bytes: u32,
}

/// What a stored snapshot must have been made from to be read back: the prelude's text and
/// the layout of the stored types (`SNAPSHOT_FORMAT`, raised when a stored type changes). A
/// 64-bit FNV-1a of their bytes, the same on every target (the native build writes what the
/// wasm worker reads).
fn snapshot_fingerprint() -> u64 {
    static FINGERPRINT: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
    *FINGERPRINT.get_or_init(fingerprint_of_build)
}

fn fingerprint_of_build() -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut add = |bytes: &[u8]| {
        for &b in bytes.iter().chain(&[0xff]) {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    };
    add(&SNAPSHOT_FORMAT.to_le_bytes());
    add(env!("CARGO_PKG_VERSION").as_bytes());
    for (name, text) in PRELUDE.iter().chain([&PRECOMPILE]) {
        add(name.as_bytes());
        add(text.as_bytes());
    }
    hash
}

/// A memory image stored as its length and the pages that are not all zeros.
mod sparse_pages {
    const PAGE: usize = 4096;

    pub fn serialize<S: serde::Serializer>(memory: &[u8], s: S) -> Result<S::Ok, S::Error> {
        let pages: Vec<(u32, &[u8])> = memory
            .chunks(PAGE)
            .enumerate()
            .filter(|(_, page)| page.iter().any(|&b| b != 0))
            .map(|(i, page)| (i as u32, page))
            .collect();
        serde::Serialize::serialize(&(memory.len() as u64, pages), s)
    }

    pub fn deserialize<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        let (len, pages): (u64, Vec<(u32, Vec<u8>)>) = serde::Deserialize::deserialize(d)?;
        let mut memory = vec![0; len as usize];
        for (i, page) in pages {
            let start = i as usize * PAGE;
            let Some(slot) = memory.get_mut(start..start + page.len()) else {
                return Err(serde::de::Error::custom("a stored page lies outside the memory"));
            };
            slot.copy_from_slice(&page);
        }
        Ok(memory)
    }
}

/// The version of a stored snapshot's layout.
const SNAPSHOT_FORMAT: u32 = 4;

impl Snapshot {
    /// Bootstraps the session of `host` (if it is not yet) and records it.
    pub fn take(host: &mut dyn Host) -> Result<Snapshot, String> {
        bootstrap(host)?;
        Ok(Snapshot::capture(host))
    }

    /// `take`, after optimizing Base's precompiled CodeInstances (those inferred ahead,
    /// `prelude/precompile.jl`) under the session's inlining mode and making their modules,
    /// as Julia's system image holds Base's native code: a run under that mode neither
    /// optimizes nor emits them again (the playground's "Julia you know" spent ~60 ms of its
    /// ~165 optimizing them, and ~25 ms emitting). The passes are not recorded (`passes_of`
    /// runs them again for a CodeInstance that is inspected). The modules are made for a host
    /// whose heap starts at `heap_base` in their memory (`Host::heap_base`; the browser's
    /// worker puts its heap at a fixed address, `host_web::ARENA_BASE`, so that a native
    /// build can make them); a session with another heap base, step counting or depth limit
    /// forgets them (`link_prelude_modules`).
    pub fn take_optimized(host: &mut dyn Host, heap_base: u32) -> Result<Snapshot, String> {
        bootstrap(host)?;
        let session = host.session();
        let keep_passes = std::mem::replace(&mut session.options.keep_passes, false);
        let dump = session.options.dump.take();
        let mut result = Ok(());
        for id in 0..session.prelude_code_instances {
            let ci = CodeInstanceId(id);
            let code = host.session().world.code_instance(ci);
            if code.is_native() && code.typed.is_some() && code.inferred.is_none() {
                result = crate::compile::optimize(host, ci);
                if result.is_err() {
                    break;
                }
            }
        }
        let session = host.session();
        session.options.keep_passes = keep_passes;
        session.options.dump = dump;
        if result.is_err() {
            let report = std::mem::take(&mut session.stderr);
            return Err(format!("invokelab: optimizing Base failed (a bug):\n{report}"));
        }
        if session.options.engine == EngineKind::Wasm {
            make_modules_ahead(host, heap_base)?;
        }
        let session = host.session();
        session.prelude_code_instances = session.world.code_instance_count();
        session.clear_ran();
        Ok(Snapshot::capture(host))
    }

    /// The session of `host` and its memory as they are now.
    fn capture(host: &mut dyn Host) -> Snapshot {
        let (memory, session) = host.heap();
        let max = session.objects.max_heap;
        let (used, heap_end) =
            session.objects.space.used_bytes(&crate::heap::RawMemory { mem: &mut *memory, max });
        let max_heap_bytes = session.options.max_heap_bytes;
        Snapshot { session: session.clone(), memory: memory[..used].to_vec(), heap_end, max_heap_bytes }
    }

    /// The snapshot as bytes for `from_bytes`, after a fingerprint of what made it.
    pub fn to_bytes(&self) -> Result<Vec<u8>, String> {
        postcard::to_allocvec(&(snapshot_fingerprint(), self))
            .map_err(|e| format!("invokelab: storing the snapshot: {e}"))
    }

    /// A snapshot stored by `to_bytes` of this same build (the same prelude and stored types);
    /// an error otherwise, after which the caller loads the prelude instead.
    pub fn from_bytes(bytes: &[u8]) -> Result<Snapshot, String> {
        let (fingerprint, rest): (u64, &[u8]) =
            postcard::take_from_bytes(bytes).map_err(|e| format!("invokelab: not a snapshot: {e}"))?;
        if fingerprint != snapshot_fingerprint() {
            return Err("invokelab: the snapshot was made by another build".to_string());
        }
        let mut snapshot: Snapshot =
            postcard::from_bytes(rest).map_err(|e| format!("invokelab: reading the snapshot: {e}"))?;
        let session = &mut snapshot.session;
        session.builtins = crate::reflect::builtin_table();
        session.options.max_heap_bytes = snapshot.max_heap_bytes;
        Ok(snapshot)
    }

    /// A copy of the bootstrapped session, run with `options` (those of the snapshot's own
    /// session that shaped the heap, its size, stay). Give it to a new host, then `restore`
    /// the memory into that host.
    pub fn session(&self, options: Options) -> Session {
        with_run_options(self.session.clone(), options)
    }

    /// Gives `host` the snapshot's session, run with `options` (as `session`), and its memory;
    /// the snapshot is used up, so its session is moved, not copied.
    fn install(self, host: &mut dyn Host, options: Options) -> Result<(), String> {
        *host.session() = with_run_options(self.session, options);
        host.grow_heap(self.heap_end)
            .map_err(|e| format!("invokelab: could not restore the prelude's heap: {e:?}"))?;
        let (memory, _) = host.heap();
        memory[..self.memory.len()].copy_from_slice(&self.memory);
        link_prelude_modules(host)
    }

    /// Writes the snapshot's memory into `host`, whose session came from `session()`, and
    /// links Base's modules made ahead (`link_prelude_modules`).
    pub fn restore(&self, host: &mut dyn Host) -> Result<(), String> {
        host.grow_heap(self.heap_end)
            .map_err(|e| format!("invokelab: could not restore the prelude's heap: {e:?}"))?;
        let (memory, _) = host.heap();
        memory[..self.memory.len()].copy_from_slice(&self.memory);
        link_prelude_modules(host)
    }

    /// The heap base Base's modules in this snapshot were made for, if it has any.
    pub fn modules_heap_base(&self) -> Option<u32> {
        self.session.prelude_modules.as_ref().map(|m| m.made_for.heap_base)
    }
}

/// Emits the module of every native CodeInstance with optimized IR (Base's precompiled code;
/// not the prelude's top-level thunks, which have run) for a heap at `heap_base`, each in
/// the slot it takes now, and the trampolines of all the slots in one module.
fn make_modules_ahead(host: &mut dyn Host, heap_base: u32) -> Result<(), String> {
    let made_for = CodegenKey::of(host.session(), heap_base);
    for id in 0..host.session().world.code_instance_count() {
        let ci = CodeInstanceId(id);
        let session = host.session();
        let code = session.world.code_instance(ci);
        if !code.is_native() || code.inferred.is_none() || session.is_thunk(ci) {
            continue;
        }
        let slot = session.code.slot_of(ci);
        match crate::link::emit_at(host, ci, slot, heap_base) {
            Ok(bytes) => host.session().code.set_made_ahead(ci, bytes.into()),
            Err(_) => {
                let report = std::mem::take(&mut host.session().stderr);
                return Err(format!("invokelab: making Base's modules failed (a bug):\n{report}"));
            }
        }
    }
    let session = host.session();
    let slots = session.code.take_pending();
    let trampolines = prelude_trampolines(session, &slots, heap_base);
    session.prelude_modules = Some(PreludeModules { made_for, slots, trampolines });
    Ok(())
}

fn prelude_trampolines(
    session: &mut Session,
    slots: &[(CodeInstanceId, u32)],
    heap_base: u32,
) -> std::rc::Rc<[u8]> {
    let sigs: Vec<_> = slots.iter().map(|&(ci, slot)| (crate::link::signature(session, ci), slot)).collect();
    codegen::trampolines_at(&session.world.types, &sigs, heap_base).into()
}

/// Gives a host whose session started from a snapshot the trampolines of the snapshot's slots,
/// in one module, and keeps Base's modules made ahead if its codegen would make the same
/// bytes, forgetting them otherwise (they are then emitted as any other module when first
/// called). The reference interpreter runs no modules: it forgets them, and needs no
/// trampolines.
fn link_prelude_modules(host: &mut dyn Host) -> Result<(), String> {
    let heap_base = host.heap_base();
    let session = host.session();
    let Some(made) = session.prelude_modules.clone() else { return Ok(()) };
    if session.options.engine != EngineKind::Wasm {
        session.code.forget_made_ahead();
        return Ok(());
    }
    if made.made_for != CodegenKey::of(session, heap_base) {
        session.code.forget_made_ahead();
    }
    let trampolines = if made.made_for.heap_base == heap_base {
        made.trampolines
    } else {
        prelude_trampolines(session, &made.slots, heap_base)
    };
    let len = session.code.slot_count();
    let linked = host.ensure_table_len(len).and_then(|()| host.load_module(&trampolines));
    linked.map(|_| ()).map_err(|e| format!("invokelab: linking the prelude's slots failed (a bug): {e:?}"))
}

/// A snapshot's session for a run with `options`: those of its own that shaped the heap, its
/// size, stay; its statistics start again.
fn with_run_options(mut session: Session, options: Options) -> Session {
    if session.prelude_inlining.is_some_and(|mode| mode != options.inlining) {
        for id in 0..session.prelude_code_instances {
            let ci = CodeInstanceId(id);
            let code = session.world.code_instance(ci);
            if code.typed.is_some() && code.inferred.is_some() {
                session.world.clear_inferred(ci);
            }
        }
        // Their modules were made from that IR.
        session.code.forget_made_ahead();
        session.passes.clear();
        session.prelude_inlining = Some(options.inlining);
    }
    session.options = Options { max_heap_bytes: session.options.max_heap_bytes, ..options };
    session.stats = Default::default();
    session
}

/// Base's aliases of parametric instances, which Julia prints instead of the instance.
const TYPE_ALIASES: &[&str] = &["ComplexF64", "ComplexF32"];

/// The struct types the runtime defines whose default constructors the prelude and programs
/// call (`ErrorException("boom")`, `UnitRange{Int64}(1, 3)`).
const STRUCT_TYPES: &[Ty] = &[
    Ty::ERROR_EXCEPTION,
    Ty::METHOD_ERROR,
    Ty::DIVIDE_ERROR,
    Ty::INEXACT_ERROR,
    Ty::BOUNDS_ERROR,
    Ty::TYPE_ERROR,
    Ty::UNDEF_VAR_ERROR,
    Ty::STACK_OVERFLOW_ERROR,
    Ty::OUT_OF_MEMORY_ERROR,
    Ty::DOMAIN_ERROR,
    Ty::ARGUMENT_ERROR,
    Ty::OVERFLOW_ERROR,
    Ty::FIELD_ERROR,
    Ty::UNDEF_REF_ERROR,
    Ty::UNIT_RANGE_INT64,
    Ty::STEP_RANGE_INT64,
    Ty::BOX,
];

/// Adds `T(fields...) = %new(T, fields...)`, the default constructor Julia gives every struct,
/// as a hand-built body (these types are defined by the runtime, not by lowered source).
fn add_default_constructor(world: &mut world::World, ty: Ty) {
    let fields: Vec<types::Field> = world.types.fields(ty).to_vec();
    let mut names = vec![Some(std::rc::Rc::<str>::from("#self#"))];
    names.extend(fields.iter().map(|f| Some(f.name.clone())));
    let mut body = ir::Body::new(names);
    let entry = body.entry();
    let args = (1..=fields.len()).map(|i| ir::Operand::Value(body.arg(i))).collect();
    let new = ir::InstKind::New { ty: ir::Operand::Const(ConstValue::Type(ty)), args };
    let inst = body.push_inst(entry, new, ir::Span::default(), true);
    let result = body.result(inst);
    body.set_term(entry, ir::Terminator::Return(ir::Operand::Value(result)), ir::Span::default());
    let name = world.types.display(ty);
    let func_ty = world.types.type_type(ty);
    let body = std::rc::Rc::new(body);
    world.add_method(world::NewMethod {
        name: name.as_str().into(),
        module: "Core".into(),
        func_ty,
        arg_types: fields.iter().map(|f| f.ty).collect(),
        is_vararg: false,
        source: body.clone(),
        lowered: body,
        inline: None,
        table: types::MethodTableId(0),
        span: ir::Span::default(),
    });
}
