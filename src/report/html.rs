//! A single self-contained static HTML page: inline CSS, no scripts, no external assets.
//! Every piece of scanned or user-controlled text goes through [`escape`].

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::Report;
use crate::discover::ArtifactKind;
use crate::finding::{Finding, Severity};

/// Escape text for HTML element content and quoted attribute values.
#[must_use]
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Escape metadata prose, turning `` `code` `` spans into `<code>` elements.
fn prose(s: &str) -> String {
    let mut out = String::new();
    for (i, part) in s.split('`').enumerate() {
        if i % 2 == 1 {
            let _ = write!(out, "<code>{}</code>", escape(part));
        } else {
            out.push_str(&escape(part));
        }
    }
    out
}

/// Longest code frame shown per finding.
const MAX_SNIPPET_LINES: usize = 12;

const CSS: &str = r#"
:root{--fg:#1f2328;--muted:#59636e;--bg:#fff;--line:#d1d9e0;--code:#f6f8fa;--hl:#fff8c5;
--critical:#82071e;--high:#bc4c00;--medium:#9a6700;--low:#0969da;--info:#59636e}
*{box-sizing:border-box}
body{font:14px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI",Helvetica,Arial,sans-serif;
color:var(--fg);background:var(--bg);margin:0 auto;max-width:1100px;padding:24px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:32px 0 8px;border-bottom:1px solid var(--line)}
.meta,.muted{color:var(--muted)}
.verdict{font-weight:600;margin:8px 0}.fail{color:var(--critical)}.pass{color:#1a7f37}
.warn{border:1px solid var(--high);background:#fff1e5;padding:8px 12px;border-radius:6px}
.counts{display:flex;gap:8px;flex-wrap:wrap;margin:16px 0}
.count{border:1px solid var(--line);border-radius:6px;padding:8px 14px;min-width:96px}
.count b{display:block;font-size:22px}
.sev{display:inline-block;border-radius:10px;padding:0 8px;color:#fff;font-size:12px;font-weight:600}
.sev-critical{background:var(--critical)}.sev-high{background:var(--high)}
.sev-medium{background:var(--medium)}.sev-low{background:var(--low)}.sev-info{background:var(--info)}
.finding{border:1px solid var(--line);border-radius:6px;margin:12px 0;padding:10px 14px}
.finding h3{font-size:14px;margin:0 0 4px}
.loc{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;color:var(--muted)}
pre{background:var(--code);border-radius:6px;padding:8px 0;overflow-x:auto;margin:8px 0}
pre .ln{display:inline-block;width:4em;padding-right:1em;text-align:right;color:var(--muted);user-select:none}
pre .l{display:block;padding-right:12px}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px}
details{margin-top:6px}
table{border-collapse:collapse}td,th{border:1px solid var(--line);padding:4px 8px;text-align:left}
"#;

fn badge(sev: Severity) -> String {
    format!("<span class=\"sev sev-{0}\">{0}</span>", sev.as_str())
}

/// The source lines of a finding (at most [`MAX_SNIPPET_LINES`]), numbered.
fn snippet(report: &Report<'_>, f: &Finding) -> Option<String> {
    let text = report.sources.get(&f.path)?;
    let first = f.start.line.max(1);
    let last = f.end.line.max(first).min(first + MAX_SNIPPET_LINES - 1);
    let mut out = String::from("<pre>");
    let mut any = false;
    for (i, l) in text
        .lines()
        .enumerate()
        .skip(first - 1)
        .take(last - first + 1)
    {
        any = true;
        let _ = write!(
            out,
            "<span class=\"l\"><span class=\"ln\">{}</span>{}</span>",
            i + 1,
            escape(l)
        );
    }
    out.push_str("</pre>");
    any.then_some(out)
}

fn finding(out: &mut String, report: &Report<'_>, f: &Finding) {
    let _ = write!(
        out,
        "<div class=\"finding\" id=\"{}\"><h3>{} <a href=\"#rule-{}\">{}</a> {} <span class=\"loc\">{}:{}:{}</span></h3><div>{}</div>",
        escape(&f.fingerprint),
        badge(f.severity),
        escape(f.rule.id),
        escape(f.rule.id),
        escape(f.rule.name),
        escape(&f.path),
        f.start.line,
        f.start.column,
        prose(&f.message)
    );
    if let Some(s) = &f.suppressed {
        let reason = s
            .reason
            .as_deref()
            .filter(|r| !s.source.contains(r))
            .map(|r| format!(" — {}", escape(r)))
            .unwrap_or_default();
        let _ = write!(
            out,
            "<div class=\"muted\">suppressed ({}): <code>{}</code>{reason}</div>",
            escape(s.kind),
            escape(&s.source),
        );
    }
    if let Some(code) = snippet(report, f) {
        out.push_str(&code);
    }
    let _ = writeln!(
        out,
        "<div class=\"muted\">{} · <a href=\"#rule-{}\">why and how to fix</a></div></div>",
        prose(f.rule.title),
        escape(f.rule.id)
    );
}

fn group(out: &mut String, report: &Report<'_>, findings: &[Finding]) {
    let mut by_file: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
    for f in findings {
        by_file.entry(&f.path).or_default().push(f);
    }
    for (path, fs) in by_file {
        let _ = writeln!(
            out,
            "<h3><code>{}</code> <span class=\"muted\">({} finding(s))</span></h3>",
            escape(path),
            fs.len()
        );
        for f in fs {
            finding(out, report, f);
        }
    }
}

/// Render the HTML page.
#[must_use]
pub fn render(report: &Report<'_>) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<title>ironlaw report: {}</title>\n<style>{CSS}</style>\n</head>\n<body>\n",
        escape(&report.root)
    );
    let _ = writeln!(
        out,
        "<h1>ironlaw report</h1>\n<div class=\"meta\">ironlaw {} · scanned <code>{}</code></div>",
        escape(report.tool_version),
        escape(&report.root)
    );
    if report.files_checked() == 0 {
        out.push_str("<p class=\"warn\"><b>No files were checked.</b> Nothing ironlaw knows how to check was found under the scanned path.</p>\n");
    }
    if report.failing() {
        let _ = writeln!(
            out,
            "<p class=\"verdict fail\">Failing: findings at or above {}.</p>",
            escape(report.fail_on.as_str())
        );
    } else {
        let _ = writeln!(
            out,
            "<p class=\"verdict pass\">Passing: no findings at or above {}.</p>",
            escape(report.fail_on.as_str())
        );
    }
    let counts = report.counts();
    out.push_str("<div class=\"counts\">");
    for sev in Severity::ALL {
        let _ = write!(
            out,
            "<div class=\"count\"><b>{}</b>{}</div>",
            counts.get(&sev).copied().unwrap_or(0),
            badge(sev)
        );
    }
    let _ = writeln!(
        out,
        "<div class=\"count\"><b>{}</b>suppressed</div><div class=\"count\"><b>{}</b>baselined</div></div>",
        report.suppressed.len(),
        report.baselined
    );

    // coverage
    out.push_str("<table><tr><th>Kind</th><th>Found</th><th>Checked</th><th>Parse errors</th><th>Skipped</th></tr>\n");
    for kind in ArtifactKind::ALL {
        let k = report
            .coverage
            .kinds
            .get(&kind)
            .cloned()
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(kind.label()),
            k.found,
            k.parsed + k.parse_errors,
            k.parse_errors,
            k.skipped
        );
    }
    out.push_str("</table>\n");
    let sec = &report.coverage.secrets;
    if sec.scanned > 0 || sec.by_name_only > 0 {
        let _ = writeln!(
            out,
            "<p class=\"muted\">Scanned {} file(s) for secrets ({} checked by name only).</p>",
            sec.scanned, sec.by_name_only
        );
    }

    out.push_str("<h2>Findings</h2>\n");
    if report.findings.is_empty() {
        out.push_str("<p class=\"muted\">No findings.</p>\n");
    }
    group(&mut out, report, report.findings);

    if !report.suppressed.is_empty() {
        let _ = writeln!(
            out,
            "<h2>Suppressed findings</h2>\n<details><summary>{} suppressed finding(s)</summary>",
            report.suppressed.len()
        );
        group(&mut out, report, report.suppressed);
        out.push_str("</details>\n");
    }

    if !report.coverage.skipped.is_empty() {
        out.push_str(
            "<h2>Skipped files</h2>\n<table><tr><th>Path</th><th>Reason</th><th>Detail</th></tr>\n",
        );
        for s in &report.coverage.skipped {
            let _ = writeln!(
                out,
                "<tr><td><code>{}</code></td><td>{}</td><td>{}</td></tr>",
                escape(&s.path),
                escape(s.reason.as_str()),
                escape(&s.detail)
            );
        }
        out.push_str("</table>\n");
    }

    // rule reference for the rules that fired
    let mut rules: BTreeMap<&str, &crate::rules::RuleMeta> = BTreeMap::new();
    for f in report.findings.iter().chain(report.suppressed) {
        rules.insert(f.rule.id, f.rule);
    }
    if !rules.is_empty() {
        out.push_str("<h2>Rules</h2>\n");
        for (id, r) in rules {
            let _ = write!(
                out,
                "<div class=\"finding\" id=\"rule-{}\"><h3>{} {} — {}</h3><p>{}</p><p><b>Fix:</b> {}</p>",
                escape(id),
                escape(id),
                escape(r.name),
                prose(r.title),
                prose(r.rationale),
                prose(r.remediation)
            );
            if !r.equivalents.is_empty() {
                let eq: Vec<String> = r
                    .equivalents
                    .iter()
                    .map(|e| format!("<code>{}</code>", escape(e)))
                    .collect();
                let _ = write!(
                    out,
                    "<p class=\"muted\">Equivalent checks: {}</p>",
                    eq.join(", ")
                );
            }
            for link in r.references {
                let _ = write!(
                    out,
                    "<p><a href=\"{0}\" rel=\"noreferrer\">{0}</a></p>",
                    escape(link)
                );
            }
            out.push_str("</div>\n");
        }
    }
    out.push_str("</body>\n</html>\n");
    out
}
