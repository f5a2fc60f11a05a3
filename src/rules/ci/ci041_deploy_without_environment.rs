//! CI041 `deploy-without-environment`: a job deploys (by its commands or actions) but
//! declares no `environment:`, so deployments are not tracked and cannot be protected.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::ci::CiFile;
use crate::rules::ci::gates::gates_apply;
use crate::rules::{Checklist, CiRule, Family, RuleMeta};

pub struct DeployWithoutEnvironment;

pub static META: RuleMeta = RuleMeta {
    id: "CI041",
    name: "deploy-without-environment",
    family: Family::Ci,
    title: "Deploy job declares no `environment:`",
    severity: Severity::Low,
    confidence: Confidence::Medium,
    checklist: Checklist::ProductionApproval,
    rationale: "The environment is what the CI system tracks deployments by: without it there \
is no deployment history to roll back to, no protection rules or approvals, and no scoping \
of secrets to the environment they belong to.",
    remediation: "Declare where the job deploys: `environment: {name: production, url: \
https://example.com}`.",
    equivalents: &[],
    references: &[
        "https://docs.github.com/en/actions/managing-workflow-runs-and-deployments/managing-deployments/managing-environments-for-deployment",
        "https://docs.gitlab.com/ci/environments/",
    ],
};

impl CiRule for DeployWithoutEnvironment {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_pipeline(&self, ci: &CiFile<'_>, out: &mut Vec<Diagnostic>) {
        if !gates_apply(ci) {
            return;
        }
        for job in &ci.pipeline.jobs {
            if job.kinds.deploy && job.environment.is_none() {
                out.push(
                    Diagnostic::new(
                        &META,
                        job.span,
                        format!("deploy job \"{}\" declares no `environment:`", job.name),
                    )
                    .anchor(job.name.clone()),
                );
            }
        }
    }
}
