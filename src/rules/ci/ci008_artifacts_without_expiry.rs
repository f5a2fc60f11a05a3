//! CI008 `artifacts-without-expiry`: GitLab `artifacts:` without `expire_in`.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::ci::CiFile;
use crate::model::ci::gitlab::GlJob;
use crate::rules::{Checklist, CiRule, Family, RuleMeta};

pub struct ArtifactsWithoutExpiry;

pub static META: RuleMeta = RuleMeta {
    id: "CI008",
    name: "artifacts-without-expiry",
    family: Family::Ci,
    title: "GitLab artifacts kept without `expire_in`",
    severity: Severity::Info,
    confidence: Confidence::High,
    checklist: Checklist::NoSecretsInCode,
    rationale: "Artifacts without an expiry follow the instance default (often 30 days, or \
forever on self-managed instances): build outputs, test reports and anything accidentally \
captured (a `.env`, a kubeconfig) stay downloadable long after anyone needs them.",
    remediation: "Keep artifacts only as long as they are useful: `artifacts:` + `  paths: \
[dist/]` + `  expire_in: 1 week`.",
    equivalents: &[],
    references: &["https://docs.gitlab.com/ci/yaml/#artifactsexpire_in"],
};

impl CiRule for ArtifactsWithoutExpiry {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_gitlab_job(&self, _ci: &CiFile<'_>, job: &GlJob<'_>, out: &mut Vec<Diagnostic>) {
        let Some((k, a)) = job.node.entry("artifacts") else {
            return;
        };
        // reports-only artifacts (`reports: junit`) expire with the pipeline's data anyway
        let keeps_files = a.get("paths").is_some() || a.get("untracked").is_some();
        if keeps_files
            && a.get("expire_in").is_none()
            && job
                .get("artifacts")
                .and_then(|x| x.get("expire_in"))
                .is_none()
        {
            out.push(
                Diagnostic::new(
                    &META,
                    k.span,
                    format!("job \"{}\" keeps artifacts without `expire_in`", job.name),
                )
                .anchor(job.name.to_string()),
            );
        }
    }
}
