//! CI014 `ci-secret-echoed`: a script prints a secret (`echo ${{ secrets.X }}`,
//! `echo "$DEPLOY_TOKEN"`) into the job log.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::ci::github::{GhJob, Step};
use crate::model::ci::gitlab::{GitlabCi, GlJob};
use crate::model::ci::{CiFile, ShellText};
use crate::parse::shell::SimpleCommand;
use crate::rules::docker::shell_util::is_secret_name;
use crate::rules::{Checklist, CiRule, Family, RuleMeta};

pub struct CiSecretEchoed;

pub static META: RuleMeta = RuleMeta {
    id: "CI014",
    name: "ci-secret-echoed",
    family: Family::Ci,
    title: "Script prints a secret into the job log",
    severity: Severity::High,
    confidence: Confidence::Medium,
    checklist: Checklist::NoSecretsInCode,
    rationale: "Log masking only hides the exact secret string: once it is transformed \
(base64, JSON-escaped, split across lines) or printed by a debug `echo`, it is in the job log \
that every reader of the project (and, for public repositories, everyone) can download.",
    remediation: "Pass secrets through the environment or stdin, never print them: \
`echo \"$TOKEN\" | docker login --password-stdin` or `env: {TOKEN: ${{ secrets.TOKEN }}}` \
read by the tool itself.",
    equivalents: &[],
    references: &[
        "https://docs.github.com/en/actions/security-for-github-actions/security-guides/using-secrets-in-github-actions#using-secrets-in-a-workflow",
    ],
};

/// Commands that print their arguments.
fn prints(c: &SimpleCommand) -> bool {
    let (name, _) = c.effective();
    if !matches!(name, "echo" | "printf") {
        return false;
    }
    // `echo "$X" | docker login --password-stdin`: into a pipe, not the log
    c.pipeline.is_none_or(|p| p.index + 1 >= p.len)
}

/// A `$NAME` / `${NAME}` reference to a secret-looking variable in a word.
fn secret_var(word: &str) -> Option<String> {
    let mut rest = word;
    while let Some(i) = rest.find('$') {
        let after = rest.get(i + 1..).unwrap_or("");
        let after = after.strip_prefix('{').unwrap_or(after);
        let name: String = after
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if !name.is_empty()
            && (is_secret_name(&name)
                || matches!(name.as_str(), "CI_JOB_TOKEN" | "CI_REGISTRY_PASSWORD"))
        {
            return Some(name);
        }
        rest = after;
    }
    None
}

fn check_text(
    ci: &CiFile<'_>,
    st: &ShellText<'_>,
    exprs: &[crate::model::ci::Expr],
    what: &str,
    out: &mut Vec<Diagnostic>,
) {
    for c in st.script.commands.iter().filter(|c| prints(c)) {
        // `echo … > file`: into a file, not the log (`>&2` is still the log)
        let after = ci.text.get(c.span.end..).unwrap_or("");
        let after = after.split('\n').next().unwrap_or("").trim_start();
        if after.starts_with('>') && !after.starts_with(">&") {
            continue;
        }
        // GitHub: a `${{ secrets.X }}` expression inside the command
        let by_expr = exprs.iter().find(|e| {
            e.span.start >= c.span.start
                && e.span.end <= c.span.end
                && (e.inner.contains("secrets.") || e.inner.contains("github.token"))
        });
        if let Some(e) = by_expr {
            out.push(
                Diagnostic::new(
                    &META,
                    e.span,
                    format!(
                        "{what}: `{}` prints `{}` into the job log",
                        c.effective().0,
                        e.inner
                    ),
                )
                .anchor(format!("{what}:{}", e.inner)),
            );
            continue;
        }
        for w in &c.args {
            if let Some(name) = secret_var(&w.text) {
                out.push(
                    Diagnostic::new(
                        &META,
                        w.span,
                        format!(
                            "{what}: `{}` prints secret variable \"{name}\" into the job log",
                            c.effective().0
                        ),
                    )
                    .anchor(format!("{what}:{name}")),
                );
                break;
            }
        }
    }
}

impl CiRule for CiSecretEchoed {
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
        if let Some(r) = &step.run {
            check_text(
                ci,
                &r.shell,
                &r.exprs,
                &format!("job \"{}\" {}", job.id, step.label()),
                out,
            );
        }
    }

    fn check_gitlab_job(&self, ci: &CiFile<'_>, job: &GlJob<'_>, out: &mut Vec<Diagnostic>) {
        for st in job.own_scripts() {
            check_text(ci, st, &[], &format!("job \"{}\"", job.name), out);
        }
    }

    fn check_gitlab(&self, ci: &CiFile<'_>, gl: &GitlabCi<'_>, out: &mut Vec<Diagnostic>) {
        for st in &gl.default_scripts {
            check_text(ci, st, &[], "default", out);
        }
    }
}
