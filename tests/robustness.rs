//! No input, however malformed, panics: truncations and byte-level mutations of the example
//! programs go through the whole pipeline on both engines, and each run must end either
//! normally or with an `ERROR:` report (the point of this test is that nothing panics and the
//! output contract holds).

use runtime::{EngineKind, Options};

/// A small deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const PIECES: &[&str] = &[
    "(",
    ")",
    "end",
    "[",
    "]",
    "=",
    "+",
    "::",
    "...",
    "\"",
    "$",
    ",",
    ";",
    "\n",
    "function f(x)",
    "1.5",
    "x",
];

fn mutants() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../static/examples");
    let mut sources: Vec<String> = std::fs::read_dir(dir)
        .expect("examples exist")
        .map(|e| std::fs::read_to_string(e.expect("entry").path()).expect("readable"))
        .collect();
    sources.sort();
    let mut rng = Rng(0x9e3779b97f4a7c15);
    let mut out = Vec::new();
    for source in &sources {
        let program = source.split("#= expect").next().unwrap_or(source);
        let bytes = program.as_bytes();
        for _ in 0..6 {
            let cut = rng.below(bytes.len());
            out.push(String::from_utf8_lossy(&bytes[..cut]).into_owned());
        }
        for _ in 0..6 {
            let at = rng.below(bytes.len());
            let mut s = String::from_utf8_lossy(&bytes[..at]).into_owned();
            s.push_str(PIECES[rng.below(PIECES.len())]);
            s.push_str(&String::from_utf8_lossy(&bytes[at..]));
            out.push(s);
        }
    }
    out
}

#[test]
fn malformed_programs_end_in_an_error_report_never_a_panic() {
    for (i, program) in mutants().iter().enumerate() {
        for engine in [EngineKind::Wasm, EngineKind::Interp] {
            let options =
                Options { engine, step_budget: 2_000_000, max_heap_bytes: 16 << 20, ..Options::default() };
            let output = host_wasmtime::run(options, "mutant.jl", program);
            if !output.success {
                assert!(
                    output.stderr.contains("ERROR: "),
                    "mutant {i} on {engine:?} failed without an error report:\n{program}\n--- stderr\n{}",
                    output.stderr
                );
            }
        }
    }
}
