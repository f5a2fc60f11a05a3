//! `ironlaw plan`: rule fixtures, real Terraform plans, the CLI contract, output formats,
//! redaction and a 100,000-change plan.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command as Process;

use assert_cmd::Command;
use ironlaw::engine::RuleSelection;
use ironlaw::plan::{self, Options, Outcome};
use serde_json::Value;

fn fixture_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/plan")
}

fn ironlaw() -> Command {
    let mut c = Command::cargo_bin("ironlaw").unwrap();
    c.env_remove("NO_COLOR")
        .env_remove("FORCE_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("TF_WORKSPACE");
    c
}

/// Flags a rule's fixtures are checked with.
fn options_for(id: &str, json: &Path) -> Options {
    let stem = json.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let config = json.with_file_name(format!("{stem}.tf.d"));
    Options {
        input: json.to_path_buf(),
        config_dir: config.is_dir().then_some(config),
        max_destroy: (id == "PLAN017").then_some(1),
        max_changes: (id == "PLAN018").then_some(3),
        selection: RuleSelection::only(&[id]),
        workspace: None,
    }
}

fn render(o: &Outcome) -> String {
    let mut s = String::new();
    for e in &o.escalations {
        let f = &e.finding;
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
        for d in &e.details {
            s.push_str(&format!(
                "    {}: {} → {}\n",
                d.attribute, d.before, d.after
            ));
        }
        if let Some((p, l)) = &e.source {
            let p = p.rsplit("tests/fixtures/").next().unwrap_or(p);
            s.push_str(&format!("    declared at {p}:{l}\n"));
        }
    }
    s
}

/// (rule id, plan JSON) for every plan fixture.
fn fixtures() -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    let mut dirs: Vec<_> = fs::read_dir(fixture_root())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    dirs.sort();
    for d in dirs {
        let id = d.file_name().unwrap().to_str().unwrap().to_string();
        let mut files: Vec<_> = fs::read_dir(&d)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        files.sort();
        for f in files {
            out.push((id.clone(), f));
        }
    }
    out
}

