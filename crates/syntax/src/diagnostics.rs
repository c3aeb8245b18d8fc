//! Rendering a syntax error the way Julia 1.12 prints a `ParseError` (JuliaSyntax
//! `src/diagnostics.jl` `show_diagnostic` and `src/source_files.jl` `highlight`), without
//! colours. Only the layout is Julia's; which errors exist and where they point is the
//! parser's business.
//!
//! ```text
//! ERROR: ParseError:
//! # Error @ prog.jl:1:4
//! f(x
//! #  └ ── Expected `)`
//! ```
//!
//! Layout, as `highlight` draws it for `context_lines_before = 1, context_lines_after = 0`:
//! - `# Error @ file:line:col` (or `# Error @ line L:C` without a file name); the column
//!   counts characters.
//! - The line before the error's line, then the source from there to the end of the line where
//!   the error ends.
//! - A marker line. Its indent copies the text before the error on its line, with each
//!   non-blank character replaced by blanks of its display width (blanks such as tabs are
//!   kept); the first character of the indent is then replaced by `#` (or `#` is put in front
//!   when the indent starts with a tab), and an empty indent stays empty.
//! - The marker under a span within one line: `└` for an empty span (something is missing
//!   here), `╙` under exactly one column, `└──┘` (`└`, `─` repeated width - 2, `┘`) under a
//!   wider span. Width is the display width of the text, tabs counting 4.
//! - A span over several lines is framed instead: `┌───` above its first line (starting at the
//!   span, up to the end of that line) and `#───┘` below its last line.
//! - Then ` ── ` and the message. No newline after the message.

use crate::SyntaxError;

/// Renders `err` as Julia prints an uncaught `ParseError`, starting with `ERROR: ParseError:`.
/// `file_name` is printed as given; an empty name prints `line L:C` as Julia does for code
/// without a file.
pub fn render_parse_error(file_name: &str, source: &str, err: &SyntaxError) -> String {
    let text = JuliaSource::new(source);
    let first = (err.span.start as usize).min(source.len()) as isize;
    // JuliaSyntax ranges are inclusive; an empty span is `first:first-1`.
    let last = (err.span.end as usize).min(source.len()) as isize - 1;
    let (line, column) = text.location(first);
    let location = if file_name.is_empty() {
        format!("line {line}:{column}")
    } else {
        format!("{file_name}:{line}:{column}")
    };
    let mut out = format!("ERROR: ParseError:\n# Error @ {location}\n");
    text.highlight(&mut out, first, last.max(first - 1), &err.message);
    out
}

/// JuliaSyntax's `SourceFile`, with byte offsets from 0 and inclusive ranges as signed
/// integers so that empty ranges (`p:p-1`) translate directly.
struct JuliaSource<'s> {
    code: &'s str,
    /// Start of each line, plus `code.len()` when the code does not end in a newline.
    line_starts: Vec<isize>,
}

impl<'s> JuliaSource<'s> {
    fn new(code: &'s str) -> JuliaSource<'s> {
        let mut line_starts = vec![0];
        for (i, b) in code.bytes().enumerate() {
            if b == b'\n' {
                line_starts.push(i as isize + 1);
            }
        }
        if code.is_empty() || !code.ends_with('\n') {
            line_starts.push(code.len() as isize);
        }
        JuliaSource { code, line_starts }
    }

    /// `_source_line_index`: index into `line_starts` of the line holding `byte` (may be -1).
    fn line_index(&self, byte: isize) -> isize {
        let count = self.line_starts.partition_point(|&start| start <= byte) as isize;
        let index = count - 1;
        let last = self.line_starts.len() as isize - 1;
        if index < last {
            index
        } else {
            index - 1
        }
    }

    fn line_start(&self, index: isize) -> isize {
        let clamped = index.clamp(0, self.line_starts.len() as isize - 1);
        self.line_starts.get(clamped as usize).copied().unwrap_or(0)
    }

    /// `source_line`: 1-based line number.
    fn line(&self, byte: isize) -> isize {
        self.line_index(byte) + 1
    }

    /// `source_location`: 1-based line and character column.
    fn location(&self, byte: isize) -> (isize, isize) {
        let index = self.line_index(byte);
        let start = self.line_start(index);
        let column = 1 + self.char_starts_between(start, byte);
        (index + 1, column)
    }

    fn char_starts_between(&self, from: isize, to: isize) -> isize {
        (from.max(0)..to.min(self.code.len() as isize))
            .filter(|&i| self.code.is_char_boundary(i as usize))
            .count() as isize
    }

    /// `source_line_range`: inclusive byte range of the line holding `byte`, widened by
    /// context lines.
    fn line_range(&self, byte: isize, before: isize, after: isize) -> (isize, isize) {
        let index = self.line_index(byte);
        let first = self.line_start((index - before).max(0));
        let last_index = (index + 1 + after).min(self.line_starts.len() as isize - 1);
        (first, self.line_start(last_index) - 1)
    }

    /// `source[a:b]` for inclusive `a:b`, extended to whole characters.
    fn slice(&self, a: isize, b: isize) -> &'s str {
        let len = self.code.len() as isize;
        let mut start = a.clamp(0, len) as usize;
        let mut end = (b + 1).clamp(0, len) as usize;
        while start < self.code.len() && !self.code.is_char_boundary(start) {
            start += 1;
        }
        while end < self.code.len() && !self.code.is_char_boundary(end) {
            end += 1;
        }
        self.code.get(start..end.max(start)).unwrap_or("")
    }

