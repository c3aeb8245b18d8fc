//! Runs a program file on the reference interpreter: `cargo run -p runtime --example interp FILE`.
//! (The CLI runs both engines; this needs no wasm engine, for working on the front half.)

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: interp FILE.jl");
        std::process::exit(2);
    };
    let source = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        eprintln!("cannot read {path}: {e}");
        std::process::exit(2)
    });
    let options = runtime::Options { engine: runtime::EngineKind::Interp, ..runtime::Options::default() };
    let name =
        std::path::Path::new(&path).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let out = runtime::run_interpreted(options, &name, &source);
    print!("{}", out.stdout);
    eprint!("{}", out.stderr);
    std::process::exit(if out.success { 0 } else { 1 });
}
