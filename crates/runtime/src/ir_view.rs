//! Printed IR with what each line is about: the statement's source position through every
//! inlined call (Julia's debuginfo: the method whose code it is, then each callee inlined into
//! it, outermost first), the call it makes (the CodeInstance an `invoke` runs, or the methods a
//! dynamic call may reach: what descending into a call opens), and the remark on it
//! (`remarks`). The playground's IR panes and pass view are drawn from it, and
//! `@code_typed debuginfo=:source` prints its frames as Julia's line-info annotations.
//!
//! It does not convert offsets for the editor (the playground does) and keeps no state.

use std::rc::Rc;

use ir::{Body, CallInfo, InstKind, SourceFrame, Span, StmtRef};
use rustc_hash::FxHashMap;
use types::{CodeInstanceId, Lattice, MethodId};

use crate::dump::SessionPrint;
use crate::session::Session;

/// One CodeInstance's IR as a pane shows it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct IrView {
    pub text: String,
    /// One per line of `text`.
    pub lines: Vec<LineFacts>,
}

/// What one printed line is about; all empty for a line that prints no statement.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LineFacts {
    /// The statement's position, outermost frame first: the method whose IR this is (at the
    /// line of the statement, or of the call it was inlined from), then each inlined callee.
    pub frames: Vec<FramePos>,
    pub call: Option<CallTarget>,
    pub remark: Option<String>,
}

/// One frame of a statement's position.
#[derive(Clone, Debug, PartialEq)]
pub struct FramePos {
    /// The function (`top-level scope` for a thunk).
    pub function: Rc<str>,
    pub span: Span,
}

/// What a call runs, as far as the compiler knows.
#[derive(Clone, Debug, PartialEq)]
pub enum CallTarget {
    /// A direct `invoke`, an `invoke(f, ci, ...)`, or a call inference resolved to one
    /// CodeInstance.
    CodeInstance(CodeInstanceId),
    /// A dynamic call: the methods that may match its arguments' types, most specific first
    /// (empty when none may; the function is not known when there is no target at all).
    Methods(Vec<MethodId>),
}

/// `body` (of `ci`) printed as `@code_typed` prints it, with the facts of each line.
pub fn ir_view(
    session: &mut Session,
    ci: CodeInstanceId,
    body: &Body,
    rettype: &Lattice,
    show_consts: bool,
) -> IrView {
    let printed = ir::print_typed_lines(body, rettype, &SessionPrint { session, show_consts }, None);
    // Statement ids as printed: a statement's position among the printed statements.
    let mut ids: FxHashMap<ir::Value, usize> = FxHashMap::default();
    let mut next = 0;
    for stmt in printed.lines.iter().flatten() {
        next += 1;
        let value = match *stmt {
            StmtRef::Phi(v) => Some(v),
            StmtRef::Inst(i) => body.insts[i].result,
            StmtRef::Term(_) => None,
        };
        if let Some(v) = value {
            ids.insert(v, next);
        }
    }
    let remarks =
        crate::remarks::call_remarks(session, ci, body, &|v| ids.get(&v).map(|id| format!("%{id}")));
    let lines = printed
        .lines
        .iter()
        .map(|stmt| match *stmt {
            None => LineFacts::default(),
            Some(stmt) => LineFacts {
                frames: source_frames(session, ci, body, stmt)
                    .into_iter()
                    .map(|(frame, span)| FramePos { function: frame.name, span })
                    .collect(),
                call: match stmt {
                    StmtRef::Inst(inst) => call_target(session, body, inst),
                    _ => None,
                },
                remark: match stmt {
                    StmtRef::Inst(inst) => remarks.get(&inst).cloned(),
                    _ => None,
                },
            },
        })
        .collect();
    IrView { text: printed.text, lines }
}

/// `@code_typed debuginfo=:source`: the IR with Julia's line-info annotations.
pub fn typed_text_with_source(session: &Session, ci: CodeInstanceId, optimized: bool) -> Option<String> {
    let code = session.world.code_instance(ci);
    let body = if optimized { code.inferred.as_ref() } else { code.typed.as_ref() }?;
    let frames = |stmt: StmtRef| source_frames(session, ci, body, stmt).into_iter().map(|(f, _)| f).collect();
    let print = SessionPrint { session, show_consts: !optimized };
    Some(ir::print_typed_lines(body, &code.rettype, &print, Some(&frames)).text)
}

/// Where statement `stmt` of `body` (the IR of `ci`) is, outermost frame first, with each
/// frame's span: the method itself at the statement's line (or at the call it was inlined
/// from), then every inlined callee down to the one whose code it is. Empty for a `φ`, which
/// has no position of its own.
pub fn source_frames(
    session: &Session,
    ci: CodeInstanceId,
    body: &Body,
    stmt: StmtRef,
) -> Vec<(SourceFrame, Span)> {
    let (mut chain, own): (Vec<&ir::InlineFrame>, Span) = match stmt {
        StmtRef::Phi(_) => return vec![],
        StmtRef::Inst(i) => (body.inline_chain(i).collect(), body.spans.get(i).copied().unwrap_or_default()),
        StmtRef::Term(b) => (body.term_inline_chain(b).collect(), body.blocks[b].term_span),
    };
    chain.reverse();
    // Frame k is the function of `functions[k]`, at the call into frame k + 1, or at the
    // statement itself for the innermost.
    let mut functions = vec![ci];
    functions.extend(chain.iter().map(|f| f.callee));
    let mut spans: Vec<Span> = chain.iter().map(|f| f.call_span).collect();
    spans.push(own);
    functions.into_iter().zip(spans).map(|(ci, span)| (frame(session, ci, span), span)).collect()
}

/// The frame of `ci`'s method at `span`.
fn frame(session: &Session, ci: CodeInstanceId, span: Span) -> SourceFrame {
    let world = &session.world;
    let method_id = world.method_instance(world.code_instance(ci).def).method;
    let method = world.method(method_id);
    let name: Rc<str> = if method.toplevel { "top-level scope".into() } else { method.name.clone() };
    let (file, line) = match session.files.get(span.file as usize) {
        Some(file) => (file.name.as_str().into(), file.lines.line_col(span.start).line),
        None => ("none".into(), 0),
    };
    SourceFrame { name, method: method_id.0, file, line }
}

/// What the call at `inst` runs: the CodeInstance of a direct or resolved call, else the
/// methods it may dispatch to.
fn call_target(session: &mut Session, body: &Body, inst: ir::Inst) -> Option<CallTarget> {
    match &body.insts[inst].kind {
        InstKind::Invoke { ci, .. } => Some(CallTarget::CodeInstance(*ci)),
        InstKind::Call { args } => match body.infos.get(inst) {
            Some(CallInfo::InvokeCodeInstance { ci }) => Some(CallTarget::CodeInstance(*ci)),
            // Resolved for arguments of concrete types, it runs that CodeInstance; otherwise
            // dispatch specializes on the run-time types, so any of its method's may run.
            Some(CallInfo::Static { ci: Some(ci), .. })
                if crate::remarks::concrete_args(session, body, args) =>
            {
                Some(CallTarget::CodeInstance(*ci))
            }
            Some(CallInfo::Builtin(_) | CallInfo::ApplyIterate { .. }) => None,
            _ => {
                let args = args.clone();
                crate::remarks::call_candidates(session, body, &args).map(CallTarget::Methods)
            }
        },
        _ => None,
    }
}
