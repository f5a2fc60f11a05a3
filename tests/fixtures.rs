#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! Data-driven rule fixtures: `tests/fixtures/<family>/<RULE-ID>/{fail*,pass*}.<ext>`.
//!
//! A `fail*` fixture must produce at least one finding of its rule; the findings (with exact
//! lines and columns, and the source line) are snapshotted. A `pass*` fixture must produce
//! none. Only the rule under test runs, so other rules' findings never leak into a snapshot.
//!
//! Family `secrets`: a fixture is any file (`fail*.<any ext>`, binary too), checked through
//! the real engine as a scan would check a file of that name ([`check_any`]: a file of an
//! artifact kind is parsed and checked, any other file scanned for secrets only). Snapshots
//! show the source line with its secrets masked, as every report does.

use std::fs;
use std::path::{Path, PathBuf};

use ironlaw::discover::ArtifactKind;
use ironlaw::engine::{RuleSelection, check_any, check_text, check_text_in, check_tree};
use ironlaw::rules::FileContext;

/// Not a fixture: the `.dockerignore` paths of a virtual scan root in which the fixtures of
/// this directory sit at their file names (one path a line; rules that need the set, DC014).
const DOCKERIGNORES: &str = "dockerignores.txt";

/// The artifact kind of a fixture. Family `ci` decides by the file name: `*.gitlab-ci.yml` is
/// GitLab CI (checked as the main `.gitlab-ci.yml`, or as an included part when named
/// `*.part.gitlab-ci.yml`), `*.action.yml` an action's metadata (`action.yml`), anything else
/// (`*.github.yml`) a GitHub workflow.
fn kind_of(family: &str, name: &str) -> Option<ArtifactKind> {
    match family {
        "docker" => Some(ArtifactKind::Dockerfile),
        "k8s" => Some(ArtifactKind::Kubernetes),
        "compose" => Some(ArtifactKind::Compose),
        "terraform" => Some(ArtifactKind::Terraform),
        "ci" if name.ends_with(".gitlab-ci.yml") => Some(ArtifactKind::GitlabCi),
        "ci" if name.ends_with(".action.yml") => Some(ArtifactKind::GithubAction),
        "ci" => Some(ArtifactKind::GithubWorkflow),
        // only directory fixtures get here: each file is classified by its name
        "secrets" => Some(ArtifactKind::Dockerfile),
        _ => None,
    }
}

fn fixture_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// (family, rule id, file path) for every fixture file.
fn fixtures() -> Vec<(String, String, PathBuf)> {
    let mut out = Vec::new();
    let Ok(families) = fs::read_dir(fixture_root()) else {
        return out;
    };
    let mut families: Vec<_> = families.flatten().map(|e| e.path()).collect();
    families.sort();
    for fam in families {
        let family = fam
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_string();
        let mut rules: Vec<_> = fs::read_dir(&fam)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .collect();
        rules.sort();
        for rule_dir in rules {
            let id = rule_dir
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("")
                .to_string();
            let mut files: Vec<_> = fs::read_dir(&rule_dir)
                .into_iter()
                .flatten()
                .flatten()
                .map(|e| e.path())
                .collect();
            files.sort();
            files.retain(|f| f.file_name().and_then(|n| n.to_str()) != Some(DOCKERIGNORES));
            for f in files {
                out.push((family.clone(), id.clone(), f));
            }
        }
    }
    out
}

fn render(text: &str, outcome: &ironlaw::engine::FileOutcome) -> String {
    let masked = ironlaw::engine::mask(text, &outcome.secrets);
    let lines: Vec<&str> = masked.lines().collect();
    let mut s = String::new();
    for f in &outcome.findings {
        s.push_str(&format!(
            "{}:{}-{}:{} {} {} [{}]\n",
            f.start.line,
            f.start.column,
            f.end.line,
            f.end.column,
            f.rule.id,
            f.message,
            f.severity
        ));
        if let Some(l) = lines.get(f.start.line.saturating_sub(1)) {
            s.push_str(&format!("    | {l}\n"));
        }
    }
    s
}

/// Every file under `dir` (recursively, sorted) as (`rel`-prefixed path, text).
fn tree_files(dir: &Path, rel: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut stack = vec![(dir.to_path_buf(), rel.to_string())];
    while let Some((d, r)) = stack.pop() {
        let mut entries: Vec<_> = fs::read_dir(&d)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .collect();
        entries.sort();
        for e in entries {
            let name = e
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("")
                .to_string();
            let p = format!("{r}/{name}");
            if e.is_dir() {
                stack.push((e, p));
            } else {
                out.push((p, fs::read_to_string(&e).unwrap_or_default()));
            }
        }
    }
    out.sort();
    out
}

/// Findings of a directory fixture: like [`render`], each line prefixed by its file.
fn render_tree(files: &[(String, String)], outcome: &ironlaw::engine::FileOutcome) -> String {
    let mut s = String::new();
    for f in &outcome.findings {
        let text = files
            .iter()
            .find(|(p, _)| *p == f.path)
            .map_or("", |(_, t)| t.as_str());
        s.push_str(&format!(
            "{}:{}:{}-{}:{} {} {} [{}]\n",
            f.path,
            f.start.line,
            f.start.column,
            f.end.line,
            f.end.column,
            f.rule.id,
            f.message,
            f.severity
        ));
        // a secret is shown masked, as reports show it
        let masked = if f.rule.family == ironlaw::rules::Family::Secrets {
            ironlaw::engine::mask(text, &[f.span.range()])
        } else {
            text.to_string()
        };
        if let Some(l) = masked.lines().nth(f.start.line.saturating_sub(1)) {
            s.push_str(&format!("    | {l}\n"));
        }
    }
    s
}

