//! Running a program: parse, lower, and evaluate top-level statements in order, each in the
//! newest world; report the first uncaught error the way Julia does, keeping earlier output.

use std::rc::Rc;

use ir::RtValue;

use crate::call::machine::TopMachine;
use crate::heap::HeapCtx;
use crate::host::Host;
use crate::options::RunOutput;
use crate::raise::Thrown;
use crate::session::SourceFile;

/// Runs a whole program in `host`'s session and returns what it printed.
pub fn run_program(host: &mut dyn Host, file_name: &str, source: &str) -> RunOutput {
    if let Err(message) = crate::bootstrap::bootstrap(host) {
        let session = host.session();
        session.stderr.push_str(&message);
        return finish(host, false);
    }
    let stress = host.session().options.gc_stress;
    if stress != host.session().objects.space.stress {
        let space = &mut host.session().objects.space;
        space.stress = stress;
        space.collected = true; // so that the next line writes the allocation limit again
        crate::raise::finish_heap_operation(host);
    }
    let ok = run_file(host, file_name, source, "Main");
    finish(host, ok)
}

fn finish(host: &mut dyn Host, success: bool) -> RunOutput {
    host.session().flush_stdout(true);
    let dump = crate::dump::render_dump(host);
    let modules = crate::dump::emitted_modules(host.session());
    let session = host.session();
    RunOutput {
        stdout: std::mem::take(&mut session.stdout),
        stderr: std::mem::take(&mut session.stderr),
        success,
        internal_error: session.internal_error.take(),
        dump,
        modules,
        stats: session.stats,
    }
}

/// Loads `source` as a new file and runs its top-level statements in `module`. Returns false
/// after reporting an error.
pub fn run_file(host: &mut dyn Host, file_name: &str, source: &str, module: &str) -> bool {
    host.session().last_result = None;
    // Each file runs on the whole step budget, also when a session runs again (the
    // playground's warm runs): what an earlier run used, or its step-limit error, does not carry.
    let budget = host.session().options.step_budget;
    let reset = crate::raise::with_heap(host, |cx| {
        cx.write_u64(codegen::abi::STEPS_ADDR, budget as u64);
        cx.write_u32(codegen::abi::DEPTH_ADDR, 0);
        Ok(())
    });
    if reset.is_err() {
        host.session().stderr.push_str("ERROR: invokelab: could not reset the step budget\n");
        return false;
    }
    let t0 = host.now_ns();
    let parse = syntax::parse(source);
    let parse_ns = host.now_ns() - t0;
    let file_id = {
        let session = host.session();
        session.stats.parse_ns += parse_ns;
        session.files.push(SourceFile::new(file_name, source));
        (session.files.len() - 1) as u32
    };
    // Julia evaluates a file statement by statement, so the statements before a syntax error
    // still run; the error is reported when evaluation reaches it.
    let first_error = parse.errors.first().cloned();
    let t1 = host.now_ns();
    let first_closure = host.session().closures.get(module).copied().unwrap_or(0);
    let (program, diagnostics, next_closure) =
        lower::lower_file(&parse.file, file_id, module, first_closure, Some((file_name, source)));
    host.session().closures.insert(module.into(), next_closure);
    let lower_ns = host.now_ns() - t1;
    host.session().stats.lower_ns += lower_ns;
    let mut reported = vec![false; diagnostics.len()];
    // The value of the last statement so far, if it defined nothing (for `last_result`).
    let mut last_value = None;
    for thunk in &program.thunks {
        let span = thunk_span(thunk);
        // A closure's type and method are not definitions a warm run may skip: the statement
        // that makes the closure runs again, with a new closure type.
        let closure_types: Vec<&ir::GlobalRef> = thunk
            .insts
            .iter()
            .filter_map(|(_, data)| match &data.kind {
                ir::InstKind::Type(def) if def.closure => Some(&def.name),
                _ => None,
            })
            .collect();
        let defines = thunk.insts.iter().any(|(_, data)| match &data.kind {
            ir::InstKind::Method(def) => !(def.self_type && closure_types.contains(&&def.name)),
            ir::InstKind::Type(def) => !def.closure,
            _ => false,
        });
        let text: Rc<str> = Rc::from(source.get(span.start as usize..span.end as usize).unwrap_or(""));
        if defines && host.session().keep_definitions && host.session().definitions.contains(&text) {
            continue;
        }
        if let Some(err) = &first_error {
            if span.end >= err.span.start || span == ir::Span::default() {
                report_parse_error(host, file_name, source, err);
                return false;
            }
        }
        // Lowering's diagnostics for this statement: warnings print, errors stop the program.
        for (i, d) in diagnostics.iter().enumerate() {
            if reported[i] || d.span.start < span.start || d.span.end > span.end {
                continue;
            }
            reported[i] = true;
            let location = host.session().location(d.span);
            match d.severity {
                lower::Severity::Warning => {
                    host.session().diagnostics.push(crate::session::Diagnostic {
                        span: d.span,
                        error: false,
                        message: d.message.clone(),
                    });
                    let text = format!("┌ Warning: {}\n└ @ {}\n", d.message, location);
                    host.session().stderr.push_str(&text);
                }
                lower::Severity::Error => {
                    host.session().diagnostics.push(crate::session::Diagnostic {
                        span: d.span,
                        error: true,
                        message: d.message.clone(),
                    });
                    let text = format!(
                        "ERROR: {}\nStacktrace:\n [1] top-level scope\n   @ {}\n",
                        d.message, location
                    );
                    host.session().stderr.push_str(&text);
                    return false;
                }
            }
        }
        let ssa = lower::construct_ssa(thunk);
        let world = host.session().world.world_counter();
        crate::inline_cache::set_task_world(host, world);
        host.session().caller_owner = crate::code::OwnerId::NATIVE;
        host.session().toplevel_span = None;
        let steps = ir::steps::StepPlan::new(&ssa, &host.session().world.types);
        let result = if compiles(&ssa, &steps) {
            let location = host.session().location(span);
            let key = crate::session::ThunkKey {
                module: Rc::from(module),
                location,
                start: span.start,
                text: text.clone(),
            };
            let mi = thunk_method_instance(host.session(), key, ssa, thunk, span);
            run_compiled(host, mi)
        } else {
            let mut machine = TopMachine::new(host, &program);
            ir::interpret(&mut machine, &ssa, &steps, &[])
        };
        match result {
            Err(thrown) => {
                report_error(host, thrown, span);
                return false;
            }
            Ok(value) if !defines => last_value = Some(value),
            Ok(_) => {
                last_value = None;
                host.session().definitions.insert(text);
            }
        }
    }
    if let Some(err) = &first_error {
        report_parse_error(host, file_name, source, err);
        return false;
    }
    // Only the last statement's value is shown (a script prints none): a value printed for
    // every statement would cost a `repr` of each, however large.
    host.session().last_result = last_value.and_then(|v| result_repr(host, v));
    true
}

