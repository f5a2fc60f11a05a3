//! Rendering a plan [`Outcome`]: text and markdown are plan-specific (summary table by
//! module, escalations worst first with before → after); JSON, SARIF, JUnit, GitHub, GitLab
//! and HTML go through the shared report layer, so they have the same shape as `check`'s
//! (JSON gains a `plan` member with the counts and the explanations).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde_json::{Value, json};

use super::model::{Column, Counts};
use super::{Escalation, Outcome};
use crate::discover::{ArtifactKind, Coverage, KindCoverage};
use crate::finding::{Finding, Severity};
use crate::report::markdown::escape_cell;
use crate::report::{self, Format, RenderOptions, Report};

/// Whether the gate fails (a finding at or above `fail_on`).
#[must_use]
pub fn failing(o: &Outcome, fail_on: Severity) -> bool {
    o.escalations.iter().any(|e| e.finding.severity >= fail_on)
}

fn paint(s: &str, code: &str, color: bool) -> String {
    if color {
        format!("\x1b[{code}m{s}\x1b[0m")
    } else {
        s.to_string()
    }
}

fn sev_color(s: Severity) -> &'static str {
    match s {
        Severity::Critical | Severity::High => "1;31",
        Severity::Medium => "1;33",
        Severity::Low => "1;34",
        Severity::Info => "2",
    }
}

fn first_sentence(s: &str) -> &str {
    let b = s.as_bytes();
    let mut tick = false;
    for (i, &c) in b.iter().enumerate() {
        if c == b'`' {
            tick = !tick;
        }
        if c == b'.' && !tick && b.get(i + 1).is_none_or(|n| *n == b' ') {
            return s.get(..=i).unwrap_or(s);
        }
    }
    s
}

/// Modules shown in the table at most (the rest are summed in one row).
const MAX_MODULES: usize = 40;

fn module_rows(o: &Outcome) -> Vec<(String, Counts)> {
    let mut rows: Vec<(String, Counts)> = o
        .plan
        .by_module
        .iter()
        .map(|(m, c)| {
            let name = if m.is_empty() {
                "(root)".to_string()
            } else {
                m.clone()
            };
            (name, *c)
        })
        .collect();
    if rows.len() > MAX_MODULES {
        // keep the modules with the most changes, in name order
        rows.sort_by(|a, b| b.1.changes().cmp(&a.1.changes()).then(a.0.cmp(&b.0)));
        let rest = rows.split_off(MAX_MODULES - 1);
        let mut sum = Counts::default();
        for (_, c) in &rest {
            for (i, n) in c.0.iter().enumerate() {
                if let Some(s) = sum.0.get_mut(i) {
                    *s += n;
                }
            }
        }
        rows.sort_by(|a, b| a.0.cmp(&b.0));
        rows.push((format!("({} more modules)", rest.len()), sum));
    }
    rows
}

/// The verdict line.
fn verdict(o: &Outcome, fail_on: Severity) -> (bool, usize) {
    let n = o
        .escalations
        .iter()
        .filter(|e| e.finding.severity >= fail_on)
        .count();
    (n > 0, n)
}

