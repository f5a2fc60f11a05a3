//! `check --render`: Helm charts and Kustomize overlays rendered by the tools on PATH. The
//! tools are stand-in scripts written by each test (so the tests are exact and offline);
//! one test uses a real `kubectl kustomize` when the machine has kubectl.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
#![cfg(unix)]

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

const DEPLOY: &str = "apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: app
          image: nginx:1.25
";

const TEMPLATE: &str = "apiVersion: v1
kind: Pod
metadata:
  name: {{ .Release.Name }}-pod
spec:
  hostNetwork: {{ .Values.hostNetwork }}
  containers:
    - name: c
      # ironlaw:ignore[K8S028] tag comes from values
      image: \"busybox:{{ .Values.tag }}\"
";

/// What the stand-in `helm template` prints: the template above, rendered.
const HELM_OUT: &str = "---
# Source: mychart/templates/pod.yaml
apiVersion: v1
kind: Pod
metadata:
  name: web-pod
spec:
  hostNetwork: true
  containers:
    - name: c
      # ironlaw:ignore[K8S028] tag comes from values
      image: \"busybox:latest\"
";

fn repo(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let p = dir.path().join(name);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
    }
    dir
}

/// A directory holding executable stand-ins `name` → shell script body.
fn tools(scripts: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, body) in scripts {
        let p = dir.path().join(name);
        fs::write(&p, format!("#!/bin/sh\n{body}\n")).unwrap();
        fs::set_permissions(&p, fs::Permissions::from_mode(0o755)).unwrap();
    }
    dir
}

fn check(dir: &Path, path_env: &Path, extra: &[&str]) -> (Value, i32) {
    let out = Command::cargo_bin("ironlaw")
        .unwrap()
        .env("PATH", path_env)
        .env_remove("IRONLAW_CONFIG")
        .arg("check")
        .arg(dir)
        .args(["--format", "json", "--no-config"])
        .args(extra)
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("bad json ({e}): {}", String::from_utf8_lossy(&out.stdout)));
    (v, out.status.code().unwrap())
}

/// (rule, path, line) of each finding (or suppressed finding).
fn found(v: &Value, key: &str) -> Vec<(String, String, u64)> {
    v[key]
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
        .collect()
}

fn helm_chart() -> tempfile::TempDir {
    repo(&[
        (
            "chart/Chart.yaml",
            "apiVersion: v2\nname: mychart\nversion: 0.1.0\n",
        ),
        ("chart/values.yaml", "tag: latest\nhostNetwork: true\n"),
        ("chart/templates/pod.yaml", TEMPLATE),
    ])
}

#[test]
fn helm_output_is_checked_and_mapped_to_template_lines() {
    let repo = helm_chart();
    let bin = tools(&[("helm", &format!("/bin/cat <<'OUT'\n{HELM_OUT}OUT"))]);
    let (v, _) = check(
        repo.path(),
        bin.path(),
        &["--render", "--select", "K8S008,K8S028"],
    );
    // hostNetwork: rendered line 8 is template line 6 (same key, interpolated value)
    assert_eq!(
        found(&v, "findings"),
        [("K8S008".into(), "chart/templates/pod.yaml".into(), 6)]
    );
    let msg = v["findings"][0]["message"].as_str().unwrap();
    assert!(
        msg.contains("rendered by `helm template chart chart`"),
        "{msg}"
    );
    // the template's own comment suppresses on the rendered output
    assert_eq!(
        found(&v, "suppressed_findings"),
        [("K8S028".into(), "chart/templates/pod.yaml".into(), 10)]
    );
    let r = &v["coverage"]["rendered"][0];
    assert_eq!(r["tool"], "helm");
    assert_eq!(r["ok"], true);
    assert_eq!(r["documents"], 1);
    // rendered templates are no longer reported as skipped
    assert_eq!(v["coverage"]["skipped"].as_array().unwrap().len(), 0);

    // without --render the template is skipped and nothing runs
    let (v, _) = check(repo.path(), bin.path(), &["--select", "K8S008,K8S028"]);
    assert!(found(&v, "findings").is_empty());
    assert_eq!(v["coverage"]["skipped"][0]["reason"], "helm-template");
    assert!(v["coverage"].get("rendered").is_none());
}

