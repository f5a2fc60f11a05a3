//! YAML text → span-preserving tree, shared by every YAML family (Kubernetes, compose,
//! GitHub Actions, GitLab CI, Prometheus rules).
//!
//! Built on `saphyr-parser`'s event stream (pulled one event at a time, never through its
//! recursive `Parser::load`) and `saphyr`'s core-schema scalar resolution. The tree is ours
//! because the saphyr loader cannot give what rules need:
//!
//! - **Never fails, never panics.** [`parse`] returns every document read before a syntax error
//!   plus [`ParseError`]s. The document in which the error occurred is dropped (a partial tree
//!   would make rules report "missing" keys that are merely unread).
//! - **Depth limit before recursion.** A document nested deeper than [`MAX_DEPTH`] collections
//!   becomes one error and no tree. saphyr's loader recurses per level and overflows a 2 MiB
//!   worker stack at ~5,000 levels (an abort, not a catchable panic); here nothing recurses
//!   deeper than [`MAX_DEPTH`], aliases included (an alias whose anchored subtree would push the
//!   tree past the limit is refused too).
//! - **Alias budget.** Expanding aliases may create at most [`ALIAS_NODE_BUDGET`] nodes per file
//!   (saphyr's default, which stops billion-laughs files), counting mapping *keys* as well:
//!   saphyr's own budget counts a complex key as one node however large it is.
//!   Exceeding it is one error; parsing stops there.
//! - **Byte spans.** saphyr's markers count chars; they are converted to byte offsets. Quoted
//!   scalars end at their closing quote (saphyr's span runs over a trailing comment). Block
//!   scalars (`|`, `>`) start at the indicator (saphyr starts at the first content line) and end
//!   at their last non-blank character. A node's span excludes its properties (`&anchor`,
//!   `!tag`); a [`Value::Tagged`] node's span starts at the tag.
//! - **Merge keys** (YAML 1.1 `<<: *base`, `<<: [*a, *b]`), which compose files and GitLab CI
//!   use and saphyr (YAML 1.2) does not resolve: see [`Value::Map`].
//! - **Duplicate keys** are errors at the second key; the tree keeps the *last* value (as
//!   go-yaml's `kubectl` path and most loaders do), at the position of the first.
//!
//! Scalars follow the YAML 1.2 core schema (saphyr's): `yes`/`no`/`on`/`off` are strings,
//! `0o17`/`0x1F` are integers, `1.0` is a float; the source text stays available through
//! [`Node::raw`] and the quoting through [`Node::style`].
//!
//! Comments are not part of the tree; [`comments`] finds them for the suppression layer.

mod comments;
#[cfg(test)]
mod tests;

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::panic::{AssertUnwindSafe, catch_unwind};

use saphyr::Scalar;
use saphyr_parser::{Event, Parser, ScanError};

pub use comments::comments;

use super::ParseError;
use crate::source::Span;

/// Documents nested deeper than this many collections are refused (real manifests, compose
/// files and pipelines stay under 20).
pub const MAX_DEPTH: usize = 128;

/// Nodes that alias expansion may create in one file before parsing stops.
pub const ALIAS_NODE_BUDGET: usize = 100_000;

/// Mappings with more entries than this look keys up in a hash index instead of a scan.
const LINEAR_KEY_SCAN: usize = 16;

/// A parsed YAML file: the documents read and the errors met.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct YamlFile {
    pub docs: Vec<Document>,
    pub errors: Vec<ParseError>,
}

/// One document of a (possibly multi-document, `---`-separated) stream.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// 0-based position in the stream, counting documents that were refused or failed, so it
    /// names the same document as a person counting `---` separators would.
    pub index: usize,
    /// From the document start (`---` if explicit) to the end of its content.
    pub span: Span,
    /// An empty document has a [`Value::Null`] root.
    pub root: Node,
}

/// A node: its value and where it is in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Byte range of the node's text (properties excluded, see the module docs). For a node
    /// produced by an alias this is the alias (`*name`); its children keep the spans of the
    /// anchored definition.
    pub span: Span,
    pub value: Value,
    /// How a scalar was written; `None` for collections.
    pub style: Option<ScalarStyle>,
    /// For a node produced by an alias: the span of the anchored definition it copies.
    pub alias_of: Option<Span>,
}

/// How a scalar was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ScalarStyle {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    /// `|`
    Literal,
    /// `>`
    Folded,
}

