//! The JSON report: ironlaw's own documented, versioned machine format.
//!
//! The schema is described in `docs/json-report.md`. Any change that removes or renames a
//! field, or changes a field's type, bumps [`VERSION`]; adding a field does not.

use serde::Serialize;

use super::Report;
use crate::discover::{ArtifactKind, KindCoverage};
use crate::finding::{Finding, Severity, Suppression};

/// Version of the JSON report format (the top-level `"version"`).
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    tool: Tool,
    root: &'a str,
    summary: Summary,
    coverage: CoverageOut<'a>,
    findings: Findings<'a>,
    suppressed_findings: Findings<'a>,
}

/// Findings serialised one by one as the output is written (never all converted at once).
struct Findings<'a>(&'a [Finding]);

impl Serialize for Findings<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(JsonFinding::from))
    }
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct Summary {
    by_severity: BySeverity,
    findings: usize,
    suppressed: usize,
    baselined: usize,
    files_checked: usize,
    fail_on: Severity,
    failing: bool,
}

/// Counts of reported findings per severity; every key is always present.
#[derive(Serialize, Default)]
struct BySeverity {
    critical: usize,
    high: usize,
    medium: usize,
    low: usize,
    info: usize,
}

impl BySeverity {
    fn of(findings: &[Finding]) -> Self {
        let mut c = Self::default();
        for f in findings {
            let slot = match f.severity {
                Severity::Critical => &mut c.critical,
                Severity::High => &mut c.high,
                Severity::Medium => &mut c.medium,
                Severity::Low => &mut c.low,
                Severity::Info => &mut c.info,
            };
            *slot += 1;
        }
        c
    }
}

#[derive(Serialize)]
struct CoverageOut<'a> {
    files_walked: usize,
    /// Every artifact kind ironlaw knows, zeros included, in a stable order.
    kinds: std::collections::BTreeMap<&'static str, KindOut>,
    skipped: Vec<SkippedOut<'a>>,
    /// `--render`: charts and overlays, rendered or not and why.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    rendered: &'a [crate::discover::RenderRecord],
    /// The secrets scan: files whose content was scanned, files checked by name only.
    secrets: &'a crate::discover::SecretsCoverage,
    /// `--history`: commits and changes read, secrets found only in history.
    #[serde(skip_serializing_if = "Option::is_none")]
    history: Option<&'a crate::discover::HistoryCoverage>,
}

#[derive(Serialize)]
struct KindOut {
    found: usize,
    parsed: usize,
    parse_errors: usize,
    skipped: usize,
}

impl From<&KindCoverage> for KindOut {
    fn from(k: &KindCoverage) -> Self {
        Self {
            found: k.found,
            parsed: k.parsed,
            parse_errors: k.parse_errors,
            skipped: k.skipped,
        }
    }
}

#[derive(Serialize)]
struct SkippedOut<'a> {
    path: &'a str,
    kind: Option<&'static str>,
    /// Kebab-case reason (`too-large`, `binary`, `unreadable`, `symlink-loop`, `excluded`).
    reason: crate::discover::SkipReason,
    detail: &'a str,
}

#[derive(Serialize)]
struct Pos {
    line: usize,
    column: usize,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    rule_id: &'static str,
    rule_name: &'static str,
    title: &'static str,
    family: &'static str,
    severity: Severity,
    confidence: crate::finding::Confidence,
    message: &'a str,
    path: &'a str,
    start: Pos,
    end: Pos,
    fingerprint: &'a str,
    checklist: &'static str,
    checklist_box: u8,
    equivalents: &'static [&'static str],
    help_uri: Option<&'static str>,
    suppressed: Option<SuppressionOut<'a>>,
}

#[derive(Serialize)]
struct SuppressionOut<'a> {
    kind: &'static str,
    source: &'a str,
    reason: Option<&'a str>,
}

impl<'a> From<&'a Suppression> for SuppressionOut<'a> {
    fn from(s: &'a Suppression) -> Self {
        Self {
            kind: s.kind,
            source: &s.source,
            reason: s.reason.as_deref(),
        }
    }
}

impl<'a> From<&'a Finding> for JsonFinding<'a> {
    fn from(f: &'a Finding) -> Self {
        Self {
            rule_id: f.rule.id,
            rule_name: f.rule.name,
            title: f.rule.title,
            family: f.rule.family.as_str(),
            severity: f.severity,
            confidence: f.rule.confidence,
            message: &f.message,
            path: &f.path,
            start: Pos {
                line: f.start.line,
                column: f.start.column,
            },
            end: Pos {
                line: f.end.line,
                column: f.end.column,
            },
            fingerprint: &f.fingerprint,
            checklist: f.rule.checklist.key(),
            checklist_box: f.rule.checklist.number(),
            equivalents: f.rule.equivalents,
            help_uri: f.rule.references.first().copied(),
            suppressed: f.suppressed.as_ref().map(SuppressionOut::from),
        }
    }
}

/// Render the JSON report (pretty-printed, trailing newline).
/// # Errors
/// When the writer fails.
pub fn write(report: &Report<'_>, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    let kinds = ArtifactKind::ALL
        .into_iter()
        .map(|k| {
            let cov = report
                .coverage
                .kinds
                .get(&k)
                .map_or_else(|| KindOut::from(&KindCoverage::default()), KindOut::from);
            (k.as_str(), cov)
        })
        .collect();
    let out = JsonReport {
        version: VERSION,
        tool: Tool {
            name: "ironlaw",
            version: report.tool_version,
        },
        root: &report.root,
        summary: Summary {
            by_severity: BySeverity::of(report.findings),
            findings: report.findings.len(),
            suppressed: report.suppressed.len(),
            baselined: report.baselined,
            files_checked: report.files_checked(),
            fail_on: report.fail_on,
            failing: report.failing(),
        },
        coverage: CoverageOut {
            files_walked: report.coverage.files_walked,
            kinds,
            skipped: report
                .coverage
                .skipped
                .iter()
                .map(|s| SkippedOut {
                    path: &s.path,
                    kind: s.kind.map(ArtifactKind::as_str),
                    reason: s.reason,
                    detail: &s.detail,
                })
                .collect(),
            rendered: &report.coverage.rendered,
            secrets: &report.coverage.secrets,
            history: report.coverage.history.as_ref(),
        },
        findings: Findings(report.findings),
        suppressed_findings: Findings(report.suppressed),
    };
    serde_json::to_writer_pretty(&mut *w, &out)?;
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
