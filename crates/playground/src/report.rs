//! The session, described in the page's terms: diagnostics in UTF-16 offsets, stage timings in
//! milliseconds, the CodeInstance cache as table rows, and one CodeInstance's IR and wat.

use ir::PrintContext;
use protocol::{
    CacheRow, CallLink, CiId, Diagnostic, Inspection, InvalidatedCi, InvalidationRoot, InvalidationTree,
    IrLine, IrText, MethodLink, PassView, Severity, SourceFrame, SourceRange, Timings,
};
use runtime::ir_view::CallTarget;
use runtime::session::{Session, Stats};
use runtime::{ci_title, mi_title, SessionPrint};
use rustc_hash::FxHashMap;
use types::{CodeInstanceId, ConstValue};

/// The offset in UTF-16 code units (what the editor counts) of byte offset `byte` in `text`.
pub fn utf16_offset(text: &str, byte: u32) -> u32 {
    let byte = (byte as usize).min(text.len());
    let mut end = byte;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].encode_utf16().count() as u32
}

/// The run's diagnostics on the user's file (the last file the session loaded).
pub fn diagnostics(session: &Session) -> Vec<Diagnostic> {
    let Some(file_id) = session.files.len().checked_sub(1) else { return vec![] };
    let file = &session.files[file_id];
    session
        .diagnostics
        .iter()
        .filter(|d| d.span.file as usize == file_id)
        .map(|d| {
            let lc = file.lines.line_col(d.span.start);
            Diagnostic {
                from: utf16_offset(&file.text, d.span.start),
                to: utf16_offset(&file.text, d.span.end.max(d.span.start)),
                line: lc.line,
                column: lc.column,
                severity: if d.error { Severity::Error } else { Severity::Warning },
                message: d.message.clone(),
            }
        })
        .collect()
}

/// Stage times in milliseconds; `run` is what the stages do not account for.
pub(crate) fn timings(stats: &Stats, total_ns: u64, compiled: usize) -> Timings {
    let ms = |ns: u64| ns as f64 / 1e6;
    let stages = [
        stats.parse_ns,
        stats.lower_ns,
        stats.infer_ns,
        stats.optimize_ns,
        stats.codegen_ns,
        stats.instantiate_ns,
    ];
    let staged: u64 = stages.iter().sum();
    Timings {
        parse: ms(stats.parse_ns),
        lower: ms(stats.lower_ns),
        infer: ms(stats.infer_ns),
        optimize: ms(stats.optimize_ns),
        codegen: ms(stats.codegen_ns),
        instantiate: ms(stats.instantiate_ns),
        run: ms(total_ns.saturating_sub(staged)),
        total: ms(total_ns),
        modules_compiled: compiled as u32,
    }
}

fn owner_text(session: &Session, owner: &ConstValue) -> String {
    if *owner == ConstValue::nothing() {
        "nothing".to_string()
    } else {
        runtime::owner_repr(&session.world, owner)
    }
}

/// Every CodeInstance of the session but the compiled top-level thunks' (no cache of Julia's
/// holds those) and Base's precompiled ones that the run left alone (made while the prelude
/// loaded, and since neither run, inlined into code that ran, capped nor dropped: hundreds of
/// rows, which Julia's system image holds too), the native ones first, then each owner's in
/// the order owners first appear; within an owner, in creation order.
pub fn cache_rows(session: &Session) -> Vec<CacheRow> {
    let world = &session.world;
    let print = SessionPrint { session, show_consts: true };
    let mut rows: Vec<CacheRow> = Vec::new();
    let mut owners: Vec<String> = vec!["nothing".to_string()];
    // The CodeInstances inlined into code that ran (its optimized body's inlined calls).
    let inlined: std::collections::HashSet<CodeInstanceId> = session
        .ran
        .iter()
        .filter_map(|&ci| world.get_code_instance(ci)?.inferred.clone())
        .flat_map(|body| body.inline_frames.iter().map(|f| f.callee).collect::<Vec<_>>())
        .collect();
    let mut id = 0;
    while let Some(code) = world.get_code_instance(CodeInstanceId(id)) {
        let ci = CodeInstanceId(id);
        id += 1;
        if session.is_thunk(ci) {
            continue;
        }
        let ran = session.has_run(ci);
        let capped = code.max_world != world::MAX_WORLD;
        let untouched = !ran && !inlined.contains(&ci) && !capped && !session.code.is_dropped(ci);
        if session.made_by_prelude(ci) && untouched {
            continue;
        }
        let entry = session.code.entry(ci);
        let owner = owner_text(session, &code.owner);
        if !owners.contains(&owner) {
            owners.push(owner.clone());
        }
        rows.push(CacheRow {
            ci: ci.0,
            method_instance: mi_title(session, ci),
            owner,
            min_world: code.min_world,
            max_world: (code.max_world != world::MAX_WORLD).then_some(code.max_world),
            rettype: print.lattice_name(&code.rettype),
            native: session.code.instance(ci).is_some(),
            module_size: entry.and_then(|c| c.bytes.as_ref()).map(|b| b.len() as u32),
            ran,
            ran_inlined: inlined.contains(&ci),
            defined: world.method_instance(code.def).method.0,
            dropped: session.code.is_dropped(ci),
            prelude: session.in_prelude(ci),
        });
    }
    rows.sort_by_key(|r| owners.iter().position(|o| *o == r.owner));
    rows
}