/// A node's value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `null`, `~`, or nothing.
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    /// A string, quoted or not, with escapes and folding applied.
    Str(String),
    Seq(Vec<Node>),
    /// Entries in source order, duplicate keys already collapsed (last value wins).
    ///
    /// Merge keys are resolved: a `<<` entry whose value is a mapping (or a sequence of
    /// mappings, usually aliases) is replaced, at its position, by the entries of those
    /// mappings whose keys the mapping does not define explicitly (anywhere in it) and an
    /// earlier merge source did not already provide. Merged keys and values keep the spans of
    /// their definitions. A `<<` whose value is anything else stays a literal entry and is
    /// reported as an error. A quoted `"<<"` is an ordinary key.
    Map(Vec<(Node, Node)>),
    /// A node with a custom tag (`!Ref x`, `!reference [.a, script]`). Core-schema tags (`!!str`,
    /// `!!int`, …) are applied to the value instead and do not appear here; a bare `!` makes a
    /// plain scalar a string.
    Tagged(Tag, Box<Node>),
}

/// A custom tag, as written after `%TAG` resolution: `!Ref` is handle `!`, suffix `Ref`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Tag {
    pub handle: String,
    pub suffix: String,
}

impl fmt::Display for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.handle == "!" {
            write!(f, "!{}", self.suffix)
        } else {
            write!(f, "{}{}", self.handle, self.suffix)
        }
    }
}

impl Node {
    /// The value under string key `key` in a mapping (`None` if not a mapping or absent).
    /// Only string keys match: `get("80")` does not find `80: x` (use [`Node::iter_map`]).
    #[must_use]
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|(_, v)| v)
    }

    /// The key node and value under string key `key` in a mapping.
    #[must_use]
    pub fn entry(&self, key: &str) -> Option<(&Node, &Node)> {
        self.iter_map().find(|(k, _)| k.as_str() == Some(key))
    }

    /// The span of the key `key` in a mapping (where "key is set to a bad value" findings that
    /// concern the whole entry usually point).
    #[must_use]
    pub fn key_span(&self, key: &str) -> Option<Span> {
        self.entry(key).map(|(k, _)| k.span)
    }

    /// Follow string keys (and, through sequences, decimal indices) from this node:
    /// `doc.root.path(&["spec", "template", "spec"])`, `node.path(&["containers", "0"])`.
    #[must_use]
    pub fn path(&self, keys: &[&str]) -> Option<&Node> {
        let mut node = self;
        for key in keys {
            node = match &node.value {
                Value::Seq(items) => items.get(key.parse::<usize>().ok()?)?,
                _ => node.get(key)?,
            };
        }
        Some(node)
    }

    /// The string of a string scalar (not of a number or a tagged node).
    #[must_use]
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    #[must_use]
    pub fn as_bool(&self) -> Option<bool> {
        match self.value {
            Value::Bool(b) => Some(b),
            _ => None,
        }
    }

    #[must_use]
    pub fn as_i64(&self) -> Option<i64> {
        match self.value {
            Value::Int(i) => Some(i),
            _ => None,
        }
    }

    /// A float, or an integer converted to one.
    #[must_use]
    #[allow(clippy::cast_precision_loss)]
    pub fn as_f64(&self) -> Option<f64> {
        match self.value {
            Value::Float(f) => Some(f),
            Value::Int(i) => Some(i as f64),
            _ => None,
        }
    }

    #[must_use]
    pub fn as_seq(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Seq(items) => Some(items),
            _ => None,
        }
    }

    #[must_use]
    pub fn as_map(&self) -> Option<&[(Node, Node)]> {
        match &self.value {
            Value::Map(entries) => Some(entries),
            _ => None,
        }
    }

    /// The entries of a mapping as `(key, value)` pairs, in order; empty for anything else.
    pub fn iter_map(&self) -> impl Iterator<Item = (&Node, &Node)> {
        self.as_map().unwrap_or(&[]).iter().map(|(k, v)| (k, v))
    }

    /// The items of a sequence; empty for anything else.
    pub fn iter_seq(&self) -> impl Iterator<Item = &Node> {
        self.as_seq().unwrap_or(&[]).iter()
    }

    #[must_use]
    pub fn is_null(&self) -> bool {
        matches!(self.value, Value::Null)
    }

    /// The custom tag of a [`Value::Tagged`] node.
    #[must_use]
    pub fn tag(&self) -> Option<&Tag> {
        match &self.value {
            Value::Tagged(tag, _) => Some(tag),
            _ => None,
        }
    }

    /// This node with custom tags removed (`!Sub "x"` → `"x"`).
    #[must_use]
    pub fn untagged(&self) -> &Node {
        let mut node = self;
        while let Value::Tagged(_, inner) = &node.value {
            node = inner;
        }
        node
    }

    /// The source text of the node (`"1.0"` with its quotes, `yes`, `|` and the block). For a
    /// node produced by an alias: the text of the anchored definition, not `*name`.
    #[must_use]
    pub fn raw<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.alias_of.unwrap_or(self.span).range())
            .unwrap_or("")
    }
}

