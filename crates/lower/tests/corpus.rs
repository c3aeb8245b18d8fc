//! Whole files: the gallery examples and the prelude lower without errors, every body passes
//! the verifier before and after SSA construction, and arbitrary input never panics.

use std::path::Path;

fn lower_file(path: &Path, module: &str) -> Vec<String> {
    let src = std::fs::read_to_string(path).unwrap_or_default();
    let parse = syntax::parse(&src);
    let (program, diags) = lower::lower_program(&parse.file, 0, module);
    let mut problems: Vec<String> = diags
        .iter()
        .filter(|d| d.severity == lower::Severity::Error)
        .map(|d| {
            format!(
                "{}: {:?}: {}",
                path.display(),
                src.get(d.span.start as usize..d.span.end as usize),
                d.message
            )
        })
        .collect();
    let bodies = program.thunks.iter().chain(program.methods.iter().map(|m| &m.body));
    for body in bodies {
        let ssa = lower::construct_ssa(body);
        if let Err(errors) = ir::verify(&ssa, true) {
            problems.push(format!("{}: SSA verify: {errors:?}", path.display()));
        }
    }
    problems
}

#[test]
fn gallery_and_prelude_lower_cleanly() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files: Vec<(std::path::PathBuf, &str)> = Vec::new();
    for (dir, module) in [("static/examples", "Main"), ("crates/runtime/prelude", "Base")] {
        if let Ok(entries) = std::fs::read_dir(root.join(dir)) {
            for entry in entries.flatten() {
                if entry.path().extension().is_some_and(|e| e == "jl") {
                    files.push((entry.path(), module));
                }
            }
        }
    }
    let problems: Vec<String> = files.iter().flat_map(|(p, m)| lower_file(p, m)).collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn arbitrary_input_never_panics() {
    let pieces = [
        "x", "=", "1", "+", "(", ")", "[", "]", "end", "for", "in", "while", "if", "else", "function", "f",
        "return", "break", ",", ";", "\n", "let", "...", "::", "@show", "&&", "||", "?", ":", "a.b",
        "struct", "global", "local", "const", "\"s$x\"", "k=2", "continue", "begin",
    ];
    // A deterministic pseudo-random walk over token soup.
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    for _ in 0..400 {
        let mut src = String::new();
        for _ in 0..30 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            src.push_str(pieces[(state % pieces.len() as u64) as usize]);
            src.push(' ');
        }
        let parse = syntax::parse(&src);
        let (program, _) = lower::lower_program(&parse.file, 0, "Main");
        for body in program.thunks.iter().chain(program.methods.iter().map(|m| &m.body)) {
            let ssa = lower::construct_ssa(body);
            assert!(ir::verify(&ssa, true).is_ok(), "SSA verify failed for {src:?}");
        }
    }
}
