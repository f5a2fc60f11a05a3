//! Source text, byte spans and the line index shared by every parser and renderer.

pub mod suppress;

use std::ops::Range;

/// A byte range into a [`SourceFile`]'s text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    #[must_use]
    pub const fn new(start: usize, end: usize) -> Self {
        if end < start {
            Self { start, end: start }
        } else {
            Self { start, end }
        }
    }

    /// An empty span at `offset`.
    #[must_use]
    pub const fn at(offset: usize) -> Self {
        Self {
            start: offset,
            end: offset,
        }
    }

    #[must_use]
    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }

    /// The smallest span covering both.
    #[must_use]
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    #[must_use]
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// Shift by `delta` bytes.
    #[must_use]
    pub fn shifted(self, delta: usize) -> Span {
        Span::new(self.start + delta, self.end + delta)
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Self {
        Span::new(r.start, r.end)
    }
}

/// A 1-based line and column. Columns count Unicode scalar values.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// Maps byte offsets to line/column.
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset of the first byte of each line.
    starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    #[must_use]
    pub fn new(text: &str) -> Self {
        let mut starts = Vec::with_capacity(text.len() / 40 + 1);
        starts.push(0);
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                starts.push(i + 1);
            }
        }
        Self {
            starts,
            len: text.len(),
        }
    }

    /// Number of lines (a trailing newline does not start a new line).
    #[must_use]
    pub fn line_count(&self) -> usize {
        match self.starts.last() {
            Some(&last) if last == self.len && self.starts.len() > 1 => self.starts.len() - 1,
            _ => self.starts.len(),
        }
    }

    /// 0-based line containing `offset`.
    #[must_use]
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.len);
        match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// Byte range of 0-based `line`, without its line terminator.
    #[must_use]
    pub fn line_range(&self, line: usize, text: &str) -> Range<usize> {
        let start = self.starts.get(line).copied().unwrap_or(self.len);
        let mut end = self.starts.get(line + 1).copied().unwrap_or(self.len);
        let bytes = text.as_bytes();
        while end > start && matches!(bytes.get(end - 1), Some(b'\n' | b'\r')) {
            end -= 1;
        }
        start..end
    }

    /// 1-based position of a byte offset (columns in chars).
    #[must_use]
    pub fn position(&self, offset: usize, text: &str) -> Position {
        let offset = floor_char_boundary(text, offset.min(self.len));
        let line = self.line_of(offset);
        let start = self.starts.get(line).copied().unwrap_or(0);
        let column = text.get(start..offset).map_or(0, |s| s.chars().count()) + 1;
        Position {
            line: line + 1,
            column,
        }
    }

    /// Byte offset of the start of 1-based `line`.
    #[must_use]
    pub fn line_start(&self, line: usize) -> usize {
        self.starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(self.len)
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// One scanned file: its path relative to the scan root, its text and line index.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the scan root, `/`-separated.
    pub path: String,
    pub text: String,
    pub lines: LineIndex,
}

impl SourceFile {
    #[must_use]
    pub fn new(path: impl Into<String>, text: String) -> Self {
        let lines = LineIndex::new(&text);
        Self {
            path: path.into(),
            text,
            lines,
        }
    }

    #[must_use]
    pub fn position(&self, offset: usize) -> Position {
        self.lines.position(offset, &self.text)
    }

    /// The text of a span (empty if out of range).
    #[must_use]
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.range()).unwrap_or("")
    }

    /// The text of 1-based `line`.
    #[must_use]
    pub fn line_text(&self, line: usize) -> &str {
        let r = self.lines.line_range(line.saturating_sub(1), &self.text);
        self.text.get(r).unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_and_count_chars() {
        let text = "ab\nüx\n\nlast";
        let idx = LineIndex::new(text);
        assert_eq!(idx.position(0, text), Position { line: 1, column: 1 });
        assert_eq!(idx.position(3, text), Position { line: 2, column: 1 });
        // 'x' is after the two-byte 'ü'
        assert_eq!(idx.position(5, text), Position { line: 2, column: 2 });
        assert_eq!(idx.position(7, text), Position { line: 3, column: 1 });
        assert_eq!(
            idx.position(text.len(), text),
            Position { line: 4, column: 5 }
        );
        assert_eq!(idx.line_count(), 4);
    }

    #[test]
    fn offsets_inside_a_char_snap_back() {
        let text = "ü";
        let idx = LineIndex::new(text);
        assert_eq!(idx.position(1, text), Position { line: 1, column: 1 });
    }

    #[test]
    fn line_range_strips_crlf() {
        let text = "a\r\nb";
        let idx = LineIndex::new(text);
        assert_eq!(&text[idx.line_range(0, text)], "a");
        assert_eq!(&text[idx.line_range(1, text)], "b");
        assert_eq!(idx.line_count(), 2);
        assert_eq!(LineIndex::new("a\n").line_count(), 1);
    }
}
