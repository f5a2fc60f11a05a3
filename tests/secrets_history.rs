//! `--history` on a git repository built by the test: a key committed, then deleted, is still
//! found, at the commit that introduced it.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::Path;
use std::process::Command;

use ironlaw::secrets::Scanner;
use ironlaw::secrets::history::{self, HistoryOptions};

const KEY: &str = "AKIAZ3MSJV4WCJEXAMPL";

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "user.name=T",
            "-c",
            "user.email=t@e",
        ])
        .args(args)
        .env("GIT_AUTHOR_DATE", "2024-03-01T10:00:00+00:00")
        .env("GIT_COMMITTER_DATE", "2024-03-01T10:00:00+00:00")
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn have_git() -> bool {
    let ok = Command::new("git").arg("--version").output().is_ok();
    if !ok {
        eprintln!("SKIPPED: the git executable is not on PATH");
    }
    ok
}

/// A repository with: a first commit with a clean file, a second adding a key on line 3 of
/// `config/app.env`, a third deleting it, and a fourth on a side branch.
fn repo() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    git(d, &["init", "-q", "-b", "main"]);
    std::fs::create_dir_all(d.join("config")).unwrap();
    std::fs::write(d.join("config/app.env"), "A=1\nB=2\n").unwrap();
    std::fs::write(d.join("logo.bin"), [0u8, 1, 2, 3, 0, 255]).unwrap();
    git(d, &["add", "."]);
    git(d, &["commit", "-q", "-m", "init"]);
    std::fs::write(
        d.join("config/app.env"),
        format!("A=1\nB=2\nAWS_ACCESS_KEY_ID={KEY}\n"),
    )
    .unwrap();
    git(d, &["commit", "-q", "-am", "add key"]);
    let added = git(d, &["rev-parse", "HEAD"]);
    std::fs::write(d.join("config/app.env"), "A=1\nB=2\n").unwrap();
    git(d, &["commit", "-q", "-am", "remove key"]);
    (dir, added)
}

#[test]
fn deleted_secret_is_found_at_the_commit_that_added_it() {
    if !have_git() {
        return;
    }
    let (dir, added) = repo();
    let scan = history::scan(dir.path(), &HistoryOptions::default(), Scanner::builtin()).unwrap();
    assert_eq!(scan.commits, 3);
    assert_eq!(scan.findings.len(), 1, "{:?}", scan.findings);
    let f = &scan.findings[0];
    assert_eq!(f.commit, added);
    assert_eq!(f.path, "config/app.env");
    assert!(f.date.starts_with("2024-03-01T10:00:00"), "{}", f.date);
    assert_eq!(f.hits.len(), 1);
    assert_eq!(f.hits[0].meta.id, "SEC001");
    let start = f.hits[0].secret.start;
    assert_eq!(f.text[..start].matches('\n').count() + 1, 3, "line 3");
    assert_eq!(&f.text[f.hits[0].secret.clone()], KEY);
}

#[test]
fn since_limits_the_range_and_skip_commits_apply() {
    if !have_git() {
        return;
    }
    let (dir, added) = repo();
    let opts = HistoryOptions {
        since: Some(added.clone()),
        ..HistoryOptions::default()
    };
    let scan = history::scan(dir.path(), &opts, Scanner::builtin()).unwrap();
    assert_eq!(scan.commits, 1, "only the commit after `added`");
    assert!(scan.findings.is_empty());
    let opts = HistoryOptions {
        skip_commits: vec![added[..10].to_string()],
        ..HistoryOptions::default()
    };
    let scan = history::scan(dir.path(), &opts, Scanner::builtin()).unwrap();
    assert!(scan.findings.is_empty());
}

#[test]
fn the_same_secret_on_another_branch_is_reported_once() {
    if !have_git() {
        return;
    }
    let (dir, added) = repo();
    let d = dir.path();
    git(d, &["checkout", "-q", "-b", "side", &added]);
    std::fs::write(
        d.join("config/app.env"),
        format!("A=1\nB=2\nAWS_ACCESS_KEY_ID={KEY}\nC=3\n"),
    )
    .unwrap();
    git(d, &["commit", "-q", "-am", "side"]);
    let scan = history::scan(d, &HistoryOptions::default(), Scanner::builtin()).unwrap();
    assert_eq!(scan.commits, 4);
    assert_eq!(scan.findings.len(), 1);
}

