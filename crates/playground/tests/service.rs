//! The playground's requests answered natively (wasmtime host): the same code the browser's
//! worker runs, minus the browser.

use host_wasmtime::WasmtimeHost;
use playground::Playground;
use protocol::{Request, Response, RunReport, Settings, Severity};

fn playground() -> Playground<WasmtimeHost> {
    playground::native(256 << 20)
}

/// Runs `f` with a fresh playground on a thread with a big stack (as the CLI runs programs).
fn with_playground<T: Send + 'static>(
    f: impl FnOnce(&mut Playground<WasmtimeHost>) -> T + Send + 'static,
) -> T {
    runtime::on_big_stack(move || f(&mut playground()))
}

fn ran(response: Response) -> RunReport {
    match response {
        Response::Ran(report) => report,
        other => panic!("expected a report, got {other:?}"),
    }
}

fn run(source: &str) -> Request {
    Request::Run { source: source.to_string(), settings: Settings::default(), keep_session: false }
}

#[test]
fn a_run_reports_output_result_and_the_cache() {
    let report = with_playground(|p| ran(p.handle(run("sq(x) = x * x\nprintln(sq(3))\nsq(2.5)\n"))));
    assert_eq!(report.stdout, "9\n");
    // A definition echoes nothing (nor does the prelude's last statement leak through).
    let defined = with_playground(|p| ran(p.handle(run("f(x) = x\n"))));
    assert_eq!(defined.result, None);
    assert_eq!(report.result.as_deref(), Some("6.25"));
    assert!(report.success && report.stderr.is_empty() && report.diagnostics.is_empty());
    let sq: Vec<_> = report.cache.iter().filter(|r| r.method_instance.starts_with("sq(")).collect();
    let titles: Vec<_> = sq.iter().map(|r| r.method_instance.as_str()).collect();
    assert_eq!(titles, ["sq(::Int64)", "sq(::Float64)"]);
    for row in &sq {
        assert_eq!(row.owner, "nothing");
        assert!(!row.prelude && row.ran && row.max_world.is_none());
    }
    assert_eq!(sq[1].rettype, "Float64");
    // The native rows come first, and prelude CodeInstances are marked.
    assert_eq!(report.cache[0].owner, "nothing");
    assert!(report.cache.iter().any(|r| r.prelude));
    assert!(report.ran.contains(&sq[0].ci));
    assert!(report.timings.total > 0.0 && report.timings.infer > 0.0);
    assert!(report.timings.total >= report.timings.run);
}

/// The report carries what each definition invalidated: the new method, the MethodInstance
/// whose backedge it hit, and its capped callers, each with the world it was capped at; a fresh
/// run starts with none (the prelude's own invalidations are not shown).
#[test]
fn a_run_reports_its_invalidation_trees() {
    let source = "f(x::Real) = x + 1\n@noinline g(x) = f(x) * 2\nh(x) = g(x) + 1\nprintln(h(1))\n\
                  f(x::Int64) = x - 1\nprintln(h(1))\n";
    let (report, quiet) =
        with_playground(move |p| (ran(p.handle(run(source))), ran(p.handle(run("println(1)\n")))));
    assert_eq!(report.stdout, "5\n1\n");
    assert!(quiet.invalidations.is_empty(), "{:?}", quiet.invalidations);
    let [tree] = report.invalidations.as_slice() else { panic!("{:?}", report.invalidations) };
    assert_eq!(
        (tree.action.as_str(), tree.definition.as_str()),
        ("inserting", "f(x::Int64) @ Main main.jl:5")
    );
    let [root] = tree.roots.as_slice() else { panic!("{:?}", tree.roots) };
    assert_eq!(root.kind, "backedges");
    assert_eq!(root.summary, "superseding f(x::Real) @ Main main.jl:1 with MethodInstance for f(::Int64)");
    let nodes: Vec<(&str, u32, u32, Option<&str>)> = root
        .nodes
        .iter()
        .map(|n| (n.method_instance.as_str(), n.depth, n.children, n.edge.as_deref()))
        .collect();
    assert_eq!(
        nodes,
        [
            ("MethodInstance for g(::Int64)", 0, 1, Some("f(::Int64)")),
            ("MethodInstance for h(::Int64)", 1, 0, None)
        ]
    );
    for node in &root.nodes {
        assert_eq!(node.max_world, tree.world - 1);
        let row = report.cache.iter().find(|r| r.ci == node.ci).expect("a cache row");
        assert_eq!(row.max_world, Some(tree.world - 1));
    }
}