/// Whether a thunk is compiled rather than interpreted: as src/toplevel.c
/// `jl_toplevel_eval_flex` decides, one with a loop and no definitions (methods, types,
/// constants), which would each start a new world in the middle of the code.
fn compiles(ssa: &ir::Body, steps: &ir::steps::StepPlan) -> bool {
    !steps.loops.is_empty()
        && !ssa.insts.iter().any(|(_, data)| {
            matches!(
                data.kind,
                ir::InstKind::Method(_)
                    | ir::InstKind::Type(_)
                    | ir::InstKind::SetGlobal { constant: true, .. }
            )
        })
}

/// The MethodInstance of a thunk that compiles (`World::toplevel_method_instance`), made on its
/// first run; a later run finds its CodeInstance in the cache while the world has not changed.
fn thunk_method_instance(
    session: &mut crate::session::Session,
    key: crate::session::ThunkKey,
    ssa: ir::Body,
    lowered: &ir::Body,
    span: ir::Span,
) -> types::MethodInstanceId {
    if let Some(&mi) = session.thunks.get(&key) {
        return mi;
    }
    let module = key.module.clone();
    let mi = session.world.toplevel_method_instance(module, Rc::new(ssa), Rc::new(lowered.clone()), span);
    session.thunks.insert(key, mi);
    mi
}

