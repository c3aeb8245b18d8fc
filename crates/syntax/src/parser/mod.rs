//! The recursive-descent parser, structured like JuliaSyntax's `parser.jl` (itself a port of
//! the flisp parser) so that the two can be read side by side: one function per precedence
//! level, a `Context` for the modes Julia's `ParseState` carries (newlines as blanks inside
//! brackets, space-sensitive macro arguments, `end` as a value inside indexing, ...). This file
//! holds the token cursor, error recovery and statement lists; `expr.rs` the operator levels;
//! `call.rs` calls, indexing and field access; `atom.rs` atoms and bracketed lists; `stmt.rs`
//! keyword forms; `def.rs` signatures and definitions; `strings.rs` literals. It never fails: every error is
//! recorded and parsing resumes at the next statement or closing token.

mod atom;
mod call;
mod def;
mod expr;
mod stmt;
mod strings;

use crate::ast::{Block, Expr, SourceFile};
use crate::lexer::{self, Keyword, Op, Token, TokenKind};
use crate::{Span, SyntaxError};

/// The parse modes of JuliaSyntax's `ParseState`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Context {
    /// Inside `()`, `[]`, `{}`: newlines are blanks.
    skip_newlines: bool,
    /// In macro arguments `@m a -b`: a blank ends an argument.
    space_sensitive: bool,
    /// Off in the middle of `c ? a : b`, where `:` is not a range.
    range_colon: bool,
    /// Inside `a[...]`: `end` is the last index.
    end_symbol: bool,
    /// Off while parsing the bounds of a `where`.
    where_enabled: bool,
}

impl Context {
    fn normal() -> Context {
        Context {
            skip_newlines: false,
            space_sensitive: false,
            range_colon: true,
            end_symbol: false,
            where_enabled: true,
        }
    }
}

pub(crate) struct Parser<'s> {
    source: &'s str,
    tokens: Vec<Token>,
    pos: usize,
    ctx: Context,
    errors: Vec<SyntaxError>,
    /// Nesting of recursive productions, bounded by `MAX_DEPTH` so that no input can
    /// overflow the stack.
    depth: u32,
}

/// Deeper nesting is reported instead of parsed. Real programs stay far below this; the bound
/// keeps the parser's stack use under about 1 MiB in debug builds (wasm stacks are small).
const MAX_DEPTH: u32 = 100;

/// Parses a whole file.
pub(crate) fn parse_source_file(source: &str) -> (SourceFile, Vec<SyntaxError>) {
    let (tokens, errors) = lexer::tokenize(source, 0, source.len());
    let mut parser = Parser { source, tokens, pos: 0, ctx: Context::normal(), errors, depth: 0 };
    let file = parser.parse_file();
    let mut errors = parser.errors;
    // Source order; errors at the same place keep the order they were found in. String
    // interpolations are lexed twice (to find their end, then to parse them), so the same
    // error can be found twice.
    errors.sort_by_key(|e| (e.span.start, e.span.end));
    let mut unique: Vec<SyntaxError> = Vec::with_capacity(errors.len());
    for error in errors {
        if !unique.iter().rev().take_while(|u| u.span == error.span).any(|u| u.message == error.message) {
            unique.push(error);
        }
    }
    (file, unique)
}

