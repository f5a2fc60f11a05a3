//! Shell scripts (Dockerfile `RUN`, `CMD`, heredoc bodies; later CI `run:`/`script:`)
//! parsed with tree-sitter-bash into a flat list of simple commands with file spans.
//!
//! tree-sitter recovers from errors, so a broken script still yields the commands it could
//! read (`has_error` is set); rules must tolerate that.

use std::cell::RefCell;

use crate::source::Span;

/// Scripts larger than this are not parsed (the instruction is still checked otherwise).
pub const MAX_SCRIPT_BYTES: usize = 512 * 1024;
/// Nesting deeper than this is not descended into.
const MAX_DEPTH: usize = 256;

/// Maps byte offsets in a script's text back to offsets in the file.
#[derive(Clone, Debug)]
pub enum OffsetMap {
    /// The script is a contiguous slice of the file starting at this offset.
    Shift(usize),
    /// Per-byte table (for text normalised from the file: continuations and comment lines
    /// removed); one extra entry maps the end of text.
    Table(Vec<usize>),
}

impl OffsetMap {
    #[must_use]
    pub fn map(&self, i: usize) -> usize {
        match self {
            OffsetMap::Shift(base) => base + i,
            OffsetMap::Table(t) => match t.get(i) {
                Some(&o) => o,
                None => t.last().copied().unwrap_or(0),
            },
        }
    }

    /// Map a span in script text to a file span. The end maps from the last byte inside
    /// the span so a span never stretches over removed continuation text.
    #[must_use]
    pub fn span(&self, start: usize, end: usize) -> Span {
        if end <= start {
            let s = self.map(start);
            return Span::new(s, s);
        }
        Span::new(self.map(start), self.map(end - 1) + 1)
    }
}

/// A word (command name or argument) with its unquoted text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    /// Text with quotes removed; for non-literal words, the raw text.
    pub text: String,
    pub span: Span,
    /// No expansions, substitutions or globs whose value is unknown until run time.
    pub literal: bool,
}

/// Where a command sits in a pipeline `a | b | c`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PipelinePos {
    /// Identifies the pipeline within its script.
    pub id: usize,
    /// 0-based position in the pipeline.
    pub index: usize,
    /// Number of elements in the pipeline.
    pub len: usize,
}

/// One simple command: `NAME=v name arg…`.
#[derive(Clone, Debug)]
pub struct SimpleCommand {
    pub name: Option<Word>,
    pub args: Vec<Word>,
    /// Prefix assignments (`DEBIAN_FRONTEND=noninteractive apt-get …`), as `NAME=value`.
    pub assignments: Vec<Word>,
    pub span: Span,
    pub pipeline: Option<PipelinePos>,
    /// Run in the background with `&`.
    pub background: bool,
    /// Runs in a subshell `( … )`, a command substitution `$( … )` or a process
    /// substitution `<( … )`, so its `cd`, `set` or `export` does not affect the rest of
    /// the script.
    pub subshell: bool,
}

/// Wrapper commands that run their arguments as a command.
const WRAPPERS: &[&str] = &[
    "sudo", "env", "nohup", "time", "exec", "command", "builtin", "nice", "doas", "su-exec", "gosu",
];

impl SimpleCommand {
    /// The command name as written (without path): `/usr/bin/apt-get` → `apt-get`.
    #[must_use]
    pub fn name(&self) -> &str {
        self.name.as_ref().map_or("", |w| basename(&w.text))
    }

    /// Strips wrappers such as `sudo -E`, `env A=1`, `nohup`, `gosu user`, returning the
    /// effective command name and its arguments.
    #[must_use]
    pub fn effective(&self) -> (&str, &[Word]) {
        let mut name = self.name();
        let mut args: &[Word] = &self.args;
        let mut guard = 0;
        while WRAPPERS.contains(&name) && guard < 8 {
            guard += 1;
            let wrapper = name;
            let mut rest = args;
            // skip options and (for env) assignments, (for gosu/su-exec) the user
            let mut skipped_user = false;
            while let Some((first, tail)) = rest.split_first() {
                let t = first.text.as_str();
                let assignment =
                    matches!(wrapper, "env" | "sudo") && t.contains('=') && !t.starts_with('=');
                if t.starts_with('-') || assignment {
                    // sudo -u USER: skip the option's value too
                    let takes_value = wrapper == "sudo" && matches!(t, "-u" | "-g" | "-C" | "-h");
                    rest = tail;
                    if takes_value {
                        rest = rest.get(1..).unwrap_or(&[]);
                    }
                    continue;
                }
                if matches!(wrapper, "gosu" | "su-exec") && !skipped_user {
                    skipped_user = true;
                    rest = tail;
                    continue;
                }
                if wrapper == "nice" && t.parse::<i32>().is_ok() {
                    rest = tail;
                    continue;
                }
                break;
            }
            match rest.split_first() {
                Some((n, tail)) => {
                    name = basename(&n.text);
                    args = tail;
                }
                None => return (name, &[]),
            }
        }
        (name, args)
    }