#[test]
fn errors_become_diagnostics_in_utf16_offsets() {
    let report = with_playground(|p| ran(p.handle(run("s = \"αβ\"\nprintln(s)\nundefined_thing + 1\n"))));
    assert_eq!(report.stdout, "αβ\n");
    assert!(!report.success);
    assert_eq!(report.diagnostics.len(), 1, "{:?}", report.diagnostics);
    let d = &report.diagnostics[0];
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(d.message, "UndefVarError: `undefined_thing` not defined in `Main`");
    assert_eq!((d.line, d.column), (3, 1));
    // "s = \"αβ\"\nprintln(s)\n" is 20 UTF-16 units (α and β are one unit, two bytes each).
    assert_eq!(d.from, 20);
    assert!(d.to > d.from);

    let report = with_playground(|p| ran(p.handle(run("x = 1\ny = (x +\n"))));
    let d = &report.diagnostics[0];
    assert!(d.message.starts_with("ParseError: "), "{}", d.message);
    assert_eq!(d.line, 3);
}

#[test]
fn inspecting_the_invoke_example_shows_the_invoke_and_its_inlined_form() {
    let source = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../static/examples/invoke_codeinstance.jl"
    ))
    .expect("the example exists");
    let (report, inspection) = with_playground(move |p| {
        let report = ran(p.handle(run(&source)));
        let caller = report
            .cache
            .iter()
            .find(|r| r.method_instance == "ring(::Float64)")
            .unwrap_or_else(|| panic!("no ring in {:#?}", report.cache))
            .ci;
        match p.handle(Request::Inspect { ci: caller }) {
            Response::Inspected(i) => (report, i),
            other => panic!("{other:?}"),
        }
    });
    assert!(report.success, "{}", report.stderr);
    assert!(inspection.before.text.contains("Main.invoke::Core.Const(invoke)"), "{}", inspection.before.text);
    assert!(!inspection.after.text.contains("Main.invoke"), "{}", inspection.after.text);
    assert!(inspection.after.text.contains("invoke area(r::Float64)::Float64"), "{}", inspection.after.text);
    let names: Vec<_> = inspection.passes.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "resolve_invokes",
            "inline",
            "const_fold",
            "dce",
            "simplify_cfg",
            "tailrec",
            "unroll",
            "peel",
            "compact"
        ]
    );
    assert!(inspection.passes.iter().any(|p| p.changed));
    // The remark says what became of the `invoke(f, ci, ...)`, and the call links to that CodeInstance.
    let invoke = line_with(&inspection.before, "builtin (%2)(%3, %4, r)");
    assert_eq!(invoke.remark.as_deref(), Some("invoke(f, ci, …) becomes a direct call of area(::Float64)"));
    assert!(matches!(invoke.call, Some(protocol::CallLink::CodeInstance(_))), "{invoke:?}");
    assert_eq!(
        inspection.passes.last().map(|p| p.ir.text.trim_end()),
        Some(inspection.after.text.trim_end())
    );
    assert!(inspection.wat.starts_with("(module"), "{}", inspection.wat);
    // The warntype comes with Julia's terminal colours, which the page turns into marks.
    assert!(
        inspection.warntype.starts_with("MethodInstance for ring(::Float64)\n"),
        "{}",
        inspection.warntype
    );
    assert!(inspection.warntype.contains("Body\x1b[36m::Float64\x1b[39m\n"), "{:?}", inspection.warntype);
}

