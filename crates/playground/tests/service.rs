//! The playground's requests answered natively (wasmtime host): the same code the browser's
//! worker runs, minus the browser.

use std::rc::Rc;

use host_wasmtime::{Limits, WasmtimeHost};
use playground::Playground;
use protocol::{Request, Response, RunReport, Settings, Severity};

fn playground() -> Playground<WasmtimeHost> {
    Playground::new(
        Box::new(|session| {
            WasmtimeHost::new(session, Limits::default())
                .map(|h| h.with_import_handler(Rc::new(runtime::SessionImports)))
                .map_err(|e| format!("{e:?}"))
        }),
        256 << 20,
    )
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
    assert!(inspection.before.contains("Core.invoke"), "{}", inspection.before);
    assert!(!inspection.after.contains("Core.invoke"), "{}", inspection.after);
    assert!(inspection.after.contains("invoke area(r::Float64)::Float64"), "{}", inspection.after);
    let names: Vec<_> = inspection.passes.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["resolve_invokes", "inline", "const_fold", "dce", "simplify_cfg", "compact"]);
    assert!(inspection.passes.iter().any(|p| p.changed));
    assert_eq!(inspection.passes.last().map(|p| p.text.trim_end()), Some(inspection.after.trim_end()));
    assert!(inspection.wat.starts_with("(module"), "{}", inspection.wat);
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