    /// Whether `name`/`args` invoke the given subcommand as the first non-option word
    /// (`apt-get -q install` → `install`).
    #[must_use]
    pub fn subcommand(&self) -> Option<&Word> {
        let (_, args) = self.effective();
        args.iter().find(|w| !w.text.starts_with('-'))
    }

    /// Whether any argument is one of the flags. A single-letter flag such as `-y` also
    /// matches inside a cluster of short flags (`-qy`); long flags match `--flag` and
    /// `--flag=value`.
    #[must_use]
    pub fn has_flag(&self, flags: &[&str]) -> bool {
        let (_, args) = self.effective();
        args_have_flag(args, flags)
    }

    /// The value of an option given as `--opt=value`, `--opt value` or `-o value`.
    #[must_use]
    pub fn flag_value(&self, flag: &str) -> Option<&str> {
        let (_, args) = self.effective();
        let mut it = args.iter();
        while let Some(w) = it.next() {
            if let Some(v) = w.text.strip_prefix(flag).and_then(|r| r.strip_prefix('=')) {
                return Some(v);
            }
            if w.text == flag {
                return it.next().map(|w| w.text.as_str());
            }
        }
        None
    }
}

/// See [`SimpleCommand::has_flag`].
#[must_use]
pub fn args_have_flag(args: &[Word], flags: &[&str]) -> bool {
    args.iter().any(|w| {
        let t = w.text.as_str();
        flags.iter().any(|f| {
            if t == *f {
                return true;
            }
            if f.starts_with("--") {
                return t.strip_prefix(f).is_some_and(|r| r.starts_with('='));
            }
            // short flag inside a cluster: -qy matches -y
            match (f.strip_prefix('-'), t.strip_prefix('-')) {
                (Some(letter), Some(cluster))
                    if letter.len() == 1 && !cluster.starts_with('-') && !cluster.contains('=') =>
                {
                    cluster.chars().all(|c| c.is_ascii_alphabetic()) && cluster.contains(letter)
                }
                _ => false,
            }
        })
    })
}

fn basename(s: &str) -> &str {
    s.rsplit('/').next().unwrap_or(s)
}

/// A parsed script.
#[derive(Clone, Debug, Default)]
pub struct Script {
    /// Simple commands in source order (including those nested in subshells,
    /// conditionals, loops and command substitutions).
    pub commands: Vec<SimpleCommand>,
    /// The parser had to recover from a syntax error.
    pub has_error: bool,
    /// The script was too large or too deep to parse completely.
    pub truncated: bool,
}

impl Script {
    /// Commands whose effective name is `name`.
    pub fn commands_named<'a>(
        &'a self,
        name: &'a str,
    ) -> impl Iterator<Item = &'a SimpleCommand> + 'a {
        self.commands
            .iter()
            .filter(move |c| c.effective().0 == name)
    }

    /// Whether any pipeline (`a | b`) occurs.
    #[must_use]
    pub fn has_pipeline(&self) -> bool {
        self.commands.iter().any(|c| c.pipeline.is_some())
    }
}

thread_local! {
    static PARSER: RefCell<Option<tree_sitter::Parser>> = const { RefCell::new(None) };
}

/// Parse `text` as a bash script; spans are mapped through `map`.
#[must_use]
pub fn parse(text: &str, map: &OffsetMap) -> Script {
    if text.len() > MAX_SCRIPT_BYTES {
        return Script {
            truncated: true,
            ..Script::default()
        };
    }
    let tree = PARSER.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.is_none() {
            let mut p = tree_sitter::Parser::new();
            if p.set_language(&tree_sitter_bash::LANGUAGE.into()).is_err() {
                return None;
            }
            *slot = Some(p);
        }
        slot.as_mut().and_then(|p| p.parse(text, None))
    });
    let Some(tree) = tree else {
        return Script {
            has_error: true,
            truncated: true,
            ..Script::default()
        };
    };
    let root = tree.root_node();
    let mut w = Walker {
        src: text,
        map,
        script: Script::default(),
        next_pipeline: 0,
        subshell: 0,
    };
    w.script.has_error = root.has_error();
    w.visit(root, None, 0);
    w.script
}

