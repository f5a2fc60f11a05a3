//! GitHub Actions workflow commands: one annotation per finding.
//!
//! `::error file=PATH,line=L,col=C,endLine=L2,endColumn=C2,title=ID name::message`, with
//! the escaping of `@actions/core` (`%`, CR, LF in data; additionally `:` and `,` in
//! property values).

use super::Report;
use crate::finding::{Finding, Severity};

/// The workflow command for a severity: critical/high → error, medium → warning,
/// low/info → notice.
#[must_use]
pub fn command(sev: Severity) -> &'static str {
    match sev {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low | Severity::Info => "notice",
    }
}

/// Escape a command's data (the message after `::`).
#[must_use]
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a property value (`file=…`, `title=…`).
#[must_use]
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn line(report: &Report<'_>, f: &Finding) -> String {
    let start_line = f.start.line.max(1);
    let end_line = f.end.line.max(start_line);
    let mut props = vec![
        format!("file={}", escape_property(&report.workspace_path(&f.path))),
        format!("line={start_line}"),
    ];
    // GitHub ignores columns on annotations that span several lines
    if end_line == start_line {
        let col = f.start.column.max(1);
        props.push(format!("col={col}"));
        props.push(format!("endLine={end_line}"));
        props.push(format!("endColumn={}", f.end.column.max(col)));
    } else {
        props.push(format!("endLine={end_line}"));
    }
    props.push(format!(
        "title={}",
        escape_property(&format!("{} {}", f.rule.id, f.rule.name))
    ));
    format!(
        "::{} {}::{}\n",
        command(f.severity),
        props.join(","),
        escape_data(&f.message)
    )
}

/// Render one workflow command per reported finding (suppressed findings are not shown).
#[must_use]
pub fn render(report: &Report<'_>) -> String {
    report.findings.iter().map(|f| line(report, f)).collect()
}