/// Infers, optimizes, compiles and runs a thunk as a CodeInstance of owner `nothing` in the
/// newest world. When it fails, the statement it was running (`abi::POSITION_ADDR` on the wasm
/// engine; the interpreter notes it itself) is where the error report points.
fn run_compiled(host: &mut dyn Host, mi: types::MethodInstanceId) -> Result<RtValue, Thrown> {
    let position = codegen::abi::POSITION_ADDR;
    crate::raise::with_heap(host, |cx| {
        cx.write_u32(position, 0);
        Ok(())
    })?;
    let result = crate::compile::infer(host, &types::ConstValue::nothing(), mi)
        .and_then(|ci| crate::call::run_ci(host, ci, &[]));
    if result.is_err() {
        let id = crate::raise::with_heap(host, |cx| Ok(cx.read_u32(position))).unwrap_or(0);
        let session = host.session();
        if let Some(p) = session.positions.get(id as usize).filter(|_| id != 0) {
            session.toplevel_span = Some(p.span);
        }
    }
    result
}

/// What a REPL would echo for a statement's value: nothing for `nothing`.
fn result_repr(host: &mut dyn Host, value: ir::RtValue) -> Option<String> {
    let (mem, session) = host.heap();
    let cx = crate::heap::HeapCtx::new(mem, &mut session.objects, &mut session.world.types);
    if let ir::RtValue::Ref(addr) = value {
        if cx.tag(addr) == types::Ty::NOTHING {
            return None;
        }
    }
    Some(crate::show::repr(&cx, value))
}

/// The byte range a top-level thunk covers (the union of its instructions' spans).
fn thunk_span(body: &ir::Body) -> ir::Span {
    let mut span: Option<ir::Span> = None;
    let mut add = |s: ir::Span| {
        if s == ir::Span::default() {
            return;
        }
        span = Some(match span {
            None => s,
            Some(cur) => ir::Span { file: cur.file, start: cur.start.min(s.start), end: cur.end.max(s.end) },
        });
    };
    for (inst, _) in body.insts.iter() {
        if let Some(&s) = body.spans.get(inst) {
            add(s);
        }
    }
    for (_, block) in body.blocks.iter() {
        add(block.term_span);
    }
    span.unwrap_or_default()
}

fn report_parse_error(host: &mut dyn Host, file_name: &str, source: &str, err: &syntax::SyntaxError) {
    let mut text = syntax::render_parse_error(file_name, source, err);
    text.push('\n');
    let session = host.session();
    let file = (session.files.len() - 1) as u32;
    session.diagnostics.push(crate::session::Diagnostic {
        span: ir::Span { file, start: err.span.start, end: err.span.end },
        error: true,
        message: format!("ParseError: {}", err.message),
    });
    session.stderr.push_str(&text);
}

/// Prints an uncaught error: Julia's `ERROR: ` line(s), then where it happened.
pub fn report_error(host: &mut dyn Host, thrown: Thrown, statement: ir::Span) {
    let full = exception_message(host, thrown.0);
    // The report is Julia's first line, then where (Julia's further hint lines and the
    // "Closest candidates" list are left out).
    let message = full.lines().next().unwrap_or("").to_string();
    let session = host.session();
    let span = session.toplevel_span.unwrap_or(statement);
    let location = session.location(span);
    session.diagnostics.push(crate::session::Diagnostic { span, error: true, message: message.clone() });
    if crate::show_methods::hides_backtrace(host, thrown.0) {
        host.session().stderr.push_str(&format!(
            "ERROR: {message}
"
        ));
        return;
    }
    let mut frames = callee_frames(host, thrown);
    let session = host.session();
    frames.push(("top-level scope".to_string(), location, false));
    let width = frames.len().to_string().len();
    let mut text = format!("ERROR: {message}\nStacktrace:\n");
    for (i, (what, at, inlined)) in frames.iter().enumerate() {
        let index = format!("[{}]", i + 1);
        let pad = " ".repeat(width + 3 - index.len());
        let tail = if *inlined { " [inlined]" } else { "" };
        text.push_str(&format!("{pad}{index} {what}\n{}@ {at}{tail}\n", " ".repeat(width + 2)));
    }
    if session.internal_error.is_some() {
        text.push_str("(this is a bug in invokelab, not an error of the program)\n");
    }
    session.stderr.push_str(&text);
}

