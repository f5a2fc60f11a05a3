//! Renderers. They format a finished [`Report`]; they never decide anything.

pub mod github;
pub mod gitlab;
pub mod html;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod sarif;
pub mod text;

use std::collections::BTreeMap;

use crate::discover::Coverage;
use crate::finding::{Finding, Severity};
use crate::rules::RuleMeta;

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
    Sarif,
    Junit,
    Github,
    Gitlab,
    Markdown,
    Html,
}

/// Everything a renderer may show.
#[derive(Debug)]
pub struct Report<'a> {
    pub tool_version: &'static str,
    /// The scanned path as the user gave it.
    pub root: String,
    /// Findings to report (after suppressions and baseline), sorted.
    pub findings: &'a [Finding],
    /// Findings removed by inline/file/config suppressions (for counts and SARIF).
    pub suppressed: &'a [Finding],
    /// Findings hidden because they are in the baseline.
    pub baselined: usize,
    pub coverage: &'a Coverage,
    /// Rules that ran (for SARIF `rules[]`, JUnit cases).
    pub rules: &'a [&'static RuleMeta],
    /// Severity at/above which the run fails.
    pub fail_on: Severity,
    /// Text of the files that have findings, by relative path (for code frames/snippets).
    pub sources: &'a BTreeMap<String, String>,
    /// Prefix that turns a scan-root-relative path into one relative to the directory
    /// ironlaw runs in (`services/` for `ironlaw check services`; empty when the root is
    /// `.`). Formats read by CI systems (SARIF, GitHub, GitLab) need the latter.
    pub path_prefix: String,
}

impl Report<'_> {
    /// A finding's path relative to the working directory (see `path_prefix`).
    #[must_use]
    pub fn workspace_path(&self, path: &str) -> String {
        format!("{}{path}", self.path_prefix)
    }

    /// Counts by severity of the reported findings.
    #[must_use]
    pub fn counts(&self) -> BTreeMap<Severity, usize> {
        let mut m = BTreeMap::new();
        for f in self.findings {
            *m.entry(f.severity).or_insert(0) += 1;
        }
        m
    }

    /// Whether the run fails the `fail_on` threshold.
    #[must_use]
    pub fn failing(&self) -> bool {
        self.findings.iter().any(|f| f.severity >= self.fail_on)
    }

    /// Number of files actually checked.
    #[must_use]
    pub fn files_checked(&self) -> usize {
        self.coverage
            .kinds
            .values()
            .map(|k| k.parsed + k.parse_errors)
            .sum()
    }
}

/// Rendering options.
#[derive(Clone, Copy, Debug, Default)]
pub struct RenderOptions {
    pub color: bool,
    /// Text format: findings only, no summary.
    pub quiet: bool,
}

/// Write a report in the given format. JSON-based formats are streamed (a report with
/// hundreds of thousands of findings is never held in memory as one string).
///
/// # Errors
/// When the writer fails.
pub fn write(
    format: Format,
    report: &Report<'_>,
    opts: RenderOptions,
    w: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    match format {
        Format::Json => json::write(report, w),
        Format::Sarif => sarif::write(report, w),
        Format::Gitlab => gitlab::write(report, w),
        Format::Text => text::write(report, opts, w),
        _ => w.write_all(render(format, report, opts).as_bytes()),
    }
}

/// Render a report in the given format.
#[must_use]
pub fn render(format: Format, report: &Report<'_>, opts: RenderOptions) -> String {
    match format {
        Format::Text => text::render(report, opts),
        Format::Json => json::render(report),
        Format::Sarif => sarif::render(report),
        Format::Junit => junit::render(report),
        Format::Github => github::render(report),
        Format::Gitlab => gitlab::render(report),
        Format::Markdown => markdown::render(report),
        Format::Html => html::render(report),
    }
}
