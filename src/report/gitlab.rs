//! GitLab Code Quality report: a JSON array of Code Climate-style issues
//! (`artifacts: reports: codequality:`).

use serde::Serialize;

use super::Report;
use crate::finding::{Finding, Severity};

#[derive(Serialize)]
struct Issue<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    description: String,
    check_name: &'static str,
    fingerprint: &'a str,
    severity: &'static str,
    categories: [&'static str; 1],
    location: Location,
}

#[derive(Serialize)]
struct Location {
    path: String,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
    end: usize,
}

/// Code Quality severity: info → info, low → minor, medium → major, high → critical,
/// critical → blocker.
#[must_use]
pub fn severity(sev: Severity) -> &'static str {
    match sev {
        Severity::Info => "info",
        Severity::Low => "minor",
        Severity::Medium => "major",
        Severity::High => "critical",
        Severity::Critical => "blocker",
    }
}

fn issue<'a>(report: &Report<'_>, f: &'a Finding) -> Issue<'a> {
    let begin = f.start.line.max(1);
    Issue {
        kind: "issue",
        description: format!("{} {}: {}", f.rule.id, f.rule.name, f.message),
        check_name: f.rule.id,
        fingerprint: &f.fingerprint,
        severity: severity(f.severity),
        categories: [if super::sarif::is_security(f.rule.checklist) {
            "Security"
        } else {
            "Bug Risk"
        }],
        location: Location {
            path: report.workspace_path(&f.path),
            lines: Lines {
                begin,
                end: f.end.line.max(begin),
            },
        },
    }
}

/// Render the Code Quality JSON array (reported findings only; pretty-printed).
/// # Errors
/// When the writer fails.
pub fn write(report: &Report<'_>, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    let issues: Vec<Issue<'_>> = report.findings.iter().map(|f| issue(report, f)).collect();
    serde_json::to_writer_pretty(&mut *w, &issues)?;
    w.write_all(b"\n")
}

/// Render to a string (tests and small reports; the CLI streams with [`write`]).
#[must_use]
pub fn render(report: &Report<'_>) -> String {
    let mut buf = Vec::new();
    // writing to a Vec cannot fail
    let _ = write(report, &mut buf);
    String::from_utf8(buf).unwrap_or_default()
}