#[test]
fn a_dropped_code_instance_is_cured_by_the_next_warm_run() {
    let source = "@noinline sq(x) = x * x\nprintln(sq(7))\n";
    let (before, dropped, after, cold) = with_playground(move |p| {
        let before = ran(p.handle(run(source)));
        let row = before.cache.iter().find(|r| r.method_instance == "sq(::Int64)").expect("sq ran").clone();
        let dropped = match p.handle(Request::DropNative { ci: row.ci }) {
            Response::Cache(rows) => rows.into_iter().find(|r| r.ci == row.ci).expect("still cached"),
            other => panic!("{other:?}"),
        };
        let warm =
            Request::Run { source: source.to_string(), settings: Settings::default(), keep_session: true };
        let after = ran(p.handle(warm));
        let cold = ran(p.handle(run(source)));
        (row, dropped, after, cold)
    });
    assert!(before.native && !before.dropped);
    assert!(!dropped.native && dropped.dropped);
    assert_eq!(after.stdout, "49\n");
    // The warm run kept the definition, so the same CodeInstance ran again and was cured.
    let cured = after.cache.iter().find(|r| r.ci == before.ci).expect("same CodeInstance");
    assert!(cured.native && !cured.dropped && cured.max_world.is_none(), "{cured:?}");
    assert_eq!(after.cache.iter().filter(|r| r.method_instance == "sq(::Int64)").count(), 1);
    // A cold run starts over.
    assert_eq!(cold.stdout, "49\n");
    assert!(cold.cache.iter().all(|r| !r.dropped));
}

/// Every run gets the whole step budget: a warm run after one that ran out of steps runs again
/// (the budget lives in the session's memory, which a warm run keeps).
#[test]
fn a_warm_run_starts_with_the_whole_step_budget() {
    // 600 activations that each make a call: 600 of the 1000 steps.
    let source = "depth(n) = n == 0 ? 0 : 1 + depth(n - 1)\nprintln(depth(600))\n";
    let settings = Settings { step_budget: 1000, ..Settings::default() };
    let runs = with_playground(move |p| {
        let mut runs = Vec::new();
        for keep_session in [false, true, true] {
            let request =
                Request::Run { source: source.to_string(), settings: settings.clone(), keep_session };
            runs.push(ran(p.handle(request)));
        }
        runs
    });
    for (i, report) in runs.iter().enumerate() {
        assert!(report.success, "run {i}: {}", report.stderr);
        assert_eq!(report.stdout, "600\n", "run {i}");
    }
}

#[test]
fn requests_without_a_session_fail_clearly() {
    let responses = with_playground(|p| {
        (p.handle(Request::Inspect { ci: 0 }), {
            ran(p.handle(run("1 + 1")));
            p.handle(Request::DropNative { ci: 1_000_000 })
        })
    });
    assert_eq!(responses.0, Response::Failed("no program has run yet".into()));
    assert_eq!(responses.1, Response::Failed("no CodeInstance 1000000 in this session".into()));
}

/// What a run streamed: the `Output` messages posted while it ran, and its report.
struct Streamed {
    chunks: Vec<protocol::OutputChunk>,
    report: RunReport,
}

impl Streamed {
    fn text(&self) -> String {
        self.chunks.iter().map(|c| c.text.as_str()).collect()
    }
}