/// The frames of an uncaught error's stack trace below the top level, innermost first: what
/// (`f(x::Int64)`, or the name of an inlined callee), where (`Main file.jl:3`), and whether
/// the frame was inlined. Read from the exception's backtrace (`raise::throw_value`);
/// consecutive repeats of one frame (a deep recursion) are shown once with their count, as
/// Julia shows them.
fn callee_frames(host: &mut dyn Host, thrown: Thrown) -> Vec<(String, String, bool)> {
    let session = host.session();
    let Some(raised) = session.exceptions.last().filter(|r| r.value == thrown.0) else { return vec![] };
    let mut frames: Vec<(String, String, bool)> = Vec::new();
    for &id in &raised.backtrace {
        let Some(position) = session.positions.get(id as usize) else { continue };
        let world = &session.world;
        // Innermost first: the inlined callees (each at the span inside it), then the frame;
        // top-level code (a thunk) is the last frame, which the caller adds.
        let mut span = position.span;
        for &(callee, call_span) in position.inlined.iter() {
            let name = world.get_code_instance(callee).map_or_else(String::new, |c| {
                let m = world.method_instance(c.def).method;
                world.method(m).name.to_string()
            });
            let module = module_of(session, callee);
            frames.push((name, format!("{module} {}", session.location(span)), true));
            span = call_span;
        }
        let Some(ci) = position.ci.filter(|&ci| !session.is_thunk(ci)) else { break };
        let Some(code) = world.get_code_instance(ci) else { continue };
        let what = crate::labels::frame_label(world, code.def);
        let at = format!("{} {}", module_of(session, ci), session.location(span));
        frames.push((what, at, false));
    }
    // Julia's `(repeats n times)` for a frame repeated consecutively.
    let mut shown: Vec<(String, String, bool)> = Vec::new();
    let mut i = 0;
    while i < frames.len() {
        let mut j = i + 1;
        while j < frames.len() && frames[j] == frames[i] {
            j += 1;
        }
        let (what, at, inlined) = frames[i].clone();
        let what = if j - i > 1 { format!("{what} (repeats {} times)", j - i) } else { what };
        shown.push((what, at, inlined));
        i = j;
    }
    shown
}

fn module_of(session: &crate::session::Session, ci: types::CodeInstanceId) -> String {
    let world = &session.world;
    match world.get_code_instance(ci) {
        Some(c) => world.method(world.method_instance(c.def).method).module.to_string(),
        None => String::new(),
    }
}

/// The text after `ERROR: ` for a thrown value.
pub fn exception_message(host: &mut dyn Host, exc: RtValue) -> String {
    if let Some(text) = crate::show_methods::showerror_in_julia(host, exc) {
        return text;
    }
    crate::labels::refresh_labels(host.session());
    let (mem, session) = host.heap();
    // base/errorshow.jl asks `isempty(methods(f))` of a MethodError's callee.
    let callee_type = {
        let cx = HeapCtx::new(mem, &mut session.objects, &mut session.world.types);
        match exc {
            RtValue::Ref(addr) if cx.tag(addr) == types::Ty::METHOD_ERROR => {
                cx.field(addr, 0).and_then(|f| cx.type_value(f))
            }
            _ => None,
        }
    };
    let has_constructors = callee_type.is_some_and(|t| {
        let constructor = session.world.types.type_type(t);
        !session.world.methods_of(constructor).is_empty()
    });
    let facts = crate::errors::MethodFacts { has_constructors, ..Default::default() };
    let cx = HeapCtx::new(mem, &mut session.objects, &mut session.world.types);
    crate::errors::error_message(&cx, exc, facts)
}

/// `text` (a run's output) with each stack trace cut to its top-level frame: where the error
/// was raised and at which statement, without the callee frames between, which depend on what
/// was inlined (in Julia too) and on the optimizer's rewrites of self calls (which follow the
/// inlining policy). Differential tests compare engines and inlining modes on this.
pub fn top_level_frames_only(text: &str) -> String {
    let mut out = String::new();
    let mut lines = text.lines().peekable();
    let mut in_trace = false;
    while let Some(line) = lines.next() {
        if line == "Stacktrace:" {
            in_trace = true;
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let frame = line.trim_start().starts_with('[') && line.contains("] ");
        if in_trace && frame {
            let location = lines.next_if(|l| l.trim_start().starts_with("@ "));
            if line.ends_with("] top-level scope") {
                out.push_str(" [1] top-level scope\n");
                if let Some(l) = location {
                    out.push_str("   ");
                    out.push_str(l.trim_start());
                    out.push('\n');
                }
            }
            continue;
        }
        in_trace = in_trace && frame;
        out.push_str(line);
        out.push('\n');
    }
    if !text.ends_with('\n') {
        out.pop();
    }
    out
}
