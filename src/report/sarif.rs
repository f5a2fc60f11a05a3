//! SARIF 2.1.0: one run, rules from metadata, results with regions, snippets and
//! suppressions. Validated against the official schema in `tests/reports.rs`.

use std::collections::BTreeMap;

use serde::Serialize;

use super::Report;
use crate::finding::{Confidence, Finding, Severity};
use crate::rules::{Checklist, RuleMeta};

const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
/// `tool.driver.informationUri`: the package's `repository` (or `homepage`) from
/// Cargo.toml; omitted while neither is set (an empty string is not a valid URI).
const INFORMATION_URI: &str = first_set(env!("CARGO_PKG_REPOSITORY"), env!("CARGO_PKG_HOMEPAGE"));

const fn first_set(a: &'static str, b: &'static str) -> &'static str {
    if a.is_empty() { b } else { a }
}
/// The uriBaseId every artifact location is relative to.
pub const SRCROOT: &str = "%SRCROOT%";
/// Key of our fingerprint in `partialFingerprints`.
pub const FINGERPRINT_KEY: &str = "ironlaw/v1";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool<'a>,
    invocations: [Invocation<'a>; 1],
    original_uri_base_ids: BTreeMap<&'static str, BaseLocation>,
    column_kind: &'static str,
    results: Results<'a>,
}

/// Results serialised one by one as the log is written (never all built at once).
struct Results<'a> {
    report: &'a Report<'a>,
    findings: Vec<&'a Finding>,
    index: BTreeMap<&'static str, usize>,
}

impl Serialize for Results<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(
            self.findings
                .iter()
                .map(|f| result(self.report, f, &self.index)),
        )
    }
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    information_uri: Option<&'static str>,
    version: &'a str,
    semantic_version: &'a str,
    rules: Vec<Rule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation<'a> {
    execution_successful: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tool_execution_notifications: Vec<Notification<'a>>,
}

#[derive(Serialize)]
struct Notification<'a> {
    level: &'static str,
    message: Text,
    locations: [NotificationLocation<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NotificationLocation<'a> {
    physical_location: NotificationPhysical<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NotificationPhysical<'a> {
    artifact_location: ArtifactLocation<'a>,
}

#[derive(Serialize)]
struct BaseLocation {
    description: Text,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: &'static str,
    name: &'static str,
    short_description: Text,
    full_description: Text,
    help: Help,
    #[serde(skip_serializing_if = "Option::is_none")]
    help_uri: Option<&'static str>,
    default_configuration: DefaultConfiguration,
    properties: RuleProperties,
}

#[derive(Serialize)]
struct DefaultConfiguration {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties {
    tags: Vec<&'static str>,
    #[serde(rename = "security-severity")]
    security_severity: &'static str,
    precision: &'static str,
    #[serde(rename = "problem.severity")]
    problem_severity: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: [Location<'a>; 1],
    partial_fingerprints: BTreeMap<&'static str, &'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suppressions: Vec<SarifSuppression>,
    properties: ResultProperties,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    physical_location: PhysicalLocation<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation<'a> {
    artifact_location: ArtifactLocation<'a>,
    region: Region,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation<'a> {
    uri: String,
    uri_base_id: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    snippet: Option<Text>,
}

#[derive(Serialize)]
struct SarifSuppression {
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    justification: Option<String>,
}

#[derive(Serialize)]
struct ResultProperties {
    severity: Severity,
}

/// SARIF `level` for a severity: critical/high → error, medium → warning, low/info → note.
#[must_use]
pub fn level(sev: Severity) -> &'static str {
    match sev {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low | Severity::Info => "note",
    }
}

/// GitHub code scanning's `security-severity` score for a severity.
#[must_use]
pub fn security_severity(sev: Severity) -> &'static str {
    match sev {
        Severity::Critical => "9.5",
        Severity::High => "8.0",
        Severity::Medium => "5.5",
        Severity::Low => "3.0",
        Severity::Info => "0.0",
    }
}

fn precision(c: Confidence) -> &'static str {
    match c {
        Confidence::High => "high",
        Confidence::Medium => "medium",
        Confidence::Low => "low",
    }
}

/// Checklist boxes whose rules are security findings (tagged `security`, which makes GitHub
/// show `security-severity`).
pub(crate) fn is_security(c: Checklist) -> bool {
    matches!(
        c,
        Checklist::ImageHygiene
            | Checklist::ImageScanning
            | Checklist::NoSecretsInCode
            | Checklist::RuntimeSecrets
            | Checklist::ProductionApproval
    )
}

/// SARIF suppression kind: pragmas in the file are `inSource`, config and baseline `external`.
fn suppression_kind(kind: &str) -> &'static str {
    match kind {
        "inline" | "file" | "annotation" => "inSource",
        _ => "external",
    }
}