    /// `nextind`: the first character start after `byte`.
    fn next_index(&self, byte: isize) -> isize {
        let mut i = byte + 1;
        while i < self.code.len() as isize && !self.code.is_char_boundary(i as usize) {
            i += 1;
        }
        i
    }

    /// The character at (or containing) `byte`.
    fn char_at(&self, byte: isize) -> Option<char> {
        let mut i = byte.max(0) as usize;
        while i > 0 && !self.code.is_char_boundary(i) {
            i -= 1;
        }
        self.code.get(i..)?.chars().next()
    }

    /// `highlight` with `context_lines_before = 1`, `context_lines_inner = 1`,
    /// `context_lines_after = 0`.
    fn highlight(&self, out: &mut String, p: isize, q: isize, note: &str) {
        let (x, y) = self.line_range(p, 1, 1);
        let (a, b) = self.line_range(p, 0, 0);
        let q1 = q.max(p);
        let (c, d) = self.line_range(q1, 0, 0);
        let (z, _) = self.line_range(q1, 1, 0);
        let p_line = self.line(p);
        let q_line = self.line(q);
        if p_line >= q_line {
            let hitext = self.slice(p, q);
            out.push_str(self.slice(x, p - 1));
            out.push_str(hitext);
            out.push_str(self.slice(self.next_index(q), d));
            if d >= 0 && self.char_at(d) != Some('\n') {
                out.push('\n');
            }
            marker_line(out, self.slice(a, p - 1), hitext, true, true, Some(note));
        } else {
            let prefix = self.slice(a, p - 1);
            out.push_str(self.slice(x, a - 1));
            marker_line(out, prefix, self.slice(p, b), false, false, None);
            out.push('\n');
            out.push_str(prefix);
            if q_line - p_line - 1 <= 2 {
                out.push_str(self.slice(p, q));
            } else {
                out.push_str(self.slice(p, y));
                out.push_str("⋮\n");
                out.push_str(self.slice(z, q));
            }
            out.push_str(self.slice(self.next_index(q), d));
            if self.char_at(d) != Some('\n') {
                out.push('\n');
            }
            marker_line(out, "", self.slice(c, q), true, false, Some(note));
        }
    }
}

/// `_print_marker_line`.
fn marker_line(
    out: &mut String,
    prefix: &str,
    text: &str,
    underline: bool,
    single_line: bool,
    note: Option<&str>,
) {
    let mut indent = String::new();
    for c in prefix.chars() {
        if c.is_whitespace() {
            indent.push(c);
        } else {
            indent.extend(std::iter::repeat_n(' ', text_width(c)));
        }
    }
    let width = text.chars().map(text_width).sum::<usize>() + 4 * text.chars().filter(|&c| c == '\t').count();
    if let Some(first) = indent.chars().next() {
        indent =
            if first == '\t' { format!("#{indent}") } else { format!("#{}", &indent[first.len_utf8()..]) };
    }
    let (start, end, single) = if underline { ("└", "┘", "╙") } else { ("┌", "┐", "╓") };
    let dashes = |n: usize| "─".repeat(n);
    let mark = if single_line {
        match width {
            0 => format!("{indent}{start}"),
            1 => format!("{indent}{single}"),
            w => format!("{indent}{start}{}{end}", dashes(w - 2)),
        }
    } else if underline && indent.is_empty() && width > 1 {
        format!("#{}{end}", dashes(width - 2))
    } else {
        let (s, e) = if underline { ("", end) } else { (start, "") };
        match width {
            0 => format!("{indent}{s}{e}"),
            w => format!("{indent}{s}{}{e}", dashes(w - 1)),
        }
    };
    out.push_str(&mark);
    if let Some(note) = note {
        out.push_str(" ── ");
        out.push_str(note);
    }
}

/// Display width of a character in a terminal (Julia's `textwidth`): 0 for control and
/// combining characters, 2 for East Asian wide characters and most emoji, else 1.
fn text_width(c: char) -> usize {
    let u = c as u32;
    let zero = u < 0x20
        || (0x7f..0xa0).contains(&u)
        || (0x300..=0x36f).contains(&u)
        || (0x1ab0..=0x1aff).contains(&u)
        || (0x1dc0..=0x1dff).contains(&u)
        || (0x200b..=0x200f).contains(&u)
        || (0x20d0..=0x20ff).contains(&u)
        || (0xfe20..=0xfe2f).contains(&u);
    let wide = (0x1100..=0x115f).contains(&u)
        || ((0x2e80..=0xa4cf).contains(&u) && u != 0x303f)
        || (0xac00..=0xd7a3).contains(&u)
        || (0xf900..=0xfaff).contains(&u)
        || (0xfe30..=0xfe4f).contains(&u)
        || (0xff00..=0xff60).contains(&u)
        || (0xffe0..=0xffe6).contains(&u)
        || (0x1f300..=0x1f64f).contains(&u)
        || (0x1f900..=0x1f9ff).contains(&u)
        || (0x20000..=0x3fffd).contains(&u);
    if zero {
        0
    } else if wide {
        2
    } else {
        1
    }
}
