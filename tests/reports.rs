//! Every report format, rendered from real findings (the engine run on small Dockerfiles),
//! checked for the properties its consumers rely on, and snapshotted.

// Test code: a failed lookup should fail the test loudly (STYLE.md §5 denies these only
// outside tests).
#![allow(
    clippy::indexing_slicing,
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used
)]

use std::collections::BTreeMap;
use std::path::Path;

use ironlaw::discover::{ArtifactKind, Coverage, KindCoverage, SkipReason, Skipped};
use ironlaw::engine::{RuleSelection, check_text};
use ironlaw::finding::{Finding, Severity};
use ironlaw::report::{self, Format, RenderOptions, Report};
use ironlaw::rules::registry;
use serde_json::Value;

const VERSION: &str = "0.0.0-test";

const MAIN: &str = "\
# syntax=docker/dockerfile:1
FROM ubuntu
RUN echo hi
# ironlaw:ignore[DF001] builder image, pinned by the CI cache
FROM node:latest AS build
FROM alpine:latest
";

const BROKEN: &str = "FROM debian:12\nFOO bar\n";

/// The rules these reports are built with (fixed, so new rules elsewhere do not change them).
fn selection() -> RuleSelection {
    RuleSelection::only(&["DF001", "IL"])
}

fn fixed_rules() -> &'static [&'static ironlaw::rules::RuleMeta] {
    static RULES: std::sync::LazyLock<Vec<&'static ironlaw::rules::RuleMeta>> =
        std::sync::LazyLock::new(|| {
            registry()
                .metas()
                .iter()
                .copied()
                .filter(|m| selection().enabled(m))
                .collect()
        });
    &RULES
}

/// Findings, suppressed findings, coverage and sources of a two-file scan.
struct Scan {
    findings: Vec<Finding>,
    suppressed: Vec<Finding>,
    coverage: Coverage,
    sources: BTreeMap<String, String>,
}

impl Scan {
    fn new() -> Self {
        // a fixed rule set, so adding rules elsewhere does not change these reports
        let all = selection();
        let mut findings = Vec::new();
        let mut suppressed = Vec::new();
        let mut sources = BTreeMap::new();
        for (path, text) in [("Dockerfile", MAIN), ("services/api/Dockerfile", BROKEN)] {
            let out = check_text(path, text, ArtifactKind::Dockerfile, &all);
            findings.extend(out.findings);
            suppressed.extend(out.suppressed);
            sources.insert(path.to_string(), text.to_string());
        }
        findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        let coverage = Coverage {
            files_walked: 5,
            kinds: BTreeMap::from([(
                ArtifactKind::Dockerfile,
                KindCoverage {
                    found: 3,
                    parsed: 1,
                    parse_errors: 1,
                    skipped: 1,
                },
            )]),
            skipped: vec![Skipped {
                path: "vendor/big/Dockerfile".into(),
                kind: Some(ArtifactKind::Dockerfile),
                reason: SkipReason::TooLarge,
                detail: "6291456 bytes > limit of 5242880 bytes".into(),
            }],
            rendered: Vec::new(),
            secrets: ironlaw::discover::SecretsCoverage::default(),
            history: None,
        };
        Self {
            findings,
            suppressed,
            coverage,
            sources,
        }
    }

    /// A scan with no findings at all and nothing checked.
    fn empty() -> Self {
        Self {
            findings: Vec::new(),
            suppressed: Vec::new(),
            coverage: Coverage::default(),
            sources: BTreeMap::new(),
        }
    }

    fn report(&self) -> Report<'_> {
        Report {
            tool_version: VERSION,
            root: ".".into(),
            findings: &self.findings,
            suppressed: &self.suppressed,
            baselined: 2,
            coverage: &self.coverage,
            rules: fixed_rules(),
            fail_on: Severity::High,
            sources: &self.sources,
            path_prefix: String::new(),
        }
    }
}

/// A finding whose path and message hold every character some format must escape.
fn hostile(base: &Finding) -> Finding {
    let mut f = base.clone();
    f.path = "odd dir/a,b:c%d.Dockerfile".into();
    f.message = "x | `y` <script>alert(1)</script> 100%,\r\nnext: line".into();
    f.fingerprint = "hostile".into();
    f
}

