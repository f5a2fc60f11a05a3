#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! No output of `ironlaw check` — any `--format`, `--output` files, baselines, stderr —
//! ever holds a detected secret, nor any 8-character piece of one: not in the secrets'
//! own findings, and not in other rules' code frames or snippets of the same lines.

use std::fs;
use std::path::Path;

use assert_cmd::Command;

const AWS_KEY: &str = "AKIAZ3MSJV4WCJ7QPLMX";
const GITHUB_TOKEN: &str = "ghp_aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5";
const DOTENV_PASSWORD: &str = "Tr0ub4dor-Prod-2024x";
/// The body of the planted private key (its BEGIN/END lines are not secret).
const KEY_BODY: [&str; 3] = [
    "MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun",
    "VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK",
    "LxoS2tFczGkPLPgizskuemMghRniWaoLcyehkd3qqGElvW/VDL5AaWTg0nLVkjRo",
];

fn ironlaw() -> Command {
    let mut c = Command::cargo_bin("ironlaw").unwrap();
    c.env_remove("NO_COLOR")
        .env_remove("FORCE_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("IRONLAW_CONFIG");
    c
}

fn private_key() -> String {
    format!(
        "-----BEGIN RSA PRIVATE KEY-----\n{}\n-----END RSA PRIVATE KEY-----\n",
        KEY_BODY.join("\n")
    )
}

/// A repository with the secrets planted in a Dockerfile `ENV`, a Kubernetes manifest, a
/// `.env`, a Terraform file, a source file and a Kubernetes `Secret`'s base64 data.
fn planted() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let b64 = {
        // base64 of the AWS key, by hand (no dependency)
        const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut out = String::new();
        for chunk in AWS_KEY.as_bytes().chunks(3) {
            let b = [
                chunk[0],
                *chunk.get(1).unwrap_or(&0),
                *chunk.get(2).unwrap_or(&0),
            ];
            let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
            for i in 0..4 {
                if i <= chunk.len() {
                    out.push(T[((n >> (18 - 6 * i)) & 63) as usize] as char);
                } else {
                    out.push('=');
                }
            }
        }
        out
    };
    let files: Vec<(&str, String)> = vec![
        (
            "Dockerfile",
            format!(
                "FROM alpine:3.19\nENV AWS_ACCESS_KEY_ID={AWS_KEY} GITHUB_TOKEN={GITHUB_TOKEN}\nARG AWS_SECRET={AWS_KEY}\nUSER 10001\n"
            ),
        ),
        (
            "k8s/deploy.yaml",
            format!(
                "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: nginx:latest\n          env:\n            - name: GITHUB_TOKEN\n              value: {GITHUB_TOKEN}\n            - name: AWS_ACCESS_KEY_ID\n              value: \"{AWS_KEY}\"\n"
            ),
        ),
        (
            "k8s/secret.yaml",
            format!("apiVersion: v1\nkind: Secret\nmetadata:\n  name: aws\ndata:\n  id: {b64}\n"),
        ),
        (
            ".env",
            format!("AWS_ACCESS_KEY_ID={AWS_KEY}\nDB_PASSWORD={DOTENV_PASSWORD}\n"),
        ),
        (
            "infra/main.tf",
            format!(
                "resource \"tls_private_key\" \"k\" {{\n  algorithm = \"RSA\"\n}}\n\nlocals {{\n  key = <<EOT\n{}EOT\n  token = \"{GITHUB_TOKEN}\"\n}}\n",
                private_key()
            ),
        ),
        (
            "src/client.py",
            format!("TOKEN = \"{GITHUB_TOKEN}\"\nKEY = '{AWS_KEY}'\n"),
        ),
        ("keys/deploy.pem", private_key()),
    ];
    for (name, text) in files {
        let p = dir.path().join(name);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
    }
    dir
}

