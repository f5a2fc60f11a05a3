//! `#` comments of a YAML text, for the suppression layer (`# ironlaw:ignore[…]`).
//!
//! A line scanner, not a parser, so it works on files that do not parse. It tracks:
//! quoted scalars (single and double, across lines, with `''` and `\` escapes), block scalars
//! (`|`/`>` headers: following lines indented deeper than the header's line, and blank lines,
//! are content), flow collections (`[`, `{`, `,`), and where a scalar may start (a quote only
//! opens a quoted scalar where a value can begin, so `it's` in a plain scalar is not a quote).
//! A `#` starts a comment at the start of a line or after a blank.
//!
//! Limits (approximations): a block scalar at the very top level whose content is not
//! indented (`--- |` followed by column-0 text) is not recognised, so `#` lines inside it are
//! reported as comments; a block scalar's content must be indented deeper than the line
//! holding its header (always true for a value under a key or `- `); `---`/`...` at column 0
//! reset every state, which also ends runaway quotes in broken files.

use crate::source::Span;

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Normal,
    /// Inside a quoted scalar that continues on the next line.
    Quoted(u8),
    /// Inside a block scalar whose header is on a line with this indentation.
    Block(usize),
}

/// Every `#` comment outside quoted and block scalars: its span (from `#` to the end of the
/// line, line break excluded) and its text.
#[must_use]
pub fn comments(text: &str) -> Vec<(Span, &str)> {
    let mut out = Vec::new();
    let mut state = State::Normal;
    let mut flow = 0usize;
    let mut line_start = 0usize;
    for raw_line in text.split_inclusive('\n') {
        let line = raw_line.trim_end_matches(['\n', '\r']);
        let base = line_start;
        line_start += raw_line.len();
        if line.starts_with("---") || line.starts_with("...") {
            let marker_end = line
                .get(3..)
                .is_none_or(|r| r.is_empty() || r.starts_with([' ', '\t']));
            if marker_end {
                state = State::Normal;
                flow = 0;
                // `--- # comment` and `--- |` are handled by scanning the rest of the line
                state = scan_line(line, base, 3, state, &mut flow, &mut out);
                continue;
            }
        }
        let indent = line.len() - line.trim_start_matches(' ').len();
        if let State::Block(header_indent) = state {
            if line.trim().is_empty() || indent > header_indent {
                continue;
            }
            state = State::Normal;
        }
        state = scan_line(line, base, 0, state, &mut flow, &mut out);
    }
    out
}

/// Scan one line (without its line break) from byte `from`; return the state for the next.
fn scan_line<'t>(
    line: &'t str,
    base: usize,
    from: usize,
    mut state: State,
    flow: &mut usize,
    out: &mut Vec<(Span, &'t str)>,
) -> State {
    let bytes = line.as_bytes();
    let indent = line.len() - line.trim_start_matches(' ').len();
    let mut i = from;
    // a value can begin here: a quote opens a quoted scalar, `|`/`>` a block scalar
    let mut value_start = true;
    let mut prev_blank = true;
    while let Some(&b) = bytes.get(i) {
        if let State::Quoted(q) = state {
            match (q, b) {
                (b'"', b'\\') => i += 2,
                (b'\'', b'\'') if bytes.get(i + 1) == Some(&b'\'') => i += 2,
                _ if b == q => {
                    state = State::Normal;
                    value_start = false;
                    prev_blank = false;
                    i += 1;
                }
                _ => i += 1,
            }
            continue;
        }
        match b {
            b' ' | b'\t' => {
                prev_blank = true;
                i += 1;
                continue;
            }
            b'#' if prev_blank => {
                let span = Span::new(base + i, base + line.len());
                out.push((span, line.get(i..).unwrap_or("")));
                return state;
            }
            b'"' | b'\'' if value_start => {
                state = State::Quoted(b);
                i += 1;
            }
            b'|' | b'>' if value_start && *flow == 0 && is_block_header(line, i) => {
                // the header may carry a comment
                if let Some(h) = line
                    .get(i..)
                    .and_then(|r| r.find(" #").or_else(|| r.find("\t#")))
                {
                    let at = i + h + 1;
                    let span = Span::new(base + at, base + line.len());
                    out.push((span, line.get(at..).unwrap_or("")));
                }
                return State::Block(indent);
            }
            b'[' | b'{' if value_start => {
                *flow += 1;
                i += 1;
                value_start = true;
            }
            b']' | b'}' if *flow > 0 => {
                *flow -= 1;
                i += 1;
                value_start = false;
            }
            b',' if *flow > 0 => {
                i += 1;
                value_start = true;
            }
            b'-' | b'?' | b':' if value_start || b == b':' => {
                let next = bytes.get(i + 1);
                let separated = matches!(next, None | Some(b' ' | b'\t'))
                    || (*flow > 0 && matches!(next, Some(b',' | b']' | b'}')));
                i += 1;
                if separated {
                    value_start = true;
                } else if b != b':' {
                    value_start = false;
                }
            }
            b'!' | b'&' | b'*' if value_start => {
                // a property or alias token: skip it; after a property a value can still begin
                while matches!(bytes.get(i), Some(c) if !matches!(c, b' ' | b'\t' | b',' | b']' | b'}'))
                {
                    i += 1;
                }
                value_start = b != b'*';
            }
            _ => {
                value_start = false;
                i += 1;
            }
        }
        prev_blank = false;
    }
    state
}

/// `|`/`>` at `at` followed only by indicators, blanks and an optional comment.
fn is_block_header(line: &str, at: usize) -> bool {
    let Some(rest) = line.get(at + 1..) else {
        return false;
    };
    let after = rest.trim_start_matches(|c: char| c == '+' || c == '-' || c.is_ascii_digit());
    if rest.len() - after.len() > 2 {
        return false;
    }
    let trimmed = after.trim_start_matches([' ', '\t']);
    trimmed.is_empty() || (trimmed.starts_with('#') && trimmed.len() < after.len())
}
