//! CI034 `production-deploy-without-approval`: a production deploy job has no approval gate
//! in the pipeline: neither the job nor a job it waits for declares one (GitHub: an
//! `environment:`, whose protection rules hold the reviewers; GitLab: `when: manual`, a
//! blocking manual job before it, or an `environment:` that a protected environment can gate).

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::ci::{CiFile, CiSystem};
use crate::rules::ci::gates::graph_complete;
use crate::rules::{Checklist, CiRule, Family, RuleMeta};

pub struct ProductionDeployWithoutApproval;

pub static META: RuleMeta = RuleMeta {
    id: "CI034",
    name: "production-deploy-without-approval",
    family: Family::Ci,
    title: "Production deploy without an approval gate",
    severity: Severity::High,
    confidence: Confidence::Medium,
    checklist: Checklist::ProductionApproval,
    rationale: "A production deploy that starts by itself on every merge leaves no point at \
which a person confirms the change, the timing and the rollback plan; a bad merge, or a \
compromised account that can push, goes straight to customers.",
    remediation: "Gate it: on GitHub, deploy through an environment with required reviewers \
(`environment: production`, reviewers configured in the repository settings); on GitLab, \
`when: manual` on the deploy job (and a protected environment with approvals).",
    equivalents: &[],
    references: &[
        "https://docs.github.com/en/actions/managing-workflow-runs-and-deployments/managing-deployments/managing-environments-for-deployment#required-reviewers",
        "https://docs.gitlab.com/ci/environments/deployment_approvals/",
    ],
};

impl CiRule for ProductionDeployWithoutApproval {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn needs_whole_pipeline(&self) -> bool {
        true
    }

    fn check_pipeline(&self, ci: &CiFile<'_>, out: &mut Vec<Diagnostic>) {
        if !graph_complete(ci) {
            return;
        }
        let approved = ci.pipeline.approved();
        for (job, ok) in ci.pipeline.jobs.iter().zip(approved) {
            if !(job.kinds.deploy && job.production) || ok {
                continue;
            }
            let why = match ci.pipeline.system {
                CiSystem::GithubActions => {
                    "declares no `environment:` whose reviewers could approve it"
                }
                CiSystem::GitlabCi => {
                    "runs automatically (no `when: manual`, no blocking manual job before it, no \
`environment:` that could be protected)"
                }
            };
            out.push(
                Diagnostic::new(
                    &META,
                    job.span,
                    format!("production deploy job \"{}\" {why}", job.name),
                )
                .anchor(job.name.clone()),
            );
        }
    }
}
