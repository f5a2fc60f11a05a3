//! End-to-end tests through the real binary.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

fn ironlaw() -> Command {
    let mut c = Command::cargo_bin("ironlaw").unwrap();
    c.env_remove("NO_COLOR")
        .env_remove("FORCE_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("IRONLAW_CONFIG");
    c
}

fn repo(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let p = dir.path().join(name);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
    }
    dir
}

fn json(dir: &Path, extra: &[&str]) -> (Value, i32) {
    let out = ironlaw()
        .arg("check")
        .arg(dir)
        .args(["--format", "json"])
        .args(extra)
        .output()
        .unwrap();
    let code = out.status.code().unwrap();
    let v: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("bad json ({e}): {}", String::from_utf8_lossy(&out.stdout)));
    (v, code)
}

fn ids(v: &Value) -> Vec<(String, u64)> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule_id"].as_str().unwrap().to_string(),
                f["start"]["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

const LATEST: &str = "FROM ubuntu\nRUN echo hi\n";

#[test]
fn exit_codes_follow_fail_on() {
    let d = repo(&[("Dockerfile", LATEST)]);
    // DF001 is medium: below the default `high`
    ironlaw()
        .arg("check")
        .arg(d.path())
        .args(["--select", "DF001"])
        .assert()
        .code(0);
    ironlaw()
        .arg("check")
        .arg(d.path())
        .args(["--select", "DF001", "--fail-on", "medium"])
        .assert()
        .code(1);
    ironlaw()
        .arg("check")
        .arg(d.path())
        .args(["--select", "DF001", "--fail-on", "medium", "--exit-zero"])
        .assert()
        .code(0);
    ironlaw()
        .arg("check")
        .arg(d.path())
        .args(["--fail-on", "severe"])
        .assert()
        .code(2);
    ironlaw()
        .arg("check")
        .arg(d.path().join("missing"))
        .assert()
        .code(2);
    ironlaw()
        .arg("check")
        .arg(d.path())
        .args(["--select", "DF9999"])
        .assert()
        .code(2);
}

#[test]
fn text_report_has_code_frame_and_summary() {
    let d = repo(&[("app/Dockerfile", LATEST)]);
    let out = ironlaw()
        .arg("check")
        .arg(d.path())
        .args(["--select", "DF001"])
        .output()
        .unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(
        s.contains("medium[DF001]: base image \"ubuntu\" has no tag"),
        "{s}"
    );
    assert!(s.contains("--> app/Dockerfile:1:6"), "{s}");
    assert!(s.contains("1 | FROM ubuntu"), "{s}");
    assert!(s.contains("Dockerfiles 1 found, 1 parsed"), "{s}");
    assert!(!s.contains("\x1b["), "no colour when not a terminal");
    let out = ironlaw()
        .arg("check")
        .arg(d.path())
        .args(["--select", "DF001", "--color", "always"])
        .output()
        .unwrap();
    assert!(String::from_utf8(out.stdout).unwrap().contains("\x1b["));
    let out = ironlaw()
        .env("NO_COLOR", "1")
        .env("FORCE_COLOR", "")
        .arg("check")
        .arg(d.path())
        .args(["--select", "DF001"])
        .output()
        .unwrap();
    assert!(!String::from_utf8(out.stdout).unwrap().contains("\x1b["));
    let out = ironlaw()
        .env("FORCE_COLOR", "1")
        .arg("check")
        .arg(d.path())
        .args(["--select", "DF001"])
        .output()
        .unwrap();
    assert!(String::from_utf8(out.stdout).unwrap().contains("\x1b["));
}

#[test]
fn empty_scan_says_so() {
    let d = repo(&[("README.md", "# hi\n")]);
    let out = ironlaw().arg("check").arg(d.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let s = String::from_utf8(out.stdout).unwrap();
    // nothing of a delivery kind: said loudly, and what was still done (the secrets scan)
    assert!(
        s.contains("warning: no delivery artifact") && s.contains("checked for secrets only"),
        "{s}"
    );
    let out = ironlaw()
        .args(["check", "--select", "DF"])
        .arg(d.path())
        .output()
        .unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("nothing to check"), "{s}");
}

#[test]
fn json_findings_have_the_documented_fields() {
    let d = repo(&[("Dockerfile", LATEST)]);
    let (v, code) = json(d.path(), &["--select", "DF001"]);
    assert_eq!(code, 0);
    assert_eq!(v["version"], 1);
    let f = &v["findings"][0];
    assert_eq!(f["rule_id"], "DF001");
    assert_eq!(f["rule_name"], "image-uses-latest-tag");
    assert_eq!(f["severity"], "medium");
    assert_eq!(f["path"], "Dockerfile");
    assert_eq!(f["start"]["line"], 1);
    assert_eq!(f["start"]["column"], 6);
    assert_eq!(f["end"]["column"], 12);
    assert!(f["fingerprint"].as_str().unwrap().len() >= 16);
    assert_eq!(f["checklist"], "image-hygiene");
    assert!(
        f["equivalents"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e == "hadolint:DL3006")
    );
    assert!(f["suppressed"].is_null());
}

#[test]
fn inline_and_peer_suppressions() {
    let text = "\
# hadolint ignore=DL3006
FROM ubuntu
# ironlaw:ignore[DF001] vendor image, pinned by the mirror
FROM debian
# ironlaw:ignore[DF001]
FROM alpine
# ironlaw:ignore[image-uses-latest-tag] nothing to suppress here
FROM alpine:3.19
# ironlaw:ignore[DF01x] typo
FROM node
";
    let d = repo(&[("Dockerfile", text)]);
    let (v, _) = json(d.path(), &["--select", "DF001,IL"]);
    let got = ids(&v);
    assert_eq!(
        got,
        vec![
            ("IL003".to_string(), 5),
            ("IL004".to_string(), 7),
            ("IL005".to_string(), 9),
            ("DF001".to_string(), 10),
        ]
    );
    assert_eq!(v["summary"]["suppressed"], 3);
    let sup = v["suppressed_findings"].as_array().unwrap();
    assert_eq!(sup.len(), 3);
    assert_eq!(sup[0]["suppressed"]["source"], "# hadolint ignore=DL3006");
    assert_eq!(
        sup[1]["suppressed"]["reason"],
        "vendor image, pinned by the mirror"
    );
}

#[test]
fn file_wide_suppressions() {
    let d = repo(&[
        (
            "a/Dockerfile",
            "#checkov:skip=CKV_DOCKER_7:base is mirrored\nFROM ubuntu\nFROM debian\n",
        ),
        (
            "b/Dockerfile",
            "# hadolint global ignore=DL3007,DL3006\nFROM ubuntu\n",
        ),
        (
            "c/Dockerfile",
            "# ironlaw:ignore-file[DF001] legacy\nFROM ubuntu\n",
        ),
        ("d/Dockerfile", "FROM ubuntu\n"),
        (
            "e/Dockerfile",
            "# kics-scan disable=f45ea400-6bbe-4501-9fc7-1c3d75c32067\nFROM ubuntu\n",
        ),
        (
            "f/Dockerfile",
            "# kics-scan disable=965a08d7-ef86-4f14-8792-4a3b2098937e\nFROM ubuntu\n",
        ),
    ]);
    let (v, _) = json(d.path(), &["--select", "DF001"]);
    let paths: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    // f/ disables a different KICS query (apt pinning), so DF001 still fires there
    assert_eq!(paths, ["d/Dockerfile", "f/Dockerfile"]);
}

#[test]
fn config_file_is_found_upward_and_validated() {
    let d = repo(&[
        (
            "ironlaw.toml",
            "ignore = [\"DF001\"]\n[per-path-ignores]\n\"legacy/**\" = [\"IL\"]\n",
        ),
        ("svc/Dockerfile", LATEST),
    ]);
    let (v, _) = json(&d.path().join("svc"), &[]);
    assert!(ids(&v).iter().all(|(id, _)| id != "DF001"), "{v}");
    // --no-config brings it back
    let (v, _) = json(&d.path().join("svc"), &["--no-config", "--select", "DF001"]);
    assert_eq!(ids(&v), vec![("DF001".to_string(), 1)]);
    // unknown key → exit 2 with a suggestion
    fs::write(d.path().join("ironlaw.toml"), "selct = [\"DF\"]\n").unwrap();
    let out = ironlaw().arg("check").arg(d.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("did you mean `select`"), "{err}");
    // severity override and per-path ignore
    fs::write(
        d.path().join("ironlaw.toml"),
        "[severity]\nDF001 = \"critical\"\n[per-path-ignores]\n\"legacy/**\" = [\"DF001\"]\n",
    )
    .unwrap();
    fs::create_dir_all(d.path().join("legacy")).unwrap();
    fs::write(d.path().join("legacy/Dockerfile"), LATEST).unwrap();
    let (v, code) = json(d.path(), &["--select", "DF001"]);
    assert_eq!(code, 1);
    assert_eq!(v["findings"].as_array().unwrap().len(), 1);
    assert_eq!(v["findings"][0]["severity"], "critical");
    assert_eq!(v["findings"][0]["path"], "svc/Dockerfile");
}

#[test]
fn baseline_survives_line_shifts_but_not_new_values() {
    let d = repo(&[("Dockerfile", "FROM ubuntu\nFROM debian:latest\n")]);
    let base = d.path().join("baseline.json");
    ironlaw()
        .arg("check")
        .arg(d.path())
        .args(["--select", "DF001", "--write-baseline"])
        .arg(&base)
        .assert()
        .code(0);
    // shift everything down two lines: still baselined
    fs::write(
        d.path().join("Dockerfile"),
        "# comment\n\nFROM ubuntu\nFROM debian:latest\n",
    )
    .unwrap();
    let (v, _) = json(
        d.path(),
        &["--select", "DF001", "--baseline", base.to_str().unwrap()],
    );
    assert!(ids(&v).is_empty(), "{v}");
    assert_eq!(v["summary"]["baselined"], 2);
    // a new offending value is reported
    fs::write(
        d.path().join("Dockerfile"),
        "# comment\n\nFROM ubuntu\nFROM debian:latest\nFROM node\n",
    )
    .unwrap();
    let (v, _) = json(
        d.path(),
        &["--select", "DF001", "--baseline", base.to_str().unwrap()],
    );
    assert_eq!(ids(&v), vec![("DF001".to_string(), 5)]);
    // a malformed baseline is an error
    fs::write(&base, "{").unwrap();
    ironlaw()
        .arg("check")
        .arg(d.path())
        .args(["--baseline"])
        .arg(&base)
        .assert()
        .code(2);
}

#[test]
fn rules_explain_and_init() {
    let out = ironlaw().arg("rules").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(
        s.contains("DF001") && s.contains("image-uses-latest-tag"),
        "{s}"
    );
    let out = ironlaw()
        .args(["rules", "--format", "json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["rules"].as_array().unwrap().len() > 5);
    for key in ["DF001", "image-uses-latest-tag", "df001"] {
        let out = ironlaw().args(["explain", key]).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{key}");
        let s = String::from_utf8(out.stdout).unwrap();
        assert!(
            s.contains("Why it matters") && s.contains("hadolint:DL3007"),
            "{s}"
        );
    }
    let out = ironlaw()
        .args(["explain", "image-uses-latest"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("did you mean `image-uses-latest-tag`")
    );
    let d = tempfile::tempdir().unwrap();
    ironlaw().arg("init").arg(d.path()).assert().code(0);
    let written = fs::read_to_string(d.path().join("ironlaw.toml")).unwrap();
    assert!(written.contains("fail-on"));
    ironlaw().arg("init").arg(d.path()).assert().code(2);
    // the starter config is valid
    fs::write(d.path().join("Dockerfile"), LATEST).unwrap();
    ironlaw().arg("check").arg(d.path()).assert().code(0);
}

#[test]
fn gitignore_and_ironlawignore_are_honoured_without_git() {
    let d = repo(&[
        (".gitignore", "build/\n"),
        (".ironlawignore", "skipme/\n"),
        ("build/Dockerfile", LATEST),
        ("skipme/Dockerfile", LATEST),
        ("node_modules/x/Dockerfile", LATEST),
        ("ok/Dockerfile", LATEST),
        ("ok/api.Dockerfile", LATEST),
        ("ok/Dockerfile.prod", LATEST),
        ("ok/Dockerfile.md", "FROM ubuntu\n"),
    ]);
    let (v, _) = json(d.path(), &["--select", "DF001"]);
    let paths: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        ["ok/Dockerfile", "ok/Dockerfile.prod", "ok/api.Dockerfile"]
    );
}

#[test]
fn output_file_and_broken_pipe() {
    let d = repo(&[("Dockerfile", LATEST)]);
    let out_path = d.path().join("out.json");
    ironlaw()
        .arg("check")
        .arg(d.path())
        .args(["--format", "json", "--output"])
        .arg(&out_path)
        .assert()
        .code(0);
    let v: Value = serde_json::from_str(&fs::read_to_string(&out_path).unwrap()).unwrap();
    assert_eq!(v["version"], 1);
}

#[test]
fn ci_formats_use_paths_relative_to_the_working_directory() {
    let d = repo(&[("services/api/Dockerfile", LATEST)]);
    let out = ironlaw()
        .current_dir(d.path())
        .args([
            "check", "services", "--select", "DF001", "--format", "github",
        ])
        .output()
        .unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(
        s.starts_with("::warning file=services/api/Dockerfile,line=1,col=6"),
        "{s}"
    );
    // the JSON report keeps scan-root-relative paths
    let out = ironlaw()
        .current_dir(d.path())
        .args(["check", "services", "--select", "DF001", "--format", "json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["findings"][0]["path"], "api/Dockerfile");
    for fmt in ["sarif", "junit", "gitlab", "markdown", "html", "text"] {
        let out = ironlaw()
            .current_dir(d.path())
            .args(["check", "services", "--format", fmt])
            .output()
            .unwrap();
        assert!(out.status.code().is_some_and(|c| c < 2), "{fmt}");
        assert!(!out.stdout.is_empty(), "{fmt}");
    }
    let out = ironlaw()
        .current_dir(d.path())
        .args([
            "check", "services", "--format", "sarif", "--select", "DF001",
        ])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "services/api/Dockerfile"
    );
}

#[test]
fn standard_input_is_checked_as_the_named_file() {
    let out = ironlaw()
        .args([
            "check",
            "-",
            "--stdin-filename",
            "svc/api.Dockerfile",
            "--select",
            "DF001",
            "--format",
            "json",
        ])
        .write_stdin("# hadolint ignore=DL3007\nFROM node:latest\nFROM ubuntu\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(ids(&v), vec![("DF001".to_string(), 3)]);
    assert_eq!(v["findings"][0]["path"], "svc/api.Dockerfile");
    assert_eq!(v["summary"]["suppressed"], 1);
    // not UTF-8: reported, not a crash
    let out = ironlaw()
        .args(["check", "-", "--format", "json"])
        .write_stdin(vec![0xff_u8, 0xfe, b'\n'])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["findings"][0]["rule_id"], "IL002");
}

#[test]
fn kubernetes_annotations_and_comments_suppress() {
    let d = repo(&[("k8s/pods.yaml", PODS)]);
    let (v, _) = json(d.path(), &["--select", "K8S001,IL"]);
    // pod e has no suppression; K8S999 is an unknown id in pod c's annotation
    assert_eq!(
        ids(&v),
        vec![("IL005".to_string(), 30), ("K8S001".to_string(), 57)]
    );
    let sup: Vec<(u64, String)> = v["suppressed_findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["start"]["line"].as_u64().unwrap(),
                f["suppressed"]["kind"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        sup,
        vec![
            (11, "annotation".to_string()),
            (23, "annotation".to_string()),
            (36, "annotation".to_string()),
            (47, "inline".to_string()),
        ]
    );
}

const PODS: &str = r#"apiVersion: v1
kind: Pod
metadata:
  name: a
  annotations:
    ignore-check.kube-linter.io/privileged-container: "node debugger needs it"
spec:
  containers:
    - name: c
      image: busybox:1.36
      securityContext: {privileged: true}
---
apiVersion: v1
kind: Pod
metadata:
  name: b
  annotations:
    checkov.io/skip1: CKV_K8S_16=breakglass pod
spec:
  containers:
    - name: c
      image: busybox:1.36
      securityContext: {privileged: true}
---
apiVersion: v1
kind: Pod
metadata:
  name: c
  annotations:
    ironlaw.dev/ignore: "K8S001,K8S999 break-glass"
    polaris.fairwinds.com/exempt: true
spec:
  containers:
    - name: c
      image: busybox:1.36
      securityContext: {privileged: true}
---
apiVersion: v1
kind: Pod
metadata:
  name: d
spec:
  containers:
    - name: c
      image: busybox:1.36
      # ironlaw:ignore[K8S001] vendor requirement
      securityContext: {privileged: true}
---
apiVersion: v1
kind: Pod
metadata:
  name: e
spec:
  containers:
    - name: c
      image: busybox:1.36
      securityContext: {privileged: true}
"#;

#[test]
fn terraform_tree_module_pass_and_suppressions() {
    let backend = "terraform {\n  required_version = \">= 1.6\"\n  backend \"s3\" {\n    bucket       = \"acme-tfstate\"\n    key          = \"app.tfstate\"\n    use_lockfile = true\n  }\n}\n";
    let dir = repo(&[
        ("envs/prod/main.tf", backend),
        (
            "envs/prod/.terraform.lock.hcl",
            "provider \"registry.terraform.io/hashicorp/aws\" {\n  version = \"5.0.0\"\n}\n",
        ),
        ("envs/staging/main.tf", backend),
        (
            "envs/staging/.terraform.lock.hcl",
            "provider \"registry.terraform.io/hashicorp/aws\" {\n  version = \"5.0.0\"\n}\n",
        ),
        (
            "envs/dev/main.tf",
            "terraform {\n  required_version = \">= 1.6\"\n  backend \"s3\" {\n    bucket       = \"acme-tfstate\"\n    key          = \"app.tfstate\"\n    use_lockfile = true\n  }\n}\n",
        ),
        (
            "envs/dev/.terraform.lock.hcl",
            "provider \"registry.terraform.io/hashicorp/aws\" {\n  version = \"5.0.0\"\n}\n",
        ),
        (
            "net.tf",
            "terraform {\n  required_version = \">= 1.6\"\n}\n\n#tfsec:ignore:aws-ec2-no-public-ingress-sgr\nresource \"aws_security_group_rule\" \"ssh\" {\n  type        = \"ingress\"\n  from_port   = 22\n  to_port     = 22\n  protocol    = \"tcp\"\n  cidr_blocks = [\"0.0.0.0/0\"]\n}\n",
        ),
    ]);
    let (v, code) = json(dir.path(), &["--no-config"]);
    let found = ids(&v);
    // dev and staging share prod's state; the SSH rule is suppressed by tfsec's pragma
    assert!(
        found.contains(&("TF003".to_string(), 3)),
        "{found:?}\n{v:#}"
    );
    assert_eq!(
        found.iter().filter(|(id, _)| id == "TF003").count(),
        2,
        "{found:?}"
    );
    assert!(!found.iter().any(|(id, _)| id == "TF030"), "{found:?}");
    assert_eq!(code, 1);
}

#[test]
fn compose_build_context_without_dockerignore_uses_the_scanned_tree() {
    let compose =
        "services:\n  api:\n    build: ../api\n  web:\n    build:\n      context: ../web\n";
    let d = repo(&[
        ("deploy/compose.yaml", compose),
        ("api/Dockerfile", "FROM alpine:3.19\n"),
        ("api/.dockerignore", ".git\n"),
        ("web/Dockerfile", "FROM alpine:3.19\n"),
    ]);
    let (v, code) = json(d.path(), &["--select", "DC014", "--fail-on", "low"]);
    assert_eq!(code, 1);
    assert_eq!(ids(&v), vec![("DC014".to_string(), 6)]);
    assert_eq!(v["findings"][0]["path"], "deploy/compose.yaml");
    // a single-file scan cannot know which .dockerignore files exist: silent
    let (v, code) = json(
        &d.path().join("deploy/compose.yaml"),
        &["--select", "DC014", "--fail-on", "low"],
    );
    assert_eq!(code, 0);
    assert!(ids(&v).is_empty());
}

#[test]
fn committed_terraform_dir_is_reported_unless_ignored() {
    let files = [
        (
            "infra/main.tf",
            "terraform {\n  required_version = \">= 1.6\"\n}\n",
        ),
        (
            "infra/.terraform/providers/registry.terraform.io/hashicorp/aws/terraform-provider-aws",
            "\0binary",
        ),
        (
            "infra/.terraform/terraform.tfstate",
            "{\"backend\": {\"config\": {\"access_key\": \"AKIA\"}}}",
        ),
    ];
    let dir = repo(&files);
    let (v, code) = json(dir.path(), &["--no-config", "--select", "TF"]);
    let found: Vec<(String, String, u64)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule_id"].as_str().unwrap().to_string(),
                f["path"].as_str().unwrap().to_string(),
                f["start"]["line"].as_u64().unwrap(),
            )
        })
        .collect();
    // one finding at the directory itself; nothing inside is read (no TF004 for the state
    // file inside, no unreadable-file finding for the binary)
    assert_eq!(
        found,
        vec![("TF006".to_string(), "infra/.terraform".to_string(), 1)],
        "{v:#}"
    );
    assert!(
        v["findings"][0]["message"]
            .as_str()
            .unwrap()
            .contains("add it to .gitignore"),
        "{v:#}"
    );
    assert_eq!(code, 1);

    // listed in .gitignore: not part of the repository, not reported
    let mut ignored = files.to_vec();
    ignored.push((".gitignore", ".terraform/\n"));
    let dir = repo(&ignored);
    let (v, code) = json(dir.path(), &["--no-config", "--select", "TF"]);
    assert!(v["findings"].as_array().unwrap().is_empty(), "{v:#}");
    assert_eq!(code, 0);

    // excluded by configuration: skipped, not reported
    let dir = repo(&files);
    fs::write(
        dir.path().join("ironlaw.toml"),
        "exclude = [\"infra/.terraform\"]\n",
    )
    .unwrap();
    let (v, _) = json(dir.path(), &["--select", "TF"]);
    assert!(v["findings"].as_array().unwrap().is_empty(), "{v:#}");
}

#[test]
fn ci_files_are_discovered_and_peer_suppressions_apply() {
    let wf = "\
on: push
permissions:
  contents: read
jobs:
  build:
    runs-on: ubuntu-latest
    timeout-minutes: 5
    steps:
      - uses: actions/checkout@v4 # zizmor: ignore[unpinned-uses]
      # zizmor: ignore[unpinned-uses]
      - uses: actions/setup-go@v5
      - uses: actions/cache@v4 # ironlaw:ignore[CI001] tracked by renovate
      - uses: actions/upload-artifact@v4
";
    let gitlab = "#checkov:skip=CKV_GHA_2:not this file\nbuild:\n  image: node\n  script: npm ci\n";
    let action =
        "name: setup\nruns:\n  using: composite\n  steps:\n    - uses: actions/setup-node@v4\n";
    let d = repo(&[
        (".github/workflows/ci.yml", wf),
        (".gitlab-ci.yml", gitlab),
        (".github/actions/setup/action.yml", action),
    ]);
    let (v, _) = json(d.path(), &["--select", "CI001,CI002,IL"]);
    let got: Vec<(String, String, u64)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_string(),
                f["rule_id"].as_str().unwrap().to_string(),
                f["start"]["line"].as_u64().unwrap(),
            )
        })
        .collect();
    let want = [
        (".github/actions/setup/action.yml", "CI001", 5),
        (".github/workflows/ci.yml", "CI001", 13),
        (".gitlab-ci.yml", "CI002", 3),
    ]
    .map(|(p, r, l)| (p.to_string(), r.to_string(), l));
    assert_eq!(got, want);
    assert_eq!(v["summary"]["suppressed"], 3);
    // scanning from inside `.github/` still knows a workflow when it sees one
    let (v, _) = json(&d.path().join(".github"), &["--select", "CI001"]);
    let paths: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["actions/setup/action.yml", "workflows/ci.yml"]);
}
