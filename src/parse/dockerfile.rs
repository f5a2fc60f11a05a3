//! Dockerfile text → [`Dockerfile`] model, on top of the `parse-dockerfile` crate.
//!
//! What this layer adds to the crate: owned model types with file spans; shell-form text
//! normalised (continuations, interleaved comment lines, the `escape` character) and parsed
//! with the shell parser, spans mapped back to the file; `KEY=value` splitting for
//! `ENV`/`ARG`/`LABEL`; stages with `ARG` substitution in `FROM`; heredocs that do not start
//! the `RUN` arguments (`RUN python3 <<EOF`); recovery after an error (the bad line is
//! skipped and parsing resumes) so one broken line does not hide the rest of the file.

use std::borrow::Cow;
use std::collections::BTreeMap;

use parse_dockerfile as pd;

use super::ParseError;
use super::shell::{self, OffsetMap};
use crate::model::docker::{
    Base, Body, CommandForm, Dockerfile, Flag, Heredoc, ImageRef, Instruction, KeyValue, Kind,
    ShellForm, Stage, Text,
};
use crate::source::{LineIndex, Span};

/// Recovery gives up after this many errors in one file…
const MAX_RECOVERIES: usize = 1000;
/// …or once recovery has re-scanned this many bytes in total (a recovery pass costs one scan
/// of the file, so a huge file with errors on every line cannot make parsing quadratic).
const RECOVERY_BUDGET_BYTES: usize = 64 * 1024 * 1024;

/// The result of parsing: the model (possibly partial) and the errors met.
#[derive(Debug, Default)]
pub struct Parsed {
    pub dockerfile: Dockerfile,
    pub errors: Vec<ParseError>,
    /// Byte offset from which nothing was parsed because recovery gave up.
    pub stopped_at: Option<usize>,
}

/// Parse a Dockerfile. Never fails: errors are returned alongside what could be read.
///
/// Recovery: when the crate reports an error on a line, the instructions before it are
/// kept, and parsing resumes on the next line. The resumed pass sees the file with every
/// byte before that line blanked (offsets stay file offsets), except the parser directives
/// and the last `FROM`, so the crate's own rules (directives first, `FROM` before other
/// instructions) keep holding. Each pass parses only what was not parsed before.
#[must_use]
pub fn parse(text: &str) -> Parsed {
    // the crate strips a UTF-8 BOM and reports offsets after it; parse after it ourselves
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let body = text.get(bom..).unwrap_or("");
    let (masked, extra) = mask_inner_heredocs(body);
    let mut work: Cow<'_, str> = masked;
    // a second BOM would be stripped by the crate too, shifting every offset it reports by
    // three bytes (found by fuzzing); blank it instead so offsets stay file offsets
    if work.starts_with('\u{feff}') {
        work = Cow::Owned(format!("   {}", work.get(3..).unwrap_or("")));
    }
    let lines = LineIndex::new(body);
    let header_end = directive_block_end(&work);
    let mut errors = Vec::new();
    let mut done: Vec<Instruction> = Vec::new();
    let mut directives = Directives { escape: '\\' };
    let mut resume = 0usize;
    let mut scanned = 0usize;
    let mut stopped_at = None;
    for attempt in 0.. {
        let pass: Cow<'_, str> = if resume == 0 {
            Cow::Borrowed(&work)
        } else {
            Cow::Owned(blank_before(&work, header_end, resume, last_from(&done)))
        };
        scanned += pass.len();
        let (instructions, dirs, error) = collect(&pass);
        if attempt == 0 {
            directives = dirs;
        }
        done.extend(
            instructions
                .into_iter()
                .filter(|i| i.keyword.start >= resume),
        );
        let Some((message, line)) = error else { break };
        // errors at end of input point at the last line, not one past it
        let line = line.min(lines.line_count());
        let at = if line > 0 { lines.line_start(line) } else { 0 };
        errors.push(ParseError {
            message,
            offset: at + bom,
        });
        let next = if line > 0 {
            lines.line_start(line + 1)
        } else {
            body.len()
        };
        if line == 0 || next <= resume || next >= body.len() {
            break;
        }
        if attempt + 1 >= MAX_RECOVERIES || scanned >= RECOVERY_BUDGET_BYTES {
            stopped_at = Some(next + bom);
            break;
        }
        resume = next;
    }
    let mut df = build(text, bom, &work, done, directives, &extra);
    df.escape = directives.escape;
    Parsed {
        dockerfile: df,
        errors,
        stopped_at,
    }
}

/// End of the leading block of comment and blank lines (where parser directives live).
fn directive_block_end(text: &str) -> usize {
    let mut end = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim();
        if !(t.is_empty() || t.starts_with('#')) {
            break;
        }
        end += line.len();
    }
    end
}

/// The span of the last `FROM` among already-parsed instructions.
fn last_from(done: &[Instruction]) -> Option<Span> {
    done.iter()
        .rev()
        .find(|i| i.kind == Kind::From)
        .map(|i| i.span)
}

