//! File tests: a program followed by its expected output, in the style of Cranelift's filetests.
//!
//! A test file is a Julia program that ends with an expectation block:
//! ```text
//! println(1 + 2)
//!
//! #= expect
//! 3
//! =#
//! ```
//! The block holds the program's stdout exactly; when the program fails, a line `--- stderr`
//! follows, then stderr (warnings and the `ERROR: ...` report). IR expectations are stdout too:
//! the program prints them with `@code_typed` and friends.
//!
//! Every file runs six ways that must agree: the wasm engine with the inliner's heuristic, with
//! inlining forced on and forced off, the reference interpreter, and both engines again with a
//! collection at every allocation (`--gc-stress`, which finds what is not rooted). Header lines at the top
//! adjust that: `# engines: wasm` (or `interp`), `# inlining: heuristic` or `# inlining: never`
//! (for programs that print optimized IR), `# steps: N` (the step budget), `# heap: BYTES` (the
//! heap limit). Every module the wasm runs emit is checked with wasmparser's validator. `BLESS=1 cargo test -p filetests` rewrites
//! the expectation blocks from the wasm run; read every change before committing it.

use runtime::{EngineKind, Inlining, Options, RunOutput};

const BLOCK_START: &str = "#= expect\n";
const BLOCK_END: &str = "=#\n";
const STDERR_MARK: &str = "--- stderr\n";

/// The program text and the expectation block's content (None when the file has no block yet).
fn split(text: &str) -> (&str, Option<&str>) {
    match text.rfind(BLOCK_START) {
        Some(start) => {
            let body = &text[start + BLOCK_START.len()..];
            let end = body.rfind(BLOCK_END).unwrap_or(body.len());
            (text[..start].trim_end_matches('\n'), Some(&body[..end]))
        }
        None => (text.trim_end_matches('\n'), None),
    }
}

/// What a run printed, rendered as an expectation block's content.
pub fn render(output: &RunOutput) -> String {
    let mut text = output.stdout.clone();
    if !output.success || !output.stderr.is_empty() {
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(STDERR_MARK);
        text.push_str(&output.stderr);
    }
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text
}

/// `text` with each stack trace cut to its top-level frame: the frames of the callees depend on
/// what was inlined (in Julia too) and on the optimizer's rewrites of self calls, so only the
/// first run (wasm, inlining by heuristic) must print them exactly as blessed; every run must
/// stop at the same statement with the same error.
pub use runtime::top_level_frames_only;

/// The value of a `# key: value` header line among the file's leading comment lines.
fn header<'a>(program: &'a str, key: &str) -> Option<&'a str> {
    program.lines().take_while(|l| l.starts_with('#')).find_map(|l| l.strip_prefix(&format!("# {key}: ")))
}

/// The runs a file gets: (label, options). Headers: `# engines: wasm` (or `interp`) restricts
/// the engines; `# steps: N` sets the step budget (so runaway loops stop fast on every engine).
fn configurations(program: &str) -> Vec<(&'static str, Options)> {
    let steps =
        header(program, "steps").and_then(|n| n.parse().ok()).unwrap_or(Options::default().step_budget);
    let max_heap_bytes =
        header(program, "heap").and_then(|n| n.parse().ok()).unwrap_or(Options::default().max_heap_bytes);
    let with = |engine, inlining| Options {
        engine,
        inlining,
        step_budget: steps,
        max_heap_bytes,
        // Keep every emitted module so the harness can validate it.
        keep_modules: engine == EngineKind::Wasm,
        ..Options::default()
    };
    let stressed = |engine| Options { gc_stress: true, ..with(engine, Inlining::Heuristic) };
    let all = vec![
        ("wasm", with(EngineKind::Wasm, Inlining::Heuristic)),
        ("wasm, inlining always", with(EngineKind::Wasm, Inlining::Always)),
        ("wasm, inlining never", with(EngineKind::Wasm, Inlining::Never)),
        ("interp", with(EngineKind::Interp, Inlining::Heuristic)),
        ("wasm, gc stress", stressed(EngineKind::Wasm)),
        ("interp, gc stress", stressed(EngineKind::Interp)),
    ];
    let all: Vec<_> = match header(program, "engines") {
        Some(list) => {
            all.into_iter().filter(|(label, _)| list.split(", ").any(|e| label.starts_with(e))).collect()
        }
        None => all,
    };
    // IR that a program prints depends on the inliner by design: `# inlining: heuristic` keeps
    // only the runs that use the heuristic, `# inlining: never` only the run that inlines
    // nothing.
    match header(program, "inlining") {
        Some("heuristic") => all.into_iter().filter(|(_, o)| o.inlining == Inlining::Heuristic).collect(),
        Some("never") => all.into_iter().filter(|(_, o)| o.inlining == Inlining::Never).collect(),
        _ => all,
    }
}

pub fn check_file(path: &str) {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    let (program, expected) = split(&text);
    let name =
        std::path::Path::new(path).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let bless = std::env::var_os("BLESS").is_some();
    let mut failures = Vec::new();
    for (i, (label, options)) in configurations(program).into_iter().enumerate() {
        let output = host_wasmtime::run(options, &name, program);
        for module in &output.modules {
            if let Err(e) = wasmparser::Validator::new().validate_all(&module.bytes) {
                failures.push(format!(
                    "{path} [{label}]: the module of `{}` does not validate: {e}",
                    module.name
                ));
            }
        }
        if let Some(bug) = &output.internal_error {
            failures.push(format!("{path} [{label}]: an internal error was reached: {bug}"));
        }
        let actual = render(&output);
        if i == 0 && bless {
            let blessed = format!("{program}\n\n{BLOCK_START}{actual}{BLOCK_END}");
            if blessed != text {
                std::fs::write(path, blessed).unwrap_or_else(|e| panic!("cannot bless {path}: {e}"));
            }
            continue;
        }
        let expected =
            if bless { actual.clone() } else { expected.unwrap_or("<no expectation block>").to_string() };
        let (actual, expected) = if i == 0 {
            (actual, expected)
        } else {
            (top_level_frames_only(&actual), top_level_frames_only(&expected))
        };
        if actual != expected {
            let diff = similar::TextDiff::from_lines(&expected, &actual);
            failures.push(format!(
                "{path} [{label}]: output differs (- expected, + actual):\n{}",
                diff.unified_diff().context_radius(3)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
