//! GitLab `include: local:` end to end: discovery checks included files as GitLab CI
//! whatever their names, and the delivery gates judge the pipeline assembled from them.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use assert_cmd::Command;
use serde_json::Value;

fn write(dir: &std::path::Path, rel: &str, text: &str) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

fn findings(dir: &std::path::Path) -> Vec<(String, u64, String)> {
    let out = Command::cargo_bin("ironlaw")
        .unwrap()
        .args([
            "check",
            "--no-config",
            "--select",
            "CI",
            "--format",
            "json",
            "--exit-zero",
        ])
        .arg(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut list: Vec<(String, u64, String)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_string(),
                f["start"]["line"].as_u64().unwrap_or(0),
                f["rule"]["id"]
                    .as_str()
                    .or(f["rule_id"].as_str())
                    .unwrap_or("")
                    .to_string(),
            )
        })
        .collect();
    list.sort();
    list
}

const MAIN: &str = "stages: [build, test, deploy]\ninclude:\n  - local: ci/build.yml\n  - local: '/ci/deploy/*.yml'\n";
const BUILD: &str = "build:\n  stage: build\n  image: docker:27.3.1\n  script:\n    - docker build -t registry.example.com/app:$CI_COMMIT_SHA .\n";
const DEPLOY: &str = "# the production deploy\ndeploy_prod:\n  stage: deploy\n  environment: production\n  resource_group: production\n  script:\n    - helm upgrade --install app ./chart --atomic\n";

#[test]
fn included_files_are_gitlab_ci_and_gates_see_the_whole_graph() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, ".gitlab-ci.yml", MAIN);
    write(d, "ci/build.yml", BUILD);
    write(d, "ci/deploy/prod.yml", DEPLOY);
    // not included: never read as GitLab CI
    write(
        d,
        "ci/unrelated.yml",
        "deploy:\n  script: kubectl apply -f x\n",
    );
    let f = findings(d);
    let ids = |path: &str| -> Vec<&str> {
        f.iter()
            .filter(|(p, _, _)| p == path)
            .map(|(_, _, id)| id.as_str())
            .collect()
    };
    // no test job anywhere in the assembled pipeline: the deploy in the included file is
    // ungated, reported at its key on line 2 of the file it is written in
    assert!(
        f.contains(&("ci/deploy/prod.yml".to_string(), 2, "CI030".to_string())),
        "{f:?}"
    );
    assert!(ids("ci/unrelated.yml").is_empty(), "{f:?}");

    // add the tests in another included file: the gate is satisfied across files
    write(
        d,
        ".gitlab-ci.yml",
        &format!("{MAIN}  - local: ci/test.yml\n"),
    );
    write(
        d,
        "ci/test.yml",
        "unit:\n  stage: test\n  script: make test\n",
    );
    let f = findings(d);
    assert!(
        !f.iter().any(|(_, _, id)| id == "CI030"),
        "tests in ci/test.yml gate the deploy: {f:?}"
    );
}

#[test]
fn an_include_from_another_project_leaves_the_graph_unjudged() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        ".gitlab-ci.yml",
        &format!(
            "{MAIN}  - project: platform/ci-templates\n    ref: 3f1c2a9d4b5e6f708192a3b4c5d6e7f801234567\n    file: tests.yml\n"
        ),
    );
    write(d, "ci/build.yml", BUILD);
    write(d, "ci/deploy/prod.yml", DEPLOY);
    let f = findings(d);
    // the other project may hold the test job: no gate finding either way
    assert!(!f.iter().any(|(_, _, id)| id == "CI030"), "{f:?}");
}