/// `text` with every byte in `keep_head..resume` blanked (newlines kept) except `keep`.
fn blank_before(text: &str, keep_head: usize, resume: usize, keep: Option<Span>) -> String {
    let mut bytes = text.as_bytes().to_vec();
    let keep = keep.unwrap_or_default();
    for (i, b) in bytes.iter_mut().enumerate().take(resume).skip(keep_head) {
        if (keep.start..keep.end).contains(&i) || *b == b'\n' {
            continue;
        }
        *b = b' ';
    }
    // only ASCII bytes were written and whole characters were blanked byte by byte, but a
    // kept span could start inside a character in theory; fall back to lossy in that case
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

#[derive(Clone, Copy, Debug)]
struct Directives {
    escape: char,
}

/// Run the crate's iterator to the first error.
fn collect(text: &str) -> (Vec<Instruction>, Directives, Option<(String, usize)>) {
    let mut out = Vec::new();
    let mut directives = Directives { escape: '\\' };
    let iter = match pd::parse_iter(text) {
        Ok(it) => it,
        Err(e) => return (out, directives, Some((error_message(&e), e.line()))),
    };
    let mut iter = iter;
    let mut error = None;
    // the directives are known once the iterator exists; read them via a full parse of the
    // header is not exposed by parse_iter, so detect them from the text (same rules)
    if let Some(esc) = header_escape(text) {
        directives.escape = esc;
    }
    for item in iter.by_ref() {
        match item {
            Ok(ins) => out.push(convert(text, &ins, directives.escape, false)),
            Err(e) => {
                error = Some((error_message(&e), e.line()));
                break;
            }
        }
    }
    (out, directives, error)
}

fn error_message(e: &pd::Error) -> String {
    let s = e.to_string();
    // the crate appends " at line N column M"; we report the position ourselves
    match s.rfind(" at line ") {
        Some(i) => s.get(..i).unwrap_or(&s).to_string(),
        None => s,
    }
}

/// The `# escape=` directive, by BuildKit's rules: only in the leading comment block.
fn header_escape(text: &str) -> Option<char> {
    for line in text.lines() {
        let t = line.trim();
        let rest = t.strip_prefix('#')?;
        let rest = rest.trim();
        if let Some((k, v)) = rest.split_once('=') {
            let k = k.trim();
            if k.eq_ignore_ascii_case("escape") {
                return match v.trim() {
                    "`" => Some('`'),
                    "\\" => Some('\\'),
                    _ => None,
                };
            }
            if k.eq_ignore_ascii_case("syntax") || k.eq_ignore_ascii_case("check") {
                continue;
            }
        }
        return None;
    }
    None
}

fn header_syntax(text: &str) -> Option<String> {
    for line in text.lines() {
        let rest = line.trim().strip_prefix('#')?.trim();
        let (k, v) = rest.split_once('=')?;
        if k.trim().eq_ignore_ascii_case("syntax") {
            return Some(v.trim().to_string());
        }
    }
    None
}

fn sp(r: &std::ops::Range<usize>) -> Span {
    Span::new(r.start, r.end)
}

fn text_of(u: &pd::UnescapedString<'_>) -> Text {
    Text {
        text: u.value.to_string(),
        span: sp(&u.span),
    }
}

fn flags_of(flags: &[pd::Flag<'_>]) -> Vec<Flag> {
    flags
        .iter()
        .map(|f| Flag {
            name: f.name.value.to_string(),
            value: f.value.as_ref().map(|v| v.value.to_string()),
            span: sp(&f.span()),
        })
        .collect()
}

fn command_form(text: &str, c: &pd::Command<'_>, escape: char) -> CommandForm {
    match c {
        pd::Command::Exec(s) => {
            let args: Vec<Text> = s.value.iter().map(text_of).collect();
            let script = exec_shell_script(text, &args);
            CommandForm::Exec {
                args,
                span: sp(&s.span),
                script,
            }
        }
        pd::Command::Shell(s) => {
            let raw_span = sp(&s.span);
            let raw = text.get(raw_span.range()).unwrap_or("");
            let (clean, table) = normalise(raw, raw_span.start, escape);
            let script = shell::parse(&clean, &OffsetMap::Table(table));
            CommandForm::Shell(ShellForm {
                span: raw_span,
                text: clean,
                script,
            })
        }
        _ => CommandForm::Exec {
            args: Vec::new(),
            span: Span::default(),
            script: None,
        },
    }
}

/// The script of an exec-form shell invocation: `["sh", "-c", "script"]`,
/// `["/bin/bash", "-euo", "pipefail", "-c", "script"]`.
fn exec_shell_script(text: &str, args: &[Text]) -> Option<shell::Script> {
    let (first, rest) = args.split_first()?;
    let name = first.text.rsplit('/').next().unwrap_or(&first.text);
    if !SHELLS.contains(&name) {
        return None;
    }
    let c = rest.iter().position(|a| {
        a.text.strip_prefix('-').is_some_and(|f| {
            !f.starts_with('-') && f.ends_with('c') && f.chars().all(|ch| ch.is_ascii_alphabetic())
        })
    })?;
    let script = rest.get(c + 1)?;
    // map spans into the file when the JSON string has no escapes; otherwise every command
    // points at the string as a whole
    let raw = text.get(script.span.range()).unwrap_or("");
    let map = if raw == script.text {
        OffsetMap::Shift(script.span.start)
    } else if raw.len() == script.text.len() + 2
        && raw.get(1..raw.len() - 1) == Some(script.text.as_str())
    {
        OffsetMap::Shift(script.span.start + 1)
    } else {
        OffsetMap::Table(vec![script.span.start; script.text.len() + 1])
    };
    Some(shell::parse(&script.text, &map))
}

fn heredoc_of(h: &pd::HereDoc<'_>) -> Heredoc {
    Heredoc {
        body: h.value.to_string(),
        span: sp(&h.span),
        expand: h.expand,
        script: None,
    }
}

/// `COPY`/`ADD` sources: paths (returned) and heredocs (pushed to `heredocs`).
fn sources_of(src: &[pd::Source<'_>], heredocs: &mut Vec<Heredoc>) -> Vec<Text> {
    let mut sources = Vec::new();
    for s in src {
        match s {
            pd::Source::Path(p) => sources.push(text_of(p)),
            pd::Source::HereDoc(h) => heredocs.push(heredoc_of(h)),
            _ => {}
        }
    }
    sources
}

/// Convert one crate instruction to the model (stage/index are filled in later).
fn convert(text: &str, ins: &pd::Instruction<'_>, escape: char, onbuild: bool) -> Instruction {
    let mut flags = Vec::new();
    let mut heredocs = Vec::new();
    let (kind, keyword, body) = match ins {
        pd::Instruction::Add(i) => {
            flags = flags_of(&i.options);
            let sources = sources_of(&i.src, &mut heredocs);
            (
                Kind::Add,
                &i.add,
                Body::Add {
                    sources,
                    dest: text_of(&i.dest),
                },
            )
        }
        pd::Instruction::Copy(i) => {
            flags = flags_of(&i.options);
            let sources = sources_of(&i.src, &mut heredocs);
            (
                Kind::Copy,
                &i.copy,
                Body::Copy {
                    sources,
                    dest: text_of(&i.dest),
                },
            )
        }
        pd::Instruction::Arg(i) => (
            Kind::Arg,
            &i.arg,
            Body::Arg(key_values(text, sp(&i.arguments.span), escape, false)),
        ),
        pd::Instruction::Env(i) => (
            Kind::Env,
            &i.env,
            Body::Env(key_values(text, sp(&i.arguments.span), escape, true)),
        ),
        pd::Instruction::Label(i) => (
            Kind::Label,
            &i.label,
            Body::Label(key_values(text, sp(&i.arguments.span), escape, true)),
        ),
        pd::Instruction::Cmd(i) => (
            Kind::Cmd,
            &i.cmd,
            Body::Cmd(command_form(text, &i.arguments, escape)),
        ),
        pd::Instruction::Entrypoint(i) => (
            Kind::Entrypoint,
            &i.entrypoint,
            Body::Entrypoint(command_form(text, &i.arguments, escape)),
        ),
        pd::Instruction::Run(i) => {
            flags = flags_of(&i.options);
            heredocs = i.here_docs.iter().map(heredoc_of).collect();
            (
                Kind::Run,
                &i.run,
                Body::Run(command_form(text, &i.arguments, escape)),
            )
        }
        pd::Instruction::Healthcheck(i) => {
            flags = flags_of(&i.options);
            let form = match &i.arguments {
                pd::HealthcheckArguments::Cmd { arguments, .. } => {
                    Some(command_form(text, arguments, escape))
                }
                _ => None,
            };
            (Kind::Healthcheck, &i.healthcheck, Body::Healthcheck(form))
        }
        pd::Instruction::Expose(i) => (
            Kind::Expose,
            &i.expose,
            Body::Expose(i.arguments.iter().map(text_of).collect()),
        ),
        pd::Instruction::From(i) => {
            flags = flags_of(&i.options);
            let alias = i.as_.as_ref().map(|(_, a)| text_of(a));
            (
                Kind::From,
                &i.from,
                Body::From {
                    image: text_of(&i.image),
                    alias,
                },
            )
        }
        pd::Instruction::Maintainer(i) => (
            Kind::Maintainer,
            &i.maintainer,
            Body::Maintainer(text_of(&i.name)),
        ),
        pd::Instruction::Onbuild(i) => {
            let inner = convert(text, &i.instruction, escape, true);
            (Kind::Onbuild, &i.onbuild, Body::Onbuild(Box::new(inner)))
        }
        pd::Instruction::Shell(i) => (
            Kind::Shell,
            &i.shell,
            Body::Shell(i.arguments.iter().map(text_of).collect()),
        ),
        pd::Instruction::Stopsignal(i) => (
            Kind::Stopsignal,
            &i.stopsignal,
            Body::Stopsignal(text_of(&i.arguments)),
        ),
        pd::Instruction::User(i) => (Kind::User, &i.user, Body::User(text_of(&i.arguments))),
        pd::Instruction::Volume(i) => {
            let items = match &i.arguments {
                pd::JsonOrStringArray::Json(a) => a.value.iter().map(text_of).collect(),
                pd::JsonOrStringArray::String(a) => a.iter().map(text_of).collect(),
            };
            (Kind::Volume, &i.volume, Body::Volume(items))
        }
        pd::Instruction::Workdir(i) => (
            Kind::Workdir,
            &i.workdir,
            Body::Workdir(text_of(&i.arguments)),
        ),
        // the crate's enum is non-exhaustive; an unknown future variant is skipped by the
        // caller (kind Maintainer with an empty body is never produced here)
        _ => {
            return Instruction {
                kind: Kind::Label,
                keyword: Span::default(),
                span: Span::default(),
                stage: None,
                index: 0,
                onbuild,
                flags,
                heredocs,
                body: Body::Label(Vec::new()),
            };
        }
    };
    let keyword = sp(&keyword.span);
    let mut ins = Instruction {
        kind,
        keyword,
        span: keyword,
        stage: None,
        index: 0,
        onbuild,
        flags,
        heredocs,
        body,
    };
    ins.span = Span::new(keyword.start, instruction_end(&ins).max(keyword.end));
    attach_heredoc_scripts(text, &mut ins);
    ins
}

/// The end offset of the last part of an instruction.
fn instruction_end(ins: &Instruction) -> usize {
    let mut end = ins.keyword.end;
    let mut bump = |s: Span| end = end.max(s.end);
    for f in &ins.flags {
        bump(f.span);
    }
    for h in &ins.heredocs {
        bump(h.span);
    }
    match &ins.body {
        Body::From { image, alias } => {
            bump(image.span);
            if let Some(a) = alias {
                bump(a.span);
            }
        }
        Body::Run(c) | Body::Cmd(c) | Body::Entrypoint(c) => bump(c.span()),
        Body::Healthcheck(c) => {
            if let Some(c) = c {
                bump(c.span());
            }
        }
        Body::Copy { sources, dest } | Body::Add { sources, dest } => {
            sources.iter().for_each(|s| bump(s.span));
            bump(dest.span);
        }
        Body::Env(kv) | Body::Arg(kv) | Body::Label(kv) => kv.iter().for_each(|k| bump(k.span)),
        Body::Expose(v) | Body::Shell(v) | Body::Volume(v) => v.iter().for_each(|t| bump(t.span)),
        Body::User(t) | Body::Workdir(t) | Body::Stopsignal(t) | Body::Maintainer(t) => {
            bump(t.span)
        }
        Body::Onbuild(inner) => bump(inner.span),
    }
    end
}

/// Shell interpreters whose heredoc stdin is a script.
const SHELLS: &[&str] = &["sh", "bash", "ash", "dash", "zsh", "ksh"];

/// Parse heredoc bodies that are the script of a `RUN`.
fn attach_heredoc_scripts(text: &str, ins: &mut Instruction) {
    if ins.kind != Kind::Run || ins.heredocs.is_empty() {
        return;
    }
    let is_script = match ins.command() {
        Some(CommandForm::Shell(s)) => {
            let t = s.text.trim_start();
            t.is_empty()
                || t.starts_with("<<")
                || s.script
                    .commands
                    .first()
                    .is_some_and(|c| SHELLS.contains(&c.effective().0))
        }
        _ => false,
    };
    if !is_script {
        return;
    }
    for h in &mut ins.heredocs {
        // the body span in the file; bodies with `<<-` have tabs stripped so fall back to
        // parsing the file slice, which has the same commands
        let slice = text.get(h.span.range()).unwrap_or("");
        let src = if slice.is_empty() {
            h.body.as_str()
        } else {
            slice
        };
        h.script = Some(shell::parse(src, &OffsetMap::Shift(h.span.start)));
    }
}

/// Remove line continuations (escape + newline) and the comment/blank lines Docker drops
/// inside them; returns the clean text and a per-byte map to file offsets.
#[must_use]
pub fn normalise(raw: &str, base: usize, escape: char) -> (String, Vec<usize>) {
    let bytes = raw.as_bytes();
    let esc = u8::try_from(u32::from(escape)).unwrap_or(b'\\');
    let mut out = Vec::with_capacity(bytes.len());
    let mut map = Vec::with_capacity(bytes.len() + 1);
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == esc {
            let mut j = i + 1;
            while matches!(bytes.get(j), Some(b' ' | b'\t')) {
                j += 1;
            }
            let newline = match (bytes.get(j), bytes.get(j + 1)) {
                (Some(b'\n'), _) => Some(j + 1),
                (Some(b'\r'), Some(b'\n')) => Some(j + 2),
                (None, _) => Some(j),
                _ => None,
            };
            if let Some(next) = newline {
                i = skip_comment_lines(bytes, next);
                continue;
            }
        }
        out.push(b);
        map.push(base + i);
        i += 1;
    }
    map.push(base + bytes.len());
    let text = String::from_utf8(out)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    (text, map)
}

fn skip_comment_lines(bytes: &[u8], mut i: usize) -> usize {
    loop {
        let line_start = i;
        let mut j = i;
        while matches!(bytes.get(j), Some(b' ' | b'\t')) {
            j += 1;
        }
        match bytes.get(j) {
            Some(b'#') => {
                while let Some(&c) = bytes.get(j) {
                    j += 1;
                    if c == b'\n' {
                        break;
                    }
                }
                i = j;
            }
            Some(b'\n') => i = j + 1,
            Some(b'\r') if bytes.get(j + 1) == Some(&b'\n') => i = j + 2,
            _ => return line_start,
        }
    }
}

/// Split `ENV`/`ARG`/`LABEL` arguments into `KEY=value` pairs with spans.
fn key_values(text: &str, span: Span, escape: char, legacy_form: bool) -> Vec<KeyValue> {
    let raw = text.get(span.range()).unwrap_or("");
    let (clean, map) = normalise(raw, span.start, escape);
    let words = split_words(&clean, escape);
    let at = |i: usize| map.get(i).copied().unwrap_or(span.end);
    let wspan = |s: usize, e: usize| {
        if e > s {
            Span::new(at(s), at(e - 1) + 1)
        } else {
            Span::at(at(s))
        }
    };
    let mut out = Vec::new();
    let first_has_eq = words.first().is_some_and(|w| w.eq.is_some());
    if legacy_form && !first_has_eq {
        // ENV KEY value with spaces
        if let Some((first, rest)) = words.split_first() {
            let key = Text {
                text: first.text.clone(),
                span: wspan(first.start, first.end),
            };
            let value = match (rest.first(), rest.last()) {
                (Some(a), Some(b)) => Some(Text {
                    text: rest
                        .iter()
                        .map(|w| w.text.as_str())
                        .collect::<Vec<_>>()
                        .join(" "),
                    span: wspan(a.start, b.end),
                }),
                _ => None,
            };
            let end = value.as_ref().map_or(key.span.end, |v| v.span.end);
            out.push(KeyValue {
                span: Span::new(key.span.start, end),
                key,
                value,
            });
        }
        return out;
    }
    for w in words {
        let (key, value) = match w.eq {
            Some((text_idx, raw_idx)) => {
                let k = w.text.get(..text_idx).unwrap_or("").to_string();
                let v = w.text.get(text_idx + 1..).unwrap_or("").to_string();
                (
                    Text {
                        text: k,
                        span: wspan(w.start, raw_idx),
                    },
                    Some(Text {
                        text: v,
                        span: wspan(raw_idx + 1, w.end),
                    }),
                )
            }
            None => (
                Text {
                    text: w.text.clone(),
                    span: wspan(w.start, w.end),
                },
                None,
            ),
        };
        out.push(KeyValue {
            key,
            value,
            span: wspan(w.start, w.end),
        });
    }
    out
}

struct RawWord {
    text: String,
    start: usize,
    end: usize,
    /// First unquoted `=`: (index in `text`, index in the clean string).
    eq: Option<(usize, usize)>,
}

/// Split on unquoted whitespace, removing quotes and escapes.
fn split_words(s: &str, escape: char) -> Vec<RawWord> {
    let mut words = Vec::new();
    let mut cur: Option<RawWord> = None;
    let mut quote: Option<char> = None;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let end = i + c.len_utf8();
        if quote.is_none() && c.is_whitespace() {
            if let Some(w) = cur.take() {
                words.push(w);
            }
            continue;
        }
        let w = cur.get_or_insert_with(|| RawWord {
            text: String::new(),
            start: i,
            end,
            eq: None,
        });
        w.end = end;
        match (quote, c) {
            (_, c) if c == escape && quote != Some('\'') => {
                if let Some((j, n)) = chars.next() {
                    w.text.push(n);
                    w.end = j + n.len_utf8();
                }
            }
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '=') if w.eq.is_none() => {
                w.eq = Some((w.text.len(), i));
                w.text.push('=');
            }
            _ => w.text.push(c),
        }
    }
    if let Some(w) = cur.take() {
        words.push(w);
    }
    words
}

