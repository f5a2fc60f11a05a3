//! CI027 `secret-on-command-line`: a `${{ secrets.X }}` expression is pasted into a command's
//! arguments (`docker login -p ${{ secrets.P }}`, `curl -H "Authorization: ${{ secrets.T }}"`).

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::ci::CiFile;
use crate::model::ci::github::{GhJob, Step};
use crate::rules::{Checklist, CiRule, Family, RuleMeta};

pub struct SecretOnCommandLine;

pub static META: RuleMeta = RuleMeta {
    id: "CI027",
    name: "secret-on-command-line",
    family: Family::Ci,
    title: "Secret pasted into a command line",
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    checklist: Checklist::RuntimeSecrets,
    rationale: "A secret interpolated into the script text is part of the command line: every \
process on the runner can read it from the process list, `set -x` prints it, and a secret \
containing quotes or `$` breaks (or injects into) the script.",
    remediation: "Give the secret to the step's environment and let the tool read it, or pass \
it on stdin: `env: {REGISTRY_TOKEN: ${{ secrets.REGISTRY_TOKEN }}}` + `run: echo \
\"$REGISTRY_TOKEN\" | docker login ghcr.io -u me --password-stdin`.",
    equivalents: &[],
    references: &[
        "https://docs.github.com/en/actions/security-for-github-actions/security-guides/using-secrets-in-github-actions#using-secrets-in-a-workflow",
    ],
};

impl CiRule for SecretOnCommandLine {
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
        for e in r.exprs.iter().filter(|e| e.inner.contains("secrets.")) {
            // inside the arguments of a command that is not a printer (CI014 covers those)
            let Some(c) = r.shell.script.commands.iter().find(|c| {
                c.args
                    .iter()
                    .any(|w| w.span.start <= e.span.start && e.span.end <= w.span.end)
            }) else {
                continue;
            };
            let (name, _) = c.effective();
            if matches!(name, "echo" | "printf") {
                continue;
            }
            out.push(
                Diagnostic::new(
                    &META,
                    e.span,
                    format!(
                        "job \"{}\" {} passes `{}` on the command line of `{name}`",
                        job.id,
                        step.label(),
                        e.inner
                    ),
                )
                .anchor(format!("{}:{}", job.id, e.inner)),
            );
        }
    }
}
