//! Syntax errors with a byte offset, turned into Python's `File "x", line N` report by the caller.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyntaxErrorKind {
    /// `SyntaxError`
    Syntax,
    /// `IndentationError` (inconsistent dedent, unexpected indent, expected an indented block).
    Indentation,
}

#[derive(Debug, Clone)]
pub struct SyntaxError {
    pub kind: SyntaxErrorKind,
    /// Python-style message, e.g. `invalid syntax. Expected ':'` or `unterminated string literal`.
    pub message: String,
    /// Byte offset into the source where the error points.
    pub offset: usize,
    /// True when the input simply ended too early (an open bracket, a block header with no body,
    /// an unterminated triple-quoted string). The REPL uses this to ask for another line.
    pub incomplete: bool,
}

impl SyntaxError {
    pub fn type_name(&self) -> &'static str {
        match self.kind {
            SyntaxErrorKind::Syntax => "SyntaxError",
            SyntaxErrorKind::Indentation => "IndentationError",
        }
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(source.len());
    let before = &source[..floor_char_boundary(source, offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

/// The text of 1-based line `line`, without its newline.
pub fn line_text(source: &str, line: usize) -> &str {
    source.lines().nth(line.saturating_sub(1)).unwrap_or("")
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}
