//! `--history`: secrets in every commit of a repository, read through the `git` executable.
//!
//! Runs what gitleaks runs — `git log -p -U0 --full-history --all --diff-filter=tuxdb` — and
//! parses the stream: each file's *added* lines of each commit become one virtual text (the
//! added lines at their line numbers in the new file, other lines empty), which the scanner
//! checks like a file. So every distinct change is scanned once, a secret keeps its line and
//! column, and a secret deleted later is still found. The same secret in the same path is
//! reported once, at the commit that introduced it (the oldest one in the log).
//!
//! Why the executable and not a library: `gix` adds ~274 s and `git2` ~144 s of build
//! (`CRATES.md` §4), and `git log -p` streams at git's own speed.
//!
//! Reading history never runs repository code: external diff drivers and textconv filters are
//! switched off, prefixes are forced (a user's `diff.noprefix` cannot confuse the parser), and
//! signature display is off.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, IsTerminal};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;

use rayon::prelude::*;

use crate::secrets::{Hit, Scanner};

/// Largest virtual text built for one file of one commit; added lines past it are dropped.
pub const MAX_CHANGE_BYTES: usize = 8 * 1024 * 1024;
/// Changes scanned together (in parallel) before reading on.
const BATCH: usize = 512;

/// What to read.
#[derive(Clone, Debug, Default)]
pub struct HistoryOptions {
    /// Only commits after this revision (`<since>..HEAD`) instead of every ref (`--all`).
    pub since: Option<String>,
    /// Commits (SHAs or prefixes) not to scan (gitleaks allowlist `commits`).
    pub skip_commits: Vec<String>,
    /// Show a spinner on stderr when it is a terminal.
    pub progress: bool,
}

/// One file's added lines in one commit, with the hits found in them.
#[derive(Clone, Debug)]
pub struct HistoryFinding {
    /// Full commit SHA.
    pub commit: String,
    /// Author date, ISO 8601.
    pub date: String,
    /// Path in the commit (new name for renames), `/`-separated.
    pub path: String,
    /// The virtual text: added lines at their line numbers, other lines empty.
    pub text: Arc<str>,
    /// Hits in `text`, each the first appearance of its secret in this path.
    pub hits: Vec<Hit>,
}

/// The result of a history scan.
#[derive(Debug, Default)]
pub struct HistoryScan {
    pub commits: usize,
    /// (commit, file) changes scanned.
    pub changes: usize,
    /// Bytes of added lines scanned.
    pub bytes: u64,
    /// In path, then line order.
    pub findings: Vec<HistoryFinding>,
}

/// Reading history failed.
#[derive(Debug, thiserror::Error)]
pub enum HistoryError {
    #[error("cannot run git: {0} (--history needs the git executable on PATH)")]
    Spawn(std::io::Error),
    #[error("{0} is not a git repository (or git refused it: {1})")]
    NotARepo(String, String),
    #[error("git log failed: {0}")]
    Git(String),
    #[error("reading git output: {0}")]
    Read(std::io::Error),
}

/// One change being collected from the stream.
#[derive(Debug)]
struct Change {
    commit: Arc<str>,
    date: Arc<str>,
    path: String,
    text: Vec<u8>,
    /// Lines in `text` so far.
    lines: usize,
}

impl Change {
    /// Append `line` as line `n` (1-based) of the new file.
    fn add(&mut self, n: usize, line: &[u8]) {
        if n == 0 || self.text.len() + line.len() + n.saturating_sub(self.lines) > MAX_CHANGE_BYTES
        {
            return;
        }
        while self.lines + 1 < n {
            self.text.push(b'\n');
            self.lines += 1;
        }
        if self.lines + 1 == n {
            self.text.extend_from_slice(line);
            self.text.push(b'\n');
            self.lines += 1;
        }
    }
}

