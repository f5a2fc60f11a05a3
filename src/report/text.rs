//! Human-readable report: rustc-style findings with code frames, grouped by file, and a
//! summary of what was scanned, skipped, suppressed and found.

use std::fmt::Write as _;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use super::{RenderOptions, Report};
use crate::discover::SkipReason;
use crate::finding::{Finding, Severity};
use crate::source::LineIndex;

/// Lines of context shown at most for one finding.
const MAX_FRAME_LINES: usize = 8;

fn level(sev: Severity) -> Level<'static> {
    let base = match sev {
        Severity::Critical | Severity::High => Level::ERROR,
        Severity::Medium => Level::WARNING,
        Severity::Low => Level::NOTE,
        Severity::Info => Level::INFO,
    };
    base.with_name(sev.as_str())
}

/// Render one finding as a code frame (or a one-line header if the source is unavailable).
fn frame(f: &Finding, source: Option<(&str, &LineIndex)>, renderer: &Renderer) -> String {
    let title = format!("{} ({})", f.message, f.rule.name);
    let help = first_sentence(f.rule.remediation);
    let lvl = level(f.severity);
    let Some((src, index)) = source else {
        let group = Group::with_title(lvl.primary_title(title.as_str()).id(f.rule.id));
        return renderer.render(&[
            group,
            Group::with_title(Level::HELP.secondary_title(help.as_str())),
        ]) + &format!("\n  --> {}:{}:{}\n", f.path, f.start.line, f.start.column);
    };
    // cut the lines of the finding out of the file (the line index makes this O(lines shown))
    let first = f.start.line.max(1);
    let last = f.end.line.max(first).min(first + MAX_FRAME_LINES - 1);
    let start_off = index.line_start(first);
    let end_off = index.line_range(last - 1, src).end;
    let chunk = src.get(start_off..end_off.max(start_off)).unwrap_or("");
    let trimmed_len = chunk.trim_end_matches(['\n', '\r']).len();
    let chunk = chunk.get(..trimmed_len).unwrap_or("").to_string();
    let a = f.span.start.saturating_sub(start_off).min(chunk.len());
    let mut b = f.span.end.saturating_sub(start_off).min(chunk.len()).max(a);
    while b < chunk.len() && !chunk.is_char_boundary(b) {
        b += 1;
    }
    let a = floor(&chunk, a);
    let label = if a == b { "here" } else { "" };
    let group = lvl.primary_title(title.as_str()).id(f.rule.id).element(
        Snippet::source(chunk.as_str())
            .line_start(first)
            .path(f.path.as_str())
            .annotation(AnnotationKind::Primary.span(a..b).label(label)),
    );
    let mut out = renderer.render(&[
        group,
        Group::with_title(Level::HELP.secondary_title(help.as_str())),
    ]);
    out.push('\n');
    out
}