/// Runs each request in turn on a playground streaming to a fake clock that moves `tick_ms`
/// per reading, with the given interval and cap; also runs each source without a stream.
fn streamed(
    requests: Vec<Request>,
    tick_ms: f64,
    interval_ms: f64,
    cap: usize,
) -> (Vec<Streamed>, Vec<RunReport>) {
    use std::cell::Cell;
    use std::sync::{Arc, Mutex};
    runtime::on_big_stack(move || {
        let posted: Arc<Mutex<Vec<Response>>> = Arc::default();
        let post = {
            let posted = posted.clone();
            Box::new(move |r| posted.lock().unwrap().push(r))
        };
        let now = Cell::new(0.0);
        let clock = Box::new(move || {
            now.set(now.get() + tick_ms);
            now.get()
        });
        let stream = playground::OutputStream::with_limits(post, clock, interval_ms, cap);
        let mut p = playground().with_output(stream);
        let mut runs = Vec::new();
        let mut plain = Vec::new();
        for request in requests {
            let report = ran(p.handle(request.clone()));
            let chunks = std::mem::take(&mut *posted.lock().unwrap())
                .into_iter()
                .map(|r| match r {
                    Response::Output(chunk) => chunk,
                    other => panic!("the stream posted {other:?}"),
                })
                .collect();
            runs.push(Streamed { chunks, report });
            if let Request::Run { source, settings, .. } = request {
                let fresh = Request::Run { source, settings, keep_session: false };
                plain.push(ran(playground().handle(fresh)));
            }
        }
        (runs, plain)
    })
}

#[test]
fn a_streamed_run_sends_its_output_in_order_and_the_report_repeats_none_of_it() {
    // 300 lines (1 ms apart on the fake clock, so one message per 50 ms of them), a long line
    // without a newline (the session hands it over at 8 KiB), then an error: its report is
    // stderr, which the page shows after the streamed text, as it shows stdout today.
    let source = "for i in 1:300\n    println(\"line \", i)\nend\nfor i in 1:3000\n    print(\"xyz\")\nend\n\
                  print(\"tail\")\nerror(\"boom\")\n";
    let (runs, plain) = streamed(vec![run(source)], 1.0, 50.0, protocol::OUTPUT_CAP);
    let (streamed, plain) = (&runs[0], &plain[0]);
    assert!(plain.stdout.starts_with("line 1\nline 2\n") && plain.stdout.ends_with("xyztail"));
    assert_eq!(streamed.text(), plain.stdout);
    assert!(streamed.chunks.len() > 3, "{} messages", streamed.chunks.len());
    // Batched: 300 lines do not make 300 messages.
    assert!(streamed.chunks.len() < 60, "{} messages", streamed.chunks.len());
    assert!(streamed.chunks.iter().all(|c| c.skipped == 0 && !c.text.is_empty()));
    assert_eq!(streamed.report.stdout, "");
    assert_eq!(streamed.report.stderr, plain.stderr);
    assert!(streamed.report.stderr.starts_with("ERROR: boom"), "{}", streamed.report.stderr);
    assert!(!streamed.report.success);
}

#[test]
fn a_warm_run_streams_too_and_its_unfinished_last_line_comes_last() {
    let source = "@noinline sq(x) = x * x\nprintln(sq(7))\nprint(\"no newline\")\n";
    let warm = Request::Run { source: source.to_string(), settings: Settings::default(), keep_session: true };
    // A clock that never moves: after the first message everything is held until the run ends.
    let (runs, plain) = streamed(vec![run(source), warm], 0.0, 50.0, protocol::OUTPUT_CAP);
    for (streamed, plain) in runs.iter().zip(&plain) {
        assert_eq!(plain.stdout, "49\nno newline");
        assert_eq!(streamed.text(), plain.stdout);
        assert_eq!(streamed.report.stdout, "");
        assert_eq!(streamed.chunks.first().map(|c| c.text.as_str()), Some("49\n"));
    }
}

#[test]
fn output_held_between_messages_keeps_only_its_last_cap_bytes() {
    let source = "for i in 1:1000\n    println(\"line \", i)\nend\n";
    // The clock never moves past the interval: the first line goes out, the rest is held (and
    // cut to the cap) until the run ends.
    let (runs, plain) = streamed(vec![run(source)], 0.0, 50.0, 100);
    let (streamed, plain) = (&runs[0], &plain[0]);
    assert_eq!(streamed.chunks.len(), 2);
    assert_eq!(streamed.chunks[0].text, "line 1\n");
    let last = &streamed.chunks[1];
    assert!(last.text.len() <= 100 && last.text.starts_with("line ") && plain.stdout.ends_with(&last.text));
    assert_eq!("line 1\n".len() as u64 + last.skipped + last.text.len() as u64, plain.stdout.len() as u64);
}

