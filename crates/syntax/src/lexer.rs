//! The tokenizer: source text -> tokens with byte spans, following JuliaSyntax's `tokenize.jl`
//! for the subset. Comments and blanks become flags on the next token; newlines are tokens
//! because the parser decides where they matter. A string literal is one token (interpolations
//! are re-lexed by the parser from the token's text). The lexer never fails: bad input is
//! reported and skipped.

use crate::{Span, SyntaxError};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Keyword {
    Begin,
    While,
    If,
    Elseif,
    Else,
    For,
    Try,
    Catch,
    Finally,
    Return,
    Break,
    Continue,
    Function,
    Macro,
    Quote,
    Let,
    Local,
    Global,
    Const,
    Do,
    Struct,
    Module,
    Baremodule,
    Using,
    Import,
    Export,
    End,
    True,
    False,
}

impl Keyword {
    fn from_text(text: &str) -> Option<Keyword> {
        Some(match text {
            "begin" => Keyword::Begin,
            "while" => Keyword::While,
            "if" => Keyword::If,
            "elseif" => Keyword::Elseif,
            "else" => Keyword::Else,
            "for" => Keyword::For,
            "try" => Keyword::Try,
            "catch" => Keyword::Catch,
            "finally" => Keyword::Finally,
            "return" => Keyword::Return,
            "break" => Keyword::Break,
            "continue" => Keyword::Continue,
            "function" => Keyword::Function,
            "macro" => Keyword::Macro,
            "quote" => Keyword::Quote,
            "let" => Keyword::Let,
            "local" => Keyword::Local,
            "global" => Keyword::Global,
            "const" => Keyword::Const,
            "do" => Keyword::Do,
            "struct" => Keyword::Struct,
            "module" => Keyword::Module,
            "baremodule" => Keyword::Baremodule,
            "using" => Keyword::Using,
            "import" => Keyword::Import,
            "export" => Keyword::Export,
            "end" => Keyword::End,
            "true" => Keyword::True,
            "false" => Keyword::False,
            _ => return None,
        })
    }
}

/// Operators, named by what they are rather than how they look; the parser takes the spelling
/// from the token's text (so `≤` and `<=` stay distinct names, as in Julia).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Op {
    /// `=` and the compound assignments `+=`, `-=`, ... (which is which: the token text).
    Assign,
    CompoundAssign,
    /// `:=`, `~` and other assignment-precedence operators the subset does not have.
    Pair,
    Question,
    Arrow,
    Or,
    And,
    /// `< <= ≤ > >= ≥ == != ≠ === ≡ !== ≢ <: >: in ∈ ∉ isa`
    Comparison,
    PipeLeft,
    PipeRight,
    Colon,
    DotDot,
    /// `+ - | ⊻ ++`
    Plus,
    /// `* / ÷ % & \ ∘`
    Times,
    /// `//`
    Rational,
    /// `<< >> >>>`
    Shift,
    /// `^`
    Power,
    /// `::`
    DoubleColon,
    /// `!`, `~`, `¬`: prefix only.
    Not,
    Splat,
    Dot,
    /// `where`
    Where,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokenKind {
    Ident,
    Keyword(Keyword),
    Op(Op),
    /// A dotted (broadcasting) operator such as `.+` or `.=`; the subset rejects them.
    Int,
    /// `0x..`, `0b..`, `0o..`
    UInt,
    Float,
    String {
        triple: bool,
        terminated: bool,
    },
    Char,
    /// `'` right after a value: Julia's adjoint, not in the subset.
    Prime,
    LParen,
    RParen,
    LBracket,
    RBracket,
    LBrace,
    RBrace,
    Comma,
    Semicolon,
    At,
    Dollar,
    Newline,
    Eof,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token {
    pub kind: TokenKind,
    pub span: Span,
    /// Blanks, a comment or a newline come right before this token.
    pub space_before: bool,
}

pub(crate) struct Lexer<'s> {
    source: &'s str,
    pos: usize,
    end: usize,
    tokens: Vec<Token>,
    errors: Vec<SyntaxError>,
    space_before: bool,
    /// Nesting of `$(...)` inside strings, bounded like the parser's nesting.
    depth: u32,
}

