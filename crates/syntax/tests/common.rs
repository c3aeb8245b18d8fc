//! Shared test helpers: parse and print the tree followed by the errors.

use std::fmt::Write;

pub fn parse_and_dump(input: &str) -> String {
    let parse = syntax::parse(input);
    let mut out = syntax::dump(&parse.file);
    for error in &parse.errors {
        let text = input.get(error.span.start as usize..error.span.end as usize).unwrap_or("?");
        let _ = writeln!(out, "error {}..{} {:?}: {}", error.span.start, error.span.end, text, error.message);
    }
    out
}