/// A top-level loop is compiled (a CodeInstance of the thunk, which no cache holds, so the
/// cache table does not list it), and a warm run of the same program reuses it: it compiles
/// nothing again.
#[test]
fn a_compiled_top_level_loop_is_reused_by_warm_runs() {
    let source = "s = 0\nfor i in 1:10\n    global s += i\nend\nprintln(s)\n";
    let runs = with_playground(move |p| {
        let mut runs = Vec::new();
        for keep_session in [false, true] {
            let request =
                Request::Run { source: source.to_string(), settings: Settings::default(), keep_session };
            runs.push(ran(p.handle(request)));
        }
        runs
    });
    for report in &runs {
        assert_eq!(report.stdout, "55\n", "{}", report.stderr);
        assert!(report.cache.iter().all(|r| !r.method_instance.contains("top-level")), "{:?}", report.cache);
    }
    assert!(runs[0].timings.codegen > 0.0);
    assert_eq!(runs[1].timings.codegen, 0.0, "the warm run compiled the loop again");
}

/// Fresh runs start from one snapshot of the session after the prelude loaded: a run sees
/// nothing of the one before (its definitions, its globals, its heap, its random state), and
/// prints what a run in a new playground prints, under every inlining setting.
#[test]
fn fresh_runs_from_the_prelude_snapshot_are_independent() {
    let first = "f(x) = 2x\nconst K = [1, 2]\npush!(K, 3)\nusing Random\nprintln(f(21), K, rand(1:100))\n";
    let second = "println(rand(1:100), \" \", Dict(\"a\" => 1))\nf(1)\n";
    let alone = with_playground(move |p| ran(p.handle(run(second))));
    let after = with_playground(move |p| {
        let a = ran(p.handle(run(first)));
        let b = ran(p.handle(run(second)));
        (a, b)
    });
    assert_eq!(after.0.stdout, "42[1, 2, 3]41\n", "{}", after.0.stderr);
    assert_eq!(alone.stdout, "41 Dict(\"a\" => 1)\n");
    assert_eq!(
        (after.1.stdout.as_str(), after.1.stderr.as_str()),
        (alone.stdout.as_str(), alone.stderr.as_str())
    );
    assert!(alone.stderr.contains("UndefVarError: `f` not defined in `Main`"), "{}", alone.stderr);
    for inlining in [protocol::Inlining::Never, protocol::Inlining::Always] {
        let settings = Settings { inlining, ..Settings::default() };
        let report = with_playground(move |p| {
            ran(p.handle(run(first)));
            ran(p.handle(Request::Run { source: second.to_string(), settings, keep_session: false }))
        });
        assert_eq!(report.stdout, alone.stdout, "{inlining:?}");
    }
}

/// Runs `source` and inspects the CodeInstance whose MethodInstance is `mi`.
fn inspect_after_run(source: &str, mi: &'static str) -> (RunReport, protocol::Inspection) {
    let source = source.to_string();
    with_playground(move |p| {
        let report = ran(p.handle(run(&source)));
        let ci = report
            .cache
            .iter()
            .find(|r| r.method_instance == mi)
            .unwrap_or_else(|| panic!("no {mi} in {:#?}", report.cache))
            .ci;
        match p.handle(Request::Inspect { ci }) {
            Response::Inspected(i) => (report, i),
            other => panic!("{other:?}"),
        }
    })
}