/// Render the text report.
#[must_use]
pub fn text(o: &Outcome, fail_on: Severity, color: bool) -> String {
    let mut s = String::new();
    let p = &o.plan;
    let tv = if p.terraform_version.is_empty() {
        String::new()
    } else {
        format!(", Terraform {}", p.terraform_version)
    };
    let _ = writeln!(
        s,
        "{} {} (plan format {}{tv})",
        paint("ironlaw plan:", "1", color),
        o.path,
        p.format_version
    );
    if let Some(why) = &o.context.production {
        let _ = writeln!(
            s,
            "Environment: {} ({why}); severities are raised one level",
            paint("production", "1;31", color)
        );
    }
    let _ = writeln!(s);
    let rows = module_rows(o);
    let width = rows
        .iter()
        .map(|(m, _)| m.chars().count())
        .chain(["module".len(), "total".len()])
        .max()
        .unwrap_or(6);
    let _ = write!(s, "  {:<width$}", "module");
    for c in Column::ALL {
        let _ = write!(s, " {:>7}", c.as_str());
    }
    let _ = writeln!(s);
    for (m, c) in rows
        .iter()
        .chain(std::iter::once(&("total".to_string(), p.totals)))
    {
        let _ = write!(s, "  {m:<width$}");
        for col in Column::ALL {
            let _ = write!(s, " {:>7}", c.get(col));
        }
        let _ = writeln!(s);
    }
    if !p.drift.is_empty() {
        let _ = writeln!(
            s,
            "  drift: {} resource(s) changed outside Terraform",
            p.drift.len()
        );
    }
    let _ = writeln!(s);
    if o.escalations.is_empty() {
        let _ = writeln!(s, "No escalations.");
    } else {
        let _ = writeln!(s, "Escalations ({}), worst first:", o.escalations.len());
        for e in &o.escalations {
            let _ = writeln!(s);
            let f = &e.finding;
            let _ = writeln!(
                s,
                "{} {} {}  {}:{}:{}",
                paint(
                    &format!("{:<8}", f.severity.as_str()),
                    sev_color(f.severity),
                    color
                ),
                f.rule.id,
                f.rule.name,
                f.path,
                f.start.line,
                f.start.column
            );
            let _ = writeln!(s, "  {}", f.message);
            for d in &e.details {
                let _ = writeln!(s, "    {}: {} → {}", d.attribute, d.before, d.after);
            }
            if let Some((file, line)) = &e.source {
                let _ = writeln!(s, "    declared at {file}:{line}");
            }
            let _ = writeln!(s, "  fix: {}", first_sentence(f.rule.remediation));
        }
    }
    let _ = writeln!(s);
    let (fail, n) = verdict(o, fail_on);
    if fail {
        let _ = writeln!(
            s,
            "{} {n} finding(s) at or above `{fail_on}`: a human must approve this plan before apply",
            paint("escalate:", "1;31", color)
        );
    } else {
        let _ = writeln!(
            s,
            "{} no finding at or above `{fail_on}` ({} below)",
            paint("ok:", "1;32", color),
            o.escalations.len()
        );
    }
    s
}

/// Render the markdown report (a pull-request comment).
#[must_use]
pub fn markdown(o: &Outcome, fail_on: Severity) -> String {
    let mut s = String::from("## ironlaw plan report\n\n");
    let (fail, n) = verdict(o, fail_on);
    if fail {
        let _ = writeln!(
            s,
            "❌ **Escalate**: {n} finding(s) at or above `{fail_on}` in `{}`; a human must approve this plan before apply.\n",
            escape_cell(&o.path)
        );
    } else {
        let _ = writeln!(
            s,
            "✅ **No escalation**: no finding at or above `{fail_on}` in `{}` ({} below).\n",
            escape_cell(&o.path),
            o.escalations.len()
        );
    }
    if let Some(why) = &o.context.production {
        let _ = writeln!(
            s,
            "> [!WARNING]\n> Production plan ({}): severities are raised one level.\n",
            escape_cell(why)
        );
    }
    s.push_str("| Module |");
    for c in Column::ALL {
        let _ = write!(s, " {} |", c.as_str());
    }
    s.push_str("\n|---|");
    for _ in Column::ALL {
        s.push_str("---:|");
    }
    s.push('\n');
    for (m, c) in module_rows(o)
        .iter()
        .chain(std::iter::once(&("**total**".to_string(), o.plan.totals)))
    {
        let _ = write!(
            s,
            "| {} |",
            if m.starts_with("**") {
                m.clone()
            } else {
                escape_cell(m)
            }
        );
        for col in Column::ALL {
            let _ = write!(s, " {} |", c.get(col));
        }
        s.push('\n');
    }
    s.push('\n');
    if !o.escalations.is_empty() {
        s.push_str("### Escalations\n\n| Severity | Rule | Finding | Before → after |\n|---|---|---|---|\n");
        for e in &o.escalations {
            let f = &e.finding;
            let changes: Vec<String> = e
                .details
                .iter()
                .take(8)
                .map(|d| escape_cell(&format!("{}: {} → {}", d.attribute, d.before, d.after)))
                .collect();
            let _ = writeln!(
                s,
                "| {} | {} {} | {} | {} |",
                f.severity,
                escape_cell(f.rule.id),
                escape_cell(f.rule.name),
                escape_cell(&f.message),
                changes.join("<br>")
            );
        }
        s.push('\n');
    }
    s.push_str("<sub>Generated by ironlaw plan. Sensitive values are never shown.</sub>\n");
    s
}

