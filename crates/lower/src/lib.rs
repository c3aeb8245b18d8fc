//! AST -> lowered IR (in progress).