/// Scan the history of the repository at `root`.
///
/// # Errors
/// When git cannot be run, `root` is not a repository, or git fails.
pub fn scan(
    root: &Path,
    opts: &HistoryOptions,
    scanner: &Scanner,
) -> Result<HistoryScan, HistoryError> {
    check_repo(root)?;
    let mut cmd = Command::new("git");
    cmd.arg("-C").arg(root).args([
        "-c",
        "core.quotePath=false",
        "-c",
        "log.showSignature=false",
        "-c",
        "core.fsmonitor=false",
        "log",
        "-p",
        "-U0",
        "--no-color",
        "--no-ext-diff",
        "--no-textconv",
        "--src-prefix=a/",
        "--dst-prefix=b/",
        "--format=%x1e%H%x1f%aI",
        "--diff-filter=tuxdb",
        "--topo-order",
    ]);
    match &opts.since {
        Some(rev) => {
            cmd.arg(format!("{rev}..HEAD"));
        }
        None => {
            cmd.args(["--full-history", "--all"]);
        }
    }
    cmd.arg("--")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().map_err(HistoryError::Spawn)?;
    let stdout = child
        .stdout
        .take()
        .ok_or_else(|| HistoryError::Git("no output pipe".to_string()))?;
    // drain stderr on a thread so a chatty git cannot block on a full pipe
    let stderr = child.stderr.take();
    let err_thread = std::thread::spawn(move || {
        let mut s = String::new();
        if let Some(mut e) = stderr {
            let _ = std::io::Read::read_to_string(&mut e, &mut s);
        }
        s
    });

    let spinner = (opts.progress && std::io::stderr().is_terminal()).then(|| {
        let pb = indicatif::ProgressBar::new_spinner();
        pb.set_message("scanning git history");
        pb.enable_steady_tick(std::time::Duration::from_millis(120));
        pb
    });

    let mut state = Collector::new(scanner, &opts.skip_commits);
    let mut reader = BufReader::with_capacity(1 << 16, stdout);
    let mut line = Vec::with_capacity(256);
    loop {
        line.clear();
        let n = reader
            .read_until(b'\n', &mut line)
            .map_err(HistoryError::Read)?;
        if n == 0 {
            break;
        }
        if line.last() == Some(&b'\n') {
            line.pop();
        }
        state.line(&line);
        if let Some(pb) = &spinner
            && state.out.commits % 64 == 0
        {
            pb.set_message(format!(
                "scanning git history: {} commits",
                state.out.commits
            ));
        }
    }
    state.finish_change();
    state.flush();
    let status = child.wait().map_err(HistoryError::Read)?;
    let err = err_thread.join().unwrap_or_default();
    if let Some(pb) = spinner {
        pb.finish_and_clear();
    }
    if !status.success() {
        // a repository without commits has no history to scan
        if err.contains("does not have any commits")
            || err.contains("unknown revision") && opts.since.is_none()
        {
            return Ok(HistoryScan::default());
        }
        return Err(HistoryError::Git(first_lines(&err)));
    }
    Ok(state.into_scan())
}

fn first_lines(s: &str) -> String {
    s.lines().take(3).collect::<Vec<_>>().join("; ")
}

fn check_repo(root: &Path) -> Result<(), HistoryError> {
    let out = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["rev-parse", "--git-dir"])
        .stdin(Stdio::null())
        .output()
        .map_err(HistoryError::Spawn)?;
    if out.status.success() {
        Ok(())
    } else {
        Err(HistoryError::NotARepo(
            root.display().to_string(),
            first_lines(&String::from_utf8_lossy(&out.stderr)),
        ))
    }
}

/// Key of a secret's first appearance: rule id, path, secret bytes.
type SecretKey = (&'static str, String, Vec<u8>);

/// The stream parser and the per-secret bookkeeping.
struct Collector<'a> {
    scanner: &'a Scanner,
    skip: &'a [String],
    commit: Arc<str>,
    date: Arc<str>,
    skipping: bool,
    /// In a file's header (between `diff --git` and the first `@@`).
    in_header: bool,
    binary: bool,
    current: Option<Change>,
    /// Next line number of the new file in the current hunk.
    next_line: usize,
    batch: Vec<Change>,
    /// Changes with hits; a hit is kept only while it is the oldest appearance of its key.
    kept: Vec<(Change, Vec<Hit>)>,
    /// Secret key → (index in `kept`, index of the hit).
    first: BTreeMap<SecretKey, (usize, usize)>,
    out: HistoryScan,
}