/// Heredocs the crate does not read (`RUN python3 <<EOF`, where `<<` is not first):
/// mask their bodies so the crate skips them, and return them for the model.
struct ExtraHeredoc {
    /// Byte offset of the start of the `RUN` line.
    line_start: usize,
    heredoc: Heredoc,
}

fn mask_inner_heredocs(text: &str) -> (Cow<'_, str>, Vec<ExtraHeredoc>) {
    if !text.contains("<<") {
        return (Cow::Borrowed(text), Vec::new());
    }
    let mut extra = Vec::new();
    let mut masked: Option<String> = None;
    let mut offset = 0;
    let mut lines = text.split_inclusive('\n').peekable();
    while let Some(line) = lines.next() {
        let line_start = offset;
        offset += line.len();
        let Some(delims) = inner_heredoc_delims(line) else {
            continue;
        };
        let mut body_start = offset;
        for (delim, strip_tabs, expand) in delims {
            let mut end = body_start;
            let mut found = false;
            while let Some(l) = lines.peek() {
                let l_trim = l.trim_end_matches(['\n', '\r']);
                let candidate = if strip_tabs {
                    l_trim.trim_start_matches('\t')
                } else {
                    l_trim
                };
                let len = l.len();
                lines.next();
                offset += len;
                if candidate == delim {
                    found = true;
                    break;
                }
                end += len;
            }
            let body = text.get(body_start..end).unwrap_or("").to_string();
            let m = masked.get_or_insert_with(|| text.to_string());
            if let Some(slice) = m.get(body_start..offset) {
                let blank: String = slice
                    .chars()
                    .map(|c| if c == '\n' { '\n' } else { ' ' })
                    .collect();
                m.replace_range(body_start..offset, &blank);
            }
            extra.push(ExtraHeredoc {
                line_start,
                heredoc: Heredoc {
                    body,
                    span: Span::new(body_start, end),
                    expand,
                    script: None,
                },
            });
            body_start = offset;
            if !found {
                break;
            }
        }
    }
    match masked {
        Some(m) => (Cow::Owned(m), extra),
        None => (Cow::Borrowed(text), extra),
    }
}

