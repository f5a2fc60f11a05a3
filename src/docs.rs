//! Rule documentation generated from metadata: `ironlaw explain` and `docs/rules/`.

use std::fmt::Write as _;

use crate::rules::{RuleMeta, registry};

/// Plain-text documentation of one rule.
#[must_use]
pub fn explain_text(m: &RuleMeta) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{} {} — {}", m.id, m.name, m.title);
    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "Severity:   {} (confidence {})",
        m.severity,
        m.confidence.as_str()
    );
    let _ = writeln!(s, "Family:     {}", m.family.as_str());
    let _ = writeln!(s, "Checklist:  {}", checklist_line(m));
    if !m.equivalents.is_empty() {
        let _ = writeln!(s, "Same as:    {}", m.equivalents.join(", "));
    }
    let _ = writeln!(s);
    let _ = writeln!(s, "Why it matters");
    let _ = writeln!(s, "  {}", m.rationale);
    let _ = writeln!(s);
    let _ = writeln!(s, "How to fix");
    let _ = writeln!(s, "  {}", m.remediation);
    if !m.references.is_empty() {
        let _ = writeln!(s);
        let _ = writeln!(s, "References");
        for r in m.references {
            let _ = writeln!(s, "  {r}");
        }
    }
    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "Suppress with `# ironlaw:ignore[{}] <reason>` on or above the line.",
        m.id
    );
    s
}

fn checklist_line(m: &RuleMeta) -> String {
    match m.checklist.number() {
        0 => m.checklist.title().to_string(),
        n => format!("#{n} {}", m.checklist.title()),
    }
}

/// Markdown reference of every rule (the content of `docs/rules.md`).
#[must_use]
pub fn rules_markdown() -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# ironlaw rules\n");
    let _ = writeln!(
        s,
        "Generated from rule metadata by `ironlaw rules --format markdown`; do not edit by hand.\n"
    );
    let _ = writeln!(s, "| id | name | severity | checklist | same as |");
    let _ = writeln!(s, "|---|---|---|---|---|");
    for m in registry().metas() {
        let _ = writeln!(
            s,
            "| [{id}](#{lid}) | `{name}` | {sev} | {box_} | {eq} |",
            id = m.id,
            lid = format!("{}-{}", m.id, m.name).to_ascii_lowercase(),
            name = m.name,
            sev = m.severity,
            box_ = checklist_line(m),
            eq = m.equivalents.join(", ")
        );
    }
    for m in registry().metas() {
        let _ = writeln!(s, "\n## {} {}\n", m.id, m.name);
        let _ = writeln!(
            s,
            "**{}** — severity {}, confidence {}, checklist {}.\n",
            m.title,
            m.severity,
            m.confidence.as_str(),
            checklist_line(m)
        );
        let _ = writeln!(s, "{}\n", m.rationale);
        let _ = writeln!(s, "**Fix:** {}\n", m.remediation);
        if !m.equivalents.is_empty() {
            let _ = writeln!(
                s,
                "**Same as:** {}\n",
                m.equivalents
                    .iter()
                    .map(|e| format!("`{e}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
        for r in m.references {
            let _ = writeln!(s, "- <{r}>");
        }
    }
    s
}
