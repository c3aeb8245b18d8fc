//! The runtime's files form layers (see `lib.rs`): a file uses only files of its own layer or
//! earlier ones, so the call path has no cycle except inside `call/`, which is one concept (a
//! body makes calls; builtins that call are calls). This reads every file's `crate::` paths and
//! checks them against the layer list.

use std::collections::BTreeMap;
use std::path::Path;

/// The layers, first to last. A module's files may use modules of its own layer or earlier.
const LAYERS: &[&[&str]] = &[
    &[
        "prelude", "float", "hashing", "ziggurat", "random", "gc", "heap", "objects", "show", "errors",
        "builtins",
    ],
    &["options", "host", "imports", "session", "code", "labels", "invalidation_trees"],
    &["raise"],
    &["link", "dump", "remarks", "ir_view", "inline_cache"],
    &["compile"],
    &["call", "show_methods"],
    &["plugin", "reflect_objects", "reflect"],
    &["session_imports", "toplevel", "bootstrap", "interp_host"],
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

/// The module a source file belongs to: `call/mod.rs` and `call/machine.rs` are `call`.
fn module_of(path: &Path, src: &Path) -> String {
    let rel = path.strip_prefix(src).unwrap();
    let first = rel.components().next().unwrap().as_os_str().to_string_lossy().into_owned();
    first.trim_end_matches(".rs").to_string()
}

/// Every module named as `crate::name` in the code (comments skipped).
fn uses(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(i) = rest.find("crate::") {
            rest = &rest[i + "crate::".len()..];
            if let Some(group) = rest.strip_prefix('{') {
                // `use crate::{a, b::C};`
                let inner = group.split('}').next().unwrap_or("");
                for item in inner.split(',') {
                    let name = item.trim().split("::").next().unwrap_or("").to_string();
                    if !name.is_empty() {
                        found.push(name);
                    }
                }
                continue;
            }
            let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
            if !name.is_empty() {
                found.push(name);
            }
        }
    }
    found
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_file_uses_a_later_layer() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut violations = BTreeMap::new();
    let mut checked = 0;
    for path in &files {
        let module = module_of(path, &src);
        if module == "lib" {
            continue;
        }
        let Some(own) = layer_of(&module) else {
            panic!("{} is in no layer: add its module to LAYERS", path.display());
        };
        let text = std::fs::read_to_string(path).unwrap();
        // `#[cfg(test)]` modules may use anything.
        let text = text.split("#[cfg(test)]").next().unwrap_or("");
        for used in uses(text) {
            let Some(layer) = layer_of(&used) else { continue };
            checked += 1;
            if layer > own {
                violations
                    .entry(path.strip_prefix(&src).unwrap().display().to_string())
                    .or_insert_with(Vec::new)
                    .push(used);
            }
        }
    }
    assert!(checked > 50, "the scan found too few uses ({checked}): is the source tree where it should be?");
    assert!(violations.is_empty(), "files using a later layer: {violations:#?}");
}

#[test]
fn the_scan_sees_uses_and_skips_comments() {
    let text = "use crate::heap::X;\n// crate::call is only mentioned\nlet y = crate::raise::with_heap(h);\nuse crate::{plugin, code::OwnerId};";
    assert_eq!(uses(text), ["heap", "raise", "plugin", "code"]);
}