/// For a `RUN` line whose arguments do not start with `<<` but contain heredoc operators,
/// the delimiters in order: (delimiter, strip tabs, expand).
fn inner_heredoc_delims(line: &str) -> Option<Vec<(String, bool, bool)>> {
    let t = line.trim_start();
    let kw = t.get(..3)?;
    if !kw.eq_ignore_ascii_case("RUN") || !t.get(3..4).is_some_and(|c| c == " " || c == "\t") {
        return None;
    }
    let mut args = t.get(4..)?.trim_start();
    while let Some(rest) = args.strip_prefix("--") {
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        args = rest.get(end..)?.trim_start();
    }
    if args.starts_with("<<") || args.starts_with('[') {
        return None;
    }
    let mut out = Vec::new();
    let mut rest = args;
    while let Some(i) = rest.find("<<") {
        let after = rest.get(i + 2..)?;
        if after.starts_with('<') {
            // here-string <<<
            rest = after.get(1..)?;
            continue;
        }
        let (strip, after) = match after.strip_prefix('-') {
            Some(a) => (true, a),
            None => (false, after),
        };
        let after = after.trim_start();
        let (quoted, after) = match after.chars().next() {
            Some(q @ ('"' | '\'')) => (Some(q), after.get(1..)?),
            _ => (None, after),
        };
        let len = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(after.len());
        let delim = after.get(..len)?;
        if delim.is_empty() {
            rest = after;
            continue;
        }
        out.push((delim.to_string(), strip, quoted.is_none()));
        rest = after.get(len..)?;
        if let Some(q) = quoted {
            rest = rest.strip_prefix(q).unwrap_or(rest);
        }
    }
    (!out.is_empty()).then_some(out)
}