fn render(format: Format, r: &Report<'_>) -> String {
    report::render(format, r, RenderOptions::default())
}

fn json_of(s: &str) -> Value {
    match serde_json::from_str(s) {
        Ok(v) => v,
        Err(e) => panic!("not JSON ({e}):\n{s}"),
    }
}

#[test]
fn the_scan_has_the_findings_the_tests_rely_on() {
    let scan = Scan::new();
    let ids: Vec<(&str, &str, usize)> = scan
        .findings
        .iter()
        .map(|f| (f.path.as_str(), f.rule.id, f.start.line))
        .collect();
    assert!(ids.contains(&("Dockerfile", "DF001", 2)), "{ids:?}");
    assert!(ids.contains(&("Dockerfile", "DF001", 6)), "{ids:?}");
    assert!(
        ids.iter()
            .any(|(p, id, _)| *p == "services/api/Dockerfile" && *id == "IL001"),
        "{ids:?}"
    );
    assert_eq!(scan.suppressed.len(), 1);
    assert_eq!(scan.suppressed[0].start.line, 5);
}

#[test]
fn every_format_is_deterministic_and_free_of_absolute_paths() {
    let scan = Scan::new();
    let r = scan.report();
    let abs = env!("CARGO_MANIFEST_DIR");
    for format in [
        Format::Json,
        Format::Sarif,
        Format::Junit,
        Format::Github,
        Format::Gitlab,
        Format::Markdown,
        Format::Html,
    ] {
        let a = render(format, &r);
        let b = render(format, &Scan::new().report());
        assert_eq!(a, b, "{format:?} differs between runs");
        assert!(!a.is_empty(), "{format:?} is empty");
        assert!(!a.contains(abs), "{format:?} leaks an absolute path");
    }
}

// ---------------------------------------------------------------- json