/// Every planted secret and every 8-character piece of one.
fn pieces() -> Vec<String> {
    let mut secrets = vec![
        AWS_KEY.to_string(),
        GITHUB_TOKEN.to_string(),
        DOTENV_PASSWORD.to_string(),
    ];
    secrets.extend(KEY_BODY.iter().map(|s| (*s).to_string()));
    let mut out = Vec::new();
    for s in &secrets {
        for i in 0..=s.len() - 8 {
            out.push(s[i..i + 8].to_string());
        }
    }
    out
}

fn assert_clean(what: &str, output: &str) {
    for p in pieces() {
        assert!(
            !output.contains(&p),
            "{what}: output holds a piece of a planted secret: {p:?}\n{output}"
        );
    }
}

fn run(dir: &Path, args: &[&str]) -> (String, String) {
    let out = ironlaw()
        .current_dir(dir)
        .arg("check")
        .arg(".")
        .args(args)
        .output()
        .unwrap();
    let code = out.status.code();
    assert!(
        matches!(code, Some(0 | 1)),
        "{args:?}: exit {code:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn no_output_format_holds_a_planted_secret() {
    let dir = planted();
    // the planted secrets are found, in every file they were planted in
    let (json, _) = run(dir.path(), &["--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let sec: Vec<(String, String)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule_id"].as_str().unwrap().starts_with("SEC"))
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_string(),
                f["rule_id"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    for (path, id) in [
        ("Dockerfile", "SEC001"),
        ("Dockerfile", "SEC003"),
        ("k8s/deploy.yaml", "SEC003"),
        ("k8s/secret.yaml", "SEC001"),
        (".env", "SEC001"),
        (".env", "SEC100"),
        ("infra/main.tf", "SEC002"),
        ("infra/main.tf", "SEC003"),
        ("src/client.py", "SEC001"),
        ("keys/deploy.pem", "SEC002"),
    ] {
        assert!(
            sec.iter().any(|(p, i)| p == path && i == id),
            "{id} not reported in {path}: {sec:?}"
        );
    }
    assert!(v["coverage"]["secrets"]["scanned"].as_u64().unwrap() >= 7);
    for format in [
        "text", "json", "sarif", "junit", "github", "gitlab", "markdown", "html",
    ] {
        let (out, err) = run(dir.path(), &["--format", format]);
        assert_clean(format, &out);
        assert_clean(&format!("{format} (stderr)"), &err);
        // colour codes and `--output` files too
        let file = dir.path().join(format!("report.{format}"));
        let (out, err) = run(
            dir.path(),
            &[
                "--format",
                format,
                "--color",
                "always",
                "--output",
                file.to_str().unwrap(),
            ],
        );
        assert_clean(format, &out);
        assert_clean(format, &err);
        assert_clean(format, &fs::read_to_string(&file).unwrap());
        fs::remove_file(&file).unwrap();
    }
    let baseline = dir.path().join("baseline.json");
    let (out, err) = run(
        dir.path(),
        &["--write-baseline", baseline.to_str().unwrap()],
    );
    assert_clean("baseline (stdout)", &out);
    assert_clean("baseline (stderr)", &err);
    let b = fs::read_to_string(&baseline).unwrap();
    assert!(b.contains("SEC001"), "{b}");
    assert_clean("baseline file", &b);
}

#[test]
fn standard_input_is_masked_too() {
    let text = format!("FROM alpine:3.19\nENV AWS_ACCESS_KEY_ID={AWS_KEY}\n");
    for format in ["text", "json", "sarif", "html"] {
        let out = ironlaw()
            .args(["check", "-", "--no-config", "--format", format])
            .write_stdin(text.clone())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        let s = String::from_utf8(out.stdout).unwrap();
        assert!(s.contains("SEC001"), "{s}");
        assert_clean(format, &s);
    }
}

#[test]
fn other_rules_frames_of_a_secret_line_are_masked() {
    let dir = planted();
    let (out, _) = run(dir.path(), &["--select", "DF,K8S", "--fail-on", "critical"]);
    // the Dockerfile ENV line and the manifest's env value are shown, masked
    assert!(
        out.contains("ENV AWS_ACCESS_KEY_ID=AKIA****************"),
        "{out}"
    );
    assert!(!out.contains("SEC0"), "{out}");
    assert_clean("text", &out);
}