impl<'s> Parser<'s> {
    /// A parser over `source[start..end]` sharing the file's offsets; used for `$(...)` inside
    /// strings.
    fn nested(&self, start: usize, end: usize) -> Parser<'s> {
        let (tokens, errors) = lexer::tokenize(self.source, start, end);
        // An interpolation costs more stack than a parenthesis: count it as three levels.
        Parser { source: self.source, tokens, pos: 0, ctx: Context::normal(), errors, depth: self.depth + 2 }
    }

    // ---- token cursor -------------------------------------------------------------------

    /// Index of the next token that is not skipped (newlines are skipped inside brackets).
    fn peek_index(&self, n: usize) -> usize {
        let mut index = self.pos;
        let mut remaining = n;
        loop {
            let Some(token) = self.tokens.get(index) else {
                return self.tokens.len().saturating_sub(1);
            };
            let skipped = self.ctx.skip_newlines && token.kind == TokenKind::Newline;
            if !skipped {
                if remaining == 0 || token.kind == TokenKind::Eof {
                    return index;
                }
                remaining -= 1;
            }
            index += 1;
        }
    }

    fn nth_token(&self, n: usize) -> Token {
        let index = self.peek_index(n);
        self.tokens.get(index).copied().unwrap_or(Token {
            kind: TokenKind::Eof,
            span: Span::empty_at(lexer::to_u32(self.source.len())),
            space_before: false,
        })
    }

    fn peek(&self) -> Token {
        self.nth_token(0)
    }

    fn nth(&self, n: usize) -> TokenKind {
        self.nth_token(n).kind
    }

    fn at(&self, kind: TokenKind) -> bool {
        self.peek().kind == kind
    }

    fn at_op(&self, op: Op) -> bool {
        self.at(TokenKind::Op(op))
    }

    fn at_keyword(&self, keyword: Keyword) -> bool {
        self.at(TokenKind::Keyword(keyword))
    }

    fn text(&self, token: Token) -> &'s str {
        token.span.text(self.source)
    }

    fn peek_text(&self) -> &'s str {
        self.text(self.peek())
    }

    /// Consumes the next token (and any skipped newlines before it).
    fn bump(&mut self) -> Token {
        let index = self.peek_index(0);
        let token = self.nth_token(0);
        if token.kind != TokenKind::Eof {
            self.pos = index + 1;
        } else {
            self.pos = index;
        }
        token
    }

    fn eat(&mut self, kind: TokenKind) -> Option<Token> {
        if self.at(kind) {
            Some(self.bump())
        } else {
            None
        }
    }

    /// Skips newline tokens even where they are significant (`bump_trivia` in JuliaSyntax).
    fn skip_newlines(&mut self) {
        while self.tokens.get(self.pos).is_some_and(|t| t.kind == TokenKind::Newline) {
            self.pos += 1;
        }
    }

    /// Where the next token starts: the place for "something is missing" diagnostics.
    fn here(&self) -> Span {
        Span::empty_at(self.peek().span.start)
    }

    /// End offset of the last consumed token.
    fn last_end(&self) -> u32 {
        self.pos.checked_sub(1).and_then(|i| self.tokens.get(i)).map_or(0, |t| t.span.end)
    }

    fn span_from(&self, start: u32) -> Span {
        Span::new(start, self.last_end().max(start))
    }

    fn with_ctx<T>(&mut self, ctx: Context, f: impl FnOnce(&mut Self) -> T) -> T {
        let saved = self.ctx;
        self.ctx = ctx;
        let result = f(self);
        self.ctx = saved;
        result
    }

    /// The context Julia uses for keyword forms (`normal_context`).
    fn normal_ctx(&self) -> Context {
        Context::normal()
    }

    /// The context inside `()`, `[]` and `{}`.
    fn bracket_ctx(&self) -> Context {
        Context {
            skip_newlines: true,
            space_sensitive: false,
            range_colon: true,
            end_symbol: self.ctx.end_symbol,
            where_enabled: true,
        }
    }

    // ---- errors and recovery ------------------------------------------------------------

    /// Runs a recursive production one level deeper, or reports that the input nests too
    /// deeply and skips to the end of the line or the next closing token.
    fn nested_production(&mut self, production: impl FnOnce(&mut Self) -> Expr) -> Expr {
        if self.depth >= MAX_DEPTH {
            let start = self.peek().span.start;
            let mut end = start;
            while !self.at_closing_or_newline() {
                end = self.bump().span.end;
            }
            let span = Span::new(start, end);
            self.error(span, "expression is nested too deeply");
            return Expr::error(span);
        }
        self.depth += 1;
        let result = production(self);
        self.depth -= 1;
        result
    }

    fn error(&mut self, span: Span, message: impl Into<String>) {
        self.errors.push(SyntaxError { span, message: message.into() });
    }

    /// Tokens that end an expression without belonging to it (`is_closing_token`).
    fn is_closing(&self, kind: TokenKind) -> bool {
        matches!(
            kind,
            TokenKind::Keyword(Keyword::Else | Keyword::Elseif | Keyword::Catch | Keyword::Finally)
                | TokenKind::Comma
                | TokenKind::RParen
                | TokenKind::RBracket
                | TokenKind::RBrace
                | TokenKind::Semicolon
                | TokenKind::Eof
        ) || (kind == TokenKind::Keyword(Keyword::End) && !self.ctx.end_symbol)
    }

    fn at_closing_or_newline(&self) -> bool {
        let kind = self.peek().kind;
        self.is_closing(kind) || kind == TokenKind::Newline
    }

    /// Consumes the closing token `kind` (`)`, `]`, `}`, `end`), or reports "Expected `)`" right
    /// after the last token consumed and skips whatever stands before the next closing token
    /// (JuliaSyntax's `bump_closing_token`).
    fn expect_closing(&mut self, kind: TokenKind, spelling: &str) -> bool {
        let is_end = kind == TokenKind::Keyword(Keyword::End);
        if is_end {
            self.skip_newlines();
        }
        if self.eat(kind).is_some() {
            return true;
        }
        self.error(Span::empty_at(self.last_end()), format!("Expected `{spelling}`"));
        let saved = self.ctx;
        self.ctx.end_symbol = false;
        self.ctx.skip_newlines |= is_end;
        loop {
            let next = self.peek().kind;
            if next == kind
                || (self.is_closing(next) && !matches!(next, TokenKind::Comma | TokenKind::Semicolon))
            {
                break;
            }
            self.bump();
        }
        self.ctx = saved;
        self.eat(kind).is_some()
    }

    /// Skips the rest of a statement that did not parse, reporting it once.
    fn skip_junk(&mut self, message: &str) {
        let start = self.peek().span.start;
        let mut end = start;
        loop {
            let kind = self.peek().kind;
            if kind == TokenKind::Newline || kind == TokenKind::Eof {
                break;
            }
            end = self.bump().span.end;
        }
        if end > start {
            self.error(Span::new(start, end), message);
        }
    }

    // ---- statement lists ----------------------------------------------------------------

    fn parse_file(&mut self) -> SourceFile {
        let mut stmts = Vec::new();
        loop {
            self.skip_separators();
            if self.at(TokenKind::Eof) {
                break;
            }
            let before = self.pos;
            let stmt = self.parse_statement();
            stmts.push(stmt);
            let stray_keyword = self.pos == before && matches!(self.peek().kind, TokenKind::Keyword(_));
            if !stray_keyword
                && !self.at(TokenKind::Newline)
                && !self.at(TokenKind::Semicolon)
                && !self.at(TokenKind::Eof)
            {
                self.skip_junk("extra tokens after end of expression");
            }
            if self.pos == before {
                // Nothing consumed: a stray closing token. A keyword (`end`) has been reported
                // as an invalid identifier, which Julia consumes; other tokens are junk too.
                let token = self.bump();
                if !matches!(token.kind, TokenKind::Keyword(_)) {
                    self.error(token.span, "extra tokens after end of expression");
                }
            }
        }
        SourceFile { stmts, span: Span::new(0, lexer::to_u32(self.source.len())) }
    }

    fn skip_separators(&mut self) {
        while self.at(TokenKind::Newline) || self.at(TokenKind::Semicolon) {
            self.bump();
        }
    }

    /// Statements up to (not including) `end`, `else`, `elseif`, `catch`, `finally` or any
    /// other closing token (`parse_block`).
    fn parse_block(&mut self) -> Block {
        self.with_ctx(self.normal_ctx(), |p| p.parse_block_inner())
    }

    fn parse_block_inner(&mut self) -> Block {
        let start = self.peek().span.start;
        let mut stmts = Vec::new();
        loop {
            self.skip_separators();
            let kind = self.peek().kind;
            if self.is_closing(kind) || kind == TokenKind::Keyword(Keyword::End) {
                break;
            }
            stmts.push(self.parse_statement());
            let kind = self.peek().kind;
            if kind == TokenKind::Newline || kind == TokenKind::Semicolon {
                continue;
            }
            if self.is_closing(kind) || kind == TokenKind::Keyword(Keyword::End) {
                break;
            }
            self.skip_junk("extra tokens after end of expression");
        }
        let span = match (stmts.first(), stmts.last()) {
            (Some(first), Some(last)) => first.span.cover(last.span),
            _ => Span::empty_at(start),
        };
        Block { stmts, span }
    }

    /// One statement: an expression with commas and assignment (`parse_eq`).
    fn parse_statement(&mut self) -> Expr {
        self.parse_eq()
    }
}

/// Whether a token starts a keyword form (`is_initial_reserved_word`).
fn is_initial_keyword(kind: TokenKind) -> bool {
    matches!(
        kind,
        TokenKind::Keyword(
            Keyword::Begin
                | Keyword::While
                | Keyword::If
                | Keyword::For
                | Keyword::Try
                | Keyword::Return
                | Keyword::Break
                | Keyword::Continue
                | Keyword::Function
                | Keyword::Macro
                | Keyword::Quote
                | Keyword::Let
                | Keyword::Local
                | Keyword::Global
                | Keyword::Const
                | Keyword::Do
                | Keyword::Struct
                | Keyword::Module
                | Keyword::Baremodule
                | Keyword::Using
                | Keyword::Import
                | Keyword::Export
        )
    )
}