#[test]
fn json_report_shape() {
    let scan = Scan::new();
    let v = json_of(&render(Format::Json, &scan.report()));
    assert_eq!(v["version"], 1);
    assert_eq!(v["tool"]["name"], "ironlaw");
    assert_eq!(v["tool"]["version"], VERSION);
    assert_eq!(v["root"], ".");

    let s = &v["summary"];
    for sev in ["critical", "high", "medium", "low", "info"] {
        assert!(s["by_severity"][sev].is_u64(), "by_severity.{sev} missing");
    }
    assert_eq!(s["by_severity"]["medium"], 2);
    assert_eq!(s["by_severity"]["high"], 1);
    assert_eq!(s["findings"], 3);
    assert_eq!(s["suppressed"], 1);
    assert_eq!(s["baselined"], 2);
    assert_eq!(s["files_checked"], 2);
    assert_eq!(s["fail_on"], "high");
    assert_eq!(s["failing"], true);

    let c = &v["coverage"];
    assert_eq!(c["files_walked"], 5);
    assert_eq!(c["kinds"]["dockerfile"]["found"], 3);
    assert_eq!(c["kinds"]["dockerfile"]["parse_errors"], 1);
    assert_eq!(c["skipped"][0]["path"], "vendor/big/Dockerfile");
    assert_eq!(c["skipped"][0]["kind"], "dockerfile");
    assert_eq!(c["skipped"][0]["reason"], "too-large");

    let findings = v["findings"].as_array().cloned().unwrap_or_default();
    assert_eq!(findings.len(), 3);
    let f = &findings[0];
    assert_eq!(f["rule_id"], "DF001");
    assert_eq!(f["rule_name"], "image-uses-latest-tag");
    assert!(f["title"].is_string());
    assert_eq!(f["family"], "dockerfile");
    assert_eq!(f["severity"], "medium");
    assert_eq!(f["confidence"], "high");
    assert!(f["message"].as_str().is_some_and(|m| m.contains("ubuntu")));
    assert_eq!(f["path"], "Dockerfile");
    assert_eq!(f["start"]["line"], 2);
    assert_eq!(f["start"]["column"], 6);
    assert_eq!(f["end"]["line"], 2);
    assert_eq!(f["end"]["column"], 12);
    assert!(f["fingerprint"].as_str().is_some_and(|s| s.len() >= 16));
    assert_eq!(f["checklist"], "image-hygiene");
    assert_eq!(f["checklist_box"], 3);
    let eq = f["equivalents"].as_array().cloned().unwrap_or_default();
    assert!(eq.iter().any(|e| e == "hadolint:DL3007"));
    assert!(
        eq.iter()
            .all(|e| e.as_str().is_some_and(|s| s.contains(':')))
    );
    assert!(f["suppressed"].is_null());
    for f in &findings {
        assert!(
            ["critical", "high", "medium", "low", "info"]
                .contains(&f["severity"].as_str().unwrap_or("")),
            "{f}"
        );
    }

    let sup = v["suppressed_findings"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(sup.len(), 1);
    assert_eq!(sup[0]["rule_id"], "DF001");
    assert_eq!(sup[0]["suppressed"]["kind"], "inline");
    assert_eq!(
        sup[0]["suppressed"]["reason"],
        "builder image, pinned by the CI cache"
    );
    assert!(sup[0]["suppressed"]["source"].is_string());
}

#[test]
fn json_empty_scan_keeps_every_key() {
    let scan = Scan::empty();
    let v = json_of(&render(Format::Json, &scan.report()));
    for sev in ["critical", "high", "medium", "low", "info"] {
        assert_eq!(v["summary"]["by_severity"][sev], 0);
    }
    assert_eq!(v["summary"]["failing"], false);
    assert_eq!(v["coverage"]["kinds"]["dockerfile"]["found"], 0);
    assert_eq!(v["findings"], Value::Array(vec![]));
    assert_eq!(v["suppressed_findings"], Value::Array(vec![]));
}

#[test]
fn json_snapshot() {
    let scan = Scan::new();
    insta::assert_snapshot!(render(Format::Json, &scan.report()));
}

// ---------------------------------------------------------------- sarif

/// The vendored official schema (see tests/schemas/README.md). The published errata01 file
/// has a language-tag pattern that is not a valid regex; the copy we vendor carries the
/// OASIS TC's fix. Patch defensively so a re-vendored errata01 file still compiles.
fn sarif_validator() -> jsonschema::Validator {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemas/sarif-schema-2.1.0.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
        .replace(
            r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#,
            r#""^[a-zA-Z]{2}(-[a-zA-Z]{2})?$""#,
        );
    let schema = json_of(&text);
    match jsonschema::options()
        .with_draft(jsonschema::Draft::Draft4)
        .should_validate_formats(true)
        .build(&schema)
    {
        Ok(v) => v,
        Err(e) => panic!("SARIF schema does not compile: {e}"),
    }
}

fn assert_valid_sarif(validator: &jsonschema::Validator, v: &Value) {
    let errors: Vec<String> = validator
        .iter_errors(v)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "invalid SARIF:\n{}", errors.join("\n"));
}

#[test]
fn sarif_validates_against_the_official_schema() {
    let validator = sarif_validator();
    let scan = Scan::new();
    assert_valid_sarif(&validator, &json_of(&render(Format::Sarif, &scan.report())));
    assert_valid_sarif(
        &validator,
        &json_of(&render(Format::Sarif, &Scan::empty().report())),
    );

    // hostile paths and messages are still valid (uri is percent-encoded)
    let mut odd = Scan::new();
    let h = hostile(&odd.findings[0]);
    odd.findings.push(h);
    let v = json_of(&render(Format::Sarif, &odd.report()));
    assert_valid_sarif(&validator, &v);
    let uris: Vec<&str> = v["runs"][0]["results"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str())
        .collect();
    assert!(
        uris.contains(&"odd%20dir/a,b%3Ac%25d.Dockerfile"),
        "{uris:?}"
    );
}

