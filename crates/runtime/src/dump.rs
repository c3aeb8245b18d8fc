//! Text forms of every stage for the CodeInstances a run used (`--dump`), the IR printer's view
//! of the session, and the emitted modules (`--emit-wasm`).

use ir::PrintContext;
use types::{CodeInstanceId, ConstValue, Ty};

use crate::heap::ObjectRef;
use crate::host::Host;
use crate::options::{Dump, EmittedModule};
use crate::session::{PassSnapshot, Session};

/// The IR printer's names for the session's types, functions and CodeInstances.
pub struct SessionPrint<'a> {
    pub session: &'a Session,
    /// Print constant lattice elements as `Core.Const(...)`, as Julia does for unoptimized
    /// typed code (optimized code shows widened types).
    pub show_consts: bool,
}

impl PrintContext for SessionPrint<'_> {
    fn type_name(&self, ty: Ty) -> String {
        self.session.world.types.display(ty)
    }

    fn invoke_callee(&self, ci: CodeInstanceId) -> (String, Vec<Ty>) {
        let world = &self.session.world;
        let mi = world.method_instance(world.code_instance(ci).def);
        let name = world.method(mi.method).name.to_string();
        let args = match world.types.kind(mi.spec_types) {
            types::TyKind::Tuple { elems, .. } => elems.iter().skip(1).copied().collect(),
            _ => vec![],
        };
        (name, args)
    }

    fn const_repr(&self, c: &ConstValue) -> String {
        match c {
            ConstValue::Singleton(ty) if *ty != Ty::NOTHING => {
                let name = self.session.world.types.display(*ty);
                match name.strip_prefix("typeof(").and_then(|n| n.strip_suffix(')')) {
                    Some(f) => format!("Main.{f}"),
                    None => format!("{name}()"),
                }
            }
            _ => ir::print::default_const_repr(self, c),
        }
    }

    fn lattice_name(&self, l: &types::Lattice) -> String {
        match l {
            types::Lattice::Const(c) if self.show_consts => format!("Core.Const({})", self.show_const(c)),
            types::Lattice::Const(c) => ir::print::const_type_name(self, c),
            types::Lattice::Type(t) => self.type_name(*t),
        }
    }
}

impl SessionPrint<'_> {
    /// A constant as `show` prints it inside `Core.Const(...)`: a function by its bare name, a
    /// builtin as its binding shows (`invoke`, `Core.apply_type`), a reflective object by the
    /// label base/show.jl gives it (`CodeInstance for MethodInstance for area(::Float64)`).
    fn show_const(&self, c: &ConstValue) -> String {
        let label = |o| crate::labels::object_label(self.session, o);
        match c {
            ConstValue::Builtin(id) => match ir::Builtin::from_id(*id) {
                Some(b) => ir::print::builtin_show_name(self, b),
                None => self.const_repr(c),
            },
            ConstValue::CodeInstance(id) => label(ObjectRef::CodeInstance(*id)),
            ConstValue::MethodInstance(id) => label(ObjectRef::MethodInstance(*id)),
            ConstValue::Method(id) => label(ObjectRef::Method(*id)),
            ConstValue::MethodTable(id) => label(ObjectRef::MethodTable(*id)),
            ConstValue::Singleton(ty) if *ty != Ty::NOTHING => {
                let name = self.session.world.types.display(*ty);
                match name.strip_prefix("typeof(").and_then(|n| n.strip_suffix(')')) {
                    Some(f) => f.to_string(),
                    None => format!("{name}()"),
                }
            }
            _ => self.const_repr(c),
        }
    }
}

/// `name(::T1, ::T2)` of a CodeInstance, for section headers.
pub fn ci_title(session: &Session, ci: CodeInstanceId) -> String {
    let owner = &session.world.code_instance(ci).owner;
    if *owner == ConstValue::nothing() {
        mi_title(session, ci)
    } else {
        let owner = crate::labels::owner_repr(&session.world, owner);
        format!("{} [owner {owner}]", mi_title(session, ci))
    }
}

