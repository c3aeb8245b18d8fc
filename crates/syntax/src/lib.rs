//! `syntax`: the lexer, parser, syntax tree and syntax diagnostics for invokelab's subset of
//! Julia (SEMANTICS.md §1).
//!
//! Invariants: this crate knows nothing of types, methods or worlds (a type annotation is just
//! an expression), and it never fails: [`parse`] returns the tree together with every error it
//! found, on any input, without panicking. Spans are byte offsets; line and column numbers are
//! computed only at the edges, through [`LineIndex`] and [`render_parse_error`].

pub mod ast;
mod diagnostics;
mod dump;
mod lexer;
mod line_index;
mod parser;
mod span;

pub use ast::SourceFile;
pub use diagnostics::render_parse_error;
pub use dump::{dump, dump_expr_to_string};
pub use line_index::{LineCol, LineIndex};
pub use span::Span;

/// A syntax error: what is wrong, and where. Messages follow JuliaSyntax's wording where Julia
/// has the same error ("Expected `)`", "premature end of input", ...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub span: Span,
    pub message: String,
}

/// The result of parsing a file: the top-level statements and every syntax error, in source
/// order. Nodes that failed to parse are `ExprKind::Error`.
#[derive(Debug, Clone, PartialEq)]
pub struct Parse {
    pub file: SourceFile,
    pub errors: Vec<SyntaxError>,
}

impl Parse {
    pub fn has_errors(&self) -> bool {
        !self.errors.is_empty()
    }
}

/// Parses a whole source file. Never panics; a source longer than `u32::MAX` bytes is
/// reported as an error instead of being parsed.
pub fn parse(source: &str) -> Parse {
    if u32::try_from(source.len()).is_err() {
        return Parse {
            file: SourceFile { stmts: Vec::new(), span: Span::default() },
            errors: vec![SyntaxError {
                span: Span::default(),
                message: "source file is too large (more than 4 GiB)".to_string(),
            }],
        };
    }
    let (file, errors) = parser::parse_source_file(source);
    Parse { file, errors }
}