/// Assign stages and indices, attach extra heredocs, resolve base images.
fn build(
    original: &str,
    bom: usize,
    work: &str,
    mut instructions: Vec<Instruction>,
    _directives: Directives,
    extra: &[ExtraHeredoc],
) -> Dockerfile {
    // attach heredocs the crate skipped to the RUN on their line
    if !extra.is_empty() {
        let lines = LineIndex::new(work);
        for e in extra {
            let line = lines.line_of(e.line_start);
            if let Some(ins) = instructions
                .iter_mut()
                .find(|i| i.kind == Kind::Run && lines.line_of(i.keyword.start) == line)
            {
                let mut h = e.heredoc.clone();
                let is_script = ins
                    .command()
                    .and_then(CommandForm::script)
                    .and_then(|s| s.commands.first())
                    .is_some_and(|c| SHELLS.contains(&c.effective().0));
                if is_script {
                    h.script = Some(shell::parse(&h.body, &OffsetMap::Shift(h.span.start)));
                }
                ins.span = ins.span.cover(h.span);
                ins.heredocs.push(h);
            }
        }
    }
    if bom > 0 {
        for ins in &mut instructions {
            shift_instruction(ins, bom);
        }
    }
    let mut global_args: BTreeMap<String, Option<String>> = BTreeMap::new();
    let mut stages: Vec<Stage> = Vec::new();
    for (index, ins) in instructions.iter_mut().enumerate() {
        ins.index = index;
        if ins.kind == Kind::From {
            let (image, alias) = match &ins.body {
                Body::From { image, alias } => (
                    image.text.clone(),
                    alias.as_ref().map(|a| a.text.to_ascii_lowercase()),
                ),
                _ => (String::new(), None),
            };
            let resolved = substitute(&image, &global_args);
            let base = if resolved.eq_ignore_ascii_case("scratch") {
                Base::Scratch
            } else if let Some(prev) = stages
                .iter()
                .find(|s| s.name.as_deref() == Some(resolved.to_ascii_lowercase().as_str()))
            {
                Base::Stage(prev.index)
            } else {
                Base::Image(ImageRef::parse(&resolved))
            };
            let si = stages.len();
            if let Some(last) = stages.last_mut() {
                last.instructions.end = index;
            }
            stages.push(Stage {
                index: si,
                from: index,
                name: alias,
                base,
                instructions: index..index + 1,
            });
        } else if stages.is_empty() {
            if let Body::Arg(kvs) = &ins.body {
                for kv in kvs {
                    global_args.insert(
                        kv.key.text.clone(),
                        kv.value.as_ref().map(|v| v.text.clone()),
                    );
                }
            }
        }
        ins.stage = stages.len().checked_sub(1);
        if let Body::Onbuild(inner) = &mut ins.body {
            inner.stage = ins.stage;
            inner.index = index;
        }
    }
    if let Some(last) = stages.last_mut() {
        last.instructions.end = instructions.len();
    }
    Dockerfile {
        escape: '\\',
        syntax: header_syntax(original.get(bom..).unwrap_or("")),
        instructions,
        stages,
    }
}

