//! Generates one `#[test]` per program under tests/files/ and static/examples/, so each file is a
//! test of its own (named after its path) and `cargo test NAME` runs one.

use std::fmt::Write;
use std::path::{Path, PathBuf};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "jl") {
            out.push(path);
        }
    }
}

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let root = manifest.parent().expect("tests/ is inside the workspace").to_path_buf();
    let mut files = Vec::new();
    for dir in [root.join("tests/files"), root.join("static/examples")] {
        println!("cargo:rerun-if-changed={}", dir.display());
        collect(&dir, &mut files);
    }
    let mut code = String::new();
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let rel = path.strip_prefix(&root).expect("under the workspace");
        let name: String = rel
            .with_extension("")
            .to_string_lossy()
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '_' })
            .collect();
        writeln!(code, "#[test]\nfn {name}() {{ filetests::check_file({:?}); }}", path.display().to_string())
            .expect("write to String");
    }
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("set by cargo")).join("generated.rs");
    std::fs::write(out, code).expect("write generated tests");
}