const MAX_INTERPOLATION_DEPTH: u32 = 32;

/// Tokenizes `source[start..end]`, spans relative to the whole of `source`. The token list
/// always ends with `Eof`.
pub(crate) fn tokenize(source: &str, start: usize, end: usize) -> (Vec<Token>, Vec<SyntaxError>) {
    let mut lexer = Lexer::new(source, start, end, 0);
    lexer.run();
    (lexer.tokens, lexer.errors)
}

/// Where the parenthesized part of a `$( ... )` interpolation that opens at `start` (its `(`)
/// ends: just past the matching `)`, found as `lex_string` finds it (so a `)` inside a nested
/// string does not count), or `end` when it is not closed. The interpolation's parser reads
/// only this much: the rest of the string is text, not code.
pub(crate) fn interpolation_end(source: &str, start: usize, end: usize) -> usize {
    let mut lexer = Lexer::new(source, start, end, 0);
    lexer.skip_interpolation();
    lexer.pos
}

pub(crate) fn is_identifier_start(c: char) -> bool {
    c == '_' || c.is_alphabetic() || matches!(c, '∇' | '∂' | '℘')
}

pub(crate) fn is_identifier_char(c: char) -> bool {
    is_identifier_start(c)
        || c.is_alphanumeric()
        || c == '!'
        || matches!(c, '′' | '″' | '‴' | '‵' | '‶' | '‷' | '⁗')
        || matches!(c, '\u{00B2}' | '\u{00B3}' | '\u{00B9}')
        || ('\u{2070}'..='\u{209C}').contains(&c)
        || ('\u{1D62}'..='\u{1D6A}').contains(&c)
        || ('\u{0300}'..='\u{036F}').contains(&c)
}

impl<'s> Lexer<'s> {
    /// A lexer of `source[start..end]` (spans relative to the whole of `source`), `depth`
    /// interpolations deep.
    fn new(source: &'s str, start: usize, end: usize, depth: u32) -> Lexer<'s> {
        Lexer {
            source,
            pos: start,
            end: end.min(source.len()),
            tokens: Vec::new(),
            errors: Vec::new(),
            space_before: false,
            depth,
        }
    }

    fn peek(&self) -> Option<char> {
        self.source.get(self.pos..self.end)?.chars().next()
    }

    fn peek_nth(&self, n: usize) -> Option<char> {
        self.source.get(self.pos..self.end)?.chars().nth(n)
    }

    fn rest(&self) -> &'s str {
        self.source.get(self.pos..self.end).unwrap_or("")
    }

