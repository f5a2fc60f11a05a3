//! CI022 `self-hosted-runner-on-public-trigger`: a job runs on a self-hosted runner in a
//! workflow that outsiders can trigger (pull requests, issue comments, forks).

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::ci::CiFile;
use crate::model::ci::github::{GhJob, Workflow};
use crate::parse::yaml::Node;
use crate::rules::{Checklist, CiRule, Family, RuleMeta};

pub struct SelfHostedRunnerOnPublicTrigger;

pub static META: RuleMeta = RuleMeta {
    id: "CI022",
    name: "self-hosted-runner-on-public-trigger",
    family: Family::Ci,
    title: "Self-hosted runner used by a workflow outsiders can trigger",
    severity: Severity::High,
    confidence: Confidence::Medium,
    checklist: Checklist::NoSecretsInCode,
    rationale: "Self-hosted runners are not wiped between jobs: a pull request from a fork \
(or a comment that triggers a job) runs its code on the machine, can persist a backdoor, read \
credentials other jobs leave behind, and reach the internal network the runner sits in.",
    remediation: "Run jobs triggered by pull requests and comments on GitHub-hosted (or \
ephemeral, isolated) runners: `runs-on: ubuntu-latest`; keep self-hosted runners for \
`push` to protected branches and require approval for fork pull requests.",
    equivalents: &["zizmor:self-hosted-runner"],
    references: &[
        "https://docs.github.com/en/actions/hosting-your-own-runners/managing-self-hosted-runners/about-self-hosted-runners#self-hosted-runner-security",
    ],
};

const PUBLIC: &[&str] = &[
    "pull_request",
    "pull_request_target",
    "issue_comment",
    "pull_request_review",
    "pull_request_review_comment",
    "discussion_comment",
];

fn self_hosted(n: &Node) -> bool {
    let hit = |s: &str| s.eq_ignore_ascii_case("self-hosted");
    n.as_str().is_some_and(hit)
        || n.iter_seq().any(|x| x.as_str().is_some_and(hit))
        || n.get("labels").is_some_and(self_hosted)
}

impl CiRule for SelfHostedRunnerOnPublicTrigger {
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
        let Some(trigger) = wf.triggers.iter().find(|t| PUBLIC.contains(&t.name)) else {
            return;
        };
        let Some(r) = job.get("runs-on") else { return };
        if self_hosted(r) {
            out.push(
                Diagnostic::new(
                    &META,
                    r.span,
                    format!(
                        "job \"{}\" runs on a self-hosted runner in a workflow triggered by `{}`",
                        job.id, trigger.name
                    ),
                )
                .anchor(job.id.to_string()),
            );
        }
    }
}
