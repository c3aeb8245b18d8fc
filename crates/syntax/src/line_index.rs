//! Byte offset -> (line, column) conversion for the edges (cli, web). Columns are counted in
//! characters (as Julia prints them) or in UTF-16 code units (as editors want them). The parser
//! itself never uses lines.

/// A 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LineCol {
    pub line: u32,
    pub column: u32,
}

/// Line starts of one source text, built once and queried many times.
#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct LineIndex {
    text: String,
    /// Byte offset of the first character of each line; `line_starts[0] == 0`.
    line_starts: Vec<u32>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut line_starts = vec![0];
        for (offset, byte) in text.bytes().enumerate() {
            if byte == b'\n' {
                line_starts.push(clamp_u32(offset + 1));
            }
        }
        LineIndex { text: text.to_string(), line_starts }
    }

    pub fn line_count(&self) -> u32 {
        clamp_u32(self.line_starts.len())
    }

    /// Line and column of `offset`, the column counted in characters. Offsets past the end are
    /// clamped to the end; an offset inside a character counts that character as passed.
    pub fn line_col(&self, offset: u32) -> LineCol {
        self.line_col_with(offset, |_| 1)
    }

    /// Line and column of `offset`, the column counted in UTF-16 code units (LSP positions).
    pub fn line_col_utf16(&self, offset: u32) -> LineCol {
        self.line_col_with(offset, |c| c.len_utf16() as u32)
    }

    /// Byte offset where the 1-based `line` starts, or `None` past the last line.
    pub fn line_start(&self, line: u32) -> Option<u32> {
        let index = usize::try_from(line).ok()?.checked_sub(1)?;
        self.line_starts.get(index).copied()
    }

    fn line_col_with(&self, offset: u32, width: impl Fn(char) -> u32) -> LineCol {
        let offset = offset.min(clamp_u32(self.text.len()));
        let line_index = self.line_starts.partition_point(|&start| start <= offset).saturating_sub(1);
        let line_start = self.line_starts.get(line_index).copied().unwrap_or(0);
        let line_text = self.text.get(line_start as usize..).unwrap_or("");
        let mut column = 1;
        for (position, c) in line_text.char_indices() {
            if line_start as usize + position >= offset as usize {
                break;
            }
            column += width(c);
        }
        LineCol { line: clamp_u32(line_index + 1), column }
    }
}

fn clamp_u32(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}
