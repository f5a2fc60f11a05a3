//! CI032 `scan-cannot-fail`: a vulnerability scan is configured so that it can never fail the
//! pipeline (`continue-on-error: true`, `allow_failure: true`, `|| true`, `--exit-code 0`,
//! `--soft-fail`, `soft_fail: true`, `fail-build: false`).

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::ci::github::{GhJob, Step, Workflow};
use crate::model::ci::gitlab::GlJob;
use crate::model::ci::{CiFile, Kind, ShellText, is_true, kind_of_action, kind_of_command};
use crate::parse::yaml::Node;
use crate::rules::ci::util::{failure_swallowed, soft_fail_flag};
use crate::rules::{Checklist, CiRule, Family, RuleMeta};

pub struct ScanCannotFail;

pub static META: RuleMeta = RuleMeta {
    id: "CI032",
    name: "scan-cannot-fail",
    family: Family::Ci,
    title: "Vulnerability scan cannot fail the pipeline",
    severity: Severity::High,
    confidence: Confidence::High,
    checklist: Checklist::ImageScanning,
    rationale: "A scan whose failure is ignored is a report nobody reads: the deploy goes \
ahead with the critical vulnerability it found, and the pipeline stays green. The scan only \
protects production if a finding above the agreed threshold stops the deploy.",
    remediation: "Let the scanner fail the job at the severity you gate on, and handle \
accepted risks in its ignore file instead: `trivy image --exit-code 1 --severity \
CRITICAL,HIGH --ignorefile .trivyignore $IMAGE`.",
    equivalents: &[],
    references: &[
        "https://aquasecurity.github.io/trivy/latest/docs/configuration/others/#exit-code",
    ],
};

fn script_soft(ci: &CiFile<'_>, st: &ShellText<'_>, what: &str, out: &mut Vec<Diagnostic>) {
    for c in &st.script.commands {
        if kind_of_command(c) != Some(Kind::Scan) {
            continue;
        }
        let how = soft_fail_flag(c)
            .or_else(|| failure_swallowed(ci.text, c.span).then(|| "|| true".to_string()));
        if let Some(how) = how {
            out.push(
                Diagnostic::new(
                    &META,
                    c.span,
                    format!("{what}: scan `{}` cannot fail (`{how}`)", c.effective().0),
                )
                .anchor(format!("{what}:{}", c.effective().0)),
            );
        }
    }
}

/// An action input that disables failing (`exit-code: 0`, `soft_fail: true`,
/// `fail-build: false`).
fn soft_input<'a>(step: &Step<'a>) -> Option<(&'static str, &'a Node)> {
    let with = step.with?;
    for (key, bad) in [
        ("exit-code", "0"),
        ("soft_fail", "true"),
        ("fail-build", "false"),
    ] {
        if let Some(v) = with.get(key) {
            if crate::model::ci::scalar(v).is_some_and(|s| s.trim() == bad) {
                return Some((key, v));
            }
        }
    }
    None
}

impl CiRule for ScanCannotFail {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_job(
        &self,
        ci: &CiFile<'_>,
        _wf: &Workflow<'_>,
        job: &GhJob<'_>,
        out: &mut Vec<Diagnostic>,
    ) {
        let is_scan_step = |s: &Step<'_>| {
            s.uses
                .as_ref()
                .and_then(|u| u.action())
                .and_then(|a| kind_of_action(&a))
                == Some(Kind::Scan)
                || s.run.as_ref().is_some_and(|r| {
                    r.shell
                        .script
                        .commands
                        .iter()
                        .any(|c| kind_of_command(c) == Some(Kind::Scan))
                })
        };
        let job_soft = job.get("continue-on-error").filter(|n| is_true(n));
        for step in &job.steps {
            if !is_scan_step(step) {
                continue;
            }
            let what = format!("job \"{}\" {}", job.id, step.label());
            let step_soft = step.get("continue-on-error").filter(|n| is_true(n));
            if let Some(n) = step_soft.or(job_soft) {
                out.push(
                    Diagnostic::new(
                        &META,
                        n.span,
                        format!("{what}: scan cannot fail (`continue-on-error: true`)"),
                    )
                    .anchor(format!("{what}:continue-on-error")),
                );
                continue;
            }
            if let Some((key, v)) = soft_input(step) {
                out.push(
                    Diagnostic::new(
                        &META,
                        v.span,
                        format!("{what}: scan cannot fail (`{key}: {}`)", v.raw(ci.text)),
                    )
                    .anchor(format!("{what}:{key}")),
                );
                continue;
            }
            if let Some(r) = &step.run {
                script_soft(ci, &r.shell, &what, out);
            }
        }
    }

    fn check_gitlab_job(&self, ci: &CiFile<'_>, job: &GlJob<'_>, out: &mut Vec<Diagnostic>) {
        let scans = job.scripts.iter().any(|s| {
            s.script
                .commands
                .iter()
                .any(|c| kind_of_command(c) == Some(Kind::Scan))
        });
        if !job.hidden && scans && job.get("allow_failure").is_some_and(is_true) {
            if let Some(span) = job.key_span("allow_failure") {
                out.push(
                    Diagnostic::new(
                        &META,
                        span,
                        format!(
                            "job \"{}\": scan cannot fail (`allow_failure: true`)",
                            job.name
                        ),
                    )
                    .anchor(format!("{}:allow_failure", job.name)),
                );
            }
        }
        for st in job.own_scripts() {
            script_soft(ci, st, &format!("job \"{}\"", job.name), out);
        }
    }
}