/// What each definition of the session invalidated (`runtime::invalidation_trees`).
pub fn invalidations(session: &Session) -> Vec<InvalidationTree> {
    runtime::invalidation_trees(session)
        .into_iter()
        .map(|tree| InvalidationTree {
            action: tree.action.to_string(),
            definition: tree.definition,
            replaced: tree.replaced,
            world: tree.world,
            roots: tree
                .roots
                .into_iter()
                .map(|root| InvalidationRoot {
                    kind: root.kind.name().to_string(),
                    label: root.label,
                    summary: root.summary,
                    nodes: root
                        .nodes
                        .into_iter()
                        .map(|node| InvalidatedCi {
                            ci: node.ci.0,
                            method_instance: node.method_instance,
                            owner: node.owner,
                            depth: node.depth,
                            children: node.children,
                            min_world: node.min_world,
                            max_world: node.max_world,
                            edge: node.edge,
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect()
}

/// The IR before and after the optimizer, after each pass, the wat and the warntype of one
/// CodeInstance.
pub fn inspect(session: &mut Session, ci: CiId) -> Inspection {
    let id = CodeInstanceId(ci);
    let warntype = runtime::warntype_text(session, id, false, true);
    let missing = |what: &str| IrText {
        text: format!("# no {what}: this CodeInstance was not inferred with IR"),
        lines: vec![],
    };
    let by_method = code_instances_by_method(session);
    let code = session.world.code_instance(id);
    let (typed, inferred, rettype) = (code.typed.clone(), code.inferred.clone(), code.rettype.clone());
    let before = match typed {
        Some(body) => ir_text(session, id, &body, &rettype, true, &by_method),
        None => missing("typed IR"),
    };
    let after = match inferred {
        Some(body) => ir_text(session, id, &body, &rettype, false, &by_method),
        None => missing("optimized IR"),
    };
    let passes = runtime::passes_of(session, id)
        .unwrap_or_default()
        .iter()
        .map(|p| PassView {
            name: p.name.clone(),
            changed: p.changed,
            ir: match &p.body {
                Some(body) => ir_text(session, id, body, &rettype, false, &by_method),
                None => IrText::default(),
            },
        })
        .collect();
    let wat = match session.code.bytes(id) {
        Some(bytes) => codegen::wat(&bytes),
        None => ";; no module: this CodeInstance was inlined into its callers, ran in the \
                interpreter, or has not been compiled yet"
            .to_string(),
    };
    Inspection {
        ci,
        title: ci_title(session, id),
        before,
        after,
        passes,
        wat,
        warntype: if warntype.is_empty() { missing("typed IR").text } else { warntype },
    }
}

/// A body of `ci` as a pane shows it: the text, and per line its source frames (spans in the
/// user's file in UTF-16 offsets), its call's target and its remark.
fn ir_text(
    session: &mut Session,
    ci: CodeInstanceId,
    body: &ir::Body,
    rettype: &types::Lattice,
    show_consts: bool,
    by_method: &FxHashMap<types::MethodId, Vec<CiId>>,
) -> IrText {
    let view = runtime::ir_view::ir_view(session, ci, body, rettype, show_consts);
    let user_file = session.files.len().checked_sub(1);
    let session: &Session = session;
    let lines = view
        .lines
        .into_iter()
        .map(|facts| IrLine {
            frames: facts
                .frames
                .iter()
                .map(|f| {
                    let file = session.files.get(f.span.file as usize);
                    SourceFrame {
                        function: f.function.to_string(),
                        file: file.map_or_else(|| "none".to_string(), |file| file.name.clone()),
                        line: file.map_or(0, |file| file.lines.line_col(f.span.start).line),
                        span: file.filter(|_| Some(f.span.file as usize) == user_file).map(|file| {
                            SourceRange {
                                from: utf16_offset(&file.text, f.span.start),
                                to: utf16_offset(&file.text, f.span.end.max(f.span.start)),
                            }
                        }),
                    }
                })
                .collect(),
            call: facts.call.map(|target| match target {
                CallTarget::CodeInstance(ci) => CallLink::CodeInstance(ci.0),
                CallTarget::Methods(methods) => CallLink::Methods(
                    methods
                        .into_iter()
                        .map(|m| MethodLink {
                            method: runtime::method_label(session, m),
                            cis: by_method.get(&m).cloned().unwrap_or_default(),
                        })
                        .collect(),
                ),
            }),
            remark: facts.remark,
        })
        .collect();
    IrText { text: view.text, lines }
}

/// The CodeInstances of each method the session has, in creation order (where a dynamic
/// call's candidate methods lead).
fn code_instances_by_method(session: &Session) -> FxHashMap<types::MethodId, Vec<CiId>> {
    let world = &session.world;
    let mut out: FxHashMap<types::MethodId, Vec<CiId>> = FxHashMap::default();
    let mut id = 0;
    while let Some(code) = world.get_code_instance(CodeInstanceId(id)) {
        if !session.is_thunk(CodeInstanceId(id)) {
            out.entry(world.method_instance(code.def).method).or_default().push(id);
        }
        id += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::utf16_offset;

    #[test]
    fn utf16_offsets_count_code_units() {
        let text = "α = \"😀\"; x";
        assert_eq!(utf16_offset(text, 0), 0);
        // `α` is 2 bytes, 1 unit; the emoji is 4 bytes, 2 units.
        assert_eq!(utf16_offset(text, 2), 1);
        let x = text.find('x').unwrap() as u32;
        assert_eq!(utf16_offset(text, x), "α = \"😀\"; ".encode_utf16().count() as u32);
        // Inside a character: the start of that character; past the end: the end.
        assert_eq!(utf16_offset(text, 1), 0);
        assert_eq!(utf16_offset(text, 1000), text.encode_utf16().count() as u32);
    }
}
