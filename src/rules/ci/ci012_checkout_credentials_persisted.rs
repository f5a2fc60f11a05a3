//! CI012 `checkout-credentials-persisted`: `actions/checkout` keeps the token in `.git/config`
//! (no `persist-credentials: false`) in a job that uploads artifacts or pushes an image built
//! from the workspace.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::ci::github::{GhJob, Step, Workflow};
use crate::model::ci::{CiFile, command_matches, scalar};
use crate::rules::{Checklist, CiRule, Family, RuleMeta};

pub struct CheckoutCredentialsPersisted;

pub static META: RuleMeta = RuleMeta {
    id: "CI012",
    name: "checkout-credentials-persisted",
    family: Family::Ci,
    title: "`actions/checkout` persists credentials in a job that publishes the workspace",
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    checklist: Checklist::NoSecretsInCode,
    rationale: "By default `actions/checkout` writes the job's token into `.git/config`. A job \
that then uploads the workspace (or a directory containing `.git`) as an artifact, or bakes \
it into an image with `COPY . .`, publishes that token to anyone who can download the \
artifact or pull the image (\"ArtiPACKED\").",
    remediation: "Turn it off unless a later step pushes with git: \
`- uses: actions/checkout@<sha>` + `  with:` + `    persist-credentials: false`.",
    equivalents: &["zizmor:artipacked"],
    references: &[
        "https://unit42.paloaltonetworks.com/github-repo-artifacts-leak-tokens/",
        "https://docs.zizmor.sh/audits/#artipacked",
    ],
};

/// Steps that publish the workspace.
fn publishes(step: &Step<'_>) -> Option<&'static str> {
    if step.uses_action("actions/upload-artifact") {
        return Some("uploads an artifact");
    }
    if step.uses_action("actions/upload-pages-artifact") {
        return Some("uploads a Pages artifact");
    }
    if step.uses_action("docker/build-push-action")
        && step.input("push").is_some_and(|p| p == "true")
    {
        return Some("pushes an image");
    }
    let runs_push = step.run.as_ref().is_some_and(|r| {
        r.shell
            .script
            .commands
            .iter()
            .any(|c| command_matches(c, "docker push"))
    });
    runs_push.then_some("pushes an image")
}

impl CiRule for CheckoutCredentialsPersisted {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_job(
        &self,
        _ci: &CiFile<'_>,
        _wf: &Workflow<'_>,
        job: &GhJob<'_>,
        out: &mut Vec<Diagnostic>,
    ) {
        let Some(why) = job.steps.iter().find_map(publishes) else {
            return;
        };
        for step in &job.steps {
            if !step.uses_action("actions/checkout") {
                continue;
            }
            let persist = step
                .with
                .and_then(|w| w.get("persist-credentials"))
                .and_then(scalar);
            if persist.as_deref() == Some("false") {
                continue;
            }
            let Some(u) = &step.uses else { continue };
            out.push(
                Diagnostic::new(
                    &META,
                    u.span,
                    format!(
                        "job \"{}\" checks out with persisted credentials and {why}",
                        job.id
                    ),
                )
                .anchor(format!("{}:{}", job.id, step.index)),
            );
        }
    }
}