/// Percent-encode a relative path for `artifactLocation.uri`: RFC 3986 path characters
/// except `:` are kept (an encoded `:` can never be read as a scheme), `\` becomes `/`.
#[must_use]
pub fn path_to_uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.replace('\\', "/").bytes() {
        let keep = b.is_ascii_alphanumeric()
            || matches!(
                b,
                b'-' | b'.'
                    | b'_'
                    | b'~'
                    | b'/'
                    | b'!'
                    | b'$'
                    | b'&'
                    | b'\''
                    | b'('
                    | b')'
                    | b'*'
                    | b'+'
                    | b','
                    | b';'
                    | b'='
                    | b'@'
            );
        if keep {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn help(rule: &RuleMeta) -> Help {
    let mut text = format!("{}\n\nFix: {}", rule.rationale, rule.remediation);
    let mut md = format!(
        "{}\n\n**Fix:** {}",
        rule.rationale.trim(),
        rule.remediation.trim()
    );
    if !rule.equivalents.is_empty() {
        text.push_str(&format!(
            "\n\nEquivalent checks: {}",
            rule.equivalents.join(", ")
        ));
        let list: Vec<String> = rule.equivalents.iter().map(|e| format!("`{e}`")).collect();
        md.push_str(&format!("\n\n**Equivalent checks:** {}", list.join(", ")));
    }
    if !rule.references.is_empty() {
        text.push_str("\n\nReferences:");
        md.push_str("\n\n**References:**\n");
        for r in rule.references {
            text.push_str(&format!("\n- {r}"));
            md.push_str(&format!("\n- <{r}>"));
        }
    }
    Help { text, markdown: md }
}

fn rule(meta: &'static RuleMeta) -> Rule {
    let mut tags = vec![meta.family.as_str(), meta.checklist.key()];
    if is_security(meta.checklist) {
        tags.push("security");
    }
    Rule {
        id: meta.id,
        name: meta.name,
        short_description: Text {
            text: meta.title.to_string(),
        },
        full_description: Text {
            text: meta.rationale.to_string(),
        },
        help: help(meta),
        help_uri: meta.references.first().copied(),
        default_configuration: DefaultConfiguration {
            level: level(meta.severity),
        },
        properties: RuleProperties {
            tags,
            security_severity: security_severity(meta.severity),
            precision: precision(meta.confidence),
            problem_severity: match level(meta.severity) {
                "note" => "recommendation",
                other => other,
            },
        },
    }
}

fn result<'a>(
    report: &Report<'a>,
    f: &'a Finding,
    index: &BTreeMap<&'static str, usize>,
) -> SarifResult<'a> {
    let snippet = report
        .sources
        .get(&f.path)
        .and_then(|text| text.get(f.span.range()))
        .filter(|s| !s.is_empty())
        .map(|s| Text {
            text: s.to_string(),
        });
    let start_line = f.start.line.max(1);
    let start_column = f.start.column.max(1);
    let (end_line, end_column) = if (f.end.line, f.end.column) < (start_line, start_column) {
        (start_line, start_column)
    } else {
        (f.end.line, f.end.column)
    };
    let suppressions = f
        .suppressed
        .as_ref()
        .map(|s| SarifSuppression {
            kind: suppression_kind(s.kind),
            justification: Some(match &s.reason {
                Some(r) => format!("{r} ({})", s.source),
                None => s.source.clone(),
            }),
        })
        .into_iter()
        .collect();
    SarifResult {
        rule_id: f.rule.id,
        rule_index: index.get(f.rule.id).copied().unwrap_or(0),
        level: level(f.severity),
        message: Text {
            text: f.message.clone(),
        },
        locations: [Location {
            physical_location: PhysicalLocation {
                artifact_location: ArtifactLocation {
                    uri: path_to_uri(&report.workspace_path(&f.path)),
                    uri_base_id: SRCROOT,
                },
                region: Region {
                    start_line,
                    start_column,
                    end_line,
                    end_column,
                    snippet,
                },
            },
        }],
        partial_fingerprints: BTreeMap::from([(FINGERPRINT_KEY, f.fingerprint.as_str())]),
        suppressions,
        properties: ResultProperties {
            severity: f.severity,
        },
    }
}

/// Render the SARIF log (pretty-printed, trailing newline).
/// # Errors
/// When the writer fails.
pub fn write(report: &Report<'_>, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    // rules[]: the rules that ran plus any rule with a finding, sorted by id
    let mut metas: BTreeMap<&'static str, &'static RuleMeta> =
        report.rules.iter().map(|m| (m.id, *m)).collect();
    for f in report.findings.iter().chain(report.suppressed) {
        metas.entry(f.rule.id).or_insert(f.rule);
    }
    let index: BTreeMap<&'static str, usize> =
        metas.keys().enumerate().map(|(i, id)| (*id, i)).collect();
    let rules = metas.values().map(|m| rule(m)).collect();

    // reported and suppressed findings interleaved in the usual (path, line, column, id) order
    let mut all: Vec<&Finding> = report.findings.iter().chain(report.suppressed).collect();
    all.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    let results = Results {
        report,
        findings: all,
        index,
    };

    let notifications = report
        .coverage
        .skipped
        .iter()
        .map(|s| Notification {
            level: "warning",
            message: Text {
                text: if s.detail.is_empty() {
                    format!("not checked: {}", s.reason.as_str())
                } else {
                    format!("not checked: {} ({})", s.reason.as_str(), s.detail)
                },
            },
            locations: [NotificationLocation {
                physical_location: NotificationPhysical {
                    artifact_location: ArtifactLocation {
                        uri: path_to_uri(&report.workspace_path(&s.path)),
                        uri_base_id: SRCROOT,
                    },
                },
            }],
        })
        .collect();

    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "ironlaw",
                    information_uri: (!INFORMATION_URI.is_empty()).then_some(INFORMATION_URI),
                    version: report.tool_version,
                    semantic_version: report.tool_version,
                    rules,
                },
            },
            invocations: [Invocation {
                execution_successful: true,
                tool_execution_notifications: notifications,
            }],
            original_uri_base_ids: BTreeMap::from([(
                SRCROOT,
                BaseLocation {
                    description: Text {
                        text: "The directory ironlaw was run from (paths of a scanned directory are prefixed with it)".to_string(),
                    },
                },
            )]),
            column_kind: "unicodeCodePoints",
            results,
        }],
    };
    serde_json::to_writer_pretty(&mut *w, &log)?;
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