#[test]
fn render_failures_are_findings() {
    let repo = helm_chart();
    // missing tool
    let empty = tools(&[]);
    let (v, code) = check(repo.path(), empty.path(), &["--render"]);
    let il: Vec<_> = found(&v, "findings")
        .into_iter()
        .filter(|f| f.0 == "IL006")
        .collect();
    assert_eq!(il, [("IL006".into(), "chart/Chart.yaml".into(), 1)]);
    assert!(
        v["findings"][0]["message"]
            .as_str()
            .unwrap()
            .contains("helm not found on PATH")
    );
    assert_eq!(v["coverage"]["rendered"][0]["ok"], false);
    assert_eq!(code, 0, "IL006 is medium, below the default fail-on");

    // the tool fails: its stderr is in the message
    let failing = tools(&[(
        "helm",
        "echo 'Error: execution error at (mychart/templates/pod.yaml:4:11): image.tag is required' >&2; exit 1",
    )]);
    let (v, _) = check(
        repo.path(),
        failing.path(),
        &["--render", "--select", "IL006"],
    );
    let msg = v["findings"][0]["message"].as_str().unwrap();
    assert!(msg.contains("exited with status 1"), "{msg}");
    assert!(msg.contains("image.tag is required"), "{msg}");

    // the tool hangs: killed at the timeout, and the scan goes on
    let hanging = tools(&[("helm", "exec /bin/sleep 30")]);
    let started = std::time::Instant::now();
    let (v, _) = check(
        repo.path(),
        hanging.path(),
        &["--render", "--render-timeout", "300ms", "--select", "IL006"],
    );
    assert!(started.elapsed().as_secs() < 20);
    let msg = v["findings"][0]["message"].as_str().unwrap();
    assert!(msg.contains("timed out after 300ms"), "{msg}");
}

#[test]
fn kustomize_output_maps_to_bases_and_patches() {
    let repo = repo(&[
        ("base/deploy.yaml", DEPLOY),
        ("base/kustomization.yaml", "resources:\n  - deploy.yaml\n"),
        (
            "overlays/prod/kustomization.yaml",
            "namePrefix: prod-\nresources:\n  - ../../base\npatches:\n  - path: privileged.yaml\n",
        ),
    ]);
    // kustomize reorders keys and adds the patch
    let out = "apiVersion: apps/v1
kind: Deployment
metadata:
  name: prod-web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - image: nginx:1.25
        name: app
        securityContext:
          privileged: true
";
    // a script that prints the overlay only when asked for it
    let bin = tools(&[(
        "kustomize",
        &format!("case \"$2\" in */overlays/prod) /bin/cat <<'OUT'\n{out}OUT\n;; *) exit 3;; esac"),
    )]);
    let (v, _) = check(
        repo.path(),
        bin.path(),
        &["--render", "--select", "K8S001,K8S020,IL006"],
    );
    assert_eq!(
        found(&v, "findings"),
        [
            // the base's own finding, once (the rendered copy maps to the same line)
            ("K8S020".into(), "base/deploy.yaml".into(), 14),
            // only the patch made it privileged: reported at the overlay's patches
            (
                "K8S001".into(),
                "overlays/prod/kustomization.yaml".into(),
                4
            ),
        ]
    );
    // only the overlay is a render root; the base it includes is not rendered on its own
    let rendered = v["coverage"]["rendered"].as_array().unwrap();
    assert_eq!(rendered.len(), 1);
    assert_eq!(rendered[0]["dir"], "overlays/prod");
}

#[test]
fn real_kubectl_kustomize_when_available() {
    let Some(kubectl_dir) = ["/usr/bin", "/usr/local/bin"]
        .iter()
        .find(|d| Path::new(d).join("kubectl").is_file())
    else {
        eprintln!("kubectl not installed: skipping the real-tool test");
        return;
    };
    let repo = repo(&[
        ("base/deploy.yaml", DEPLOY),
        ("base/kustomization.yaml", "resources:\n  - deploy.yaml\n"),
        (
            "overlays/prod/kustomization.yaml",
            "namePrefix: prod-\nresources:\n  - ../../base\npatches:\n  - target: {kind: Deployment, name: web}\n    patch: |-\n      - op: add\n        path: /spec/template/spec/hostPID\n        value: true\n",
        ),
    ]);
    // PATH without kustomize: the kubectl fallback is used
    let bin = tools(&[("kubectl", &format!("exec {kubectl_dir}/kubectl \"$@\""))]);
    let (v, _) = check(
        repo.path(),
        bin.path(),
        &["--render", "--select", "K8S008,IL006"],
    );
    assert_eq!(
        found(&v, "findings"),
        [(
            "K8S008".into(),
            "overlays/prod/kustomization.yaml".into(),
            4
        )]
    );
    assert!(
        v["coverage"]["rendered"][0]["command"]
            .as_str()
            .unwrap()
            .starts_with("kubectl kustomize")
    );
}
