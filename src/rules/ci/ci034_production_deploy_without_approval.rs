//! CI034 `production-deploy-without-approval`: a production deploy job has no approval gate
//! in the file (GitHub: no `environment:`, whose protection rules hold the reviewers;
//! GitLab: not `when: manual`).

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::ci::{CiFile, CiSystem};
use crate::rules::ci::gates::gates_apply;
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

    fn check_pipeline(&self, ci: &CiFile<'_>, out: &mut Vec<Diagnostic>) {
        if !gates_apply(ci) {
            return;
        }
        for job in &ci.pipeline.jobs {
            if !(job.kinds.deploy && job.production) || job.approval {
                continue;
            }
            let why = match ci.pipeline.system {
                CiSystem::GithubActions => {
                    "declares no `environment:` whose reviewers could approve it"
                }
                CiSystem::GitlabCi => "runs automatically (no `when: manual`)",
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