#[test]
fn plan_rule_fixtures() {
    let all = fixtures();
    assert!(all.len() >= 40, "plan fixtures missing");
    let mut failures = Vec::new();
    for (id, path) in &all {
        let name = path.file_name().unwrap().to_str().unwrap();
        let o = plan::run(&options_for(id, path)).unwrap_or_else(|e| panic!("{e}"));
        let mine = o
            .escalations
            .iter()
            .filter(|e| e.finding.rule.id == id)
            .count();
        let text = render(&o);
        if name.starts_with("fail") {
            if mine == 0 {
                failures.push(format!("{id}/{name}: expected {id} to fire, it did not"));
                continue;
            }
            let snap = format!("{id}__{}", name.replace('.', "_"));
            insta::with_settings!({ snapshot_path => "snapshots/plan", prepend_module_to_snapshot => false, description => format!("plan/{id}/{name}"), omit_expression => true }, {
                insta::assert_snapshot!(snap, text);
            });
        } else if name.starts_with("pass") {
            if mine != 0 {
                failures.push(format!(
                    "{id}/{name}: expected no {id} finding, got:\n{text}"
                ));
            }
        } else {
            failures.push(format!(
                "{id}/{name}: fixture names start with fail or pass"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_plan_rule_has_fixtures() {
    let all = fixtures();
    for r in plan::rules::RULES {
        let id = r.meta().id;
        for kind in ["fail", "pass"] {
            assert!(
                all.iter()
                    .any(|(i, p)| i == id
                        && p.file_name().unwrap().to_str().unwrap().starts_with(kind)),
                "{id} has no {kind} fixture"
            );
        }
    }
    assert!(plan::rules::RULES.len() >= 15);
}

// ------------------------------------------------------------------ CLI contract

fn fixture(rel: &str) -> PathBuf {
    fixture_root().join(rel)
}

#[test]
fn exit_codes_follow_fail_on() {
    // PLAN001 fixture: critical findings → 1
    ironlaw()
        .args(["plan"])
        .arg(fixture("PLAN001/fail.json"))
        .assert()
        .code(1);
    // info-only plan (a move) → 0
    ironlaw()
        .args(["plan"])
        .arg(fixture("PLAN013/fail.json"))
        .assert()
        .code(0);
    // medium only (drift) passes the default gate, fails --fail-on medium
    ironlaw()
        .args(["plan"])
        .arg(fixture("PLAN015/fail.json"))
        .assert()
        .code(0);
    ironlaw()
        .args(["plan", "--fail-on", "medium"])
        .arg(fixture("PLAN015/fail.json"))
        .assert()
        .code(1);
    // --ignore the rules that fire → 0
    ironlaw()
        .args(["plan", "--ignore", "PLAN001,PLAN019"])
        .arg(fixture("PLAN001/fail.json"))
        .assert()
        .code(0);
    ironlaw()
        .args(["plan", "--select", "PLAN013"])
        .arg(fixture("PLAN001/fail.json"))
        .assert()
        .code(0);
}

#[test]
fn bad_input_exits_2_with_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("garbage.json", "{not json", "key must be a string"),
        (
            "v2.json",
            r#"{"format_version":"2.0","resource_changes":[]}"#,
            "unsupported plan format_version \"2.0\"",
        ),
        (
            "state.json",
            r#"{"format_version":"1.0","values":{"root_module":{}}}"#,
            "this is a state",
        ),
        ("array.json", "[]", "a Terraform plan JSON object"),
        ("empty.json", "", "EOF"),
        (
            "nover.json",
            r#"{"resource_changes":[]}"#,
            "no \"format_version\"",
        ),
    ];
    for (name, text, msg) in cases {
        let p = dir.path().join(name);
        fs::write(&p, text).unwrap();
        let out = ironlaw().arg("plan").arg(&p).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{name}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(msg), "{name}: {err}");
        assert!(out.stdout.is_empty(), "{name}: report written on error");
    }
    let out = ironlaw()
        .args(["plan", "/nonexistent/plan.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = ironlaw()
        .args(["plan", "--select", "PLAN999x"])
        .arg(fixture("PLAN001/fail.json"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn stdin_is_read_with_dash() {
    let text = fs::read(fixture("PLAN003/fail.json")).unwrap();
    let out = ironlaw()
        .args(["plan", "-", "--format", "json"])
        .write_stdin(text)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["findings"][0]["path"], "stdin");
}

#[test]
fn json_has_the_check_report_shape_plus_plan() {
    let out = ironlaw()
        .args(["plan", "--format", "json"])
        .arg(fixture("PLAN002/fail.json"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["version"], 1);
    assert_eq!(v["summary"]["failing"], true);
    assert_eq!(v["summary"]["fail_on"], "high");
    let findings = v["findings"].as_array().unwrap();
    // worst first; every message names the resource address
    assert_eq!(findings[0]["severity"], "critical");
    assert_eq!(findings[0]["family"], "plan");
    for f in findings {
        let msg = f["message"].as_str().unwrap();
        assert!(
            [
                "aws_db_instance.main",
                "aws_s3_bucket.data",
                "google_sql_database_instance.db"
            ]
            .iter()
            .any(|a| msg.contains(a)),
            "{msg}"
        );
    }
    assert_eq!(v["plan"]["totals"]["replace"], 3);
    assert_eq!(v["plan"]["by_module"][""]["replace"], 3);
    let esc = &v["plan"]["escalations"][0];
    assert_eq!(esc["address"], "aws_db_instance.main");
    assert_eq!(esc["details"][0]["attribute"], "engine");
    assert_eq!(esc["details"][0]["before"], "\"postgres\"");
    assert_eq!(esc["details"][0]["after"], "\"mysql\"");
}

#[test]
fn text_shows_the_module_table_and_before_after() {
    let out = ironlaw()
        .args(["plan", "--color", "never"])
        .arg(fixture("PLAN001/fail.json"))
        .output()
        .unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(
        s.contains("  module          create  update replace  delete    read   no-op\n"),
        "{s}"
    );
    assert!(
        s.contains("  module.storage       0       0       0       1       0       0\n"),
        "{s}"
    );
    assert!(
        s.contains("  total                0       0       0       3       0       0\n"),
        "{s}"
    );
    assert!(
        s.contains("critical PLAN001 stateful-resource-destroyed"),
        "{s}"
    );
    assert!(
        s.contains("    skip_final_snapshot: true → (destroyed)"),
        "{s}"
    );
    assert!(
        s.contains("escalate: 3 finding(s) at or above `high`"),
        "{s}"
    );
}

#[test]
fn markdown_is_a_pr_comment() {
    let out = ironlaw()
        .args(["plan", "--format", "markdown"])
        .arg(fixture("PLAN008/fail.json"))
        .output()
        .unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.starts_with("## ironlaw plan report\n"), "{s}");
    assert!(s.contains("❌ **Escalate**"), "{s}");
    assert!(
        s.contains("| Module | create | update | replace | delete | read | no-op |"),
        "{s}"
    );
    assert!(s.contains("PLAN008 ingress-opened-to-internet"), "{s}");
}

#[test]
fn output_file_and_every_format_render() {
    let dir = tempfile::tempdir().unwrap();
    for fmt in [
        "text", "json", "sarif", "junit", "github", "gitlab", "markdown", "html",
    ] {
        let out = dir.path().join(format!("r.{fmt}"));
        ironlaw()
            .args(["plan", "--format", fmt, "--output"])
            .arg(&out)
            .arg(fixture("PLAN009/fail.json"))
            .assert()
            .code(1)
            .stdout("");
        let s = fs::read_to_string(&out).unwrap();
        assert!(s.contains("PLAN009"), "{fmt}: {s}");
    }
}

// ------------------------------------------------------------------ SARIF

fn sarif_validator() -> jsonschema::Validator {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemas/sarif-schema-2.1.0.json");
    let text = fs::read_to_string(path).unwrap().replace(
        r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#,
        r#""^[a-zA-Z]{2}(-[a-zA-Z]{2})?$""#,
    );
    let schema: Value = serde_json::from_str(&text).unwrap();
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft4)
        .should_validate_formats(true)
        .build(&schema)
        .unwrap()
}

#[test]
fn sarif_points_into_the_plan_and_the_tf_source() {
    let out = ironlaw()
        .args(["plan", "--format", "sarif", "--config"])
        .arg(fixture("PLAN007/fail.tf.d"))
        .arg(fixture("PLAN007/fail.json"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let errors: Vec<String> = sarif_validator()
        .iter_errors(&v)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "invalid SARIF:\n{}", errors.join("\n"));
    let results = v["runs"][0]["results"].as_array().unwrap();
    let r = results
        .iter()
        .find(|r| r["ruleId"] == "PLAN007")
        .expect("PLAN007 result");
    let loc = &r["locations"][0]["physicalLocation"];
    assert!(
        loc["artifactLocation"]["uri"]
            .as_str()
            .unwrap()
            .ends_with("PLAN007/fail.json")
    );
    // the line of `"address": "aws_s3_bucket.state"` in the fixture
    let text = fs::read_to_string(fixture("PLAN007/fail.json")).unwrap();
    let line = text
        .lines()
        .position(|l| l.contains("\"address\": \"aws_s3_bucket.state\""))
        .unwrap()
        + 1;
    assert_eq!(loc["region"]["startLine"], line);
    assert_eq!(loc["region"]["startColumn"], 7);
    let rel = &r["relatedLocations"][0]["physicalLocation"];
    assert!(
        rel["artifactLocation"]["uri"]
            .as_str()
            .unwrap()
            .ends_with("fail.tf.d/main.tf")
    );
    assert_eq!(rel["region"]["startLine"], 1);
}

// ------------------------------------------------------------------ secrets

#[test]
fn sensitive_values_never_reach_any_output() {
    let secrets = ["hunter2", "s3cr3t-var", "postgres://u:", "-----BEGIN"];
    for fx in ["PLAN019/fail.json", "PLAN012/fail.json"] {
        for fmt in [
            "text", "json", "sarif", "junit", "github", "gitlab", "markdown", "html",
        ] {
            let out = ironlaw()
                .args(["plan", "--fail-on", "info", "--format", fmt])
                .arg(fixture(fx))
                .output()
                .unwrap();
            let s = String::from_utf8_lossy(&out.stdout);
            for secret in secrets {
                // the certificate body of PLAN012 is not marked sensitive; only check
                // values marked sensitive there
                if fx.starts_with("PLAN012") && secret == "-----BEGIN" {
                    continue;
                }
                assert!(!s.contains(secret), "{fx} {fmt} leaks {secret}:\n{s}");
            }
        }
    }
    // the private key marked sensitive in PLAN012 is shown redacted
    let out = ironlaw()
        .args(["plan", "--color", "never"])
        .arg(fixture("PLAN019/fail.json"))
        .output()
        .unwrap();
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(
        s.contains("aws_db_instance.main.password: (sensitive) → (sensitive)"),
        "{s}"
    );
}

// ------------------------------------------------------------------ production

#[test]
fn production_raises_severity() {
    let dir = tempfile::tempdir().unwrap();
    let prod = dir.path().join("envs/prod");
    fs::create_dir_all(&prod).unwrap();
    let p = prod.join("plan.json");
    fs::copy(fixture("PLAN015/fail.json"), &p).unwrap();
    let o = plan::run(&Options {
        input: p.clone(),
        ..Options::default()
    })
    .unwrap();
    assert_eq!(
        o.context.production.as_deref(),
        Some("environment \"prod\" of the plan's directory")
    );
    let f = &o.escalations[0].finding;
    assert_eq!(f.severity, ironlaw::finding::Severity::High);
    assert!(
        f.message
            .ends_with("(production: environment \"prod\" of the plan's directory)")
    );
    // TF_WORKSPACE through the CLI
    let plain = dir.path().join("plan.json");
    fs::copy(fixture("PLAN015/fail.json"), &plain).unwrap();
    ironlaw().arg("plan").arg(&plain).assert().code(0);
    ironlaw()
        .env("TF_WORKSPACE", "production")
        .arg("plan")
        .arg(&plain)
        .assert()
        .code(1);
    // a variable naming the environment
    let text = fs::read_to_string(fixture("PLAN015/fail.json"))
        .unwrap()
        .replacen(
            "{",
            "{\"variables\":{\"environment\":{\"value\":\"prod\"}},",
            1,
        );
    fs::write(&plain, text).unwrap();
    ironlaw().arg("plan").arg(&plain).assert().code(1);
}

// ------------------------------------------------------------------ scale

/// A plan JSON of `n` changes (a mix of actions and types), written compactly like
/// `terraform show -json` does.
fn big_plan(n: usize) -> String {
    let mut s = String::with_capacity(n * 400);
    s.push_str(r#"{"format_version":"1.2","terraform_version":"1.11.4","planned_values":{"root_module":{}},"resource_changes":["#);
    for i in 0..n {
        if i > 0 {
            s.push(',');
        }
        let (actions, before, after) = match i % 10 {
            0 => (
                r#"["delete"]"#,
                format!(r#"{{"ami":"ami-{i}","tags":{{"n":"{i}"}}}}"#),
                "null".to_string(),
            ),
            1 => (
                r#"["create"]"#,
                "null".to_string(),
                format!(r#"{{"ami":"ami-{i}"}}"#),
            ),
            2 => (
                r#"["update"]"#,
                format!(r#"{{"ami":"ami-{i}"}}"#),
                format!(r#"{{"ami":"ami-{}"}}"#, i + 1),
            ),
            _ => (
                r#"["no-op"]"#,
                format!(r#"{{"ami":"ami-{i}","user_data":"{}"}}"#, "x".repeat(100)),
                format!(r#"{{"ami":"ami-{i}","user_data":"{}"}}"#, "x".repeat(100)),
            ),
        };
        s.push_str(&format!(
            r#"{{"address":"module.m{m}.aws_instance.i[{i}]","module_address":"module.m{m}","mode":"managed","type":"aws_instance","name":"i","index":{i},"provider_name":"registry.terraform.io/hashicorp/aws","change":{{"actions":{actions},"before":{before},"after":{after},"after_unknown":{{}},"before_sensitive":{{}},"after_sensitive":{{}}}}}}"#,
            m = i % 7
        ));
    }
    s.push_str(r#"],"errored":false}"#);
    s
}

#[test]
fn a_plan_of_100k_changes_is_read_and_gated() {
    let n = 100_000;
    let text = big_plan(n);
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("big.json");
    fs::write(&p, &text).unwrap();
    let o = plan::run(&Options {
        input: p,
        max_destroy: Some(100),
        selection: RuleSelection::only(&["PLAN003", "PLAN017"]),
        ..Options::default()
    })
    .unwrap();
    let t = &o.plan.totals;
    assert_eq!(t.changes() + t.get(plan::model::Column::NoOp), n);
    assert_eq!(t.get(plan::model::Column::Delete), n / 10);
    // no-op changes are counted, not kept; creates of types no rule reads neither
    assert_eq!(o.plan.changes.len(), 2 * n / 10);
    assert_eq!(o.plan.by_module.len(), 7);
    assert_eq!(
        o.escalations
            .iter()
            .filter(|e| e.finding.rule.id == "PLAN003")
            .count(),
        n / 10
    );
    let budget = o
        .escalations
        .iter()
        .find(|e| e.finding.rule.id == "PLAN017")
        .unwrap();
    assert!(
        budget
            .finding
            .message
            .starts_with("plan destroys 10000 resource(s)")
    );
    // every location points at the `"address"` member of its change
    for e in o.escalations.iter().take(50) {
        let f = &e.finding;
        assert!(
            text[f.span.start..].starts_with("\"address\":\""),
            "{:?}",
            f.span
        );
        assert_eq!(f.start.line, 1);
    }
}

// ------------------------------------------------------------------ real Terraform

/// The `terraform` (or `tofu`) binary, if installed.
fn terraform() -> Option<String> {
    for bin in ["terraform", "tofu"] {
        if Process::new(bin)
            .arg("version")
            .output()
            .is_ok_and(|o| o.status.success())
        {
            return Some(bin.to_string());
        }
    }
    None
}

struct Tf {
    bin: String,
    dir: tempfile::TempDir,
}

impl Tf {
    fn new(bin: String) -> Self {
        let dir = tempfile::tempdir().unwrap();
        // an empty CLI config: no provider installation, no credentials, no network
        fs::write(dir.path().join("empty.tfrc"), "").unwrap();
        fs::create_dir_all(dir.path().join("work")).unwrap();
        Tf { bin, dir }
    }

    fn run(&self, args: &[&str]) -> Vec<u8> {
        let out = Process::new(&self.bin)
            .args(args)
            .current_dir(self.dir.path().join("work"))
            .env("TF_CLI_CONFIG_FILE", self.dir.path().join("empty.tfrc"))
            .env("TF_IN_AUTOMATION", "1")
            .env("CHECKPOINT_DISABLE", "1")
            .env_remove("TF_WORKSPACE")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{} {args:?}: {}",
            self.bin,
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    }

    fn write(&self, main_tf: &str) {
        fs::write(self.dir.path().join("work/main.tf"), main_tf).unwrap();
    }

    /// `plan -out` then `show -json`; the plan JSON's path.
    fn plan_json(&self, name: &str) -> PathBuf {
        self.run(&["plan", "-input=false", "-lock=false", "-out=plan.out"]);
        let json = self.run(&["show", "-json", "plan.out"]);
        let p = self.dir.path().join(name);
        fs::write(&p, json).unwrap();
        p
    }
}

#[test]
fn real_terraform_plans() {
    let Some(bin) = terraform() else {
        eprintln!("SKIPPED real_terraform_plans: no `terraform` or `tofu` on PATH");
        return;
    };
    let tf = Tf::new(bin);
    tf.write(
        r#"
variable "token" {
  type      = string
  sensitive = true
  default   = "tok-3f9a1c"
}
resource "terraform_data" "keep" { input = "a" }
resource "terraform_data" "db" {
  input            = "v1"
  triggers_replace = ["1"]
}
resource "terraform_data" "old_name" { input = "moved" }
resource "terraform_data" "gone" { input = "bye" }
resource "terraform_data" "secret" { input = var.token }
"#,
    );
    tf.run(&["init", "-input=false", "-backend=false"]);
    tf.run(&["apply", "-input=false", "-lock=false", "-auto-approve"]);
    tf.write(
        r#"
variable "token" {
  type      = string
  sensitive = true
  default   = "tok-77e2b0"
}
resource "terraform_data" "keep" { input = "b" }
resource "terraform_data" "db" {
  input            = "v1"
  triggers_replace = ["2"]
}
moved {
  from = terraform_data.old_name
  to   = terraform_data.new_name
}
resource "terraform_data" "new_name" { input = "moved" }
resource "terraform_data" "fresh" { input = "new" }
resource "terraform_data" "secret" { input = var.token }
"#,
    );
    let p = tf.plan_json("plan.json");
    let o = plan::run(&Options {
        input: p.clone(),
        ..Options::default()
    })
    .unwrap();
    let t = &o.plan.totals;
    use plan::model::Column::*;
    assert_eq!(
        (
            t.get(Create),
            t.get(Update),
            t.get(Replace),
            t.get(Delete),
            t.get(NoOp)
        ),
        (1, 2, 1, 1, 1),
        "{t:?}"
    );
    let got: Vec<(String, String)> = o
        .escalations
        .iter()
        .map(|e| (e.finding.rule.id.to_string(), e.finding.message.clone()))
        .collect();
    let has = |id: &str, msg: &str| got.iter().any(|(i, m)| i == id && m == msg);
    assert!(
        has(
            "PLAN003",
            "terraform_data.gone is destroyed: its block was removed from the configuration (one of 2 destroy(s) in this plan: 1 deleted, 1 replaced)"
        ),
        "{got:#?}"
    );
    assert!(
        has(
            "PLAN003",
            "terraform_data.db is replaced (delete, then create), forced by \"triggers_replace\" (one of 2 destroy(s) in this plan: 1 deleted, 1 replaced)"
        ),
        "{got:#?}"
    );
    assert!(
        has(
            "PLAN013",
            "terraform_data.old_name moves to terraform_data.new_name"
        ),
        "{got:#?}"
    );
    assert!(
        got.iter()
            .any(|(i, m)| i == "PLAN019" && m.contains("variable(s) token")),
        "{got:#?}"
    );
    // the replacement explains the forcing attribute
    let db = o
        .escalations
        .iter()
        .find(|e| e.address == "terraform_data.db")
        .unwrap();
    assert_eq!(db.details[0].attribute, "triggers_replace");
    assert_eq!(
        (db.details[0].before.as_str(), db.details[0].after.as_str()),
        ("[\"1\"]", "[\"2\"]")
    );
    // the CLI: exit 1 (high destroys), no secret in any output
    for fmt in ["text", "json", "sarif", "markdown"] {
        let out = ironlaw()
            .args(["plan", "--format", fmt])
            .arg(&p)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{fmt}");
        let s = String::from_utf8_lossy(&out.stdout);
        assert!(
            !s.contains("tok-"),
            "{fmt} leaks the sensitive variable:\n{s}"
        );
    }
    // the plan JSON itself does hold the value (why PLAN019 exists)
    assert!(fs::read_to_string(&p).unwrap().contains("tok-77e2b0"));
}

#[test]
fn real_terraform_plan_with_nothing_to_do_passes() {
    let Some(bin) = terraform() else {
        eprintln!(
            "SKIPPED real_terraform_plan_with_nothing_to_do_passes: no `terraform` or `tofu` on PATH"
        );
        return;
    };
    let tf = Tf::new(bin);
    tf.write("resource \"terraform_data\" \"a\" { input = \"x\" }\n");
    tf.run(&["init", "-input=false", "-backend=false"]);
    let p = tf.plan_json("create.json");
    ironlaw().arg("plan").arg(&p).assert().code(0);
    tf.run(&["apply", "-input=false", "-lock=false", "-auto-approve"]);
    let p = tf.plan_json("noop.json");
    let out = ironlaw()
        .args(["plan", "--color", "never"])
        .arg(&p)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(s.contains("No escalations."), "{s}");
    // destroy plan: everything goes
    tf.run(&[
        "plan",
        "-destroy",
        "-input=false",
        "-lock=false",
        "-out=plan.out",
    ]);
    let json = tf.run(&["show", "-json", "plan.out"]);
    let d = tf.dir.path().join("destroy.json");
    fs::write(&d, json).unwrap();
    let out = ironlaw()
        .args(["plan", "--format", "json", "--max-destroy", "0"])
        .arg(&d)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["PLAN003", "PLAN017"]);
}