/// Base's precompiled code comes optimized in the snapshot, without its passes recorded: the
/// pipeline view of such a CodeInstance runs the passes again, and they end in the IR the run
/// used.
#[test]
fn the_pipeline_view_of_base_code_optimized_ahead_ends_in_its_optimized_ir() {
    let (report, inspection) = inspect_after_run("println(1)\n", "println(::Int64)");
    assert!(report.success, "{}", report.stderr);
    assert!(report.cache.iter().any(|r| r.method_instance == "println(::Int64)" && r.prelude));
    let last = inspection.passes.iter().rev().find(|p| !p.ir.text.is_empty()).expect("passes with IR");
    assert!(
        inspection.passes.len() > 3,
        "{:?}",
        inspection.passes.iter().map(|p| &p.name).collect::<Vec<_>>()
    );
    assert_eq!(last.ir.text, inspection.after.text);
}

/// The facts of the first line of `ir` containing `needle`.
fn line_with<'a>(ir: &'a protocol::IrText, needle: &str) -> &'a protocol::IrLine {
    let index =
        ir.text.lines().position(|l| l.contains(needle)).unwrap_or_else(|| panic!("{needle} in {}", ir.text));
    assert_eq!(ir.lines.len(), ir.text.lines().count(), "one fact per line");
    &ir.lines[index]
}

#[test]
fn an_inlined_statement_keeps_its_source_and_the_chain_of_calls_it_was_inlined_through() {
    let source = "f(x) = x * 3\ng(x) = f(x) + 1\nprintln(g(2))\n";
    let (report, inspection) = inspect_after_run(source, "g(::Int64)");
    assert!(report.success, "{}", report.stderr);
    let mul = line_with(&inspection.after, "mul_int");
    let frames: Vec<(&str, u32)> = mul.frames.iter().map(|f| (f.function.as_str(), f.line)).collect();
    // g at line 2 (the call of f), f at line 1 (the call of *), then Base's `*`.
    assert_eq!(&frames[..2], [("g", 2), ("f", 1)], "{:?}", mul.frames);
    assert_eq!(mul.frames[2].function, "*");
    assert_eq!(mul.frames[2].span, None, "Base's source is not the user's");
    let utf16 = |s: &str| s.encode_utf16().count() as u32;
    let call_of_f = source.find("f(x) +").unwrap();
    assert_eq!(mul.frames[0].span.map(|s| s.from), Some(utf16(&source[..call_of_f])));
    let star = source.find("x * 3").unwrap();
    assert_eq!(
        mul.frames[1].span.map(|s| (s.from, s.to)),
        Some((utf16(&source[..star]), utf16(&source[..star + 5])))
    );
    // The `return` of g is g's own.
    let ret = line_with(&inspection.after, "return");
    assert_eq!(ret.frames.iter().map(|f| f.function.as_str()).collect::<Vec<_>>(), ["g"]);
    // Lines that print no statement have no facts.
    assert_eq!(inspection.after.lines[0], protocol::IrLine::default());
}

#[test]
fn calls_link_to_their_callees_and_carry_remarks() {
    let source = "@noinline sq(x) = x * x\nh(x) = sq(x) + 1\nshow_any(v) = sq(v[1])\n\
                  println(h(2))\nprintln(show_any(Any[3]))\n";
    let (report, inspection) = inspect_after_run(source, "h(::Int64)");
    assert!(report.success, "{}", report.stderr);
    let call = line_with(&inspection.after, "invoke sq(");
    let sq = report.cache.iter().find(|r| r.method_instance == "sq(::Int64)").unwrap().ci;
    assert_eq!(call.call, Some(protocol::CallLink::CodeInstance(sq)));
    assert_eq!(call.remark.as_deref(), Some("sq(::Int64) not inlined: @noinline"));
    // Before optimization the call is a resolved call of the same CodeInstance, not a dynamic one.
    let resolved = line_with(&inspection.before, "(x)::Int64");
    assert_eq!(resolved.call, Some(protocol::CallLink::CodeInstance(sq)));
    assert_eq!(resolved.remark, None);

    let (_, inspection) = inspect_after_run(source, "show_any(::Vector{Any})");
    let dynamic = line_with(&inspection.after, "dynamic");
    let Some(protocol::CallLink::Methods(methods)) = &dynamic.call else { panic!("{dynamic:?}") };
    assert_eq!(methods.len(), 1);
    assert!(methods[0].method.starts_with("sq(x) @ Main"), "{}", methods[0].method);
    assert!(!methods[0].cis.is_empty());
    let remark = dynamic.remark.as_deref().unwrap_or_default();
    assert!(remark.starts_with("dynamic call of sq: argument 1 is Any (from %"), "{remark}");
}