/// `name(::T1, ::T2)` of a CodeInstance's MethodInstance (no owner).
pub fn mi_title(session: &Session, ci: CodeInstanceId) -> String {
    let print = SessionPrint { session, show_consts: false };
    let (name, args) = print.invoke_callee(ci);
    let args: Vec<String> = args.iter().map(|&t| format!("::{}", session.world.types.display(t))).collect();
    format!("{name}({})", args.join(", "))
}

pub fn typed_text(session: &Session, ci: CodeInstanceId, optimized: bool) -> Option<String> {
    let code = session.world.code_instance(ci);
    let body = if optimized { code.inferred.as_ref() } else { code.typed.as_ref() }?;
    Some(ir::print_typed(body, &code.rettype, &SessionPrint { session, show_consts: !optimized }))
}

/// `@code_warntype` (stdlib/InteractiveUtils codeview.jl `print_warntype_mi` and
/// `print_warntype_codeinfo`): the MethodInstance and the method it is of, the arguments' and
/// the local variables' types, the return type and the IR without call labels, typing only
/// the values that are used. A type that is not concrete is emphasized (`warntype_annotation`),
/// in ANSI colours with `color`.
pub fn warntype_text(session: &mut Session, ci: CodeInstanceId, optimize: bool, color: bool) -> String {
    let code = session.world.code_instance(ci);
    let (mi, rettype) = (code.def, code.rettype.clone());
    let Some(body) = (if optimize { code.inferred.clone() } else { code.typed.clone() }) else {
        return String::new();
    };
    let method = session.world.method_instance(mi).method;
    // A local's type is the join of what it is assigned (Julia's `slottypes`); compiler
    // temporaries (`#s1`) are not listed.
    let mut locals: Vec<(std::rc::Rc<str>, types::Lattice)> = Vec::new();
    for (slot, data) in body.slots.iter() {
        if data.name.is_empty() || data.name.starts_with('#') {
            continue;
        }
        let mut joined: Option<types::Lattice> = None;
        for (_, op) in body.slot_assignments.iter().filter(|(s, _)| *s == slot) {
            let l = body.operand_lattice(op);
            joined = Some(match joined {
                Some(j) => j.join(&l, &mut session.world.types),
                None => l,
            });
        }
        if let Some(l) = joined {
            locals.push((data.name.clone(), l));
        }
    }
    let session: &Session = session;
    let annotate = |l: &types::Lattice| warntype_annotation(session, l, color);
    let mut out = format!("{}\n", crate::labels::object_label(session, ObjectRef::MethodInstance(mi)));
    out.push_str(&format!("  from {}\n", crate::labels::object_label(session, ObjectRef::Method(method))));
    out.push_str(&static_parameters(session, mi, color));
    out.push_str("Arguments\n");
    for (i, name) in body.arg_names.iter().enumerate() {
        let name = name.as_deref().map_or_else(|| format!("_{}", i + 1), str::to_string);
        let l = body.types.get(body.arg(i)).cloned().unwrap_or(types::Lattice::ANY);
        out.push_str(&format!("  {name}{}\n", annotate(&l)));
    }
    if !locals.is_empty() {
        out.push_str("Locals\n");
        for (name, l) in &locals {
            out.push_str(&format!("  {name}{}\n", annotate(l)));
        }
    }
    out.push_str(&format!("Body{}\n", annotate(&rettype)));
    let print = SessionPrint { session, show_consts: !optimize };
    out.push_str(&ir::print_warntype_ir(&body, &print, &annotate));
    out.push('\n');
    out
}

/// The terminal colours of base/util.jl's `text_colors` that `@code_warntype` uses.
const CYAN: &str = "\x1b[36m";
const YELLOW: &str = "\x1b[33m";
const LIGHT_RED: &str = "\x1b[91m";
const DEFAULT_COLOR: &str = "\x1b[39m";

