//! CI037 `deploy-runs-when-always`: a GitLab deploy job has `when: always`, so it runs even
//! when earlier stages (tests, scans) failed.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::ci::CiFile;
use crate::model::ci::gitlab::GitlabCi;
use crate::parse::yaml::Node;
use crate::rules::{Checklist, CiRule, Family, RuleMeta};

pub struct DeployRunsWhenAlways;

pub static META: RuleMeta = RuleMeta {
    id: "CI037",
    name: "deploy-runs-when-always",
    family: Family::Ci,
    title: "GitLab deploy job runs `when: always`",
    severity: Severity::High,
    confidence: Confidence::High,
    checklist: Checklist::RollbackPath,
    rationale: "`when: always` runs the job whatever happened before it: a deploy with it \
ships a build whose tests or vulnerability scan just failed, defeating every gate the \
pipeline has.",
    remediation: "Deploy only on success (the default, `when: on_success`) or manually: \
remove `when: always`, or use `when: manual`.",
    equivalents: &[],
    references: &["https://docs.gitlab.com/ci/yaml/#when"],
};

impl CiRule for DeployRunsWhenAlways {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_gitlab(&self, ci: &CiFile<'_>, gl: &GitlabCi<'_>, out: &mut Vec<Diagnostic>) {
        let deploys: std::collections::BTreeSet<&str> = ci
            .pipeline
            .jobs
            .iter()
            .filter(|j| j.kinds.deploy)
            .map(|j| j.name.as_str())
            .collect();
        for job in gl.jobs.iter().filter(|j| deploys.contains(j.name)) {
            let whens = job.get("when").into_iter().chain(
                job.get("rules")
                    .map(Node::iter_seq)
                    .into_iter()
                    .flatten()
                    .filter_map(|r| r.get("when")),
            );
            for w in whens {
                if w.as_str() == Some("always") {
                    out.push(
                        Diagnostic::new(
                            &META,
                            w.span,
                            format!("deploy job \"{}\" runs `when: always`, even after failed tests or scans", job.name),
                        )
                        .anchor(job.name.to_string()),
                    );
                }
            }
        }
    }
}
