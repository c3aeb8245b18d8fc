//! Literal tokens to values: numbers, characters, and strings with escapes, `$x` / `$(expr)`
//! interpolation and the dedenting of `"""` strings (JuliaSyntax `parse_string` and
//! `literal_parsing.jl`). Escapes are decoded after dedenting, as Julia does.

use super::Parser;
use crate::ast::{Expr, ExprKind, StrPart};
use crate::lexer::{is_identifier_char, is_identifier_start, to_u32, Token, TokenKind};
use crate::Span;

/// A piece of raw string text (byte range into the source) or an interpolated expression.
enum RawPart {
    Text(usize, usize),
    Interpolation(Expr),
}

impl Parser<'_> {
    pub(super) fn number_literal(&mut self, token: Token, negative: bool, start: u32) -> Expr {
        let span = Span::new(start, token.span.end);
        let text: String = self.text(token).chars().filter(|&c| c != '_').collect();
        let kind = match token.kind {
            TokenKind::Int => match text.parse::<u128>() {
                Ok(magnitude) => {
                    let limit = i128::MAX as u128 + u128::from(negative);
                    if magnitude > limit {
                        self.error(
                            span,
                            "integer literal is too large for invokelab (BigInt is not supported)",
                        );
                        ExprKind::Error
                    } else if negative {
                        ExprKind::Int { value: 0i128.wrapping_sub_unsigned(magnitude) }
                    } else {
                        ExprKind::Int { value: magnitude as i128 }
                    }
                }
                Err(_) => {
                    self.error(span, "integer literal is too large for invokelab (BigInt is not supported)");
                    ExprKind::Error
                }
            },
            TokenKind::UInt => {
                let (radix, digits) = match text.get(..2) {
                    Some("0b") => (2, &text[2..]),
                    Some("0o") => (8, &text[2..]),
                    _ => (16, text.get(2..).unwrap_or("")),
                };
                match u128::from_str_radix(digits, radix) {
                    Ok(value) => ExprKind::UInt { value, radix, digits: to_u32(digits.len()) },
                    Err(_) if digits.is_empty() => ExprKind::Error,
                    Err(_) => {
                        self.error(
                            span,
                            "unsigned literals wider than 128 bits are not supported by invokelab",
                        );
                        ExprKind::Error
                    }
                }
            }
            _ => {
                let single = text.contains('f');
                let text = text.replace('f', "e");
                let parsed = if single { text.parse::<f32>().map(f64::from) } else { text.parse::<f64>() };
                match parsed {
                    Ok(value) if value.is_infinite() => {
                        self.error(span, "overflow in floating point literal");
                        ExprKind::Error
                    }
                    Ok(value) => ExprKind::Float { value: if negative { -value } else { value }, single },
                    Err(_) => {
                        self.error(span, "invalid numeric constant");
                        ExprKind::Error
                    }
                }
            }
        };
        Expr::new(kind, span)
    }

    pub(super) fn char_literal(&mut self, token: Token) -> Expr {
        let start = token.span.start as usize + 1;
        let text = self.text(token);
        let end = if text.len() >= 2 && text.ends_with('\'') {
            token.span.end as usize - 1
        } else {
            token.span.end as usize
        };
        let mut value = String::new();
        self.unescape(start, end.max(start), &mut value);
        let mut chars = value.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => Expr::new(ExprKind::Char(c), token.span),
            (Some(_), Some(_)) => {
                self.error(token.span, "character literal contains multiple characters");
                Expr::error(token.span)
            }
            (None, _) => Expr::error(token.span),
        }
    }

    pub(super) fn string_literal(&mut self, token: Token) -> Expr {
        let TokenKind::String { triple, terminated } = token.kind else {
            return Expr::error(token.span);
        };
        let quotes = if triple { 3 } else { 1 };
        let start = token.span.start as usize + quotes;
        let end = if terminated { token.span.end as usize - quotes } else { token.span.end as usize };
        if !terminated {
            self.error(Span::empty_at(token.span.end), "Unterminated string literal");
        }
        let mut raw = self.split_interpolations(start, end.max(start));
        if triple {
            raw = self.dedent(raw, terminated);
        }
        let mut parts: Vec<StrPart> = Vec::new();
        for part in raw {
            match part {
                RawPart::Text(from, to) => {
                    let mut text = String::new();
                    self.unescape(from, to, &mut text);
                    match parts.last_mut() {
                        Some(StrPart::Literal(previous)) => previous.push_str(&text),
                        _ if text.is_empty() => {}
                        _ => parts.push(StrPart::Literal(text)),
                    }
                }
                RawPart::Interpolation(expr) => parts.push(StrPart::Interpolation(expr)),
            }
        }
        Expr::new(ExprKind::Str { parts, triple }, token.span)
    }

    /// Splits string content at `$name` and `$(expr)`; the expressions are parsed in place.
    fn split_interpolations(&mut self, start: usize, end: usize) -> Vec<RawPart> {
        let source = self.source;
        let bytes = source.as_bytes();
        let mut parts = Vec::new();
        let mut text_start = start;
        let mut i = start;
        while i < end {
            match bytes.get(i) {
                Some(b'\\') => {
                    i += 1;
                    i += source.get(i..end).and_then(|s| s.chars().next()).map_or(1, char::len_utf8);
                }
                Some(b'$') => {
                    parts.push(RawPart::Text(text_start, i));
                    let dollar = Span::new(to_u32(i), to_u32(i + 1));
                    let after = source.get(i + 1..end).unwrap_or("");
                    if after.starts_with('(') {
                        // Only the parenthesized code is lexed as code: what follows the `)`
                        // is string text, whatever characters it holds (`"$(1)∀"`, `"$(x)'s"`).
                        let close = crate::lexer::interpolation_end(source, i + 1, end);
                        let mut nested = self.nested(i + 1, close);
                        let expr = nested.parse_atom();
                        i = (nested.last_end() as usize).max(i + 1);
                        self.errors.append(&mut nested.errors);
                        parts.push(RawPart::Interpolation(expr));
                    } else if after.chars().next().is_some_and(is_identifier_start) {
                        // `!` does not continue an interpolated name: "$name!" is name, then "!".
                        let len: usize = after
                            .chars()
                            .take_while(|&c| is_identifier_char(c) && c != '!')
                            .map(char::len_utf8)
                            .sum();
                        let span = Span::new(to_u32(i + 1), to_u32(i + 1 + len));
                        let name = span.text(source).to_string();
                        let kind = match name.as_str() {
                            "true" => ExprKind::Bool(true),
                            "false" => ExprKind::Bool(false),
                            _ => ExprKind::Ident(name),
                        };
                        parts.push(RawPart::Interpolation(Expr::new(kind, span)));
                        i += 1 + len;
                    } else {
                        self.error(
                            dollar,
                            "identifier or parenthesized expression expected after $ in string",
                        );
                        i += 1;
                    }
                    text_start = i;
                }
                Some(_) => i += 1,
                None => break,
            }
        }
        parts.push(RawPart::Text(text_start, end.max(text_start)));
        parts
    }

    /// Julia's triple-quoted string rules: drop a newline right after the opening `"""`, then
    /// remove the longest run of blanks common to the start of every line that has text (or
    /// is the last line, before the closing `"""`). Lines that start with an interpolation do
    /// not count; a closing `"""` at the start of a line means no dedenting at all.
    fn dedent(&mut self, mut raw: Vec<RawPart>, terminated: bool) -> Vec<RawPart> {
        let bytes = self.source.as_bytes();
        let mut prev_newline = false;
        if let Some(RawPart::Text(from, to)) = raw.first_mut() {
            let skip = if bytes.get(*from..*to).is_some_and(|s| s.starts_with(b"\r\n")) {
                2
            } else if bytes.get(*from).is_some_and(|&b| b == b'\n' || b == b'\r') && *from < *to {
                1
            } else {
                0
            };
            *from += skip;
            prev_newline = skip > 0;
        }
        // Start offsets (and blank-prefix lengths) of the lines that take part.
        let mut line_starts: Vec<(usize, usize)> = Vec::new();
        for part in &raw {
            let RawPart::Text(from, to) = *part else {
                prev_newline = false;
                continue;
            };
            let mut line_start = if prev_newline { Some(from) } else { None };
            let mut i = from;
            while i <= to {
                if let Some(start) = line_start.take() {
                    if start < to && !matches!(bytes.get(start), Some(b'\n' | b'\r')) {
                        let blanks =
                            bytes[start..to].iter().take_while(|&&b| b == b' ' || b == b'\t').count();
                        line_starts.push((start, blanks));
                    }
                }
                if i == to {
                    break;
                }
                if bytes.get(i) == Some(&b'\n')
                    || (bytes.get(i) == Some(&b'\r') && bytes.get(i + 1) != Some(&b'\n'))
                {
                    line_start = Some(i + 1);
                }
                i += 1;
            }
            prev_newline = to > from && matches!(bytes.get(to - 1), Some(b'\n' | b'\r'));
        }
        let mut indent = match line_starts.first() {
            Some(&(start, blanks)) => {
                let reference = &bytes[start..start + blanks];
                line_starts.iter().fold(blanks, |indent, &(other, other_blanks)| {
                    let common = reference
                        .iter()
                        .zip(&bytes[other..other + other_blanks])
                        .take_while(|(a, b)| a == b)
                        .count();
                    indent.min(common)
                })
            }
            None => 0,
        };
        if terminated && prev_newline {
            indent = 0;
        }
        if indent == 0 {
            return raw;
        }
        let cuts: Vec<usize> = line_starts.iter().map(|&(start, _)| start).collect();
        let mut out = Vec::new();
        for part in raw {
            match part {
                RawPart::Text(from, to) => {
                    let mut piece_start = from;
                    for &cut in cuts.iter().filter(|&&cut| cut >= from && cut < to) {
                        out.push(RawPart::Text(piece_start, cut));
                        piece_start = (cut + indent).min(to);
                    }
                    out.push(RawPart::Text(piece_start, to));
                }
                other => out.push(other),
            }
        }
        out
    }

    /// Decodes the escapes of `source[start..end]` into `out`, reporting bad ones.
    fn unescape(&mut self, start: usize, end: usize, out: &mut String) {
        let text = self.source.get(start..end).unwrap_or("");
        let mut chars = text.char_indices().peekable();
        while let Some((offset, c)) = chars.next() {
            if c != '\\' {
                out.push(c);
                continue;
            }
            let Some((_, escape)) = chars.next() else {
                self.error(Span::new(to_u32(start + offset), to_u32(end)), "invalid string escape sequence");
                break;
            };
            let simple = match escape {
                'n' => Some('\n'),
                't' => Some('\t'),
                'r' => Some('\r'),
                'e' => Some('\u{1b}'),
                'a' => Some('\u{7}'),
                'b' => Some('\u{8}'),
                'f' => Some('\u{c}'),
                'v' => Some('\u{b}'),
                '\\' | '"' | '\'' | '$' | '`' => Some(escape),
                _ => None,
            };
            if let Some(value) = simple {
                out.push(value);
                continue;
            }
            if escape == '\n' || escape == '\r' {
                // A backslash before a newline joins the lines, dropping leading blanks.
                while chars.peek().is_some_and(|&(_, c)| c == ' ' || c == '\t' || c == '\n') {
                    chars.next();
                }
                continue;
            }
            let (radix, max_digits) = match escape {
                'x' => (16, 2),
                'u' => (16, 4),
                'U' => (16, 8),
                '0'..='7' => (8, 3),
                _ => (0, 0),
            };
            let mut value: u32 = 0;
            let mut digits = 0;
            if radix == 8 {
                value = escape.to_digit(8).unwrap_or(0);
                digits = 1;
            }
            while digits < max_digits {
                match chars.peek().and_then(|&(_, d)| d.to_digit(radix)) {
                    Some(d) => {
                        value = value * radix + d;
                        digits += 1;
                        chars.next();
                    }
                    None => break,
                }
            }
            let escape_end = chars.peek().map_or(end, |&(o, _)| start + o);
            let span = Span::new(to_u32(start + offset), to_u32(escape_end));
            if radix == 0 || digits == 0 {
                self.error(span, "invalid string escape sequence");
                continue;
            }
            if (escape == 'x' || radix == 8) && value > 0x7f {
                self.error(span, "non-ASCII byte escapes like `\\xff` are not supported by invokelab yet");
                continue;
            }
            match char::from_u32(value) {
                Some(c) => out.push(c),
                None => self.error(span, "invalid string escape sequence"),
            }
        }
    }
}