#[test]
fn rule_fixtures() {
    let all = fixtures();
    assert!(!all.is_empty(), "no fixtures found under tests/fixtures");
    let mut failures = Vec::new();
    for (family, id, path) in &all {
        if family == "plan" {
            continue; // plan JSON fixtures are checked by tests/plan.rs
        }
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if family == "secrets" && !path.is_dir() {
            let rel = format!("{family}/{id}/{name}");
            let bytes = fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let outcome = check_any(name, &bytes, &RuleSelection::only(&[id.as_str()]));
            let text = render(&String::from_utf8_lossy(&bytes), &outcome);
            check_fixture(&rel, id, name, &text, &outcome, &mut failures);
            continue;
        }
        let Some(kind) = kind_of(family, name) else {
            failures.push(format!(
                "{}: unknown fixture family {family}",
                path.display()
            ));
            continue;
        };
        let rel = format!("{family}/{id}/{name}");
        let selection = RuleSelection::only(&[id.as_str()]);
        // a directory fixture is a small tree checked as one scan (cross-file rules)
        let (text, outcome) = if path.is_dir() {
            let files = tree_files(path, &rel);
            let outcome = check_tree(&files, &selection);
            (render_tree(&files, &outcome), outcome)
        } else {
            let text =
                fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            // Terraform fixtures are classified by name (`.tf`, `.tfstate`, …)
            let kind = if family == "terraform" {
                ironlaw::discover::classify(&rel, text.as_bytes()).unwrap_or(kind)
            } else {
                kind
            };
            let ignores = path.with_file_name(DOCKERIGNORES);
            let outcome = match fs::read_to_string(&ignores) {
                Ok(list) => {
                    let ctx = FileContext {
                        path: name.to_string(),
                        has_dockerignore: false,
                        dockerignores: Some(std::sync::Arc::new(
                            list.lines()
                                .map(str::trim)
                                .filter(|l| !l.is_empty())
                                .map(str::to_string)
                                .collect(),
                        )),
                    };
                    check_text_in(&text, kind, &ctx, &selection)
                }
                // GitLab fixtures are main pipeline files (`.gitlab-ci.yml`) unless named
                // `*.part.gitlab-ci.yml` (a file included by another one)
                Err(_) if kind == ArtifactKind::GitlabCi && !name.contains(".part.") => {
                    check_text(".gitlab-ci.yml", &text, kind, &selection)
                }
                Err(_) => check_text(&rel, &text, kind, &selection),
            };
            let rendered = render(&text, &outcome);
            (rendered, outcome)
        };
        check_fixture(&rel, id, name, &text, &outcome, &mut failures);
    }
    assert!(
        failures.is_empty(),
        "fixture failures:\n{}",
        failures.join("\n")
    );
}

/// A `fail*` fixture fires its rule (snapshot of `text`), a `pass*` one does not.
fn check_fixture(
    rel: &str,
    id: &str,
    name: &str,
    text: &str,
    outcome: &ironlaw::engine::FileOutcome,
    failures: &mut Vec<String>,
) {
    let mine: Vec<_> = outcome
        .findings
        .iter()
        .filter(|f| f.rule.id == id)
        .collect();
    if name.starts_with("fail") {
        if mine.is_empty() {
            failures.push(format!("{rel}: expected {id} to fire, it did not"));
            return;
        }
        let snap_name = format!("{id}__{}", name.replace('.', "_"));
        insta::with_settings!({ snapshot_path => "snapshots/fixtures", prepend_module_to_snapshot => false, description => rel.to_string(), omit_expression => true }, {
            insta::assert_snapshot!(snap_name, text);
        });
    } else if name.starts_with("pass") {
        if !mine.is_empty() {
            failures.push(format!("{rel}: expected no {id} finding, got:\n{text}"));
        }
    } else {
        failures.push(format!("{rel}: fixture names start with `fail` or `pass`"));
    }
}

#[test]
fn every_rule_has_fail_and_pass_fixtures_and_every_fixture_dir_is_a_rule() {
    let reg = ironlaw::rules::registry();
    let all = fixtures();
    let mut problems = Vec::new();
    for m in reg.metas() {
        if m.id.starts_with("IL") {
            continue; // ironlaw's own diagnostics are covered by CLI and unit tests
        }
        let has = |prefix: &str| {
            all.iter().any(|(_, id, p)| {
                id == m.id
                    && p.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.starts_with(prefix))
            })
        };
        if !has("fail") {
            problems.push(format!("{} has no fail fixture", m.id));
        }
        if !has("pass") {
            problems.push(format!("{} has no pass fixture", m.id));
        }
    }
    for (_, id, p) in &all {
        if reg.get(id).is_none() {
            problems.push(format!(
                "{} is under a directory that is not a rule id",
                p.display()
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn ci_fixtures_checked_as_every_ci_kind_keep_spans_in_the_text() {
    // a workflow read as GitLab CI and the other way round: wrong shapes never panic, and
    // every span stays inside the text
    for (family, _, path) in fixtures() {
        if family != "ci" || path.is_dir() {
            continue;
        }
        let text = fs::read_to_string(&path).unwrap();
        for kind in [
            ArtifactKind::GithubWorkflow,
            ArtifactKind::GithubAction,
            ArtifactKind::GitlabCi,
        ] {
            let out = check_text("x.yml", &text, kind, &RuleSelection::default());
            for f in &out.findings {
                assert!(
                    f.span.start <= f.span.end && f.span.end <= text.len(),
                    "{}: {:?}",
                    path.display(),
                    f.span
                );
                assert!(text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end));
            }
        }
    }
}