struct Walker<'s, 'm> {
    src: &'s str,
    map: &'m OffsetMap,
    script: Script,
    next_pipeline: usize,
    /// Nesting depth of subshells and substitutions around the current node.
    subshell: usize,
}

impl Walker<'_, '_> {
    fn text(&self, n: tree_sitter::Node<'_>) -> &str {
        self.src.get(n.start_byte()..n.end_byte()).unwrap_or("")
    }

    fn span(&self, n: tree_sitter::Node<'_>) -> Span {
        self.map.span(n.start_byte(), n.end_byte())
    }

    fn visit(&mut self, node: tree_sitter::Node<'_>, pipe: Option<PipelinePos>, depth: usize) {
        if depth > MAX_DEPTH {
            self.script.truncated = true;
            return;
        }
        let first_cmd = self.script.commands.len();
        match node.kind() {
            "command" => {
                self.command(node, pipe);
                // nested substitutions inside the arguments
                let mut cursor = node.walk();
                for child in node.named_children(&mut cursor) {
                    if child.kind() != "command_name" {
                        self.visit_nested(child, depth + 1);
                    }
                }
            }
            "pipeline" => {
                let mut cursor = node.walk();
                let elems: Vec<_> = node
                    .named_children(&mut cursor)
                    .filter(|c| c.kind() != "comment")
                    .collect();
                let id = self.next_pipeline;
                self.next_pipeline += 1;
                let len = elems.len();
                for (index, e) in elems.into_iter().enumerate() {
                    self.visit(e, Some(PipelinePos { id, index, len }), depth + 1);
                }
            }
            _ => {
                let nested = matches!(
                    node.kind(),
                    "subshell" | "command_substitution" | "process_substitution"
                );
                self.subshell += usize::from(nested);
                let mut cursor = node.walk();
                for child in node.named_children(&mut cursor) {
                    self.visit(child, pipe, depth + 1);
                }
                self.subshell -= usize::from(nested);
            }
        }
        // `stmt &` — the terminator is the next (anonymous) sibling
        if node.next_sibling().is_some_and(|s| s.kind() == "&") {
            for c in self.script.commands.iter_mut().skip(first_cmd) {
                c.background = true;
            }
        }
    }

    /// Command substitutions and process substitutions nested in a command's words.
    fn visit_nested(&mut self, node: tree_sitter::Node<'_>, depth: usize) {
        if depth > MAX_DEPTH {
            self.script.truncated = true;
            return;
        }
        match node.kind() {
            "command_substitution" | "process_substitution" | "subshell" => {
                self.subshell += 1;
                let mut cursor = node.walk();
                for child in node.named_children(&mut cursor) {
                    self.visit(child, None, depth + 1);
                }
                self.subshell -= 1;
            }
            _ => {
                let mut cursor = node.walk();
                for child in node.named_children(&mut cursor) {
                    self.visit_nested(child, depth + 1);
                }
            }
        }
    }

    fn command(&mut self, node: tree_sitter::Node<'_>, pipe: Option<PipelinePos>) {
        let mut name = None;
        let mut args = Vec::new();
        let mut assignments = Vec::new();
        let mut cursor = node.walk();
        for child in node.named_children(&mut cursor) {
            match child.kind() {
                "command_name" => {
                    let inner = child.named_child(0).unwrap_or(child);
                    name = Some(self.word(inner));
                }
                "variable_assignment" => assignments.push(self.word(child)),
                k if k.ends_with("redirect") => {}
                "comment" => {}
                _ => {
                    if name.is_some() {
                        args.push(self.word(child));
                    }
                }
            }
        }
        self.script.commands.push(SimpleCommand {
            name,
            args,
            assignments,
            span: self.span(node),
            pipeline: pipe,
            background: false,
            subshell: self.subshell > 0,
        });
    }

    fn word(&self, n: tree_sitter::Node<'_>) -> Word {
        let (text, literal) = self.unquote(n, 0);
        Word {
            text,
            span: self.span(n),
            literal,
        }
    }

