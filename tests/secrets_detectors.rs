#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! The built-in secret detectors against their fixtures, through the scanner directly.
//!
//! `tests/fixtures/secrets/<ID>/fail*` must produce hits of detector `<ID>` (snapshotted as
//! `file line:col id redacted-secret`, never the secret itself); `pass*` must produce none of
//! `<ID>`, and no `pass*` file may trigger any detector of severity high or above. Each file
//! is scanned as `secrets/<ID>/<name>`, the path the engine sees.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use ironlaw::finding::Severity;
use ironlaw::secrets::detectors::DETECTORS;
use ironlaw::secrets::{Hit, Scanner, compile, redact};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/secrets")
}

/// (detector id, file name, bytes) for every fixture, sorted.
fn fixtures() -> Vec<(String, String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut dirs: Vec<_> = fs::read_dir(root())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    dirs.sort();
    for dir in dirs {
        let id = dir.file_name().unwrap().to_str().unwrap().to_string();
        let mut files: Vec<_> = fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .collect();
        files.sort();
        for f in files {
            // directory fixtures (a small tree) are checked through the engine in
            // tests/fixtures.rs
            if f.is_dir() {
                continue;
            }
            let name = f.file_name().unwrap().to_str().unwrap().to_string();
            // `*-integration*` fixtures test the engine around a detector (pragmas, Secret
            // data, masking) and run there; so do the fixtures of the non-detector SEC rules
            if name.contains("-integration")
                || !ironlaw::secrets::detectors::DETECTORS
                    .iter()
                    .any(|d| d.meta.id == id)
            {
                continue;
            }
            out.push((id.clone(), name, fs::read(&f).unwrap()));
        }
    }
    out
}

/// 1-based line and column of a byte offset.
fn line_col(text: &[u8], at: usize) -> (usize, usize) {
    let before = &text[..at];
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let col = at
        - before
            .iter()
            .rposition(|b| *b == b'\n')
            .map_or(0, |p| p + 1)
        + 1;
    (line, col)
}

fn render(text: &[u8], hit: &Hit) -> String {
    let (line, col) = line_col(text, hit.secret.start);
    let secret = String::from_utf8_lossy(&text[hit.secret.clone()]);
    let shown = if hit.secret.is_empty() {
        "(file)".to_string()
    } else {
        redact(&secret)
    };
    format!("{line}:{col} {} {shown}", hit.meta.id)
}

#[test]
fn fail_fixtures_hit_their_detector_and_pass_fixtures_do_not() {
    let scanner = Scanner::builtin();
    let mut report = String::new();
    let mut errors = Vec::new();
    for (id, name, text) in fixtures() {
        let path = format!("secrets/{id}/{name}");
        let hits = scanner.scan(&path, &text);
        let own: Vec<&Hit> = hits.iter().filter(|h| h.meta.id == id).collect();
        if name.starts_with("fail") {
            if own.is_empty() {
                errors.push(format!("{path}: no {id} hit"));
            }
            for h in &own {
                report.push_str(&format!("{id}/{name} {}\n", render(&text, h)));
            }
        } else if name.starts_with("pass") {
            for h in &own {
                errors.push(format!("{path}: unexpected {}", render(&text, h)));
            }
        } else {
            errors.push(format!("{path}: fixture names start with fail or pass"));
        }
    }
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    insta::assert_snapshot!("fail_fixture_hits", report);
}

#[test]
fn pass_fixtures_trigger_no_high_severity_detector() {
    let scanner = Scanner::builtin();
    let mut errors = Vec::new();
    for (id, name, text) in fixtures() {
        if !name.starts_with("pass") {
            continue;
        }
        let path = format!("secrets/{id}/{name}");
        for h in scanner.scan(&path, &text) {
            if h.meta.severity >= Severity::High {
                errors.push(format!("{path}: {}", render(&text, &h)));
            }
        }
    }
    assert!(errors.is_empty(), "false positives:\n{}", errors.join("\n"));
}

#[test]
fn snapshot_never_contains_a_fixture_secret() {
    let scanner = Scanner::builtin();
    let snap = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/snapshots/secrets_detectors__fail_fixture_hits.snap"),
    )
    .unwrap_or_default();
    for (id, name, text) in fixtures() {
        for h in scanner.scan(&format!("secrets/{id}/{name}"), &text) {
            let secret = String::from_utf8_lossy(&text[h.secret.clone()]);
            if secret.len() >= 8 {
                assert!(
                    !snap.contains(secret.as_ref()),
                    "{id}/{name}: secret in snapshot"
                );
            }
        }
    }
}

#[test]
fn ids_are_sequential_and_names_unique() {
    let mut names = BTreeSet::new();
    for (i, d) in DETECTORS.iter().enumerate() {
        assert_eq!(
            d.meta.id,
            format!("SEC{:03}", i + 1),
            "ids in order, no gaps"
        );
        assert!(names.insert(d.meta.name), "duplicate name {}", d.meta.name);
        assert!(
            d.meta
                .name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
            "{}: name is kebab-case",
            d.meta.id
        );
    }
    assert!(DETECTORS.len() >= 60);
}

#[test]
fn every_detector_is_documented_and_prefiltered() {
    for d in DETECTORS {
        let id = d.meta.id;
        assert!(!d.meta.title.is_empty(), "{id}: title");
        assert!(!d.meta.rationale.is_empty(), "{id}: rationale");
        assert!(
            d.meta.remediation.ends_with('.'),
            "{id}: remediation ends with a period"
        );
        assert!(
            !d.meta.equivalents.is_empty() || d.meta.references.iter().any(|r| !r.is_empty()),
            "{id}: equivalents or references"
        );
        if d.regex.is_empty() {
            assert!(d.path.is_some(), "{id}: path-only rule needs a path");
        } else {
            assert!(!d.keywords.is_empty(), "{id}: keywords are the prefilter");
            for k in d.keywords {
                assert_eq!(*k, k.to_ascii_lowercase(), "{id}: keyword {k} lower-case");
            }
        }
    }
}

#[test]
fn every_regex_compiles_without_unicode() {
    for d in DETECTORS {
        for p in std::iter::once(d.regex)
            .filter(|p| !p.is_empty())
            .chain(d.path)
            .chain(d.allow_regexes.iter().copied())
        {
            compile(p).unwrap_or_else(|e| panic!("{}: {p}: {e}", d.meta.id));
        }
        if !d.regex.is_empty() {
            let re = compile(d.regex).unwrap();
            assert!(
                d.secret_group < re.captures_len(),
                "{}: secret group",
                d.meta.id
            );
        }
    }
}

#[test]
fn every_detector_has_fixtures_and_every_fixture_a_detector() {
    let ids: BTreeSet<&str> = DETECTORS.iter().map(|d| d.meta.id).collect();
    let all = fixtures();
    for id in &ids {
        for kind in ["fail", "pass"] {
            assert!(
                all.iter().any(|(i, n, _)| i == id && n.starts_with(kind)),
                "{id}: no {kind}* fixture"
            );
        }
    }
    for (id, name, _) in &all {
        assert!(ids.contains(id.as_str()), "{id}/{name}: no such detector");
    }
}
