//! Remarks on call sites, read from a body after the fact (the optimizer decides silently; this
//! asks the same questions it asked): why the inliner kept a call (its policy's reason,
//! `opt::inline_decisions`), why a call dispatches at run time (the arguments whose types are
//! not concrete, and the statement each came from), why a call's result is `Any`, and what
//! became of an `invoke(f, ci, args...)` (`opt::invoke_decision`). `invokelab run --remarks`
//! prints them per source line; the playground shows them beside the IR they are about
//! (README, "The playground").
//!
//! It does not print IR: a value is named by the caller (`%3` in a pane, a source location on
//! the command line).

use ir::{Body, CallInfo, Inst, InstKind, Operand, Value, ValueDef};
use rustc_hash::FxHashMap;
use types::{CodeInstanceId, ConstValue, Lattice, MethodId, MethodTableId, Ty};

use crate::dump::{ci_title, SessionPrint};
use crate::session::Session;
use ir::PrintContext;

/// Inference's `max_methods`: a call with more matching methods than this has an `Any` result
/// (Compiler/src/types.jl `InferenceParams`).
const MAX_METHODS: usize = 3;

/// How a remark names a value of the body: `%3` where the IR is shown, else the place in the
/// source of the instruction that computed it (`None`: a `φ`, which has no place).
pub type NameValue<'a> = &'a dyn Fn(Value) -> Option<String>;

/// The remarks on `body` (the typed or optimized IR of `ci`, or a pass's snapshot), by
/// instruction.
pub fn call_remarks(
    session: &mut Session,
    ci: CodeInstanceId,
    body: &Body,
    name_value: NameValue<'_>,
) -> FxHashMap<Inst, String> {
    let mode = session.options.inlining.into();
    let kept: FxHashMap<Inst, String> = opt::inline_decisions(&session.world, ci, body, mode)
        .into_iter()
        .filter_map(|(inst, callee, decision)| match decision {
            opt::InlineDecision::Keep(why) => {
                Some((inst, format!("{} not inlined: {why}", ci_title(session, callee))))
            }
            opt::InlineDecision::Inline => None,
        })
        .collect();
    let mut out = FxHashMap::default();
    for &block in &body.layout {
        for &inst in &body.blocks[block].insts {
            let mut parts: Vec<String> = Vec::new();
            match &body.insts[inst].kind {
                InstKind::Invoke { .. } => parts.extend(kept.get(&inst).cloned()),
                InstKind::Call { args } => {
                    if let Some(remark) = invoke_remark(session, ci, body, inst) {
                        // It says why the result is what it is, too.
                        out.insert(inst, remark);
                        continue;
                    } else if is_dynamic(session, body, inst, args) {
                        parts.push(dynamic_remark(session, body, args, name_value));
                    }
                }
                _ => {}
            }
            if let Some(why) = any_result_remark(session, body, inst) {
                parts.push(why);
            }
            if !parts.is_empty() {
                out.insert(inst, parts.join("; "));
            }
        }
    }
    out
}

/// The remarks on the `invoke(f, ci, args...)` calls of `body` alone (the command line reads
/// them from the typed IR, since in the optimized IR a resolved one is an ordinary `invoke`).
pub fn invoke_remarks(session: &mut Session, ci: CodeInstanceId, body: &Body) -> FxHashMap<Inst, String> {
    let mut out = FxHashMap::default();
    for &block in &body.layout {
        for &inst in &body.blocks[block].insts {
            if let Some(remark) = invoke_remark(session, ci, body, inst) {
                out.insert(inst, remark);
            }
        }
    }
    out
}

/// A call of a generic function that is not a direct `invoke` dispatches at run time, unless
/// inference resolved it for arguments of concrete types (in typed IR before the optimizer,
/// such a call is still a call; `resolve_invokes` makes it an `invoke`).
fn is_dynamic(session: &mut Session, body: &Body, inst: Inst, args: &[Operand]) -> bool {
    match body.infos.get(inst) {
        None | Some(CallInfo::Dynamic) => !is_builtin_callee(body, args),
        Some(CallInfo::Static { .. }) => {
            !is_builtin_callee(body, args) && !concrete_args(session, body, args)
        }
        _ => false,
    }
}

