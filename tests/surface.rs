//! The surface pass: Kubernetes rules over the objects of every file of a scan, end to end.
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

fn repo(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let p = dir.path().join(name);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
    }
    dir
}

fn json(dir: &Path, extra: &[&str]) -> Value {
    let out = Command::cargo_bin("ironlaw")
        .unwrap()
        .env_remove("IRONLAW_CONFIG")
        .args(["check", "--no-config", "--format", "json"])
        .arg(dir)
        .args(extra)
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("bad json ({e}): {}", String::from_utf8_lossy(&out.stdout)))
}

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

const DEPLOY: &str = "\
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: example/web:1.0.0}]
";

const SERVICES: &str = "\
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: web}
---
apiVersion: v1
kind: Service
metadata: {name: typo, namespace: shop}
spec:
  selector: {app: wbe}
---
apiVersion: v1
kind: Service
metadata:
  name: legacy
  namespace: shop
  annotations:
    ironlaw.dev/ignore: K8S070 pods come from the legacy chart
spec:
  selector: {app: legacy}
---
apiVersion: v1
kind: Service
metadata: {name: old, namespace: shop}
spec:
  # ironlaw:ignore[K8S070] retired next sprint
  selector: {app: old}
";

#[test]
fn surface_rules_see_objects_of_every_file_and_honour_suppressions() {
    let d = repo(&[("k8s/deploy.yaml", DEPLOY), ("k8s/services.yaml", SERVICES)]);
    let v = json(d.path(), &["--select", "K8S070,IL"]);
    assert_eq!(
        found(&v, "findings"),
        vec![("K8S070".to_string(), "k8s/services.yaml".to_string(), 11)]
    );
    let sup = found(&v, "suppressed_findings");
    assert_eq!(
        sup,
        vec![
            ("K8S070".to_string(), "k8s/services.yaml".to_string(), 21),
            ("K8S070".to_string(), "k8s/services.yaml".to_string(), 28),
        ]
    );
    // the file with a surface finding keeps its text for code frames
    let out = Command::cargo_bin("ironlaw")
        .unwrap()
        .env_remove("IRONLAW_CONFIG")
        .args(["check", "--no-config", "--no-color", "--select", "K8S070"])
        .arg(d.path())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("selector: {app: wbe}"), "{text}");
}

#[test]
fn surface_rules_are_quiet_when_the_other_half_is_elsewhere() {
    let d = repo(&[("k8s/services.yaml", SERVICES)]);
    let v = json(d.path(), &["--select", "K8S070,IL"]);
    // nothing fires, so the two K8S070 suppressions are unused
    assert_eq!(
        found(&v, "findings"),
        vec![
            ("IL004".to_string(), "k8s/services.yaml".to_string(), 19),
            ("IL004".to_string(), "k8s/services.yaml".to_string(), 27),
        ]
    );
}

#[test]
fn per_path_ignores_apply_to_surface_findings() {
    let d = repo(&[
        ("k8s/deploy.yaml", DEPLOY),
        ("k8s/services.yaml", SERVICES),
        (
            "ironlaw.toml",
            "[per-path-ignores]\n\"k8s/services.yaml\" = [\"K8S070\"]\n",
        ),
    ]);
    let out = Command::cargo_bin("ironlaw")
        .unwrap()
        .env_remove("IRONLAW_CONFIG")
        .current_dir(d.path())
        .args(["check", "--format", "json", "--select", "K8S070", "."])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(found(&v, "findings"), vec![]);
}

#[test]
fn unused_pragmas_for_surface_rules_are_reported_once() {
    let services = "\
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  # ironlaw:ignore[K8S070] nothing to suppress: the selector matches
  selector: {app: web}
---
apiVersion: v1
kind: Service
metadata: {name: api, namespace: shop}
spec:
  # ironlaw:ignore[K8S070,K8S001] mixed pragma: used by the surface pass
  selector: {app: api}
";
    let d = repo(&[("k8s/deploy.yaml", DEPLOY), ("k8s/services.yaml", services)]);
    let v = json(d.path(), &["--select", "K8S070,K8S001,IL"]);
    assert_eq!(
        found(&v, "findings"),
        vec![("IL004".to_string(), "k8s/services.yaml".to_string(), 5)]
    );
    assert_eq!(
        found(&v, "suppressed_findings"),
        vec![("K8S070".to_string(), "k8s/services.yaml".to_string(), 13)]
    );
}