fn shift_instruction(ins: &mut Instruction, d: usize) {
    // spans of scripts are shifted too; every span in the model is absolute
    fn t(x: &mut Text, d: usize) {
        x.span = x.span.shifted(d);
    }
    fn script(s: &mut shell::Script, d: usize) {
        for c in &mut s.commands {
            c.span = c.span.shifted(d);
            for w in c
                .name
                .iter_mut()
                .chain(c.args.iter_mut())
                .chain(c.assignments.iter_mut())
            {
                w.span = w.span.shifted(d);
            }
        }
    }
    fn form(c: &mut CommandForm, d: usize) {
        match c {
            CommandForm::Exec {
                args,
                span,
                script: s,
            } => {
                *span = span.shifted(d);
                args.iter_mut().for_each(|a| t(a, d));
                if let Some(s) = s {
                    script(s, d);
                }
            }
            CommandForm::Shell(s) => {
                s.span = s.span.shifted(d);
                script(&mut s.script, d);
            }
        }
    }
    ins.keyword = ins.keyword.shifted(d);
    ins.span = ins.span.shifted(d);
    ins.flags
        .iter_mut()
        .for_each(|f| f.span = f.span.shifted(d));
    for h in &mut ins.heredocs {
        h.span = h.span.shifted(d);
        if let Some(s) = &mut h.script {
            script(s, d);
        }
    }
    match &mut ins.body {
        Body::From { image, alias } => {
            t(image, d);
            if let Some(a) = alias {
                t(a, d);
            }
        }
        Body::Run(c) | Body::Cmd(c) | Body::Entrypoint(c) => form(c, d),
        Body::Healthcheck(c) => {
            if let Some(c) = c {
                form(c, d);
            }
        }
        Body::Copy { sources, dest } | Body::Add { sources, dest } => {
            sources.iter_mut().for_each(|s| t(s, d));
            t(dest, d);
        }
        Body::Env(kv) | Body::Arg(kv) | Body::Label(kv) => {
            for k in kv {
                k.span = k.span.shifted(d);
                t(&mut k.key, d);
                if let Some(v) = &mut k.value {
                    t(v, d);
                }
            }
        }
        Body::Expose(v) | Body::Shell(v) | Body::Volume(v) => v.iter_mut().for_each(|x| t(x, d)),
        Body::User(x) | Body::Workdir(x) | Body::Stopsignal(x) | Body::Maintainer(x) => t(x, d),
        Body::Onbuild(inner) => shift_instruction(inner, d),
    }
}

