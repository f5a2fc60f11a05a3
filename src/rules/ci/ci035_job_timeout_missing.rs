//! CI035 `job-timeout-missing`: a GitHub job has no `timeout-minutes` (the default is six
//! hours).

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::ci::CiFile;
use crate::model::ci::github::{GhJob, Workflow};
use crate::rules::{Checklist, CiRule, Family, RuleMeta};

pub struct JobTimeoutMissing;

pub static META: RuleMeta = RuleMeta {
    id: "CI035",
    name: "job-timeout-missing",
    family: Family::Ci,
    title: "GitHub job without `timeout-minutes`",
    severity: Severity::Low,
    confidence: Confidence::High,
    checklist: Checklist::RollbackPath,
    rationale: "A GitHub job without a timeout may run for six hours: a hung test, a deploy \
waiting on a rollout that never converges, or a prompt nobody answers holds a runner (and, \
for deploys, the deploy lock) and burns minutes long after anyone notices.",
    remediation: "Set a timeout a little above the job's normal duration: \
`timeout-minutes: 15`.",
    equivalents: &[],
    references: &[
        "https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions#jobsjob_idtimeout-minutes",
    ],
};

impl CiRule for JobTimeoutMissing {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_job(
        &self,
        _ci: &CiFile<'_>,
        wf: &Workflow<'_>,
        job: &GhJob<'_>,
        out: &mut Vec<Diagnostic>,
    ) {
        // reusable-workflow calls take no timeout; actions have no jobs
        if wf.is_action || job.uses.is_some() || job.get("timeout-minutes").is_some() {
            return;
        }
        out.push(
            Diagnostic::new(
                &META,
                job.id_span,
                format!(
                    "job \"{}\" has no `timeout-minutes` (default: 6 hours)",
                    job.id
                ),
            )
            .anchor(job.id.to_string()),
        );
    }
}