    fn unquote(&self, n: tree_sitter::Node<'_>, depth: usize) -> (String, bool) {
        let raw = self.text(n);
        if depth > 32 {
            return (raw.to_string(), false);
        }
        match n.kind() {
            "word" | "number" => (unescape(raw), !raw.contains(['*', '?', '['])),
            "raw_string" => (strip(raw, "'", "'").to_string(), true),
            "ansi_c_string" => (strip(raw, "$'", "'").to_string(), true),
            "string" => {
                let mut cursor = n.walk();
                let literal = n
                    .named_children(&mut cursor)
                    .all(|c| c.kind() == "string_content");
                (strip(raw, "\"", "\"").to_string(), literal)
            }
            "concatenation" => {
                let mut cursor = n.walk();
                let mut text = String::new();
                let mut literal = true;
                for c in n.named_children(&mut cursor) {
                    let (t, l) = self.unquote(c, depth + 1);
                    text.push_str(&t);
                    literal &= l;
                }
                (text, literal)
            }
            "variable_assignment" => (raw.to_string(), !raw.contains(['$', '`'])),
            _ => (raw.to_string(), false),
        }
    }
}

fn strip<'a>(s: &'a str, pre: &str, post: &str) -> &'a str {
    let s = s.strip_prefix(pre).unwrap_or(s);
    s.strip_suffix(post).unwrap_or(s)
}

fn unescape(s: &str) -> String {
    if !s.contains('\\') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(n) = chars.next() {
                out.push(n);
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(s: &Script) -> Vec<&str> {
        s.commands.iter().map(SimpleCommand::name).collect()
    }

    #[test]
    fn lists_and_pipelines() {
        let src = "apt-get update && apt-get install -y curl | sh";
        let s = parse(src, &OffsetMap::Shift(0));
        assert!(!s.has_error);
        assert_eq!(names(&s), ["apt-get", "apt-get", "sh"]);
        let install = &s.commands[1];
        assert_eq!(
            install
                .args
                .iter()
                .map(|w| w.text.as_str())
                .collect::<Vec<_>>(),
            ["install", "-y", "curl"]
        );
        assert_eq!(install.pipeline.map(|p| (p.index, p.len)), Some((0, 2)));
        assert_eq!(s.commands[2].pipeline.map(|p| p.index), Some(1));
        assert_eq!(&src[s.commands[2].span.range()], "sh");
    }

    #[test]
    fn quotes_wrappers_and_flags() {
        let s = parse(
            "sudo -E DEBIAN_FRONTEND=x apt-get -qy install 'a b' \"c\"",
            &OffsetMap::Shift(10),
        );
        let c = &s.commands[0];
        assert_eq!(c.name(), "sudo");
        let (name, args) = c.effective();
        assert_eq!(name, "apt-get");
        assert_eq!(args.len(), 4);
        let s = parse(
            "DEBIAN_FRONTEND=x sudo apt-get -qy install 'a b' \"c\"",
            &OffsetMap::Shift(10),
        );
        let c = &s.commands[0];
        assert_eq!(c.assignments.len(), 1);
        assert_eq!(c.effective().0, "apt-get");
        assert!(c.has_flag(&["-y", "--yes"]));
        assert!(!c.has_flag(&["--no-install-recommends"]));
        assert_eq!(c.subcommand().map(|w| w.text.as_str()), Some("install"));
        assert_eq!(c.args.last().map(|w| w.text.as_str()), Some("c"));
        assert_eq!(c.span.start, 10);
    }

    #[test]
    fn background_and_substitution() {
        let s = parse("nginx & php-fpm; echo $(id -u)", &OffsetMap::Shift(0));
        assert_eq!(names(&s), ["nginx", "php-fpm", "echo", "id"]);
        assert!(s.commands[0].background);
        assert!(!s.commands[1].background);
    }

    #[test]
    fn subshells_are_marked() {
        let s = parse(
            "cd /a && (cd /b && make) && echo $(cd /c; pwd) && diff <(cd /d) x",
            &OffsetMap::Shift(0),
        );
        let marks: Vec<_> = s.commands.iter().map(|c| (c.name(), c.subshell)).collect();
        assert_eq!(
            marks,
            [
                ("cd", false),
                ("cd", true),
                ("make", true),
                ("echo", false),
                ("cd", true),
                ("pwd", true),
                ("diff", false),
                ("cd", true),
            ]
        );
    }

    #[test]
    fn broken_scripts_still_yield_commands() {
        let s = parse("if [ ; then echo hi", &OffsetMap::Shift(0));
        assert!(s.has_error);
    }

    #[test]
    fn table_map() {
        let m = OffsetMap::Table(vec![5, 6, 9, 10]);
        assert_eq!(m.span(0, 3), Span::new(5, 10));
        assert_eq!(m.map(99), 10);
    }
}