impl<'a> Collector<'a> {
    fn new(scanner: &'a Scanner, skip: &'a [String]) -> Self {
        Self {
            scanner,
            skip,
            commit: Arc::from(""),
            date: Arc::from(""),
            skipping: false,
            in_header: false,
            binary: false,
            current: None,
            next_line: 0,
            batch: Vec::new(),
            kept: Vec::new(),
            first: BTreeMap::new(),
            out: HistoryScan::default(),
        }
    }

    fn line(&mut self, line: &[u8]) {
        if let Some(rest) = line.strip_prefix(b"\x1e") {
            self.finish_change();
            let text = String::from_utf8_lossy(rest);
            let mut parts = text.split('\x1f');
            let commit = parts.next().unwrap_or("").trim().to_string();
            let date = parts.next().unwrap_or("").trim().to_string();
            self.skipping = self
                .skip
                .iter()
                .any(|s| !s.is_empty() && commit.starts_with(s.as_str()));
            self.commit = Arc::from(commit);
            self.date = Arc::from(date);
            self.out.commits += 1;
            return;
        }
        if line.starts_with(b"diff --git ") {
            self.finish_change();
            self.in_header = true;
            self.binary = false;
            return;
        }
        if self.in_header {
            if let Some(p) = line.strip_prefix(b"+++ ") {
                if p != b"/dev/null" && !self.skipping && !self.binary {
                    let p = String::from_utf8_lossy(p);
                    let p = unquote(&p);
                    let path = p.strip_prefix("b/").unwrap_or(&p).to_string();
                    self.current = Some(Change {
                        commit: Arc::clone(&self.commit),
                        date: Arc::clone(&self.date),
                        path,
                        text: Vec::new(),
                        lines: 0,
                    });
                }
            } else if line.starts_with(b"Binary files ") {
                self.binary = true;
            } else if line.starts_with(b"@@") {
                self.in_header = false;
                self.hunk(line);
            }
            return;
        }
        if line.starts_with(b"@@") {
            self.hunk(line);
        } else if let Some(added) = line.strip_prefix(b"+") {
            if let Some(c) = &mut self.current {
                c.add(self.next_line, added);
            }
            self.next_line += 1;
        } else if line.starts_with(b" ") {
            self.next_line += 1;
        }
    }

    /// `@@ -a,b +c,d @@`: the new file's lines start at `c`.
    fn hunk(&mut self, line: &[u8]) {
        let text = String::from_utf8_lossy(line);
        self.next_line = text
            .split_whitespace()
            .find_map(|w| w.strip_prefix('+'))
            .and_then(|w| w.split(',').next())
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
    }

    fn finish_change(&mut self) {
        if let Some(c) = self.current.take()
            && !c.text.is_empty()
        {
            self.out.changes += 1;
            self.out.bytes += c.text.len() as u64;
            self.batch.push(c);
            if self.batch.len() >= BATCH {
                self.flush();
            }
        }
    }

    /// Scan the batch in parallel, then record first appearances in stream order (the log is
    /// newest first, so a later record of the same secret is an older commit and replaces it).
    fn flush(&mut self) {
        let batch = std::mem::take(&mut self.batch);
        let scanner = self.scanner;
        let results: Vec<Vec<Hit>> = batch
            .par_iter()
            .map(|c| scanner.scan(&c.path, &c.text))
            .collect();
        for (change, hits) in batch.into_iter().zip(results) {
            if hits.is_empty() {
                continue;
            }
            let at = self.kept.len();
            for (i, h) in hits.iter().enumerate() {
                let secret = change
                    .text
                    .get(h.secret.clone())
                    .unwrap_or_default()
                    .to_vec();
                self.first
                    .insert((h.meta.id, change.path.clone(), secret), (at, i));
            }
            self.kept.push((change, hits));
        }
    }