#[test]
fn sarif_validator_rejects_broken_logs() {
    let validator = sarif_validator();
    let scan = Scan::new();
    let good = json_of(&render(Format::Sarif, &scan.report()));
    assert!(validator.is_valid(&good));

    let mut fatal = good.clone();
    fatal["runs"][0]["results"][0]["level"] = Value::from("fatal");
    assert!(!validator.is_valid(&fatal), "level \"fatal\" accepted");

    let mut no_message = good.clone();
    if let Some(r) = no_message["runs"][0]["results"][0].as_object_mut() {
        r.remove("message");
    }
    assert!(
        !validator.is_valid(&no_message),
        "result without message accepted"
    );

    let mut line_zero = good;
    line_zero["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        Value::from(0);
    assert!(!validator.is_valid(&line_zero), "startLine 0 accepted");
}

#[test]
fn sarif_content() {
    let scan = Scan::new();
    let v = json_of(&render(Format::Sarif, &scan.report()));
    assert_eq!(v["version"], "2.1.0");
    let runs = v["runs"].as_array().cloned().unwrap_or_default();
    assert_eq!(runs.len(), 1);
    let run = &runs[0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    assert!(run["originalUriBaseIds"]["%SRCROOT%"].is_object());

    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "ironlaw");
    assert_eq!(driver["version"], VERSION);
    assert_eq!(driver["semanticVersion"], VERSION);
    let rules = driver["rules"].as_array().cloned().unwrap_or_default();
    assert_eq!(rules.len(), fixed_rules().len());
    let df001 = rules
        .iter()
        .find(|r| r["id"] == "DF001")
        .cloned()
        .unwrap_or_default();
    assert_eq!(df001["name"], "image-uses-latest-tag");
    assert!(df001["shortDescription"]["text"].is_string());
    assert!(df001["fullDescription"]["text"].is_string());
    let md = df001["help"]["markdown"].as_str().unwrap_or("");
    assert!(
        md.contains("**Fix:**") && md.contains("`hadolint:DL3007`"),
        "{md}"
    );
    assert!(df001["help"]["text"].is_string());
    assert_eq!(
        df001["helpUri"],
        "https://docs.docker.com/build/building/best-practices/#from"
    );
    assert_eq!(df001["defaultConfiguration"]["level"], "warning");
    assert_eq!(df001["properties"]["security-severity"], "5.5");
    assert_eq!(df001["properties"]["precision"], "high");
    let tags = df001["properties"]["tags"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    for t in ["dockerfile", "image-hygiene", "security"] {
        assert!(tags.iter().any(|x| x == t), "tag {t} missing: {tags:?}");
    }
    let il001 = rules
        .iter()
        .find(|r| r["id"] == "IL001")
        .cloned()
        .unwrap_or_default();
    assert_eq!(il001["properties"]["security-severity"], "8.0");
    assert_eq!(il001["defaultConfiguration"]["level"], "error");

    let results = run["results"].as_array().cloned().unwrap_or_default();
    assert_eq!(results.len(), 4, "3 reported + 1 suppressed");
    for r in &results {
        let idx = r["ruleIndex"].as_u64().unwrap_or(u64::MAX) as usize;
        assert_eq!(rules[idx]["id"], r["ruleId"], "ruleIndex points elsewhere");
        let loc = &r["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        assert!(r["partialFingerprints"]["ironlaw/v1"].is_string());
        assert!(r["properties"]["severity"].is_string());
    }
    let first = &results[0];
    assert_eq!(first["ruleId"], "DF001");
    assert_eq!(first["level"], "warning");
    let region = &first["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startLine"], 2);
    assert_eq!(region["startColumn"], 6);
    assert_eq!(region["endColumn"], 12);
    assert_eq!(region["snippet"]["text"], "ubuntu");
    assert!(first.get("suppressions").is_none());

    let suppressed: Vec<&Value> = results
        .iter()
        .filter(|r| r.get("suppressions").is_some())
        .collect();
    assert_eq!(suppressed.len(), 1);
    assert_eq!(suppressed[0]["suppressions"][0]["kind"], "inSource");
    assert!(
        suppressed[0]["suppressions"][0]["justification"]
            .as_str()
            .is_some_and(|j| j.contains("builder image"))
    );
    let il = results
        .iter()
        .find(|r| r["ruleId"] == "IL001")
        .cloned()
        .unwrap_or_default();
    assert_eq!(il["level"], "error");

    // skipped files become tool execution notifications
    let notes = &run["invocations"][0]["toolExecutionNotifications"];
    assert_eq!(
        notes[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "vendor/big/Dockerfile"
    );
}

#[test]
fn sarif_suppression_kinds() {
    let mut scan = Scan::new();
    if let Some(s) = scan.suppressed[0].suppressed.as_mut() {
        s.kind = "config";
        s.reason = None;
    }
    let v = json_of(&render(Format::Sarif, &scan.report()));
    let results = v["runs"][0]["results"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let sup = results
        .iter()
        .find(|r| r.get("suppressions").is_some())
        .cloned()
        .unwrap_or_default();
    assert_eq!(sup["suppressions"][0]["kind"], "external");
    assert_valid_sarif(&sarif_validator(), &v);
}

#[test]
fn sarif_snapshot() {
    let scan = Scan::new();
    insta::assert_snapshot!(render(Format::Sarif, &scan.report()));
}

// ---------------------------------------------------------------- github

#[test]
fn github_one_command_per_finding() {
    let scan = Scan::new();
    let out = render(Format::Github, &scan.report());
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), scan.findings.len());
    assert_eq!(
        lines[0],
        format!(
            "::warning file=Dockerfile,line=2,col=6,endLine=2,endColumn=12,title=DF001 image-uses-latest-tag::{}",
            scan.findings[0].message
        )
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("::error file=services/api/Dockerfile,line=2,")),
        "{out}"
    );
    for l in &lines {
        assert!(
            l.starts_with("::error ") || l.starts_with("::warning ") || l.starts_with("::notice "),
            "{l}"
        );
    }
}

#[test]
fn github_escaping() {
    let scan = Scan::new();
    let mut findings = vec![hostile(&scan.findings[0])];
    findings[0].severity = Severity::Low;
    let r = Report {
        findings: &findings,
        ..scan.report()
    };
    let out = render(Format::Github, &r);
    assert_eq!(
        out,
        "::notice file=odd dir/a%2Cb%3Ac%25d.Dockerfile,line=2,col=6,endLine=2,endColumn=12,\
title=DF001 image-uses-latest-tag::x | `y` <script>alert(1)</script> 100%25,%0D%0Anext: line\n"
    );
    assert_eq!(out.lines().count(), 1);
    assert_eq!(
        ironlaw::report::github::escape_property("a:b,c%\n"),
        "a%3Ab%2Cc%25%0A"
    );
}

#[test]
fn github_multiline_findings_drop_columns() {
    let scan = Scan::new();
    let mut f = scan.findings[0].clone();
    f.end.line = 4;
    let findings = [f];
    let r = Report {
        findings: &findings,
        ..scan.report()
    };
    let out = render(Format::Github, &r);
    assert!(
        out.starts_with("::warning file=Dockerfile,line=2,endLine=4,title="),
        "{out}"
    );
}

#[test]
fn github_snapshot() {
    let scan = Scan::new();
    insta::assert_snapshot!(render(Format::Github, &scan.report()));
}

// ---------------------------------------------------------------- junit

#[test]
fn junit_suites_and_cases() {
    let scan = Scan::new();
    let xml = render(Format::Junit, &scan.report());
    assert!(xml.starts_with("<?xml"), "{xml}");
    let parsed = match quick_junit::Report::deserialize_from_str(&xml) {
        Ok(r) => r,
        Err(e) => panic!("JUnit does not parse back: {e}\n{xml}"),
    };
    assert_eq!(parsed.name.as_ref().map(|n| n.as_str()), Some("ironlaw"));
    let names: Vec<&str> = parsed.test_suites.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Dockerfile", "services/api/Dockerfile"]);
    assert_eq!(parsed.tests, 4);
    assert_eq!(parsed.failures, 3);

    let df = &parsed.test_suites[0];
    assert_eq!(df.tests, 3);
    assert_eq!(df.failures, 2);
    let skipped = df
        .test_cases
        .iter()
        .filter(|c| matches!(c.status, quick_junit::TestCaseStatus::Skipped { .. }))
        .count();
    assert_eq!(skipped, 1, "the suppressed finding is a skipped case");
    let case = &df.test_cases[0];
    assert_eq!(case.name.as_str(), "DF001 image-uses-latest-tag at line 2");
    assert_eq!(case.classname.as_ref().map(|c| c.as_str()), Some("DF001"));
    match &case.status {
        quick_junit::TestCaseStatus::NonSuccess {
            kind, message, ty, ..
        } => {
            assert_eq!(*kind, quick_junit::NonSuccessKind::Failure);
            assert!(
                message
                    .as_ref()
                    .is_some_and(|m| m.as_str().contains("ubuntu"))
            );
            assert_eq!(ty.as_ref().map(|t| t.as_str()), Some("medium"));
        }
        other => panic!("expected a failure, got {other:?}"),
    }
    assert!(!xml.contains("timestamp="), "no timestamps");
}

#[test]
fn junit_escapes_hostile_text() {
    let scan = Scan::new();
    let findings = vec![hostile(&scan.findings[0])];
    let r = Report {
        findings: &findings,
        ..scan.report()
    };
    let xml = render(Format::Junit, &r);
    assert!(!xml.contains("<script>"), "{xml}");
    let parsed = quick_junit::Report::deserialize_from_str(&xml);
    assert!(parsed.is_ok(), "{xml}");
}

#[test]
fn junit_without_findings_has_a_passing_case() {
    let scan = Scan::empty();
    let xml = render(Format::Junit, &scan.report());
    let parsed = match quick_junit::Report::deserialize_from_str(&xml) {
        Ok(r) => r,
        Err(e) => panic!("{e}\n{xml}"),
    };
    assert_eq!(parsed.test_suites.len(), 1);
    let suite = &parsed.test_suites[0];
    assert_eq!(suite.name.as_str(), "ironlaw");
    assert_eq!(suite.tests, 1);
    assert_eq!(suite.failures, 0);
    assert!(matches!(
        suite.test_cases[0].status,
        quick_junit::TestCaseStatus::Success { .. }
    ));
}

// ---------------------------------------------------------------- gitlab

#[test]
fn gitlab_code_quality_shape() {
    let scan = Scan::new();
    let v = json_of(&render(Format::Gitlab, &scan.report()));
    let issues = v.as_array().cloned().unwrap_or_default();
    assert_eq!(
        issues.len(),
        scan.findings.len(),
        "suppressed findings are left out"
    );
    let mut fingerprints = std::collections::BTreeSet::new();
    for i in &issues {
        assert!(i["description"].is_string());
        assert!(i["check_name"].is_string());
        assert!(fingerprints.insert(i["fingerprint"].as_str().unwrap_or("").to_string()));
        assert!(
            ["info", "minor", "major", "critical", "blocker"]
                .contains(&i["severity"].as_str().unwrap_or("")),
            "{i}"
        );
        assert!(i["location"]["path"].is_string());
        assert!(
            i["location"]["lines"]["begin"]
                .as_u64()
                .is_some_and(|l| l >= 1)
        );
    }
    assert_eq!(issues[0]["check_name"], "DF001");
    assert_eq!(issues[0]["severity"], "major");
    assert_eq!(issues[0]["location"]["path"], "Dockerfile");
    assert_eq!(issues[0]["location"]["lines"]["begin"], 2);
    let il = issues
        .iter()
        .find(|i| i["check_name"] == "IL001")
        .cloned()
        .unwrap_or_default();
    assert_eq!(il["severity"], "critical");

    assert_eq!(render(Format::Gitlab, &Scan::empty().report()).trim(), "[]");
}

// ---------------------------------------------------------------- markdown

#[test]
fn markdown_tables() {
    let scan = Scan::new();
    let md = render(Format::Markdown, &scan.report());
    assert!(md.contains("| Severity | Count |"), "{md}");
    assert!(md.contains("| 🟨 medium | 2 |"), "{md}");
    assert!(md.contains("| 🟧 high | 1 |"), "{md}");
    assert!(md.contains("### `Dockerfile`"), "{md}");
    assert!(md.contains("### `services/api/Dockerfile`"), "{md}");
    let rows: Vec<&str> = md
        .lines()
        .filter(|l| l.starts_with("| 2 |") || l.starts_with("| 6 |"))
        .collect();
    assert_eq!(rows.len(), 3, "{md}");
    assert!(
        rows[0].contains("DF001 image\\-uses\\-latest\\-tag")
            || rows[0].contains("DF001 image-uses-latest-tag")
    );
    // every table row has the same number of (unescaped) cell separators as its header
    for l in md
        .lines()
        .filter(|l| l.starts_with("| ") && l.contains(" | "))
    {
        let cells = unescaped_pipes(l);
        assert!(cells == 3 || cells == 5, "bad row: {l}");
    }
}

fn unescaped_pipes(l: &str) -> usize {
    let mut n = 0;
    let mut prev = ' ';
    for c in l.chars() {
        if c == '|' && prev != '\\' {
            n += 1;
        }
        prev = c;
    }
    n
}

#[test]
fn markdown_escaping() {
    use ironlaw::report::markdown::{code_span, escape_cell};
    assert_eq!(escape_cell("a|b"), "a\\|b");
    assert_eq!(escape_cell("`x`"), "\\`x\\`");
    assert_eq!(escape_cell("<b>\nc"), "\\<b\\> c");
    assert_eq!(code_span("a`b"), "``a`b``");
    assert_eq!(code_span("`a"), "`` `a ``");

    let scan = Scan::new();
    let findings = vec![hostile(&scan.findings[0])];
    let r = Report {
        findings: &findings,
        ..scan.report()
    };
    let md = render(Format::Markdown, &r);
    let row = md.lines().find(|l| l.starts_with("| 2 |")).unwrap_or("");
    assert_eq!(unescaped_pipes(row), 5, "{row}");
    assert!(row.contains("x \\| \\`y\\` \\<script\\>"), "{row}");
    assert!(!md.contains("<script>"));
}

#[test]
fn markdown_warns_when_nothing_was_checked() {
    let md = render(Format::Markdown, &Scan::empty().report());
    assert!(md.contains("No files were checked"), "{md}");
    assert!(md.contains("Passing"), "{md}");
}

#[test]
fn markdown_snapshot() {
    let scan = Scan::new();
    insta::assert_snapshot!(render(Format::Markdown, &scan.report()));
}

// ---------------------------------------------------------------- html

#[test]
fn html_escape_function() {
    use ironlaw::report::html::escape;
    assert_eq!(
        escape("<script>alert('x' & \"y\")</script>"),
        "&lt;script&gt;alert(&#39;x&#39; &amp; &quot;y&quot;)&lt;/script&gt;"
    );
    assert_eq!(escape("plain ü"), "plain ü");
}

#[test]
fn html_page() {
    let scan = Scan::new();
    let mut findings = scan.findings.clone();
    findings.push(hostile(&scan.findings[0]));
    let r = Report {
        findings: &findings,
        ..scan.report()
    };
    let html = render(Format::Html, &r);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.trim_end().ends_with("</html>"));
    assert!(html.contains("<style>"));
    // self-contained: no scripts, no external stylesheets, images or fonts
    let lower = html.to_ascii_lowercase();
    for bad in ["<script", "<link", "src=", "@import", "url("] {
        assert!(!lower.contains(bad), "found {bad}");
    }
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{html}"
    );
    assert!(html.contains("odd dir/a,b:c%d.Dockerfile"));
    // code frame from the source, with the line number
    assert!(
        html.contains("<span class=\"ln\">2</span>FROM ubuntu"),
        "no snippet"
    );
    // summary counts and the suppressed section
    assert!(html.contains("Suppressed findings"));
    assert!(html.contains("<b>3</b><span class=\"sev sev-medium\">medium</span>"));
}
