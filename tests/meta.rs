//! Meta-tests over rule metadata and generated docs.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::collections::BTreeSet;

use ironlaw::rules::registry;

const PEERS: &[&str] = &[
    "hadolint",
    "checkov",
    "trivy",
    "kics",
    "kube-linter",
    "zizmor",
    "gitleaks",
    "tfsec",
    "actionlint",
    "polaris",
    "kube-score",
    "tflint",
];

#[test]
fn ids_and_names_are_unique_and_well_formed() {
    let mut ids = BTreeSet::new();
    let mut names = BTreeSet::new();
    for m in registry().metas() {
        assert!(ids.insert(m.id), "duplicate id {}", m.id);
        assert!(names.insert(m.name), "duplicate name {}", m.name);
        let (prefix, num) = m.id.split_at(m.id.len().saturating_sub(3));
        assert!(
            ["DF", "K8S", "DC", "TF", "IL", "CI", "PLAN", "SEC"].contains(&prefix),
            "{}: unknown family prefix",
            m.id
        );
        assert_eq!(num.len(), 3, "{}: id must be prefix + 3 digits", m.id);
        assert!(num.chars().all(|c| c.is_ascii_digit()), "{}", m.id);
        assert!(
            m.name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                && !m.name.starts_with('-')
                && !m.name.ends_with('-')
                && !m.name.contains("--"),
            "{}: name `{}` is not kebab-case",
            m.id,
            m.name
        );
        assert!(
            !m.name.starts_with("no-") && !m.name.starts_with("check-"),
            "{}: name must name the anti-pattern",
            m.id
        );
    }
}

#[test]
fn every_rule_is_documented() {
    for m in registry().metas() {
        assert!(!m.title.is_empty(), "{}: title", m.id);
        assert!(m.rationale.len() >= 40, "{}: rationale too short", m.id);
        assert!(m.remediation.len() >= 20, "{}: remediation too short", m.id);
        assert!(
            m.remediation.trim_end().ends_with('.'),
            "{}: remediation must end with a period",
            m.id
        );
        assert!(
            !m.title.ends_with('.'),
            "{}: title must not end with a period",
            m.id
        );
        for e in m.equivalents {
            let (tool, id) = e
                .split_once(':')
                .unwrap_or_else(|| panic!("{}: equivalent `{e}` is not tool:id", m.id));
            assert!(
                PEERS.contains(&tool),
                "{}: unknown peer tool `{tool}`",
                m.id
            );
            assert!(!id.is_empty(), "{}: empty peer id", m.id);
        }
        for r in m.references {
            assert!(
                r.starts_with("https://"),
                "{}: reference `{r}` is not an https URL",
                m.id
            );
        }
    }
}

#[test]
fn generated_rules_reference_is_current() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
    let expected = ironlaw::docs::rules_markdown();
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    if actual != expected {
        if std::env::var_os("IRONLAW_UPDATE_DOCS").is_some() {
            std::fs::write(&path, expected).unwrap();
        } else {
            panic!(
                "docs/rules.md is stale: run `IRONLAW_UPDATE_DOCS=1 cargo test --test meta` (or `ironlaw rules --format markdown > docs/rules.md`)"
            );
        }
    }
}
