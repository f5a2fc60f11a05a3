//! Findings: what a rule reports, after the engine has placed it in a file.

use std::fmt;

use serde::Serialize;

use crate::rules::RuleMeta;
use crate::source::{Position, SourceFile, Span};

/// How bad a finding is. Ordered: `Info < Low < Medium < High < Critical`.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    pub const ALL: [Severity; 5] = [
        Severity::Critical,
        Severity::High,
        Severity::Medium,
        Severity::Low,
        Severity::Info,
    ];

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }

    /// Parse a severity name (case-insensitive).
    #[must_use]
    pub fn parse(s: &str) -> Option<Severity> {
        Severity::ALL
            .into_iter()
            .find(|sev| sev.as_str().eq_ignore_ascii_case(s.trim()))
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How sure a rule is that a finding is a real problem.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    Low,
    Medium,
    High,
}

impl Confidence {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Medium => "medium",
            Confidence::High => "high",
        }
    }
}

/// What a rule emits: a span in the file it was given, a message, and a logical anchor.
///
/// The `anchor` names *where* in the document the problem is in terms that survive
/// unrelated edits (for a Dockerfile: stage and instruction kind; for YAML: the key route),
/// and feeds the finding's fingerprint together with the offending text.
#[derive(Clone, Debug)]
pub struct Diagnostic {
    pub rule: &'static RuleMeta,
    pub span: Span,
    pub message: String,
    pub anchor: String,
    /// A severity other than the rule's default for this occurrence (CI001: first-party
    /// actions are lower than third-party ones). A configured override still wins.
    pub severity: Option<Severity>,
}

impl Diagnostic {
    #[must_use]
    pub fn new(rule: &'static RuleMeta, span: Span, message: impl Into<String>) -> Self {
        Self {
            rule,
            span,
            message: message.into(),
            anchor: String::new(),
            severity: None,
        }
    }

    /// This occurrence's severity, when it differs from the rule's default.
    #[must_use]
    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = Some(severity);
        self
    }

    /// Attach a logical anchor (see the type docs).
    #[must_use]
    pub fn anchor(mut self, anchor: impl Into<String>) -> Self {
        self.anchor = anchor.into();
        self
    }
}

/// Why a finding was suppressed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Suppression {
    /// `inline`, `file`, `config`, `annotation` or `baseline`.
    pub kind: &'static str,
    /// The pragma as written (`ironlaw:ignore[DF001]`, `hadolint ignore=DL3007`, …).
    pub source: String,
    pub reason: Option<String>,
}

/// A finding placed in a file: the unit every report renders.
#[derive(Clone, Debug)]
pub struct Finding {
    pub rule: &'static RuleMeta,
    /// Effective severity (after config overrides).
    pub severity: Severity,
    pub path: String,
    pub span: Span,
    pub start: Position,
    pub end: Position,
    pub message: String,
    pub fingerprint: String,
    pub suppressed: Option<Suppression>,
}

impl Finding {
    /// Place a diagnostic in its file: positions and a content-anchored fingerprint (rule,
    /// path, logical anchor and the normalised text of the span — no line numbers, so
    /// unrelated edits above do not change it).
    #[must_use]
    pub fn place(file: &SourceFile, d: Diagnostic, severity: Severity) -> Finding {
        let snippet = normalise_snippet(file.slice(d.span));
        let fingerprint = format!(
            "{:016x}",
            fnv1a64(&[d.rule.id, &file.path, &d.anchor, &snippet])
        );
        Finding {
            rule: d.rule,
            severity,
            path: file.path.clone(),
            span: d.span,
            start: file.position(d.span.start),
            end: file.position(d.span.end),
            fingerprint,
            message: d.message,
            suppressed: None,
        }
    }

    /// Deterministic ordering key: path, line, column, rule id, message.
    #[must_use]
    pub fn sort_key(&self) -> (&str, usize, usize, &str, &str) {
        (
            &self.path,
            self.start.line,
            self.start.column,
            self.rule.id,
            &self.message,
        )
    }
}

/// FNV-1a, 64 bit: a tiny stable hash for fingerprints (stable across versions and platforms).
#[must_use]
pub fn fnv1a64(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        // separator so ("ab","c") != ("a","bc")
        h ^= 0xff;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Normalise a snippet for fingerprinting: collapse whitespace.
#[must_use]
pub fn normalise_snippet(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn severity_order_and_parse() {
        assert!(Severity::Critical > Severity::High);
        assert!(Severity::Low > Severity::Info);
        assert_eq!(Severity::parse("MEDIUM"), Some(Severity::Medium));
        assert_eq!(Severity::parse("severe"), None);
    }

    #[test]
    fn fnv_separates_parts() {
        assert_ne!(fnv1a64(&["ab", "c"]), fnv1a64(&["a", "bc"]));
        assert_eq!(fnv1a64(&["x"]), fnv1a64(&["x"]));
    }

    #[test]
    fn snippet_normalisation_collapses_whitespace() {
        assert_eq!(normalise_snippet("  RUN  a \\\n   b "), "RUN a \\ b");
    }
}