/// A snapshot stored and read back (what the browser's worker starts from: the build writes it
/// with `snapshot_bytes`, the worker reads it with `prepare_from`) runs every example and a
/// quarter of the file tests as the snapshot taken in place does: the same output, the same cache and the same
/// reports, so the browser prints what the CLI prints. And bytes of another build are refused.
#[test]
fn a_stored_snapshot_runs_every_program_as_the_snapshot_it_was_made_from() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files: Vec<std::path::PathBuf> = Vec::new();
    for dir in ["static/examples", "tests/files"] {
        let mut stack = vec![root.join(dir)];
        while let Some(d) = stack.pop() {
            for entry in std::fs::read_dir(&d).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "jl") {
                    files.push(path);
                }
            }
        }
    }
    files.sort();
    assert!(files.len() > 100, "{} programs", files.len());
    // Every example, and a fixed sample of the file tests (all of them took two minutes).
    let files: Vec<_> = files
        .into_iter()
        .enumerate()
        .filter(|(i, p)| p.starts_with(root.join("static")) || i % 4 == 0)
        .map(|(_, p)| p)
        .collect();
    runtime::on_big_stack(move || {
        let mut made = playground();
        let bytes = made.snapshot_bytes().unwrap();
        let mut read = playground();
        read.prepare_from(&bytes).unwrap();
        let mut wrong = bytes.clone();
        wrong[0] ^= 1;
        assert!(playground().prepare_from(&wrong).is_err(), "another build's bytes are refused");
        for path in &files {
            let text = std::fs::read_to_string(path).unwrap();
            let source = text.split("#= expect").next().unwrap().to_string();
            let a = ran(made.handle(run(&source)));
            let b = ran(read.handle(run(&source)));
            let name = path.display();
            assert_eq!((&a.stdout, &a.stderr), (&b.stdout, &b.stderr), "{name}");
            assert_eq!(a.cache, b.cache, "{name}");
            assert_eq!(a.invalidations, b.invalidations, "{name}");
            assert_eq!(a.result, b.result, "{name}");
        }
    });
}

/// The cache table leaves out Base's precompiled CodeInstances that a run did not touch (the
/// prelude's own, which every session has), and keeps those it ran, inlined or invalidated.
#[test]
fn the_cache_rows_leave_out_precompiled_code_the_run_did_not_touch() {
    let small = with_playground(|p| ran(p.handle(run("println(1)\n"))));
    let words =
        with_playground(|p| ran(p.handle(run("d = Dict{String, Int}()\nd[\"a\"] = 1\nprintln(d)\n"))));
    // `println(::Dict{String, Int64})` is precompiled; only the run that printed a Dict has it.
    let has = |r: &RunReport, title: &str| r.cache.iter().any(|row| row.method_instance == title);
    assert!(!has(&small, "println(::Dict{String, Int64})"));
    assert!(has(&words, "println(::Dict{String, Int64})"));
    // Redefining a method that precompiled code calls caps that code, which is then listed.
    let capped =
        with_playground(
            |p| ran(p.handle(run("Base.isspace(c::Char) = c == ' '\nprintln(split(\"a b\"))\n"))),
        );
    assert!(capped.cache.iter().any(|r| r.prelude && r.max_world.is_some() && !r.ran), "{:#?}", capped.cache);
    assert!(small.cache.len() < 100, "{} rows", small.cache.len());
}