/// Parse a YAML stream. Never fails and never panics: errors come back with whatever could be
/// read (see the module docs for what is kept).
#[must_use]
pub fn parse(text: &str) -> YamlFile {
    // saphyr-parser has `unwrap`/`expect` on internal states; none is known to be reachable
    // (the fuzz target found none), but a panic in a dependency must not take down a scan.
    match catch_unwind(AssertUnwindSafe(|| Loader::new(text).run())) {
        Ok(file) => file,
        Err(_) => YamlFile {
            docs: Vec::new(),
            errors: vec![ParseError {
                message: "internal error in the YAML parser".to_string(),
                offset: 0,
            }],
        },
    }
}

/// saphyr marker → byte offset.
///
/// Markers carry a char index, a 1-based line and a 0-based column in chars. The index is
/// used, except in files with a directive line (`%…`) containing non-ASCII text: saphyr-parser's
/// `StrInput` counts the directive's name and parameters in *bytes* there, which shifts every
/// later index (found by fuzzing). Those files use line and column instead, the column
/// corrected for byte order marks at the start of a line (skipped without advancing it).
struct Positions<'t> {
    chars: CharMap<'t>,
    /// In line mode: per saphyr line, the char index where its content starts (after leading
    /// BOMs) and where the next line starts.
    lines: Option<Vec<(usize, usize)>>,
}

impl<'t> Positions<'t> {
    fn new(text: &'t str) -> Self {
        let drifts = text
            .split(['\n', '\r'])
            .any(|l| l.trim_start_matches('\u{feff}').starts_with('%') && !l.is_ascii());
        Self {
            chars: CharMap::new(text),
            lines: drifts.then(|| line_table(text)),
        }
    }

    fn byte(&self, m: &saphyr_parser::Marker) -> usize {
        let Some(lines) = &self.lines else {
            return self.chars.byte(m.index());
        };
        let Some(&(content, next)) = lines.get(m.line().saturating_sub(1)) else {
            return self.chars.text.len();
        };
        self.chars.byte((content + m.col()).min(next.max(content)))
    }
}

/// Per line (saphyr's breaks: `\r\n`, `\r`, `\n`): char index after leading BOMs, char index
/// of the next line's start (or the end).
fn line_table(text: &str) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut line_start = 0usize;
    let mut at_start = true;
    let mut content = 0usize;
    let mut prev_cr = false;
    let mut n = 0usize;
    for c in text.chars() {
        if prev_cr && c == '\n' {
            // the \n of a \r\n: the line was closed at the \r
            if let Some(last) = out.last_mut() {
                last.1 = n + 1;
            }
            line_start = n + 1;
            content = line_start;
            at_start = true;
            prev_cr = false;
            n += 1;
            continue;
        }
        prev_cr = c == '\r';
        if at_start && c == '\u{feff}' {
            content = n + 1;
        } else {
            at_start = false;
        }
        if c == '\n' || c == '\r' {
            out.push((content.max(line_start), n + 1));
            line_start = n + 1;
            content = line_start;
            at_start = true;
        }
        n += 1;
    }
    out.push((content.max(line_start), n));
    out
}

/// Char index → byte offset.
struct CharMap<'t> {
    text: &'t str,
    /// Byte offset of every 64th char; empty for ASCII text (indices are offsets).
    checkpoints: Vec<usize>,
}

const CHECKPOINT_EVERY: usize = 64;

impl<'t> CharMap<'t> {
    fn new(text: &'t str) -> Self {
        let checkpoints = if text.is_ascii() {
            Vec::new()
        } else {
            text.char_indices()
                .step_by(CHECKPOINT_EVERY)
                .map(|(b, _)| b)
                .collect()
        };
        Self { text, checkpoints }
    }

