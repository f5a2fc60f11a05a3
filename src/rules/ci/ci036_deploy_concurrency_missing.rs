//! CI036 `deploy-concurrency-missing`: a deploy job is not serialised (GitHub `concurrency:`,
//! GitLab `resource_group:`), so two pipelines can deploy at the same time.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::ci::{CiFile, CiSystem};
use crate::rules::ci::gates::gates_apply;
use crate::rules::{Checklist, CiRule, Family, RuleMeta};

pub struct DeployConcurrencyMissing;

pub static META: RuleMeta = RuleMeta {
    id: "CI036",
    name: "deploy-concurrency-missing",
    family: Family::Ci,
    title: "Deploy job without a concurrency group or resource group",
    severity: Severity::Low,
    confidence: Confidence::Medium,
    checklist: Checklist::RollbackPath,
    rationale: "Two pipelines for two quick merges deploy at the same time: the older one can \
finish last and roll production back to the older version, and concurrent `terraform apply` \
or `helm upgrade` runs fight over the same state.",
    remediation: "Serialise deploys per environment: `concurrency: {group: deploy-production, \
cancel-in-progress: false}` (GitHub) or `resource_group: production` (GitLab).",
    equivalents: &[],
    references: &[
        "https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/control-the-concurrency-of-workflows-and-jobs",
        "https://docs.gitlab.com/ci/resource_groups/",
    ],
};

impl CiRule for DeployConcurrencyMissing {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_pipeline(&self, ci: &CiFile<'_>, out: &mut Vec<Diagnostic>) {
        if !gates_apply(ci) {
            return;
        }
        let how = match ci.pipeline.system {
            CiSystem::GithubActions => "`concurrency:`",
            CiSystem::GitlabCi => "`resource_group:`",
        };
        for job in &ci.pipeline.jobs {
            if job.kinds.deploy && !job.serialised {
                out.push(
                    Diagnostic::new(
                        &META,
                        job.span,
                        format!("deploy job \"{}\" has no {how}; concurrent pipelines can deploy at once", job.name),
                    )
                    .anchor(job.name.clone()),
                );
            }
        }
    }
}