fn floor(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn first_sentence(s: &str) -> String {
    // up to the first ". " that is not inside backticks
    let mut in_tick = false;
    let bytes = s.as_bytes();
    for (i, &c) in bytes.iter().enumerate() {
        if c == b'`' {
            in_tick = !in_tick;
        }
        if c == b'.' && !in_tick && bytes.get(i + 1).is_none_or(|n| *n == b' ') {
            return s.get(..=i).unwrap_or(s).to_string();
        }
    }
    s.to_string()
}

/// Render the text report.
#[must_use]
pub fn render(report: &Report<'_>, opts: RenderOptions) -> String {
    let mut buf = Vec::new();
    // writing to a Vec cannot fail
    let _ = write(report, opts, &mut buf);
    String::from_utf8(buf).unwrap_or_default()
}

/// Write the text report finding by finding.
///
/// # Errors
/// When the writer fails.
pub fn write(
    report: &Report<'_>,
    opts: RenderOptions,
    w: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let renderer = if opts.color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut per_file: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for f in report.findings {
        *per_file.entry(f.path.as_str()).or_insert(0) += 1;
    }
    let mut current: Option<(&str, Option<(&str, LineIndex)>)> = None;
    for f in report.findings {
        // findings are sorted by path: one header (and one line index) per file
        if current.as_ref().is_none_or(|(p, _)| *p != f.path.as_str()) {
            let n = per_file.get(f.path.as_str()).copied().unwrap_or(0);
            let header = format!(
                "── {} ({n} finding{})",
                f.path,
                if n == 1 { "" } else { "s" }
            );
            writeln!(w, "{}\n", paint(&header, "1", opts.color))?;
            let src = report
                .sources
                .get(&f.path)
                .map(|t| (t.as_str(), LineIndex::new(t)));
            current = Some((f.path.as_str(), src));
        }
        let source = current
            .as_ref()
            .and_then(|(_, s)| s.as_ref())
            .map(|(t, i)| (*t, i));
        writeln!(w, "{}", frame(f, source, &renderer))?;
    }
    if !opts.quiet {
        w.write_all(summary(report, opts.color).as_bytes())?;
    }
    Ok(())
}

fn paint(s: &str, code: &str, color: bool) -> String {
    if color {
        format!("\x1b[{code}m{s}\x1b[0m")
    } else {
        s.to_string()
    }
}

/// The summary block: coverage, skips, counts, verdict.
#[must_use]
pub fn summary(report: &Report<'_>, color: bool) -> String {
    let mut s = String::new();
    let cov = report.coverage;
    let checked = report.files_checked();
    if cov.kinds.values().all(|k| k.found == 0) {
        let supported: Vec<&str> = crate::discover::ArtifactKind::ALL
            .iter()
            .map(|k| k.label())
            .collect();
        let _ = writeln!(
            s,
            "{} nothing to check under {}: {} file(s) walked, none is a supported artifact ({})",
            paint("warning:", "1;33", color),
            report.root,
            cov.files_walked,
            supported.join(", ")
        );
    } else {
        let kinds: Vec<String> = cov
            .kinds
            .iter()
            .map(|(k, c)| {
                let mut parts = vec![format!("{} found", c.found), format!("{} parsed", c.parsed)];
                if c.parse_errors > 0 {
                    parts.push(format!("{} with parse errors", c.parse_errors));
                }
                if c.skipped > 0 {
                    parts.push(format!("{} skipped", c.skipped));
                }
                format!("{} {}", k.label(), parts.join(", "))
            })
            .collect();
        let _ = writeln!(
            s,
            "Scanned {} file(s) in {} ({} walked): {}",
            checked,
            report.root,
            cov.files_walked,
            kinds.join("; ")
        );
    }
    if cov.secrets.scanned > 0 || cov.secrets.by_name_only > 0 {
        let by_name = if cov.secrets.by_name_only > 0 {
            format!(
                " ({} binary or large file(s) checked by name only)",
                cov.secrets.by_name_only
            )
        } else {
            String::new()
        };
        let _ = writeln!(
            s,
            "Scanned {} file(s) for secrets{by_name}",
            cov.secrets.scanned
        );
    }
    if let Some(h) = &cov.history {
        let _ = writeln!(
            s,
            "Scanned git history: {} commit(s), {} change(s), {} byte(s) of added lines; {} secret(s) only in history",
            h.commits, h.changes, h.bytes, h.only_in_history
        );
    }
    let excluded = cov
        .skipped
        .iter()
        .filter(|sk| sk.reason == SkipReason::Excluded)
        .count();
    let listed: Vec<_> = cov
        .skipped
        .iter()
        .filter(|sk| sk.reason != SkipReason::Excluded)
        .collect();
    if excluded > 0 {
        let _ = writeln!(s, "Excluded by config: {excluded} file(s)");
    }
    if !listed.is_empty() {
        let _ = writeln!(s, "Skipped {} file(s):", listed.len());
        for sk in listed.iter().take(20) {
            let detail = if sk.detail.is_empty() {
                String::new()
            } else {
                format!(" ({})", sk.detail)
            };
            let _ = writeln!(s, "  {}: {}{}", sk.path, sk.reason.as_str(), detail);
        }
        if listed.len() > 20 {
            let _ = writeln!(s, "  … and {} more", listed.len() - 20);
        }
    }
    if !cov.rendered.is_empty() {
        let ok: Vec<_> = cov.rendered.iter().filter(|r| r.ok).collect();
        let docs: usize = ok.iter().map(|r| r.documents).sum();
        let _ = writeln!(
            s,
            "Rendered {} of {} chart(s)/overlay(s) ({docs} document(s)):",
            ok.len(),
            cov.rendered.len()
        );
        for r in &cov.rendered {
            let what = if r.ok {
                format!("{} document(s) in {} ms", r.documents, r.millis)
            } else {
                format!("not rendered: {}", r.detail)
            };
            let _ = writeln!(s, "  {} ({}): {what}", r.dir, r.tool);
        }
    }
    let counts = report.counts();
    let total: usize = counts.values().sum();
    let parts: Vec<String> = Severity::ALL
        .iter()
        .filter_map(|sev| counts.get(sev).map(|n| format!("{n} {sev}")))
        .collect();
    let extra = format!(
        "{} suppressed, {} baselined",
        report.suppressed.len(),
        report.baselined
    );
    if total == 0 {
        let _ = writeln!(s, "{} no findings ({extra})", paint("ok:", "1;32", color));
    } else {
        let _ = writeln!(
            s,
            "Found {total} finding(s): {} ({extra})",
            parts.join(", ")
        );
    }
    let failing = report
        .findings
        .iter()
        .filter(|f| f.severity >= report.fail_on)
        .count();
    if failing > 0 {
        let _ = writeln!(
            s,
            "{} {failing} finding(s) at or above `{}`",
            paint("failed:", "1;31", color),
            report.fail_on
        );
    }
    s
}