    fn byte(&self, char_index: usize) -> usize {
        if self.checkpoints.is_empty() {
            return char_index.min(self.text.len());
        }
        let Some(&base) = self.checkpoints.get(char_index / CHECKPOINT_EVERY) else {
            return self.text.len();
        };
        let rest = self.text.get(base..).unwrap_or("");
        rest.char_indices()
            .nth(char_index % CHECKPOINT_EVERY)
            .map_or(self.text.len(), |(b, _)| base + b)
    }
}

/// A collection being built.
struct Frame {
    kind: FrameKind,
    /// Start of the node's text (after its properties), and of the properties.
    start: usize,
    outer_start: usize,
    anchor: usize,
    tag: Option<Tag>,
}

enum FrameKind {
    Seq(Vec<Node>),
    Map(MapBuilder),
}

#[derive(Default)]
struct MapBuilder {
    entries: Vec<(Node, Node)>,
    pending_key: Option<Node>,
    /// Key fingerprint → entry index, built once the mapping is large.
    index: Option<HashMap<String, usize>>,
    has_merge: bool,
}

struct Loader<'t> {
    text: &'t str,
    pos: Positions<'t>,
    docs: Vec<Document>,
    errors: Vec<ParseError>,
    stack: Vec<Frame>,
    root: Option<Node>,
    anchors: BTreeMap<usize, Node>,
    alias_budget: usize,
    doc_index: usize,
    doc_start: usize,
    /// The current document was refused (too deep); ignore events until it ends.
    refused: bool,
    /// End of the previous event: block-scalar headers are searched after it.
    prev_end: usize,
}

impl<'t> Loader<'t> {
    fn new(text: &'t str) -> Self {
        Self {
            text,
            pos: Positions::new(text),
            docs: Vec::new(),
            errors: Vec::new(),
            stack: Vec::new(),
            root: None,
            anchors: BTreeMap::new(),
            alias_budget: ALIAS_NODE_BUDGET,
            doc_index: 0,
            doc_start: 0,
            refused: false,
            prev_end: 0,
        }
    }

    fn run(mut self) -> YamlFile {
        let mut parser = Parser::new_from_str(self.text);
        loop {
            match parser.next_event() {
                None => break,
                Some(Ok((event, span))) => {
                    let start = self.pos.byte(&span.start);
                    let end = self.pos.byte(&span.end).max(start);
                    let go_on = self.on_event(event, start, end);
                    self.prev_end = self.prev_end.max(end);
                    if !go_on {
                        break;
                    }
                }
                Some(Err(e)) => {
                    // an error inside a refused document is a consequence of what was refused
                    if !self.refused {
                        self.scan_error(&e);
                    }
                    break;
                }
            }
        }
        YamlFile {
            docs: self.docs,
            errors: self.errors,
        }
    }

    fn scan_error(&mut self, e: &ScanError) {
        self.error(self.pos.byte(e.marker()), e.info().to_string());
    }

    fn error(&mut self, offset: usize, message: String) {
        self.errors.push(ParseError { message, offset });
    }