    fn into_scan(mut self) -> HistoryScan {
        let mut wanted: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (at, i) in self.first.values() {
            wanted.entry(*at).or_default().push(*i);
        }
        for (at, (change, hits)) in self.kept.into_iter().enumerate() {
            let Some(keep) = wanted.get(&at) else {
                continue;
            };
            let hits: Vec<Hit> = hits
                .into_iter()
                .enumerate()
                .filter(|(i, _)| keep.contains(i))
                .map(|(_, h)| h)
                .collect();
            self.out.findings.push(HistoryFinding {
                commit: change.commit.to_string(),
                date: change.date.to_string(),
                path: change.path,
                text: Arc::from(String::from_utf8_lossy(&change.text).as_ref()),
                hits,
            });
        }
        self.out.findings.sort_by(|a, b| {
            (&a.path, a.hits.first().map(|h| h.secret.start), &a.commit).cmp(&(
                &b.path,
                b.hits.first().map(|h| h.secret.start),
                &b.commit,
            ))
        });
        self.out
    }
}

/// Undo git's C-style quoting of a path (`"a\tb"`), which it applies to unusual names.
fn unquote(p: &str) -> String {
    let Some(inner) = p.strip_prefix('"').and_then(|s| s.strip_suffix('"')) else {
        return p.to_string();
    };
    let mut out = Vec::with_capacity(inner.len());
    let bytes = inner.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'\\' {
            match bytes.get(i + 1) {
                Some(b'n') => out.push(b'\n'),
                Some(b't') => out.push(b'\t'),
                Some(b'"') => out.push(b'"'),
                Some(b'\\') => out.push(b'\\'),
                Some(d0 @ b'0'..=b'7') => {
                    let oct: Vec<u8> = bytes.get(i + 1..i + 4).unwrap_or_default().to_vec();
                    if let Ok(v) = u8::from_str_radix(&String::from_utf8_lossy(&oct), 8) {
                        out.push(v);
                        i += 4;
                        continue;
                    }
                    out.push(*d0);
                }
                Some(other) => out.push(*other),
                None => {}
            }
            i += 2;
        } else {
            out.push(b);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn stream_parser_places_added_lines_at_their_numbers() {
        let s = Scanner::builtin();
        let skip: Vec<String> = Vec::new();
        let mut c = Collector::new(s, &skip);
        let log = "\x1ebbbb\x1f2024-02-01T00:00:00+00:00\n\
diff --git a/x.txt b/x.txt\n\
index 1..2 100644\n\
--- a/x.txt\n\
+++ b/x.txt\n\
@@ -3,0 +4,2 @@ ctx\n\
+key = AKIAZ3MSJV4WCJEXAMPL\n\
+other\n\
diff --git a/bin.png b/bin.png\n\
Binary files a/bin.png and b/bin.png differ\n\
\x1eaaaa\x1f2024-01-01T00:00:00+00:00\n\
diff --git a/x.txt b/x.txt\n\
new file mode 100644\n\
--- /dev/null\n\
+++ b/x.txt\n\
@@ -0,0 +1,1 @@\n\
+old = AKIAZ3MSJV4WCJEXAMPL\n";
        for l in log.lines() {
            c.line(l.as_bytes());
        }
        c.finish_change();
        c.flush();
        let scan = c.into_scan();
        assert_eq!(scan.commits, 2);
        assert_eq!(scan.changes, 2);
        // the same secret in the same path: reported once, at the older commit
        assert_eq!(scan.findings.len(), 1);
        let f = &scan.findings[0];
        assert_eq!(f.commit, "aaaa");
        assert_eq!(f.path, "x.txt");
        assert_eq!(f.hits.len(), 1);
        let start = f.hits[0].secret.start;
        assert_eq!(f.text[..start].matches('\n').count(), 0, "line 1");
    }

    #[test]
    fn added_lines_keep_line_numbers() {
        let mut ch = Change {
            commit: Arc::from("c"),
            date: Arc::from("d"),
            path: "p".into(),
            text: Vec::new(),
            lines: 0,
        };
        ch.add(3, b"three");
        ch.add(4, b"four");
        ch.add(10, b"ten");
        let t = String::from_utf8(ch.text).unwrap();
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines[2], "three");
        assert_eq!(lines[3], "four");
        assert_eq!(lines[9], "ten");
    }

    #[test]
    fn quoted_paths() {
        assert_eq!(unquote("\"b/a\\tb\""), "b/a\tb");
        assert_eq!(unquote("\"b/caf\\303\\251\""), "b/café");
        assert_eq!(unquote("b/plain"), "b/plain");
    }
}
