//! End-to-end runs on the reference interpreter (no wasm engine needed): the pipeline from text
//! to printed output, through the prelude, inference and the optimizer.

use runtime::{run_interpreted, EngineKind, Options};

fn run(source: &str) -> (String, String) {
    let options = Options { engine: EngineKind::Interp, ..Options::default() };
    let out = run_interpreted(options, "prog.jl", source);
    (out.stdout, out.stderr)
}

#[test]
fn prints_arithmetic() {
    assert_eq!(run("println(1 + 2)\n"), ("3\n".to_string(), String::new()));
}
