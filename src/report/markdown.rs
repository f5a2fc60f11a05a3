//! Markdown for pull-request comments and job summaries: counts by severity, then the
//! findings grouped by file, one table per file.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::Report;
use crate::discover::ArtifactKind;
use crate::finding::{Finding, Severity};

/// Escape text for a GitHub-flavoured Markdown table cell: backslash-escape the punctuation
/// that starts inline markup (including `|`, which ends a cell even inside code spans, and
/// backticks), and turn line breaks into spaces.
#[must_use]
pub fn escape_cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '#' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '\r' => {}
            '\n' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// A code span that survives any content: the fence is one backtick longer than the longest
/// run inside, padded with spaces when the content starts or ends with a backtick. For use
/// outside tables (a `|` inside would still end a table cell).
#[must_use]
pub fn code_span(s: &str) -> String {
    let s = s.replace(['\r', '\n'], " ");
    let mut longest = 0;
    let mut run = 0;
    for c in s.chars() {
        if c == '`' {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    let fence = "`".repeat(longest + 1);
    if s.starts_with('`') || s.ends_with('`') {
        format!("{fence} {s} {fence}")
    } else {
        format!("{fence}{s}{fence}")
    }
}

fn emoji(sev: Severity) -> &'static str {
    match sev {
        Severity::Critical => "🟥",
        Severity::High => "🟧",
        Severity::Medium => "🟨",
        Severity::Low => "🟦",
        Severity::Info => "⬜",
    }
}

fn row(out: &mut String, f: &Finding) {
    let _ = writeln!(
        out,
        "| {} | {} {} | {} {} | {} |",
        f.start.line,
        emoji(f.severity),
        f.severity,
        escape_cell(f.rule.id),
        escape_cell(f.rule.name),
        escape_cell(&f.message)
    );
}

/// Render the Markdown report.
#[must_use]
pub fn render(report: &Report<'_>) -> String {
    let mut out = String::from("## ironlaw report\n\n");
    let counts = report.counts();
    let files: BTreeMap<&str, Vec<&Finding>> =
        report.findings.iter().fold(BTreeMap::new(), |mut m, f| {
            m.entry(f.path.as_str()).or_insert_with(Vec::new).push(f);
            m
        });

    let checked = report.files_checked();
    if checked == 0 {
        out.push_str("> [!WARNING]\n> **No files were checked.** Nothing ironlaw knows how to check was found under the scanned path.\n\n");
    }
    let verdict = if report.failing() {
        format!("❌ **Failing**: findings at or above `{}`", report.fail_on)
    } else {
        format!(
            "✅ **Passing**: no findings at or above `{}`",
            report.fail_on
        )
    };
    let _ = writeln!(
        out,
        "{verdict}. {} finding(s) in {} file(s); {} suppressed, {} baselined.\n",
        report.findings.len(),
        files.len(),
        report.suppressed.len(),
        report.baselined
    );

    out.push_str("| Severity | Count |\n|---|---:|\n");
    for sev in Severity::ALL {
        let _ = writeln!(
            out,
            "| {} {} | {} |",
            emoji(sev),
            sev,
            counts.get(&sev).copied().unwrap_or(0)
        );
    }
    out.push('\n');

    // what was scanned
    let mut scanned = Vec::new();
    for kind in ArtifactKind::ALL {
        let k = report
            .coverage
            .kinds
            .get(&kind)
            .cloned()
            .unwrap_or_default();
        // kinds the repository does not have are not worth a mention
        if k.found == 0 && kind != ArtifactKind::Dockerfile {
            continue;
        }
        let mut s = format!("{} {}", k.parsed + k.parse_errors, kind.label());
        if k.parse_errors > 0 {
            let _ = write!(s, " ({} with parse errors)", k.parse_errors);
        }
        scanned.push(s);
    }
    if report.coverage.secrets.scanned > 0 {
        scanned.push(format!(
            "{} file(s) scanned for secrets",
            report.coverage.secrets.scanned
        ));
    }
    let _ = writeln!(
        out,
        "Checked {}; {} file(s) skipped.\n",
        scanned.join(", "),
        report.coverage.skipped.len()
    );

    for (path, findings) in &files {
        let _ = writeln!(out, "### {}\n", code_span(path));
        out.push_str("| Line | Severity | Rule | Message |\n|---:|---|---|---|\n");
        for f in findings {
            row(&mut out, f);
        }
        out.push('\n');
    }

    if !report.suppressed.is_empty() {
        let _ = writeln!(
            out,
            "<details><summary>{} suppressed finding(s)</summary>\n",
            report.suppressed.len()
        );
        out.push_str("| Location | Rule | Message | Suppressed by |\n|---|---|---|---|\n");
        for f in report.suppressed {
            let by = f
                .suppressed
                .as_ref()
                .map_or_else(String::new, |s| match &s.reason {
                    Some(r) => format!("{}: {r}", s.kind),
                    None => s.kind.to_string(),
                });
            let _ = writeln!(
                out,
                "| {}:{} | {} {} | {} | {} |",
                escape_cell(&f.path),
                f.start.line,
                escape_cell(f.rule.id),
                escape_cell(f.rule.name),
                escape_cell(&f.message),
                escape_cell(&by)
            );
        }
        out.push_str("\n</details>\n\n");
    }

    if !report.coverage.skipped.is_empty() {
        out.push_str("<details><summary>Skipped files</summary>\n\n");
        out.push_str("| Path | Reason |\n|---|---|\n");
        for s in &report.coverage.skipped {
            let reason = if s.detail.is_empty() {
                s.reason.as_str().to_string()
            } else {
                format!("{}: {}", s.reason.as_str(), s.detail)
            };
            let _ = writeln!(
                out,
                "| {} | {} |",
                escape_cell(&s.path),
                escape_cell(&reason)
            );
        }
        out.push_str("\n</details>\n");
    }
    out
}
