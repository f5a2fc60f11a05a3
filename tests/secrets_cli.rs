#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! The secrets scan end to end: which files are scanned, suppressions (ironlaw's own and
//! the peers' markers, `.gitleaksignore`), baselines anchored on the secret, selection.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

const KEY: &str = "AKIAZ3MSJV4WCJ7QPLMX";
const OTHER_KEY: &str = "AKIAZ3MSJV4WCJ7QPLMY";

fn ironlaw() -> Command {
    let mut c = Command::cargo_bin("ironlaw").unwrap();
    c.env_remove("NO_COLOR")
        .env_remove("FORCE_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("IRONLAW_CONFIG");
    c
}

fn repo(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in files {
        let p = dir.path().join(name);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, bytes).unwrap();
    }
    dir
}

fn json(dir: &Path, extra: &[&str]) -> Value {
    let out = ironlaw()
        .current_dir(dir)
        .args(["check", ".", "--format", "json", "--no-config"])
        .args(extra)
        .output()
        .unwrap();
    assert!(matches!(out.status.code(), Some(0 | 1)), "{out:?}");
    serde_json::from_slice(&out.stdout).unwrap()
}

/// (path, line, rule id) of the findings, or of the suppressed ones.
fn found(v: &Value, key: &str) -> Vec<(String, u64, String)> {
    v[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_string(),
                f["start"]["line"].as_u64().unwrap(),
                f["rule_id"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn line(key: &str) -> String {
    format!("aws_access_key_id = {key}\n")
}

#[test]
fn every_text_file_is_scanned_and_binaries_and_ignored_files_are_not() {
    let with_nul = [b"\x00\x01".as_slice(), line(KEY).as_bytes()].concat();
    let d = repo(&[
        ("notes.md", line(KEY).as_bytes()),
        ("deep/dir/settings.cfg", line(KEY).as_bytes()),
        ("blob.dat", &with_nul),
        ("image.png", line(KEY).as_bytes()),
        ("ignored/creds.txt", line(KEY).as_bytes()),
        (".gitignore", b"ignored/\n"),
        (".git/config", line(KEY).as_bytes()),
        (
            "big.log",
            format!("{}{}", "x".repeat(2000), line(KEY)).as_bytes(),
        ),
    ]);
    let v = json(d.path(), &["--select", "SEC", "--max-file-size", "1000"]);
    let paths: Vec<String> = found(&v, "findings").into_iter().map(|f| f.0).collect();
    assert_eq!(paths, vec!["deep/dir/settings.cfg", "notes.md"], "{v}");
    // .gitignore, notes.md, settings.cfg read; blob.dat (NUL), image.png (extension) and
    // big.log (size) by name only
    assert_eq!(v["coverage"]["secrets"]["scanned"], 3, "{}", v["coverage"]);
    assert_eq!(
        v["coverage"]["secrets"]["by_name_only"], 3,
        "{}",
        v["coverage"]
    );
    // the text summary says so
    let out = ironlaw()
        .current_dir(d.path())
        .args(["check", ".", "--no-config", "--select", "SEC"])
        .output()
        .unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("Scanned 4 file(s) for secrets"), "{s}");
    // without any SEC rule, files of no artifact kind are not read at all
    let v = json(d.path(), &["--ignore", "SEC"]);
    assert_eq!(v["coverage"]["secrets"]["scanned"], 0, "{}", v["coverage"]);
}

#[test]
fn finding_is_exact_and_redacted() {
    let d = repo(&[(
        "app/config.ini",
        format!("[aws]\n  key = {KEY}\n").as_bytes(),
    )]);
    let v = json(d.path(), &["--select", "SEC001"]);
    let f = &v["findings"][0];
    assert_eq!(f["rule_id"], "SEC001");
    assert_eq!(f["start"]["line"], 2);
    assert_eq!(f["start"]["column"], 9);
    assert_eq!(f["end"]["column"], 29);
    assert_eq!(f["message"], "AWS access key id \"AKIA…(20 chars)\"");
    assert_eq!(f["severity"], "critical");
}

#[test]
fn peer_and_own_pragmas_suppress_on_their_line() {
    let text = format!(
        "a = \"{KEY}\" // gitleaks:allow\n\
         # pragma: allowlist nextline secret\n\
         b: {KEY}\n\
         c = {KEY}  # pragma: allowlist secret\n\
         d = {KEY} /* trufflehog:ignore */\n\
         e = {KEY} -- checkov:skip=CKV_SECRET_2 test key\n\
         f = {KEY} <!-- ironlaw:ignore[SEC001] revoked test key -->\n\
         g = {KEY}\n"
    );
    let d = repo(&[("notes.txt", text.as_bytes())]);
    let v = json(d.path(), &["--select", "SEC,IL"]);
    assert_eq!(
        found(&v, "findings"),
        vec![("notes.txt".to_string(), 8, "SEC001".to_string())],
        "{v}"
    );
    assert_eq!(v["summary"]["suppressed"], 6, "{}", v["summary"]);
    // in a Dockerfile (an artifact kind) too
    let df = format!(
        "FROM alpine:3.19\nENV KEY={KEY} # gitleaks:allow\n# ironlaw:ignore[SEC001] test key\nENV OTHER={OTHER_KEY}\n"
    );
    let d = repo(&[("Dockerfile", df.as_bytes())]);
    let v = json(d.path(), &["--select", "SEC,IL"]);
    assert_eq!(found(&v, "findings"), vec![], "{v}");
    assert_eq!(v["summary"]["suppressed"], 2);
}

#[test]
fn gitleaksignore_fingerprints_suppress() {
    let d = repo(&[
        ("a/creds.txt", format!("{}{}", line(KEY), line(OTHER_KEY)).as_bytes()),
        (
            ".gitleaksignore",
            b"# reviewed\na/creds.txt:aws-access-token:1\n0123456789abcdef0123456789abcdef01234567:a/creds.txt:SEC001:2\n",
        ),
    ]);
    let v = json(d.path(), &["--select", "SEC"]);
    // the commit entry applies to history only
    assert_eq!(
        found(&v, "findings"),
        vec![("a/creds.txt".to_string(), 2, "SEC001".to_string())]
    );
    assert_eq!(found(&v, "suppressed_findings").len(), 1);
}

#[test]
fn baseline_is_anchored_on_the_secret() {
    let d = repo(&[("creds.txt", line(KEY).as_bytes())]);
    let base = d.path().join("base.json");
    let out = ironlaw()
        .current_dir(d.path())
        .args(["check", ".", "--no-config", "--select", "SEC"])
        .arg("--write-baseline")
        .arg(&base)
        .output()
        .unwrap();
    assert!(out.status.success());
    let b = base.to_str().unwrap();
    // moved by unrelated edits: still baselined
    fs::write(
        d.path().join("creds.txt"),
        format!("# header\n\n[default]\n{}", line(KEY)),
    )
    .unwrap();
    let v = json(d.path(), &["--select", "SEC", "--baseline", b]);
    assert_eq!(found(&v, "findings"), vec![], "{v}");
    assert_eq!(v["summary"]["baselined"], 1);
    // a different secret on the baselined line: reported
    fs::write(
        d.path().join("creds.txt"),
        format!("# header\n\n[default]\n{}", line(OTHER_KEY)),
    )
    .unwrap();
    let v = json(d.path(), &["--select", "SEC", "--baseline", b]);
    assert_eq!(found(&v, "findings").len(), 1, "{v}");
}

#[test]
fn rules_explain_and_select_know_the_secrets_family() {
    let out = ironlaw().args(["rules"]).output().unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("SEC001") && s.contains("SEC100"), "{s}");
    let out = ironlaw().args(["explain", "SEC100"]).output().unwrap();
    assert!(out.status.success());
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains("dotenv-file-committed")
    );
    let d = repo(&[
        (
            "Dockerfile",
            format!("FROM alpine:latest\nENV K={KEY}\n").as_bytes(),
        ),
        (".env", b"DB_PASSWORD=s3cr3t-value\n"),
        (".env.example", b"DB_PASSWORD=s3cr3t-value\n"),
    ]);
    let v = json(d.path(), &["--select", "SEC"]);
    let ids: Vec<String> = found(&v, "findings").into_iter().map(|f| f.2).collect();
    assert_eq!(ids, vec!["SEC100", "SEC001"], "{v}");
    // SARIF lists the SEC rules that ran
    let out = ironlaw()
        .current_dir(d.path())
        .args([
            "check",
            ".",
            "--no-config",
            "--select",
            "SEC",
            "--format",
            "sarif",
        ])
        .output()
        .unwrap();
    let s: Value = serde_json::from_slice(&out.stdout).unwrap();
    let rules = s["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(rules.iter().any(|r| r["id"] == "SEC001"));
}

#[test]
fn committed_state_is_scanned_for_secrets() {
    let state = format!(
        "{{\n  \"version\": 4,\n  \"resources\": [{{\"instances\": [{{\"attributes\": {{\"id\": \"{KEY}\"}}}}]}}]\n}}\n"
    );
    let d = repo(&[("infra/terraform.tfstate", state.as_bytes())]);
    let v = json(d.path(), &[]);
    let ids: Vec<(u64, String)> = found(&v, "findings")
        .into_iter()
        .map(|f| (f.1, f.2))
        .collect();
    assert!(ids.contains(&(3, "SEC001".to_string())), "{v}");
    assert!(ids.iter().any(|(_, id)| id.starts_with("TF")), "{v}");
}

#[test]
fn helm_templates_and_non_utf8_files_of_a_kind_are_scanned_too() {
    let tpl = format!(
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{{{ .Release.Name }}}}\ndata:\n  key: {KEY}\n"
    );
    let df = [
        b"FROM alpine:3.19\n# caf\xe9\n".as_slice(),
        format!("ENV K={KEY}\n").as_bytes(),
    ]
    .concat();
    let d = repo(&[
        (
            "chart/Chart.yaml",
            b"apiVersion: v2\nname: c\nversion: 0.1.0\n",
        ),
        ("chart/templates/cm.yaml", tpl.as_bytes()),
        ("Dockerfile", &df),
    ]);
    let v = json(d.path(), &["--select", "SEC,IL"]);
    let got: Vec<(String, u64, String)> = found(&v, "findings");
    assert!(
        got.contains(&(
            "chart/templates/cm.yaml".to_string(),
            6,
            "SEC001".to_string()
        )),
        "{v}"
    );
    assert!(
        got.contains(&("Dockerfile".to_string(), 3, "SEC001".to_string())),
        "{v}"
    );
    assert!(got.iter().any(|f| f.2 == "IL002"), "{v}");
}
