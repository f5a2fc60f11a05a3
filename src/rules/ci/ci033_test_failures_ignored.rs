//! CI033 `test-failures-ignored`: a test or lint job (or step) is allowed to fail
//! (`continue-on-error: true`, `allow_failure: true`).

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::ci::github::{GhJob, Workflow};
use std::collections::BTreeMap;

use crate::model::ci::gitlab::{GitlabCi, GlJob};
use crate::model::ci::{CiFile, Job, Kind, is_true, kind_of_action, kind_of_command};
use crate::rules::{Checklist, CiRule, Family, RuleMeta};

pub struct TestFailuresIgnored;

pub static META: RuleMeta = RuleMeta {
    id: "CI033",
    name: "test-failures-ignored",
    family: Family::Ci,
    title: "Test or lint failures are ignored",
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    checklist: Checklist::RollbackPath,
    rationale: "A test job that may fail keeps the pipeline green while the tests are red: \
the deploy proceeds, the failure becomes normal, and the suite stops protecting anything. \
Flaky tests need fixing or quarantining, not a blanket pass.",
    remediation: "Remove `continue-on-error: true` / `allow_failure: true` from test and lint \
jobs; quarantine a known-flaky test explicitly (`pytest -m 'not flaky'`) and track it.",
    equivalents: &[],
    references: &[
        "https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions#jobsjob_idcontinue-on-error",
        "https://docs.gitlab.com/ci/yaml/#allow_failure",
    ],
};

fn label(test: bool) -> &'static str {
    if test { "test" } else { "lint" }
}

impl CiRule for TestFailuresIgnored {
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
        let Some(pj) = ci.pipeline.jobs.get(job.index) else {
            return;
        };
        if let Some(n) = job.get("continue-on-error").filter(|n| is_true(n)) {
            if (pj.kinds.test || pj.kinds.lint) && !pj.kinds.scan {
                out.push(
                    Diagnostic::new(
                        &META,
                        n.span,
                        format!(
                            "{} job \"{}\" has `continue-on-error: true`",
                            label(pj.kinds.test),
                            job.id
                        ),
                    )
                    .anchor(job.id.to_string()),
                );
                return;
            }
        }
        for step in &job.steps {
            let Some(n) = step.get("continue-on-error").filter(|n| is_true(n)) else {
                continue;
            };
            let mut kinds = crate::model::ci::Kinds::default();
            if let Some(k) = step
                .uses
                .as_ref()
                .and_then(|u| u.action())
                .and_then(|a| kind_of_action(&a))
            {
                kinds.add(k);
            }
            for c in step.run.iter().flat_map(|r| &r.shell.script.commands) {
                if let Some(k) = kind_of_command(c) {
                    kinds.add(k);
                }
            }
            if (kinds.has(Kind::Test) || kinds.has(Kind::Lint)) && !kinds.scan {
                out.push(
                    Diagnostic::new(
                        &META,
                        n.span,
                        format!(
                            "job \"{}\" {}: {} step has `continue-on-error: true`",
                            job.id,
                            step.label(),
                            label(kinds.test)
                        ),
                    )
                    .anchor(format!("{}:{}", job.id, step.index)),
                );
            }
        }
    }

    fn check_gitlab(&self, ci: &CiFile<'_>, gl: &GitlabCi<'_>, out: &mut Vec<Diagnostic>) {
        let by_name: BTreeMap<&str, &Job> = ci
            .pipeline
            .jobs
            .iter()
            .map(|j| (j.name.as_str(), j))
            .collect();
        for job in &gl.jobs {
            if let Some(pj) = by_name.get(job.name) {
                check_gitlab_job(job, pj, out);
            }
        }
    }
}

fn check_gitlab_job(job: &GlJob<'_>, pj: &Job, out: &mut Vec<Diagnostic>) {
    {
        if !(pj.kinds.test || pj.kinds.lint) || pj.kinds.scan {
            return;
        }
        if job.get("allow_failure").is_some_and(is_true) {
            if let Some(span) = job.key_span("allow_failure") {
                out.push(
                    Diagnostic::new(
                        &META,
                        span,
                        format!(
                            "{} job \"{}\" has `allow_failure: true`",
                            label(pj.kinds.test),
                            job.name
                        ),
                    )
                    .anchor(job.name.to_string()),
                );
            }
        }
    }
}