    fn bump_char(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    fn error(&mut self, start: usize, end: usize, message: impl Into<String>) {
        self.errors
            .push(SyntaxError { span: Span::new(to_u32(start), to_u32(end)), message: message.into() });
    }

    fn push(&mut self, kind: TokenKind, start: usize) {
        self.tokens.push(Token {
            kind,
            span: Span::new(to_u32(start), to_u32(self.pos)),
            space_before: self.space_before,
        });
        self.space_before = false;
    }

    fn run(&mut self) {
        loop {
            self.skip_blanks_and_comments();
            let start = self.pos;
            let Some(c) = self.peek() else {
                self.push(TokenKind::Eof, start);
                return;
            };
            if c == '\n' || (c == '\r' && self.peek_nth(1) == Some('\n')) {
                self.pos += if c == '\r' { 2 } else { 1 };
                self.push(TokenKind::Newline, start);
                self.space_before = true;
                continue;
            }
            self.lex_token(c, start);
        }
    }

    fn skip_blanks_and_comments(&mut self) {
        while let Some(c) = self.peek() {
            if c == ' ' || c == '\t' || (c == '\r' && self.peek_nth(1) != Some('\n')) {
                self.pos += 1;
                self.space_before = true;
            } else if c == '\\' && matches!(self.peek_nth(1), Some('\n')) {
                // A backslash-newline outside strings is not Julia syntax; treat as an error.
                self.error(self.pos, self.pos + 1, "invalid character \"\\\"");
                self.pos += 1;
            } else if c == '#' {
                self.space_before = true;
                if self.peek_nth(1) == Some('=') {
                    self.skip_block_comment();
                } else {
                    while let Some(c) = self.peek() {
                        if c == '\n' {
                            break;
                        }
                        self.pos += c.len_utf8();
                    }
                }
            } else {
                break;
            }
        }
    }

    /// `#= ... =#`, nested as in Julia.
    fn skip_block_comment(&mut self) {
        let start = self.pos;
        self.pos += 2;
        let mut depth = 1;
        while depth > 0 {
            let rest = self.rest();
            if rest.is_empty() {
                self.error(start, self.pos, "unterminated multi-line comment #= ... =#");
                return;
            }
            if rest.starts_with("#=") {
                depth += 1;
                self.pos += 2;
            } else if rest.starts_with("=#") {
                depth -= 1;
                self.pos += 2;
            } else {
                self.bump_char();
            }
        }
    }

    fn lex_token(&mut self, c: char, start: usize) {
        let simple = match c {
            '(' => Some(TokenKind::LParen),
            ')' => Some(TokenKind::RParen),
            '[' => Some(TokenKind::LBracket),
            ']' => Some(TokenKind::RBracket),
            '{' => Some(TokenKind::LBrace),
            '}' => Some(TokenKind::RBrace),
            ',' => Some(TokenKind::Comma),
            ';' => Some(TokenKind::Semicolon),
            '@' => Some(TokenKind::At),
            '$' => Some(TokenKind::Dollar),
            _ => None,
        };
        if let Some(kind) = simple {
            self.pos += 1;
            self.push(kind, start);
        } else if c.is_ascii_digit() || (c == '.' && self.peek_nth(1).is_some_and(|d| d.is_ascii_digit())) {
            self.lex_number(start);
        } else if c == '"' {
            self.lex_string(start);
        } else if c == '\'' {
            if self.prime_is_adjoint() {
                self.pos += 1;
                self.push(TokenKind::Prime, start);
            } else {
                self.lex_char(start);
            }
        } else if is_identifier_start(c) {
            self.lex_identifier(start);
        } else if let Some((kind, len)) = self.match_operator() {
            self.pos += len;
            self.push(kind, start);
        } else {
            self.bump_char();
            let message = if c.is_control() || c.is_whitespace() {
                format!("invisible character \\u{:x}", c as u32)
            } else {
                format!("unknown unicode character '{c}'")
            };
            self.error(start, self.pos, message);
            self.space_before = true;
        }
    }

    /// Julia reads `'` right after a value (no blank between) as the adjoint operator.
    fn prime_is_adjoint(&self) -> bool {
        if self.space_before {
            return false;
        }
        matches!(
            self.tokens.last().map(|t| t.kind),
            Some(
                TokenKind::Ident
                    | TokenKind::RParen
                    | TokenKind::RBracket
                    | TokenKind::RBrace
                    | TokenKind::Int
                    | TokenKind::UInt
                    | TokenKind::Float
                    | TokenKind::Prime
                    | TokenKind::Keyword(Keyword::End)
            )
        )
    }

    fn lex_identifier(&mut self, start: usize) {
        while let Some(c) = self.peek() {
            // `x!=y` is `x != y`, not the identifier `x!`.
            if c == '!' && self.peek_nth(1) == Some('=') {
                break;
            }
            if !is_identifier_char(c) {
                break;
            }
            self.pos += c.len_utf8();
        }
        let text = self.source.get(start..self.pos).unwrap_or("");
        let kind = match text {
            "in" | "isa" => TokenKind::Op(Op::Comparison),
            "where" => TokenKind::Op(Op::Where),
            _ => match Keyword::from_text(text) {
                Some(keyword) => TokenKind::Keyword(keyword),
                None => TokenKind::Ident,
            },
        };
        self.push(kind, start);
    }

    fn eat_digits(&mut self, is_digit: impl Fn(char) -> bool) -> usize {
        let mut count = 0;
        while let Some(c) = self.peek() {
            if is_digit(c) {
                count += 1;
                self.pos += 1;
            } else if c == '_' && self.peek_nth(1).is_some_and(&is_digit) && count > 0 {
                self.pos += 1;
            } else {
                break;
            }
        }
        count
    }

    fn lex_number(&mut self, start: usize) {
        let rest = self.rest();
        for (prefix, radix) in [("0x", 16), ("0b", 2), ("0o", 8)] {
            if rest.starts_with(prefix) {
                self.pos += 2;
                let digits = self.eat_digits(|c| c.is_digit(radix));
                if digits == 0 {
                    self.error(start, self.pos, "invalid numeric constant");
                }
                if self.peek().is_some_and(|c| c == '.' || c == 'p') && radix == 16 {
                    self.error(start, self.pos, "hex float literals are not supported by invokelab");
                }
                self.push(TokenKind::UInt, start);
                return;
            }
        }
        let mut is_float = false;
        self.eat_digits(|c| c.is_ascii_digit());
        if self.peek() == Some('.') && self.peek_nth(1) != Some('.') {
            let after = self.peek_nth(1);
            if after.is_some_and(|c| c.is_ascii_digit()) {
                self.pos += 1;
                self.eat_digits(|c| c.is_ascii_digit());
                is_float = true;
            } else if after.is_some_and(|c| is_operator_start(c) && c != ':' && c != '(') {
                self.pos += 1;
                self.error(
                    start,
                    self.pos,
                    "ambiguous `.` syntax; add whitespace to clarify (eg `1.+2` might be `1.0+2` or `1 .+ 2`)",
                );
                is_float = true;
            } else if after.is_some_and(|c| is_identifier_start(c) && c != 'e' && c != 'E' && c != 'f') {
                self.pos += 1;
                self.error(
                    start,
                    self.pos,
                    "numeric constant cannot be implicitly multiplied because it ends with `.`",
                );
                is_float = true;
            } else {
                self.pos += 1;
                is_float = true;
            }
        }
        let exponent_at = |lexer: &Self| {
            let sign = matches!(lexer.peek_nth(1), Some('+' | '-'));
            let digit = lexer.peek_nth(if sign { 2 } else { 1 });
            digit.is_some_and(|c| c.is_ascii_digit())
        };
        match self.peek() {
            Some('e' | 'E') if exponent_at(self) => {
                self.pos += 1;
                if matches!(self.peek(), Some('+' | '-')) {
                    self.pos += 1;
                }
                self.eat_digits(|c| c.is_ascii_digit());
                is_float = true;
            }
            Some('f') if exponent_at(self) => {
                self.pos += 1;
                if matches!(self.peek(), Some('+' | '-')) {
                    self.pos += 1;
                }
                self.eat_digits(|c| c.is_ascii_digit());
                is_float = true;
            }
            _ => {}
        }
        self.push(if is_float { TokenKind::Float } else { TokenKind::Int }, start);
    }

    /// A string literal, whole: escapes are skipped and `$( ... )` interpolations are lexed
    /// (and thrown away) just to find the matching parenthesis, so that `"a$(")")b"` works.
    fn lex_string(&mut self, start: usize) {
        let triple = self.rest().starts_with("\"\"\"");
        self.pos += if triple { 3 } else { 1 };
        loop {
            let rest = self.rest();
            let Some(c) = rest.chars().next() else {
                self.push(TokenKind::String { triple, terminated: false }, start);
                return;
            };
            if triple && rest.starts_with("\"\"\"") {
                self.pos += 3;
                break;
            }
            if !triple && c == '"' {
                self.pos += 1;
                break;
            }
            if c == '\\' {
                self.pos += 1;
                self.bump_char();
            } else if c == '$' && self.peek_nth(1) == Some('(') {
                self.pos += 1;
                self.skip_interpolation();
            } else {
                self.pos += c.len_utf8();
            }
        }
        self.push(TokenKind::String { triple, terminated: true }, start);
    }

    /// Skips `( ... )` inside a string by lexing it with a nested lexer.
    fn skip_interpolation(&mut self) {
        if self.depth >= MAX_INTERPOLATION_DEPTH {
            self.error(self.pos, self.end, "string interpolation is nested too deeply");
            self.pos = self.end;
            return;
        }
        let mut nested = Lexer::new(self.source, self.pos, self.end, self.depth + 1);
        let mut depth = 0usize;
        loop {
            nested.skip_blanks_and_comments();
            let start = nested.pos;
            let Some(c) = nested.peek() else {
                break;
            };
            if c == '\n' || c == '\r' {
                nested.pos += 1;
                continue;
            }
            nested.lex_token(c, start);
            match nested.tokens.last().map(|t| t.kind) {
                Some(TokenKind::LParen) => depth += 1,
                Some(TokenKind::RParen) => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        break;
                    }
                }
                _ => {}
            }
        }
        self.pos = nested.pos;
        self.errors.append(&mut nested.errors);
    }

    fn lex_char(&mut self, start: usize) {
        self.pos += 1;
        let mut chars = 0;
        loop {
            let Some(c) = self.peek() else {
                self.error(start, self.pos, "unterminated character literal");
                break;
            };
            if c == '\'' && chars > 0 {
                self.pos += 1;
                break;
            }
            if c == '\n' {
                self.error(start, self.pos, "unterminated character literal");
                break;
            }
            if c == '\'' {
                // `''`: Julia's tokenizer reads the second quote as the character itself.
                self.pos += 1;
                if self.peek() == Some('\'') {
                    self.pos += 1;
                } else {
                    self.error(start, self.pos, "empty character literal");
                }
                break;
            }
            self.pos += c.len_utf8();
            if c == '\\' {
                self.bump_char();
            }
            chars += 1;
        }
        self.push(TokenKind::Char, start);
    }

    fn match_operator(&self) -> Option<(TokenKind, usize)> {
        let rest = self.rest();
        let first = rest.chars().next()?;
        // Dotted operators: `.+`, `.==`, `.=` ... (but not `..`, `...`, `.:` or `.(`).
        if first == '.' {
            if rest.starts_with("...") {
                return Some((TokenKind::Op(Op::Splat), 3));
            }
            if rest.starts_with("..") {
                return Some((TokenKind::Op(Op::DotDot), 2));
            }
            // A dotted operator is its operator's token, spelled with the dot: the parser gives
            // it the operator's precedence, and `.+` names the broadcast of `+`.
            let after = &rest[1..];
            if let Some((TokenKind::Op(op), len)) = match_plain_operator(after) {
                if !matches!(
                    op,
                    Op::Colon | Op::DoubleColon | Op::Dot | Op::Question | Op::Splat | Op::DotDot
                ) {
                    return Some((TokenKind::Op(op), len + 1));
                }
            }
            return Some((TokenKind::Op(Op::Dot), 1));
        }
        match_plain_operator(rest)
    }
}

