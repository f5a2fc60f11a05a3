//! CI030 `deploy-without-test-gate`: a deploy job does not depend, directly or transitively,
//! on a job that runs the tests (and runs none itself).

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::ci::CiFile;
use crate::rules::ci::gates::graph_complete;
use crate::rules::{Checklist, CiRule, Family, RuleMeta};

pub struct DeployWithoutTestGate;

pub static META: RuleMeta = RuleMeta {
    id: "CI030",
    name: "deploy-without-test-gate",
    family: Family::Ci,
    title: "Deploy job does not wait for the tests",
    severity: Severity::High,
    confidence: Confidence::Medium,
    checklist: Checklist::RollbackPath,
    rationale: "A deploy that does not depend on the test job runs in parallel with it (or \
without it): a commit that breaks the tests is already in production when the red mark \
appears, and the rollback is manual.",
    remediation: "Make the deploy depend on the tests: `needs: [test]` (GitHub, or GitLab \
DAG), or put the tests in an earlier GitLab stage: `stages: [test, build, deploy]`.",
    equivalents: &[],
    references: &[
        "https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions#jobsjob_idneeds",
        "https://docs.gitlab.com/ci/yaml/#needs",
    ],
};

impl CiRule for DeployWithoutTestGate {
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
        let gated = p.reaching(|j| j.kinds.test);
        let has_tests = p.jobs.iter().any(|j| j.kinds.test);
        for (job, gated) in p.jobs.iter().zip(gated) {
            if !job.kinds.deploy || gated {
                continue;
            }
            let why = if has_tests {
                "does not depend on a test job"
            } else {
                "runs in a pipeline without tests"
            };
            out.push(
                Diagnostic::new(
                    &META,
                    job.span,
                    format!("deploy job \"{}\" {why}", job.name),
                )
                .anchor(job.name.clone()),
            );
        }
    }
}
