//! The report does not depend on thread count or scheduling: `--jobs 1` and `--jobs 8` give
//! byte-identical output on a varied corpus (nested directories, broken files, suppressions,
//! unreadable files, many findings per file).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::Path;

use assert_cmd::Command;

const PARTS: &[&str] = &[
    "FROM ubuntu\n",
    "FROM node:latest AS build\n",
    "FROM alpine:3.19\n",
    "FROM build\n",
    "ARG BASE=debian\nFROM ${BASE}\n",
    "RUN apt-get update && apt-get install -y curl\n",
    "RUN apk add curl\n",
    "RUN <<EOF\nset -eux\necho hi\nEOF\n",
    "RUN pip install flask \\\n    requests\n",
    "COPY --from=build /app /app\n",
    "# ironlaw:ignore[DF001] pinned by CI\nFROM python\n",
    "# hadolint ignore=DL3008\nRUN apt-get install -y vim\n",
    "# ironlaw:ignore[DF999]\n",
    "USER root\n",
    "HEALTHCHECK CMD curl -f http://localhost/\n",
    "CMD [\"/app/server\"]\n",
    "FROOM broken\n",
    "RUN <<EOF\nnever closed\n",
];

/// Kubernetes documents; files mix them so that surface rules (K8S070–K8S089) match objects
/// across files and namespaces.
const K8S_PARTS: &[&str] = &[
    "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\nspec:\n  replicas: 3\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers: [{name: web, image: example/web:1.0.0}]\n",
    "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec:\n  replicas: 2\n  selector: {matchLabels: {app: db}}\n  template:\n    metadata: {labels: {app: db}}\n    spec:\n      containers: [{name: db, image: postgres}]\n",
    "apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec:\n  selector: {app: web}\n  ports: [{name: http, port: 80}]\n",
    "apiVersion: v1\nkind: Service\nmetadata: {name: api, namespace: shop}\nspec:\n  selector: {app: api}\n",
    "apiVersion: v1\nkind: Service\nmetadata: {name: api, namespace: shop}\nspec:\n  # ironlaw:ignore[K8S070] pods come later\n  selector: {app: api}\n",
    "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: web, namespace: shop}\nspec:\n  minAvailable: 1\n  selector: {matchLabels: {app: wbe}}\n",
    "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: api, namespace: shop}\nspec:\n  scaleTargetRef: {kind: Deployment, name: api}\n  maxReplicas: 3\n",
    "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: db}\nspec:\n  podSelector: {matchLabels: {app: postgres}}\n",
    "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: shop, namespace: shop}\nspec:\n  defaultBackend: {service: {name: web, port: {number: 8080}}}\n",
    "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web, namespace: shop}\ndata: {a: b}\n",
    "kind: [broken\n",
];

fn corpus(root: &Path) {
    let mut x: u64 = 0x1234_5678_9abc_def1;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    for i in 0..240u64 {
        let dir = root.join(format!("team{}/svc{}", i % 7, i));
        std::fs::create_dir_all(&dir).unwrap();
        let name = match i % 5 {
            0 => "Dockerfile.prod",
            1 => "api.Dockerfile",
            _ => "Dockerfile",
        };
        let mut s = String::new();
        for _ in 0..1 + next() % 12 {
            s.push_str(PARTS[(next() % PARTS.len() as u64) as usize]);
        }
        std::fs::write(dir.join(name), s).unwrap();
    }
    for i in 0..60u64 {
        let dir = root.join(format!("deploy/env{}", i % 4));
        std::fs::create_dir_all(&dir).unwrap();
        let docs: Vec<&str> = (0..1 + next() % 4)
            .map(|_| K8S_PARTS[(next() % K8S_PARTS.len() as u64) as usize])
            .collect();
        std::fs::write(dir.join(format!("m{i}.yaml")), docs.join("---\n")).unwrap();
    }
    // unreadable-as-text files
    std::fs::write(root.join("team0/bin.Dockerfile"), b"FROM a\n\0\x01").unwrap();
    std::fs::write(
        root.join("team1/latin1.Dockerfile"),
        b"FROM a\nLABEL a=\"\xe9\"\n",
    )
    .unwrap();
}

fn run(dir: &Path, jobs: &str, format: &str) -> Vec<u8> {
    let out = Command::cargo_bin("ironlaw")
        .unwrap()
        .args(["check", "--no-config", "--no-color", "--format", format])
        .args(["--jobs", jobs])
        .arg(dir)
        .output()
        .unwrap();
    let code = out.status.code();
    assert!(
        code == Some(0) || code == Some(1),
        "exit {code:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[test]
fn jobs_1_and_jobs_8_give_identical_reports() {
    let dir = tempfile::tempdir().unwrap();
    corpus(dir.path());
    for format in ["json", "text"] {
        let one = run(dir.path(), "1", format);
        assert!(!one.is_empty());
        for _ in 0..3 {
            let eight = run(dir.path(), "8", format);
            assert!(
                one == eight,
                "--format {format}: --jobs 1 and --jobs 8 differ\n--- jobs 1\n{}\n--- jobs 8\n{}",
                String::from_utf8_lossy(&one),
                String::from_utf8_lossy(&eight)
            );
        }
    }
}