    /// Handle one event; `false` stops parsing.
    fn on_event(&mut self, event: Event<'_>, start: usize, end: usize) -> bool {
        let is_seq = matches!(event, Event::SequenceStart(..));
        match event {
            Event::Nothing | Event::StreamStart | Event::StreamEnd => {}
            Event::DocumentStart(_) => {
                self.doc_start = start;
                self.stack.clear();
                self.root = None;
                self.anchors.clear();
                self.refused = false;
            }
            Event::DocumentEnd => {
                if !self.refused {
                    let root = self.root.take().unwrap_or(Node {
                        span: Span::at(start),
                        value: Value::Null,
                        style: Some(ScalarStyle::Plain),
                        alias_of: None,
                    });
                    let end = root.span.end.max(self.doc_start);
                    self.docs.push(Document {
                        index: self.doc_index,
                        span: Span::new(self.doc_start, end),
                        root,
                    });
                }
                self.doc_index += 1;
                self.stack.clear();
                self.root = None;
                self.refused = false;
            }
            _ if self.refused => {}
            Event::SequenceStart(anchor, tag) | Event::MappingStart(anchor, tag) => {
                if self.stack.len() >= MAX_DEPTH {
                    self.refuse(start, format!("nesting deeper than {MAX_DEPTH} levels"));
                    return true;
                }
                let content = if anchor > 0 || tag.is_some() {
                    skip_properties(self.text, start, end)
                } else {
                    start
                };
                let kind = if is_seq {
                    FrameKind::Seq(Vec::new())
                } else {
                    FrameKind::Map(MapBuilder::default())
                };
                self.stack.push(Frame {
                    kind,
                    start: content,
                    outer_start: start,
                    anchor,
                    tag: tag.as_deref().and_then(custom_tag),
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some(frame) = self.stack.pop() else {
                    return true;
                };
                let node = self.finish(frame.kind, frame.start, start, end);
                let node = match frame.tag {
                    Some(tag) => wrap(tag, node, frame.outer_start),
                    None => node,
                };
                self.add(node, frame.anchor);
            }
            Event::Scalar(value, style, anchor, tag) => {
                let node = self.scalar(value, style, anchor, tag.as_deref(), start, end);
                self.add(node, anchor);
            }
            Event::Alias(id) => return self.alias(id, start, end),
        }
        true
    }

    /// Drop the current document with one error.
    fn refuse(&mut self, offset: usize, message: String) {
        self.error(offset, message);
        self.refused = true;
        self.stack.clear();
        self.root = None;
    }

    fn scalar(
        &mut self,
        value: Cow<'_, str>,
        style: saphyr_parser::ScalarStyle,
        anchor: usize,
        tag: Option<&saphyr_parser::Tag>,
        start: usize,
        end: usize,
    ) -> Node {
        use saphyr_parser::ScalarStyle as S;
        let mut content = if anchor > 0 || tag.is_some() {
            skip_properties(self.text, start, end)
        } else {
            start
        };
        let mut content_end = end;
        let style_out = match style {
            S::Plain => ScalarStyle::Plain,
            S::SingleQuoted => ScalarStyle::SingleQuoted,
            S::DoubleQuoted => ScalarStyle::DoubleQuoted,
            S::Literal => ScalarStyle::Literal,
            S::Folded => ScalarStyle::Folded,
        };
        match style {
            S::SingleQuoted | S::DoubleQuoted => {
                if let Some(e) = closing_quote(self.text, content, end) {
                    content_end = e;
                }
            }
            S::Literal | S::Folded => {
                if let Some(h) = block_header(self.text, content, self.prev_end) {
                    content = h;
                }
                content_end = trim_end(self.text, content, end);
            }
            S::Plain => {}
        }
        let span = Span::new(content, content_end.max(content));
        let custom = tag.and_then(custom_tag);
        // a custom tag is kept on the node, not used to type the value
        let core_tag = tag.filter(|t| t.is_yaml_core_schema()).map(Cow::Borrowed);
        let non_specific = tag.is_some_and(is_non_specific);
        let v = if non_specific {
            Value::Str(value.into_owned())
        } else {
            match Scalar::parse_from_cow_and_metadata(value.clone(), style, core_tag.as_ref()) {
                Some(Scalar::Null) => Value::Null,
                Some(Scalar::Boolean(b)) => Value::Bool(b),
                Some(Scalar::Integer(i)) => Value::Int(i),
                Some(Scalar::FloatingPoint(f)) => Value::Float(f.into_inner()),
                Some(Scalar::String(s)) => Value::Str(s.into_owned()),
                // a core tag the value does not fit (`!!int abc`) or does not resolve
                None => Value::Str(value.into_owned()),
            }
        };
        let node = Node {
            span,
            value: v,
            style: Some(style_out),
            alias_of: None,
        };
        match custom {
            Some(tag) => {
                let mut node = node;
                let outer = Span::new(start, content_end.max(start));
                if node.span.is_empty() {
                    node.span = outer;
                }
                Node {
                    span: outer,
                    value: Value::Tagged(tag, Box::new(node)),
                    style: None,
                    alias_of: None,
                }
            }
            None => node,
        }
    }

    /// Resolve `*name`; `false` stops parsing (alias budget exhausted).
    fn alias(&mut self, id: usize, start: usize, end: usize) -> bool {
        let depth = self.stack.len();
        let Some(anchored) = self.anchors.get(&id) else {
            // saphyr-parser rejects names never anchored; when pulled event by event it keeps
            // anchor names across documents, so the anchor may be in an earlier document, or
            // still open (`&a [1, *a]`)
            let open = self.stack.iter().any(|f| f.anchor == id);
            let message = if open {
                "alias refers to the node that contains it"
            } else {
                "alias refers to an anchor of another document (anchors do not carry over `---`)"
            };
            self.error(start, message.to_string());
            let node = Node {
                span: Span::new(start, end),
                value: Value::Null,
                style: None,
                alias_of: None,
            };
            self.add(node, 0);
            return true;
        };
        let mut budget = self.alias_budget;
        let Some(height) = measure(anchored, &mut budget) else {
            self.error(
                start,
                format!(
                    "alias expansion exceeded the budget of {ALIAS_NODE_BUDGET} nodes (possible billion-laughs attack)"
                ),
            );
            self.refused = true;
            return false;
        };
        if depth + height > MAX_DEPTH {
            self.refuse(
                start,
                format!("nesting deeper than {MAX_DEPTH} levels (through an alias)"),
            );
            return true;
        }
        self.alias_budget = budget;
        let mut node = anchored.clone();
        node.alias_of = Some(node.span);
        node.span = Span::new(start, end);
        self.add(node, 0);
        true
    }

    fn finish(&mut self, kind: FrameKind, start: usize, end_start: usize, end_end: usize) -> Node {
        // a flow collection ends at its `]`/`}`; a block one at its last child
        let flow_end = (end_end > end_start).then_some(end_end);
        match kind {
            FrameKind::Seq(items) => {
                let last = items.iter().map(|n| n.span.end).max();
                let end = flow_end.or(last).unwrap_or(start);
                Node {
                    span: Span::new(start, end),
                    value: Value::Seq(items),
                    style: None,
                    alias_of: None,
                }
            }
            FrameKind::Map(mut map) => {
                if let Some(key) = map.pending_key.take() {
                    // cannot happen with a well-formed event stream; keep the key
                    let value = Node {
                        span: Span::at(key.span.end),
                        value: Value::Null,
                        style: None,
                        alias_of: None,
                    };
                    map.entries.push((key, value));
                }
                let last = map
                    .entries
                    .iter()
                    .map(|(k, v)| k.span.end.max(v.span.end))
                    .max();
                let end = flow_end.or(last).unwrap_or(start);
                let entries = if map.has_merge {
                    self.merge(map)
                } else {
                    map.entries
                };
                Node {
                    span: Span::new(start, end),
                    value: Value::Map(entries),
                    style: None,
                    alias_of: None,
                }
            }
        }
    }

    /// Resolve `<<` entries (see [`Value::Map`]).
    fn merge(&mut self, map: MapBuilder) -> Vec<(Node, Node)> {
        let mut seen: HashMap<String, ()> = map
            .entries
            .iter()
            .filter(|(k, _)| !is_merge_key(k))
            .map(|(k, _)| (fingerprint(k), ()))
            .collect();
        let mut out = Vec::with_capacity(map.entries.len());
        for (key, value) in map.entries {
            if !is_merge_key(&key) {
                out.push((key, value));
                continue;
            }
            let sources_ok = match &value.value {
                Value::Map(_) => true,
                Value::Seq(items) => items.iter().all(|n| matches!(n.value, Value::Map(_))),
                _ => false,
            };
            if !sources_ok {
                self.error(
                    value.span.start,
                    "merge key `<<` needs a mapping or a list of mappings".to_string(),
                );
                out.push((key, value));
                continue;
            }
            let sources = match value.value {
                Value::Map(entries) => vec![entries],
                Value::Seq(items) => items
                    .into_iter()
                    .filter_map(|n| match n.value {
                        Value::Map(entries) => Some(entries),
                        _ => None,
                    })
                    .collect(),
                _ => Vec::new(),
            };
            for entries in sources {
                for (k, v) in entries {
                    if seen.insert(fingerprint(&k), ()).is_none() {
                        out.push((k, v));
                    }
                }
            }
        }
        out
    }

    /// Attach a finished node to its parent (or make it the document root).
    fn add(&mut self, node: Node, anchor: usize) {
        if anchor > 0 {
            self.anchors.insert(anchor, node.clone());
        }
        let Some(frame) = self.stack.last_mut() else {
            self.root = Some(node);
            return;
        };
        let dup = match &mut frame.kind {
            FrameKind::Seq(items) => {
                items.push(node);
                None
            }
            FrameKind::Map(map) => match map.pending_key.take() {
                None => {
                    map.pending_key = Some(node);
                    None
                }
                Some(key) => insert_entry(map, key, node),
            },
        };
        if let Some((at, key)) = dup {
            let shown = short(key.raw(self.text));
            self.error(
                at,
                format!("duplicate key {shown} in mapping (the last value is used)"),
            );
        }
    }
}

/// Insert into a mapping; on a duplicate key, replace the earlier entry and return the
/// position and node of the repeated key.
fn insert_entry(map: &mut MapBuilder, key: Node, value: Node) -> Option<(usize, Node)> {
    if is_merge_key(&key) {
        map.has_merge = true;
        map.entries.push((key, value));
        return None;
    }
    let existing = match &mut map.index {
        Some(index) => index.get(&fingerprint(&key)).copied(),
        None => map
            .entries
            .iter()
            .position(|(k, _)| !is_merge_key(k) && same(k, &key)),
    };
    if let Some(i) = existing {
        let at = key.span.start;
        let shown = key.clone();
        if let Some(slot) = map.entries.get_mut(i) {
            *slot = (key, value);
        }
        return Some((at, shown));
    }
    if let Some(index) = &mut map.index {
        index.insert(fingerprint(&key), map.entries.len());
    }
    map.entries.push((key, value));
    if map.index.is_none() && map.entries.len() > LINEAR_KEY_SCAN {
        map.index = Some(
            map.entries
                .iter()
                .enumerate()
                .filter(|(_, (k, _))| !is_merge_key(k))
                .map(|(i, (k, _))| (fingerprint(k), i))
                .collect(),
        );
    }
    None
}

/// A plain (unquoted, untagged) `<<` key.
fn is_merge_key(key: &Node) -> bool {
    key.style == Some(ScalarStyle::Plain) && key.as_str() == Some("<<")
}

/// Structural equality, spans ignored.
fn same(a: &Node, b: &Node) -> bool {
    match (&a.value, &b.value) {
        (Value::Null, Value::Null) => true,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Int(x), Value::Int(y)) => x == y,
        (Value::Float(x), Value::Float(y)) => x.to_bits() == y.to_bits(),
        (Value::Str(x), Value::Str(y)) => x == y,
        (Value::Seq(x), Value::Seq(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(p, q))
        }
        (Value::Map(x), Value::Map(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .all(|((k1, v1), (k2, v2))| same(k1, k2) && same(v1, v2))
        }
        (Value::Tagged(t1, x), Value::Tagged(t2, y)) => t1 == t2 && same(x, y),
        _ => false,
    }
}

/// A string equal for two nodes exactly when [`same`] is true.
fn fingerprint(node: &Node) -> String {
    let mut out = String::new();
    write_fingerprint(node, &mut out);
    out
}

fn write_fingerprint(node: &Node, out: &mut String) {
    use fmt::Write as _;
    // length-prefixed strings keep the encoding unambiguous; writing to a String cannot fail
    let _ = match &node.value {
        Value::Null => write!(out, "n"),
        Value::Bool(b) => write!(out, "b{b}"),
        Value::Int(i) => write!(out, "i{i};"),
        Value::Float(f) => write!(out, "f{};", f.to_bits()),
        Value::Str(s) => write!(out, "s{}:{s}", s.len()),
        Value::Seq(items) => {
            out.push('[');
            for item in items {
                write_fingerprint(item, out);
            }
            write!(out, "]")
        }
        Value::Map(entries) => {
            out.push('{');
            for (k, v) in entries {
                write_fingerprint(k, out);
                write_fingerprint(v, out);
            }
            write!(out, "}}")
        }
        Value::Tagged(tag, inner) => {
            let name = tag.to_string();
            let _ = write!(out, "t{}:{name}", name.len());
            write_fingerprint(inner, out);
            Ok(())
        }
    };
}

/// Count the nodes of `node` (keys included) against `budget` and return its height in
/// collections; `None` once the budget is exhausted. Recursion is bounded by [`MAX_DEPTH`].
fn measure(node: &Node, budget: &mut usize) -> Option<usize> {
    *budget = budget.checked_sub(1)?;
    match &node.value {
        Value::Seq(items) => {
            let mut h = 0;
            for item in items {
                h = h.max(measure(item, budget)?);
            }
            Some(h + 1)
        }
        Value::Map(entries) => {
            let mut h = 0;
            for (k, v) in entries {
                h = h.max(measure(k, budget)?).max(measure(v, budget)?);
            }
            Some(h + 1)
        }
        Value::Tagged(_, inner) => measure(inner, budget),
        _ => Some(0),
    }
}

/// A custom tag (not core schema, not the non-specific `!`).
fn custom_tag(tag: &saphyr_parser::Tag) -> Option<Tag> {
    if tag.is_yaml_core_schema() || is_non_specific(tag) {
        return None;
    }
    Some(Tag {
        handle: tag.handle.clone(),
        suffix: tag.suffix.clone(),
    })
}

/// The non-specific tag `!` (saphyr-parser reports it as handle `""`, suffix `"!"`).
fn is_non_specific(tag: &saphyr_parser::Tag) -> bool {
    (tag.handle.is_empty() && tag.suffix == "!") || (tag.handle == "!" && tag.suffix.is_empty())
}

fn wrap(tag: Tag, node: Node, outer_start: usize) -> Node {
    let span = Span::new(outer_start.min(node.span.start), node.span.end);
    Node {
        span,
        value: Value::Tagged(tag, Box::new(node)),
        style: None,
        alias_of: None,
    }
}

/// Skip node properties (`&anchor`, `!tag`), whitespace and comments from `start`; never past
/// `end`.
fn skip_properties(text: &str, start: usize, end: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = start;
    while i < end {
        match bytes.get(i) {
            Some(b' ' | b'\t' | b'\r' | b'\n') => i += 1,
            Some(b'#') => {
                while i < end && bytes.get(i) != Some(&b'\n') {
                    i += 1;
                }
            }
            Some(b'&' | b'!') => {
                while i < end && !matches!(bytes.get(i), Some(b' ' | b'\t' | b'\r' | b'\n')) {
                    i += 1;
                }
            }
            _ => break,
        }
    }
    i.min(end)
}

/// End (exclusive) of a quoted scalar starting at `start`, scanning no further than `limit`.
fn closing_quote(text: &str, start: usize, limit: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let quote = *bytes.get(start)?;
    if quote != b'"' && quote != b'\'' {
        return None;
    }
    let mut i = start + 1;
    while i < limit {
        let b = *bytes.get(i)?;
        if quote == b'"' && b == b'\\' {
            i += 2;
            continue;
        }
        if b == quote {
            if quote == b'\'' && bytes.get(i + 1) == Some(&b'\'') {
                i += 2;
                continue;
            }
            return Some(i + 1);
        }
        i += 1;
    }
    None
}

/// Offset of the `|`/`>` header of a block scalar whose content saphyr starts at `content`:
/// at `content` itself when properties preceded it, otherwise on the last non-blank line
/// before `content`'s line, after `floor` (the previous event's end).
fn block_header(text: &str, content: usize, floor: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    if matches!(bytes.get(content), Some(b'|' | b'>')) && header_rest_ok(text, content) {
        return Some(content);
    }
    let line_start = text.get(..content)?.rfind('\n').map_or(0, |i| i + 1);
    let mut end = line_start; // exclusive end of the candidate line (its newline excluded)
    loop {
        if end == 0 || end <= floor {
            return None;
        }
        let prev = end - 1; // the newline ending the previous line
        let start = text.get(..prev)?.rfind('\n').map_or(0, |i| i + 1);
        let line = text.get(start..prev)?;
        if line.trim().is_empty() {
            end = start;
            continue;
        }
        let from = start.max(floor);
        let line = text.get(from..prev)?;
        return line
            .char_indices()
            .filter(|(_, c)| matches!(c, '|' | '>'))
            .map(|(i, _)| from + i)
            .find(|&i| header_rest_ok(text, i));
    }
}

/// Whether the text from a `|`/`>` at `at` to the end of its line is a block scalar header:
/// up to two indicator characters (`+`, `-`, a digit), blanks, an optional comment.
fn header_rest_ok(text: &str, at: usize) -> bool {
    let Some(rest) = text.get(at + 1..) else {
        return false;
    };
    let line = rest.split('\n').next().unwrap_or("");
    let after = line.trim_start_matches(|c: char| c == '+' || c == '-' || c.is_ascii_digit());
    if line.len() - after.len() > 2 {
        return false;
    }
    let trimmed = after.trim_start_matches([' ', '\t', '\r']);
    trimmed.is_empty() || (trimmed.starts_with('#') && trimmed.len() < after.len())
}

/// `end` moved back over trailing whitespace, not before `start`.
fn trim_end(text: &str, start: usize, end: usize) -> usize {
    let bytes = text.as_bytes();
    let mut e = end;
    while e > start && matches!(bytes.get(e - 1), Some(b' ' | b'\t' | b'\r' | b'\n')) {
        e -= 1;
    }
    e
}

/// A key's text for a message: quoted, shortened, on one line.
fn short(raw: &str) -> String {
    let one_line = raw.lines().next().unwrap_or("");
    let mut s: String = one_line.chars().take(60).collect();
    if s.len() < raw.len() {
        s.push('…');
    }
    if s.starts_with(['"', '\'']) {
        s
    } else {
        format!("\"{s}\"")
    }
}