/// `print_warntype_mi`'s `Static Parameters`: each parameter's value (cyan), or the bound it
/// is only known to be within (`T <: Real`, yellow) when the MethodInstance binds no one type.
fn static_parameters(session: &Session, mi: types::MethodInstanceId, color: bool) -> String {
    let world = &session.world;
    let method = world.method(world.method_instance(mi).method);
    let Some((template, bounds)) = &method.where_sig else { return String::new() };
    let styled = |text: String, code: &str| if color { format!("{code}{text}{DEFAULT_COLOR}") } else { text };
    let mut out = String::from("Static Parameters\n");
    for (i, value) in world.static_params(mi).into_iter().enumerate() {
        let name = world.types.param_name(*template, i as u32).unwrap_or_else(|| format!("_{i}").into());
        match value {
            Some(t) => out.push_str(&format!("  {name} = {}\n", styled(world.types.display(t), CYAN))),
            None => {
                let bound = bounds.get(i).copied().unwrap_or(Ty::ANY);
                out.push_str(&format!("  {name} <: {}\n", styled(world.types.display(bound), YELLOW)));
            }
        }
    }
    out
}

/// `::T` as `warntype_type_printer` writes it: a constant or a concrete type plainly (cyan in
/// colour); a union of fewer than four concrete types emphasized mildly (yellow), any other
/// type that is not concrete emphasized (red); emphasis is bold in colour and capitals
/// without (`Base.emphasize`), as when Julia prints to a file.
fn warntype_annotation(session: &Session, l: &types::Lattice, color: bool) -> String {
    let text = format!("::{}", SessionPrint { session, show_consts: true }.lattice_name(l));
    let store = &session.world.types;
    let dispatch_elem = |t: Ty| t == Ty::BOTTOM || store.is_concrete(t);
    let emphasis = match l {
        types::Lattice::Const(_) => None,
        types::Lattice::Type(t) if dispatch_elem(*t) => None,
        types::Lattice::Type(t) => {
            let members = store.union_members(*t);
            let expected =
                members.len() > 1 && members.len() < 4 && members.iter().all(|&m| dispatch_elem(m));
            Some(if expected { YELLOW } else { LIGHT_RED })
        }
    };
    match (emphasis, color) {
        (None, false) => text,
        (None, true) => format!("{CYAN}{text}{DEFAULT_COLOR}"),
        (Some(_), false) => text.to_uppercase(),
        (Some(color), true) => format!("{color}\x1b[1m{text}\x1b[22m{DEFAULT_COLOR}"),
    }
}

pub fn lowered_text(session: &Session, ci: CodeInstanceId) -> String {
    let world = &session.world;
    let mi = world.method_instance(world.code_instance(ci).def);
    ir::print_lowered(&world.method(mi.method).lowered, &SessionPrint { session, show_consts: false })
}

/// The IR after one recorded pass, as `--dump passes` and the pass view print it.
pub fn pass_text(session: &Session, ci: CodeInstanceId, pass: &PassSnapshot) -> String {
    let rettype = &session.world.code_instance(ci).rettype;
    pass.body
        .as_ref()
        .map(|b| ir::print_typed(b, rettype, &SessionPrint { session, show_consts: false }))
        .unwrap_or_default()
}

/// The remarks on one CodeInstance's code, one line per call site in source order, each at its
/// place in the program's source: those on its optimized IR (`remarks::call_remarks`), and
/// what became of each `invoke(f, ci, args...)` of its typed IR.
fn remarks_text(session: &mut Session, ci: CodeInstanceId) -> String {
    let code = session.world.code_instance(ci);
    let (typed, inferred) = (code.typed.clone(), code.inferred.clone());
    let Some(body) = inferred else {
        return "no optimized IR: nothing to remark\n".to_string();
    };
    let places: rustc_hash::FxHashMap<ir::Value, String> = body
        .insts
        .iter()
        .filter_map(|(i, data)| Some((data.result?, source_place(session, body.statement_span(i)))))
        .collect();
    let mut lines: Vec<(ir::Span, String)> = Vec::new();
    if let Some(typed) = typed {
        let invokes = crate::remarks::invoke_remarks(session, ci, &typed);
        lines.extend(invokes.into_iter().map(|(inst, r)| (typed.statement_span(inst), r)));
    }
    let remarks = crate::remarks::call_remarks(session, ci, &body, &|v| places.get(&v).cloned());
    for &block in &body.layout {
        for &inst in &body.blocks[block].insts {
            if let Some(remark) = remarks.get(&inst) {
                lines.push((body.statement_span(inst), remark.clone()));
            }
        }
    }
    lines.sort_by_key(|(span, _)| (span.file, span.start));
    // A call of the builtin `invoke` stays in the optimized IR, with the same remark.
    lines.dedup();
    let mut out: String =
        lines.iter().map(|(span, remark)| format!("{}: {remark}\n", session.location(*span))).collect();
    if out.is_empty() {
        out.push_str("every call is inlined or static\n");
    }
    out
}