/// Substitute `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}` from `ARG` defaults.
/// Unknown variables are left in place (the image is then marked unresolved).
#[must_use]
pub fn substitute(s: &str, vars: &BTreeMap<String, Option<String>>) -> String {
    if !s.contains('$') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('$') {
        out.push_str(rest.get(..i).unwrap_or(""));
        let after = rest.get(i + 1..).unwrap_or("");
        if let Some(inner) = after.strip_prefix('{') {
            let Some(close) = inner.find('}') else {
                out.push_str(rest.get(i..).unwrap_or(""));
                return out;
            };
            let expr = inner.get(..close).unwrap_or("");
            let (name, default) = match expr.split_once(":-").or_else(|| expr.split_once('-')) {
                Some((n, d)) => (n, Some(d)),
                None => (expr, None),
            };
            match (vars.get(name).cloned().flatten(), default) {
                (Some(v), _) if !v.is_empty() => out.push_str(&v),
                (_, Some(d)) => out.push_str(d),
                (Some(v), None) => out.push_str(&v),
                (None, None) => out.push_str(rest.get(i..i + 3 + close).unwrap_or("")),
            }
            rest = inner.get(close + 1..).unwrap_or("");
        } else {
            let len = after
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(after.len());
            let name = after.get(..len).unwrap_or("");
            match vars.get(name).cloned().flatten() {
                Some(v) if !name.is_empty() => out.push_str(&v),
                _ => {
                    out.push('$');
                    out.push_str(name);
                }
            }
            rest = after.get(len..).unwrap_or("");
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Parsed {
        parse(s)
    }

    #[test]
    fn stages_aliases_and_arg_substitution() {
        let src = "ARG BASE=node\nARG TAG=20-alpine\nFROM ${BASE}:${TAG} AS Build\nRUN npm ci\nFROM build\nFROM scratch\nCOPY --from=build /a /b\n";
        let r = p(src);
        assert!(r.errors.is_empty(), "{:?}", r.errors);
        let df = r.dockerfile;
        assert_eq!(df.stages.len(), 3);
        let Base::Image(img) = &df.stages[0].base else {
            panic!("image")
        };
        assert_eq!(img.repository, "node");
        assert_eq!(img.tag.as_deref(), Some("20-alpine"));
        assert_eq!(df.stages[0].name.as_deref(), Some("build"));
        assert_eq!(df.stages[1].base, Base::Stage(0));
        assert_eq!(df.stages[2].base, Base::Scratch);
        assert_eq!(df.instructions[0].stage, None);
        assert_eq!(df.instructions[3].stage, Some(0));
        assert_eq!(df.stage_instructions(0).count(), 2);
    }

    #[test]
    fn shell_form_continuations_and_comments_map_back() {
        let src = "FROM a\nRUN apt-get update \\\n# a comment\n\n    && apt-get install -y curl\n";
        let df = p(src).dockerfile;
        let run = &df.instructions[1];
        let Some(CommandForm::Shell(s)) = run.command() else {
            panic!("shell")
        };
        assert_eq!(s.text, "apt-get update     && apt-get install -y curl");
        let install = &s.script.commands[1];
        assert_eq!(&src[install.span.range()], "apt-get install -y curl");
        assert_eq!(
            &src[run.span.range()],
            "RUN apt-get update \\\n# a comment\n\n    && apt-get install -y curl"
        );
    }

    #[test]
    fn backtick_escape() {
        let src = "# escape=`\nFROM mcr.microsoft.com/windows/servercore\nRUN dir `\n    c:\\\n";
        let r = p(src);
        assert!(r.errors.is_empty(), "{:?}", r.errors);
        let df = r.dockerfile;
        assert_eq!(df.escape, '`');
        let Some(CommandForm::Shell(s)) = df.instructions[1].command() else {
            panic!()
        };
        assert_eq!(s.text, "dir     c:\\");
    }

    #[test]
    fn env_pairs_with_quotes_and_legacy_form() {
        let src = "FROM a\nENV A=1 B=\"two words\" \\\n    C=3\nENV LEGACY some value\n";
        let df = p(src).dockerfile;
        let Body::Env(kv) = &df.instructions[1].body else {
            panic!()
        };
        let pairs: Vec<_> = kv
            .iter()
            .map(|k| {
                (
                    k.key.text.as_str(),
                    k.value.as_ref().map(|v| v.text.as_str()),
                )
            })
            .collect();
        assert_eq!(
            pairs,
            [("A", Some("1")), ("B", Some("two words")), ("C", Some("3"))]
        );
        assert_eq!(
            &src[kv[1]
                .value
                .as_ref()
                .map(|v| v.span)
                .unwrap_or_default()
                .range()],
            "\"two words\""
        );
        assert_eq!(&src[kv[2].key.span.range()], "C");
        let Body::Env(kv) = &df.instructions[2].body else {
            panic!()
        };
        assert_eq!(kv[0].key.text, "LEGACY");
        assert_eq!(
            kv[0].value.as_ref().map(|v| v.text.as_str()),
            Some("some value")
        );
    }

    #[test]
    fn heredocs_leading_and_inner() {
        let src = "FROM a\nRUN <<EOF\nset -e\napt-get update\nEOF\nRUN python3 <<PY\nprint('x')\nPY\nRUN bash <<'SH'\ncurl x | sh\nSH\nCMD [\"x\"]\n";
        let r = p(src);
        assert!(r.errors.is_empty(), "{:?}", r.errors);
        let df = r.dockerfile;
        assert_eq!(df.instructions.len(), 5);
        let h = &df.instructions[1].heredocs[0];
        let script = h.script.as_ref().map(|s| {
            s.commands
                .iter()
                .map(|c| c.name().to_string())
                .collect::<Vec<_>>()
        });
        assert_eq!(script, Some(vec!["set".to_string(), "apt-get".to_string()]));
        let py = &df.instructions[2];
        assert_eq!(py.heredocs.len(), 1);
        assert!(py.heredocs[0].script.is_none());
        let sh = &df.instructions[3].heredocs[0];
        assert!(!sh.expand);
        let cmds = &sh.script.as_ref().map(|s| s.commands.len());
        assert_eq!(*cmds, Some(2));
        let curl = &sh
            .script
            .as_ref()
            .map(|s| s.commands[0].span)
            .unwrap_or_default();
        assert_eq!(&src[curl.range()], "curl x");
    }

    #[test]
    fn exec_form_shell_scripts_are_parsed() {
        let src = "FROM a\nCMD [\"/bin/sh\", \"-ec\", \"nginx & php-fpm\"]\nRUN [\"bash\", \"-c\", \"echo \\\"x\\\" | tee f\"]\n";
        let df = p(src).dockerfile;
        let cmd = &df.instructions[1];
        let s = cmd.scripts().next().expect("script");
        assert_eq!(s.commands.len(), 2);
        assert!(s.commands[0].background);
        assert_eq!(&src[s.commands[1].span.range()], "php-fpm");
        // escapes in the JSON string: commands point at the string
        let run = &df.instructions[2];
        let s = run.scripts().next().expect("script");
        assert_eq!(s.commands.len(), 2);
        assert!(run.command().and_then(CommandForm::script).is_none());
    }

    #[test]
    fn recovery_resumes_after_each_error_and_reaches_the_end() {
        let mut src = String::from("# escape=`\nFROM a\n");
        for i in 0..60 {
            src.push_str(&format!("BOGUS {i}\nRUN echo {i} `\n  && true\n"));
        }
        src.push_str("USER app\n");
        let r = p(&src);
        assert_eq!(r.errors.len(), 60);
        assert_eq!(r.stopped_at, None);
        let df = r.dockerfile;
        // FROM + 60 RUNs + USER, the escape directive still in force after recovery
        assert_eq!(df.instructions.len(), 62);
        assert_eq!(df.escape, '`');
        let Some(CommandForm::Shell(last_run)) = df.instructions[60].command() else {
            panic!()
        };
        assert_eq!(last_run.text, "echo 59   && true");
        assert_eq!(df.instructions[61].kind, Kind::User);
        assert!(df.instructions.iter().all(|i| i.stage == Some(0)));
    }

    #[test]
    fn errors_recover_and_continue() {
        let src = "FROM a\nFOO bar\nRUN echo ok\nCMD [\"x\"]\n";
        let r = p(src);
        assert_eq!(r.errors.len(), 1);
        assert_eq!(r.errors[0].offset, 7);
        assert_eq!(r.dockerfile.instructions.len(), 3);
    }

    #[test]
    fn garbage_never_panics() {
        for s in [
            "",
            "\0\0\0",
            "RUN <<EOF\n",
            "FROM a\nRUN <<EOF\nno end",
            "FROM a\nRUN \\",
            "\u{feff}FROM a\nRUN x",
            "FROM\n",
            "ONBUILD ONBUILD RUN x",
        ] {
            let _ = p(s);
        }
        let r = p("\u{feff}FROM a\nRUN x y");
        let run = &r.dockerfile.instructions[1];
        assert_eq!(&"\u{feff}FROM a\nRUN x y"[run.span.range()], "RUN x y");
    }

    #[test]
    fn substitution() {
        let mut v = BTreeMap::new();
        v.insert("A".to_string(), Some("x".to_string()));
        v.insert("E".to_string(), None);
        assert_eq!(substitute("$A/${A}:${B:-d}-${E}", &v), "x/x:d-${E}");
    }
}
