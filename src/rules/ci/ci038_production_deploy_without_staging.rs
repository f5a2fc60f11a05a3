//! CI038 `production-deploy-without-staging`: a production deploy is not preceded, in the
//! same pipeline, by a deploy to a non-production environment.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::ci::CiFile;
use crate::rules::ci::gates::graph_complete;
use crate::rules::{Checklist, CiRule, Family, RuleMeta};

pub struct ProductionDeployWithoutStaging;

pub static META: RuleMeta = RuleMeta {
    id: "CI038",
    name: "production-deploy-without-staging",
    family: Family::Ci,
    title: "Production deploy not preceded by a staging deploy",
    severity: Severity::Info,
    confidence: Confidence::Low,
    checklist: Checklist::RollbackPath,
    rationale: "Deploying the same artifact to a staging environment first, in the same \
pipeline, catches what tests cannot (migrations, configuration, infrastructure drift) before \
customers do; going straight to production makes production the first real environment.",
    remediation: "Deploy to staging first and make production depend on it: a \
`deploy-staging` job with `environment: staging`, and `needs: [deploy-staging]` on \
`deploy-production`.",
    equivalents: &[],
    references: &["https://docs.gitlab.com/ci/environments/"],
};

impl CiRule for ProductionDeployWithoutStaging {
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
        let p = &ci.pipeline;
        let staged = p.reaching(|j| j.kinds.deploy && !j.production);
        for (job, staged) in p.jobs.iter().zip(staged) {
            if job.kinds.deploy && job.production && !staged {
                out.push(
                    Diagnostic::new(
                        &META,
                        job.span,
                        format!(
                            "production deploy job \"{}\" does not follow a staging deploy",
                            job.name
                        ),
                    )
                    .anchor(job.name.clone()),
                );
            }
        }
    }
}
