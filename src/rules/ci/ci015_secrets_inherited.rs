//! CI015 `secrets-inherited`: a call to a reusable workflow passes every secret with
//! `secrets: inherit`.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::ci::CiFile;
use crate::model::ci::github::{GhJob, Workflow};
use crate::rules::{Checklist, CiRule, Family, RuleMeta};

pub struct SecretsInherited;

pub static META: RuleMeta = RuleMeta {
    id: "CI015",
    name: "secrets-inherited",
    family: Family::Ci,
    title: "Reusable workflow called with `secrets: inherit`",
    severity: Severity::Low,
    confidence: Confidence::High,
    checklist: Checklist::RuntimeSecrets,
    rationale: "`secrets: inherit` hands every secret of the caller (deploy keys, registry \
and cloud credentials) to the called workflow, whatever it needs; a compromise or a careless \
change of that workflow reaches all of them.",
    remediation: "Pass only the secrets the workflow declares: `secrets:` + `  registry-token: \
${{ secrets.REGISTRY_TOKEN }}`.",
    equivalents: &["zizmor:secrets-inherit"],
    references: &[
        "https://docs.github.com/en/actions/sharing-automations/reusing-workflows#passing-inputs-and-secrets-to-a-reusable-workflow",
    ],
};

impl CiRule for SecretsInherited {
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
        let Some(s) = job.get("secrets") else { return };
        if job.uses.is_some() && s.as_str() == Some("inherit") {
            out.push(
                Diagnostic::new(
                    &META,
                    s.span,
                    format!(
                        "job \"{}\" passes every secret to \"{}\"",
                        job.id,
                        job.uses.as_ref().map_or("", |u| u.text)
                    ),
                )
                .anchor(job.id.to_string()),
            );
        }
    }
}