#[test]
fn not_a_repository_and_empty_repository() {
    if !have_git() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let e = history::scan(dir.path(), &HistoryOptions::default(), Scanner::builtin()).unwrap_err();
    assert!(e.to_string().contains("is not a git repository"), "{e}");
    git(dir.path(), &["init", "-q"]);
    let scan = history::scan(dir.path(), &HistoryOptions::default(), Scanner::builtin()).unwrap();
    assert_eq!(scan.commits, 0);
}

fn ironlaw_json(dir: &Path, extra: &[&str]) -> serde_json::Value {
    let out = assert_cmd::Command::cargo_bin("ironlaw")
        .unwrap()
        .args([
            "check",
            "--no-config",
            "--select",
            "SEC",
            "--format",
            "json",
            "--exit-zero",
        ])
        .args(extra)
        .arg(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains(KEY), "the secret is printed: {text}");
    serde_json::from_str(&text).unwrap()
}

#[test]
fn check_history_reports_a_deleted_key_once_with_its_commit() {
    if !have_git() {
        return;
    }
    let (dir, added) = repo();
    let d = dir.path();
    // without --history the working tree is clean
    let v = ironlaw_json(d, &[]);
    assert_eq!(v["findings"].as_array().unwrap().len(), 0, "{v}");
    let v = ironlaw_json(d, &["--history"]);
    let f = v["findings"].as_array().unwrap();
    assert_eq!(f.len(), 1, "{v}");
    assert_eq!(f[0]["path"], "config/app.env");
    assert_eq!(f[0]["start"]["line"], 3);
    let msg = f[0]["message"].as_str().unwrap();
    assert!(msg.contains(&added[..12]), "{msg}");
    assert_eq!(v["coverage"]["history"]["commits"], 3);
    assert_eq!(v["coverage"]["history"]["only_in_history"], 1);
    // the key back in the working tree: reported once, at the working tree
    std::fs::write(
        d.join("config/app.env"),
        format!("A=1\nB=2\nAWS_ACCESS_KEY_ID={KEY}\n"),
    )
    .unwrap();
    let v = ironlaw_json(d, &["--history"]);
    let f: Vec<_> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule_id"] == "SEC001")
        .collect();
    assert_eq!(f.len(), 1, "{v}");
    assert!(!f[0]["message"].as_str().unwrap().contains("history"));
    // --since after the commit that added it: not in range
    std::fs::write(d.join("config/app.env"), "A=1\nB=2\n").unwrap();
    let v = ironlaw_json(d, &["--since", &added]);
    assert_eq!(v["findings"].as_array().unwrap().len(), 0, "{v}");
}

#[test]
fn gitleaks_config_rules_run_in_check() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join(".gitleaks.toml"),
        "[extend]\nuseDefault = true\n[[rules]]\nid = \"acme-key\"\nregex = '''acme_[a-z0-9]{24}'''\nkeywords = [\"acme_\"]\n",
    )
    .unwrap();
    std::fs::write(
        d.join("app.py"),
        "KEY = \"acme_k3j9x0q2m5v8b1n4c7z6w2e9\"\n",
    )
    .unwrap();
    let v = ironlaw_json(d, &[]);
    let f = v["findings"].as_array().unwrap();
    assert_eq!(f.len(), 1, "{v}");
    assert_eq!(f[0]["path"], "app.py");
    let text = v.to_string();
    assert!(text.contains("SEC:acme-key"), "{text}");
    assert!(!text.contains("acme_k3j9x0q2m5v8b1n4c7z6w2e9"), "{text}");
}

#[test]
fn history_honours_exclude_and_per_path_ignores() {
    if !have_git() {
        return;
    }
    let (dir, _) = repo();
    let d = dir.path();
    let run = |config: &str| -> serde_json::Value {
        std::fs::write(d.join("ironlaw.toml"), config).unwrap();
        let out = assert_cmd::Command::cargo_bin("ironlaw")
            .unwrap()
            .args([
                "check",
                "--select",
                "SEC001",
                "--history",
                "--format",
                "json",
                "--exit-zero",
            ])
            .arg(d)
            .output()
            .unwrap();
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let v = run("fail-on = \"high\"\n");
    assert_eq!(v["findings"].as_array().unwrap().len(), 1, "{v}");
    let v = run("exclude = [\"config\"]\n");
    assert_eq!(v["findings"].as_array().unwrap().len(), 0, "{v}");
    let v = run("[per-path-ignores]\n\"config/**\" = [\"SEC\"]\n");
    assert_eq!(v["findings"].as_array().unwrap().len(), 0, "{v}");
    assert_eq!(v["suppressed_findings"].as_array().unwrap().len(), 1, "{v}");
}