/// The shared report for the machine formats.
fn with_report<T>(o: &Outcome, fail_on: Severity, f: impl FnOnce(&Report<'_>) -> T) -> T {
    let findings: Vec<Finding> = o.escalations.iter().map(|e| e.finding.clone()).collect();
    let mut coverage = Coverage {
        files_walked: 1,
        ..Coverage::default()
    };
    coverage.kinds.insert(
        ArtifactKind::Terraform,
        KindCoverage {
            found: 1,
            parsed: 1,
            ..KindCoverage::default()
        },
    );
    let sources = BTreeMap::new();
    let report = Report {
        tool_version: env!("CARGO_PKG_VERSION"),
        root: o.path.clone(),
        findings: &findings,
        suppressed: &[],
        baselined: 0,
        coverage: &coverage,
        rules: &o.rules,
        fail_on,
        sources: &sources,
        path_prefix: String::new(),
    };
    f(&report)
}

fn counts_json(c: &Counts) -> Value {
    let mut m = serde_json::Map::new();
    for col in Column::ALL {
        m.insert(col.as_str().to_string(), json!(c.get(col)));
    }
    Value::Object(m)
}

/// The `plan` member of the JSON report.
fn plan_json(o: &Outcome) -> Value {
    let by_module: serde_json::Map<String, Value> = o
        .plan
        .by_module
        .iter()
        .map(|(m, c)| (m.clone(), counts_json(c)))
        .collect();
    let escalations: Vec<Value> = o
        .escalations
        .iter()
        .map(|e| {
            json!({
                "fingerprint": e.finding.fingerprint,
                "rule_id": e.finding.rule.id,
                "address": e.address,
                "details": e.details.iter().map(|d| json!({
                    "attribute": d.attribute, "before": d.before, "after": d.after
                })).collect::<Vec<_>>(),
                "source": e.source.as_ref().map(|(p, l)| json!({"path": p, "line": l})),
            })
        })
        .collect();
    json!({
        "format_version": o.plan.format_version,
        "terraform_version": o.plan.terraform_version,
        "production": o.context.production,
        "totals": counts_json(&o.plan.totals),
        "by_module": by_module,
        "drift": o.plan.drift.len(),
        "escalations": escalations,
    })
}

/// Add `relatedLocations` (the `.tf` block of each resource, from `--config`) to a SARIF log.
fn sarif_with_sources(o: &Outcome, log: &str) -> String {
    let by_fp: BTreeMap<&str, &Escalation> = o
        .escalations
        .iter()
        .filter(|e| e.source.is_some())
        .map(|e| (e.finding.fingerprint.as_str(), e))
        .collect();
    if by_fp.is_empty() {
        return log.to_string();
    }
    let Ok(mut v) = serde_json::from_str::<Value>(log) else {
        return log.to_string();
    };
    if let Some(results) = v
        .pointer_mut("/runs/0/results")
        .and_then(Value::as_array_mut)
    {
        for r in results {
            let fp = r
                .pointer("/partialFingerprints/ironlaw~1v1")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            let Some((path, line)) = by_fp.get(fp.as_str()).and_then(|e| e.source.as_ref()) else {
                continue;
            };
            if let Some(obj) = r.as_object_mut() {
                obj.insert(
                    "relatedLocations".to_string(),
                    json!([{
                        "id": 1,
                        "message": {"text": "resource block in the Terraform configuration"},
                        "physicalLocation": {
                            "artifactLocation": {
                                "uri": report::sarif::path_to_uri(path.trim_start_matches("./")),
                                "uriBaseId": report::sarif::SRCROOT
                            },
                            "region": {"startLine": line}
                        }
                    }]),
                );
            }
        }
    }
    let mut s = serde_json::to_string_pretty(&v).unwrap_or_else(|_| log.to_string());
    s.push('\n');
    s
}

/// Write the report in `format`.
///
/// # Errors
/// When the writer fails.
pub fn write(
    o: &Outcome,
    format: Format,
    fail_on: Severity,
    color: bool,
    w: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    match format {
        Format::Text => w.write_all(text(o, fail_on, color).as_bytes()),
        Format::Markdown => w.write_all(markdown(o, fail_on).as_bytes()),
        Format::Json => {
            let mut buf = Vec::new();
            with_report(o, fail_on, |r| report::json::write(r, &mut buf))?;
            // splice the plan member in before the closing brace
            let text = String::from_utf8_lossy(&buf);
            let body = text
                .trim_end()
                .strip_suffix('}')
                .unwrap_or(&text)
                .trim_end();
            let plan = serde_json::to_string_pretty(&plan_json(o)).unwrap_or_default();
            let plan = plan.replace('\n', "\n  ");
            write!(w, "{body},\n  \"plan\": {plan}\n}}\n")
        }
        Format::Sarif => {
            let log = with_report(o, fail_on, report::sarif::render);
            w.write_all(sarif_with_sources(o, &log).as_bytes())
        }
        other => with_report(o, fail_on, |r| {
            report::write(
                other,
                r,
                RenderOptions {
                    color: false,
                    quiet: false,
                },
                w,
            )
        }),
    }
}
