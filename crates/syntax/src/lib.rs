//! Lexer, parser, AST (in progress).