/// Whether every argument of a call (the function's too) has a concrete type (a global callee
/// counts: lowering leaves functions as globals).
pub(crate) fn concrete_args(session: &mut Session, body: &Body, args: &[Operand]) -> bool {
    let store = &mut session.world.types;
    args.iter().all(|a| match a {
        Operand::Global(_) => true,
        op => {
            let t = body.operand_lattice(op).widen(store);
            store.is_concrete(t)
        }
    })
}

/// Whether a call's callee is a builtin constant (a call the engines run directly).
fn is_builtin_callee(body: &Body, args: &[Operand]) -> bool {
    args.first().is_some_and(|f| matches!(body.operand_lattice(f).as_const(), Some(ConstValue::Builtin(_))))
}

/// What `resolve_invokes` does with an `invoke(f, ci, args...)` call, if this is one.
fn invoke_remark(session: &mut Session, caller: CodeInstanceId, body: &Body, inst: Inst) -> Option<String> {
    let decision = opt::invoke_decision(&mut session.world, body, inst)?;
    let world = &session.world;
    let caller_world = world.code_instance(caller).min_world;
    Some(match decision {
        opt::InvokeDecision::Direct(ci) => {
            format!("invoke(f, ci, …) becomes a direct call of {}", ci_title(session, ci))
        }
        opt::InvokeDecision::Unproven { ci, args, spec } => format!(
            "invoke(f, ci, …) stays a call of the builtin, which checks its arguments at run time: \
             {} is not proven to be a subtype of {}'s specTypes {}",
            world.types.display(args),
            ci_title(session, ci),
            world.types.display(spec)
        ),
        opt::InvokeDecision::NotConstant(ty) => format!(
            "invoke(f, ci, …) stays a call of the builtin: the CodeInstance is not a constant (its type is {})",
            world.types.display(ty)
        ),
        opt::InvokeDecision::Throws(ci) => {
            let code = world.code_instance(ci);
            if code.valid_in(caller_world) {
                format!(
                    "invoke(f, ci, …) always throws: the arguments cannot be of {}'s specTypes",
                    ci_title(session, ci)
                )
            } else {
                let max = if code.max_world == world::MAX_WORLD {
                    "∞".to_string()
                } else {
                    code.max_world.to_string()
                };
                format!(
                    "invoke(f, ci, …) always throws: {} is valid in worlds {}:{max}, and this code \
                     was inferred in world {caller_world}",
                    ci_title(session, ci),
                    code.min_world
                )
            }
        }
    })
}

/// Why a call dispatches at run time: the callee, and which arguments are not of a concrete
/// type (what dispatch must look at), each with the statement it came from.
fn dynamic_remark(session: &Session, body: &Body, args: &[Operand], name_value: NameValue<'_>) -> String {
    let print = SessionPrint { session, show_consts: false };
    let store = &session.world.types;
    let callee = match args.first() {
        Some(Operand::Global(g)) => g.name.to_string(),
        Some(op) => match body.operand_lattice(op) {
            Lattice::Const(c) => print.const_repr(&c),
            l => format!("a {}", print.lattice_name(&l)),
        },
        None => "?".to_string(),
    };
    let loose: Vec<String> = args
        .iter()
        .enumerate()
        .skip(1)
        .filter_map(|(i, op)| match body.operand_lattice(op) {
            Lattice::Type(t) if !store.is_concrete(t) => {
                let from = match op {
                    Operand::Value(v) => format!(" ({})", value_origin(body, *v, name_value)),
                    _ => String::new(),
                };
                Some(format!("argument {i} is {}{from}", store.display(t)))
            }
            _ => None,
        })
        .collect();
    if loose.is_empty() {
        format!("dynamic call of {callee}: the function is not known")
    } else {
        format!("dynamic call of {callee}: {}", loose.join(", "))
    }
}