/// A statement's place for a remark: its source text when that is short (`` `v[1]` at
/// file.jl:2 ``), else its location.
fn source_place(session: &Session, span: ir::Span) -> String {
    let location = session.location(span);
    let text = session
        .files
        .get(span.file as usize)
        .and_then(|f| f.text.get(span.start as usize..span.end as usize));
    match text {
        Some(text) if !text.is_empty() && text.len() <= 40 && !text.contains('\n') => {
            format!("`{text}` at {location}")
        }
        _ => location,
    }
}

pub fn render_dump(host: &mut dyn Host) -> String {
    let session = host.session();
    let Some(kind) = session.options.dump else { return String::new() };
    if kind == Dump::Invalidations {
        return crate::invalidation_trees::invalidations_text(session);
    }
    if kind == Dump::Precompile {
        return precompile_text(session);
    }
    let mut out = String::new();
    for ci in session.ran.clone() {
        let title = ci_title(session, ci);
        if let Some(only) = &session.options.dump_only {
            if !title.starts_with(&format!("{only}(")) {
                continue;
            }
        }
        if kind == Dump::Remarks && (session.in_prelude(ci) || session.is_thunk(ci)) {
            continue;
        }
        out.push_str(&format!("## {title}\n"));
        let text = match kind {
            Dump::Lowered => lowered_text(session, ci),
            Dump::Typed => typed_text(session, ci, false).unwrap_or_default(),
            Dump::Optimized => typed_text(session, ci, true).unwrap_or_default(),
            Dump::Passes => session
                .passes
                .get(&ci)
                .map(|ps| {
                    ps.iter()
                        .map(|p| {
                            let mark = if p.changed { "changed" } else { "unchanged" };
                            format!("### after {} ({mark})\n{}\n", p.name, pass_text(session, ci, p))
                        })
                        .collect::<String>()
                })
                .unwrap_or_default(),
            Dump::Remarks => remarks_text(session, ci),
            Dump::Invalidations | Dump::Precompile => String::new(),
            Dump::Wat => match session.code.bytes(ci) {
                Some(bytes) => codegen::wat(&bytes),
                None => "(no module: this CodeInstance ran in the interpreter or was inlined)".to_string(),
            },
        };
        out.push_str(&text);
        if !out.ends_with('\n') {
            out.push('\n');
        }
    }
    out
}

/// `precompile(Tuple{typeof(f), types...})` for each native CodeInstance of a prelude method
/// that ran, in the order they first ran, when its signature names only the prelude's types
/// (not the program's structs, functions or closures) and no generated name (`#`).
fn precompile_text(session: &Session) -> String {
    let world = &session.world;
    let mut out = String::new();
    for &ci in &session.ran {
        let code = world.code_instance(ci);
        if code.owner != ConstValue::nothing() || !session.in_prelude(ci) || session.is_thunk(ci) {
            continue;
        }
        let spec_types = world.method_instance(code.def).spec_types;
        if world.types.mentions_defs_from(spec_types, session.prelude_types) {
            continue;
        }
        let sig = world.types.display(spec_types);
        if !sig.contains('#') {
            out.push_str(&format!("precompile({sig})\n"));
        }
    }
    out
}

pub fn emitted_modules(session: &Session) -> Vec<EmittedModule> {
    if !session.options.keep_modules {
        return vec![];
    }
    session
        .code
        .modules()
        .into_iter()
        .map(|(ci, bytes)| EmittedModule { name: module_name(session, ci), bytes: bytes.to_vec() })
        .collect()
}

/// The name of an emitted module: its method's, with the owner for a plugin's CodeInstance
/// (`sin@SplitCacheOwner(0)`).
fn module_name(session: &Session, ci: CodeInstanceId) -> String {
    let name = crate::link::method_name(session, ci);
    let owner = &session.world.code_instance(ci).owner;
    if *owner == ConstValue::nothing() {
        name
    } else {
        format!("{name}@{}", crate::labels::owner_repr(&session.world, owner))
    }
}