fn is_operator_start(c: char) -> bool {
    matches!(
        c,
        '+' | '-'
            | '*'
            | '/'
            | '\\'
            | '^'
            | '%'
            | '&'
            | '|'
            | '!'
            | '~'
            | '<'
            | '>'
            | '='
            | ':'
            | '÷'
            | '⊻'
            | '≤'
            | '≥'
            | '≠'
            | '≡'
            | '≢'
            | '∈'
            | '∉'
            | '¬'
            | '∘'
            | '?'
            | '⊆'
            | '⊇'
            | '⊊'
            | '⊋'
            | '⊂'
            | '⊃'
            | '∋'
            | '∌'
            | '≈'
            | '≉'
            | '∪'
            | '∩'
            | '⋅'
            | '×'
            | '√'
            | '∛'
    )
}

/// The longest operator at the start of `text`.
fn match_plain_operator(text: &str) -> Option<(TokenKind, usize)> {
    const TABLE: &[(&str, Op)] = &[
        (">>>=", Op::CompoundAssign),
        ("===", Op::Comparison),
        ("!==", Op::Comparison),
        (">>>", Op::Shift),
        ("<<=", Op::CompoundAssign),
        (">>=", Op::CompoundAssign),
        ("//=", Op::CompoundAssign),
        ("...", Op::Splat),
        ("==", Op::Comparison),
        ("!=", Op::Comparison),
        ("<=", Op::Comparison),
        (">=", Op::Comparison),
        ("<:", Op::Comparison),
        (">:", Op::Comparison),
        ("<<", Op::Shift),
        (">>", Op::Shift),
        ("<|", Op::PipeLeft),
        ("|>", Op::PipeRight),
        ("||", Op::Or),
        ("&&", Op::And),
        ("->", Op::Arrow),
        ("=>", Op::Pair),
        ("+=", Op::CompoundAssign),
        ("-=", Op::CompoundAssign),
        ("*=", Op::CompoundAssign),
        ("/=", Op::CompoundAssign),
        ("\\=", Op::CompoundAssign),
        ("÷=", Op::CompoundAssign),
        ("%=", Op::CompoundAssign),
        ("^=", Op::CompoundAssign),
        ("&=", Op::CompoundAssign),
        ("|=", Op::CompoundAssign),
        ("⊻=", Op::CompoundAssign),
        ("//", Op::Rational),
        ("::", Op::DoubleColon),
        ("++", Op::Plus),
        (":=", Op::Assign),
        ("..", Op::DotDot),
        ("=", Op::Assign),
        ("<", Op::Comparison),
        (">", Op::Comparison),
        ("≤", Op::Comparison),
        ("≥", Op::Comparison),
        ("≠", Op::Comparison),
        ("≡", Op::Comparison),
        ("≢", Op::Comparison),
        ("∈", Op::Comparison),
        ("∉", Op::Comparison),
        ("⊆", Op::Comparison),
        ("⊇", Op::Comparison),
        ("⊊", Op::Comparison),
        ("⊋", Op::Comparison),
        ("⊂", Op::Comparison),
        ("⊃", Op::Comparison),
        ("∋", Op::Comparison),
        ("∌", Op::Comparison),
        ("≈", Op::Comparison),
        ("≉", Op::Comparison),
        (":", Op::Colon),
        ("+", Op::Plus),
        ("-", Op::Plus),
        ("|", Op::Plus),
        ("⊻", Op::Plus),
        ("∪", Op::Plus),
        ("*", Op::Times),
        ("/", Op::Times),
        ("÷", Op::Times),
        ("%", Op::Times),
        ("&", Op::Times),
        ("\\", Op::Times),
        ("∘", Op::Times),
        ("∩", Op::Times),
        ("⋅", Op::Times),
        ("×", Op::Times),
        ("^", Op::Power),
        ("!", Op::Not),
        ("~", Op::Not),
        ("¬", Op::Not),
        ("√", Op::Not),
        ("∛", Op::Not),
        ("?", Op::Question),
        (".", Op::Dot),
    ];
    TABLE
        .iter()
        .find(|(spelling, _)| text.starts_with(spelling))
        .map(|&(spelling, op)| (TokenKind::Op(op), spelling.len()))
}

pub(crate) fn to_u32(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}