/// Where a value that is not concrete comes from: an argument of the method, a `φ` joining
/// the values of several paths, or the statement that computed it.
fn value_origin(body: &Body, v: Value, name_value: NameValue<'_>) -> String {
    match body.value_def(v) {
        ValueDef::Arg(n) => match body.arg_names.get(n as usize).cloned().flatten() {
            Some(name) => format!("the argument `{name}`"),
            None => format!("argument {n} of the method"),
        },
        ValueDef::Param(..) => match name_value(v) {
            Some(name) => format!("{name}, a φ where paths with different types join"),
            None => "a φ where paths with different types join".to_string(),
        },
        ValueDef::Inst(_) => match name_value(v) {
            Some(name) => format!("from {name}"),
            None => "computed here".to_string(),
        },
    }
}

/// Why the result of the call at `inst` is `Any`, when it is.
fn any_result_remark(session: &mut Session, body: &Body, inst: Inst) -> Option<String> {
    let result = body.insts[inst].result?;
    if body.types.get(result) != Some(&Lattice::ANY) {
        return None;
    }
    let args = match &body.insts[inst].kind {
        InstKind::Call { args } => args.clone(),
        InstKind::Invoke { ci, .. } => {
            let title = ci_title(session, *ci);
            return Some(format!("result is Any: {title} is inferred to return Any"));
        }
        _ => return None,
    };
    match body.infos.get(inst) {
        Some(CallInfo::Static { ci: Some(ci), .. }) => {
            Some(format!("result is Any: {} is inferred to return Any", ci_title(session, *ci)))
        }
        Some(CallInfo::Builtin(b)) => {
            let print = SessionPrint { session, show_consts: false };
            let types: Vec<String> =
                args.iter().skip(1).map(|a| print.lattice_name(&body.operand_lattice(a))).collect();
            Some(format!("result is Any: what `{}` returns for ({})", b.name(), types.join(", ")))
        }
        Some(CallInfo::InvokeCodeInstance { ci }) => {
            Some(format!("result is Any: {} returns Any", ci_title(session, *ci)))
        }
        Some(CallInfo::ApplyIterate { .. }) => {
            Some("result is Any: the splatted call's arguments are not known".to_string())
        }
        Some(CallInfo::Throws | CallInfo::Static { ci: None, .. }) => None,
        Some(CallInfo::Dynamic) | None => {
            let Some(methods) = call_candidates(session, body, &args) else {
                return Some("result is Any: the function called is not known".to_string());
            };
            Some(if methods.len() > MAX_METHODS {
                format!(
                    "result is Any: {} methods may match, more than inference looks at (max_methods = {MAX_METHODS})",
                    methods.len()
                )
            } else {
                "result is Any: a method that may match is inferred to return Any".to_string()
            })
        }
    }
}

/// The methods a call may dispatch to, given what inference knows of its arguments (the
/// world's `find_matches` in the current world), most specific first; `None` when the
/// function called is not a known constant.
pub fn call_candidates(session: &mut Session, body: &Body, args: &[Operand]) -> Option<Vec<MethodId>> {
    let (f, rest) = args.split_first()?;
    let world = &mut session.world;
    let f_const = match f {
        Operand::Global(g) => world.resolve_const(g).cloned(),
        op => body.operand_lattice(op).as_const().cloned(),
    }?;
    if matches!(f_const, ConstValue::Builtin(_)) {
        return None;
    }
    let mut sig = vec![f_const.type_of(&mut world.types)];
    for op in rest {
        let t = match body.operand_lattice(op) {
            Lattice::Const(ConstValue::Type(t)) => world.types.type_type(t),
            l => l.widen(&mut world.types),
        };
        sig.push(t);
    }
    let sig: Ty = world.types.tuple(sig);
    let now = world.world_counter();
    let found = world.find_matches(MethodTableId(0), sig, now);
    Some(found.matches.iter().map(|m| m.method).collect())
}
