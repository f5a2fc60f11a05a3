//! CI013 `ci-secret-literal`: a secret-looking variable of a pipeline (`env:` at any level,
//! GitLab `variables:`) has a literal value written in the file. The value is never printed.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::ci::github::{GhJob, Step, Workflow};
use crate::model::ci::gitlab::{GitlabCi, GlJob};
use crate::model::ci::{CiFile, scalar};
use crate::parse::yaml::Node;
use crate::rules::docker::shell_util::is_secret_name;
use crate::rules::{Checklist, CiRule, Family, RuleMeta};

pub struct CiSecretLiteral;

pub static META: RuleMeta = RuleMeta {
    id: "CI013",
    name: "ci-secret-literal",
    family: Family::Ci,
    title: "Pipeline variable holds a literal secret",
    severity: Severity::High,
    confidence: Confidence::Medium,
    checklist: Checklist::NoSecretsInCode,
    rationale: "A password or token written in a pipeline file is readable by everyone with \
read access to the repository, forks included, and stays in git history after it is \
removed; CI secret stores mask values in logs and can be rotated without a commit.",
    remediation: "Store the value in the CI secret store and reference it: \
`NPM_TOKEN: ${{ secrets.NPM_TOKEN }}` (GitHub) or a masked, protected CI/CD variable \
(GitLab), never a literal.",
    equivalents: &[],
    references: &[
        "https://docs.github.com/en/actions/security-for-github-actions/security-guides/using-secrets-in-github-actions",
        "https://docs.gitlab.com/ci/variables/#mask-a-cicd-variable",
    ],
};

fn check_vars(vars: Option<&Node>, what: &str, out: &mut Vec<Diagnostic>) {
    check_vars_in(vars, what, None, out);
}

/// `within`: only values written inside this span (a GitLab job's own mapping).
fn check_vars_in(
    vars: Option<&Node>,
    what: &str,
    within: Option<&GlJob<'_>>,
    out: &mut Vec<Diagnostic>,
) {
    for (k, v) in vars.map(Node::iter_map).into_iter().flatten() {
        let Some(name) = k.as_str() else { continue };
        // GitLab: `NAME: {value: …, description: …}`
        let value_node = v.get("value").unwrap_or(v);
        let Some(value) = scalar(value_node) else {
            continue;
        };
        let t = value.trim();
        if within.is_some_and(|j| !j.owns(value_node.span)) {
            continue;
        }
        if t.len() < 6
            || t.contains('$')
            || t.eq_ignore_ascii_case("true")
            || t.eq_ignore_ascii_case("false")
            || t.contains(' ')
            || !is_secret_name(name)
        {
            continue;
        }
        out.push(
            Diagnostic::new(
                &META,
                value_node.span,
                format!(
                    "{what} sets secret-looking variable \"{name}\" to a literal value ({} characters)",
                    t.chars().count()
                ),
            )
            .anchor(format!("{what}:{name}")),
        );
    }
}

impl CiRule for CiSecretLiteral {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_workflow(&self, _ci: &CiFile<'_>, wf: &Workflow<'_>, out: &mut Vec<Diagnostic>) {
        check_vars(wf.env, "workflow", out);
    }

    fn check_job(
        &self,
        _ci: &CiFile<'_>,
        _wf: &Workflow<'_>,
        job: &GhJob<'_>,
        out: &mut Vec<Diagnostic>,
    ) {
        check_vars(job.get("env"), &format!("job \"{}\"", job.id), out);
    }

    fn check_step(
        &self,
        _ci: &CiFile<'_>,
        job: &GhJob<'_>,
        step: &Step<'_>,
        out: &mut Vec<Diagnostic>,
    ) {
        check_vars(
            step.get("env"),
            &format!("job \"{}\" {}", job.id, step.label()),
            out,
        );
    }

    fn check_gitlab(&self, _ci: &CiFile<'_>, gl: &GitlabCi<'_>, out: &mut Vec<Diagnostic>) {
        check_vars(gl.variables, "pipeline", out);
    }

    fn check_gitlab_job(&self, _ci: &CiFile<'_>, job: &GlJob<'_>, out: &mut Vec<Diagnostic>) {
        check_vars(
            job.node.get("variables"),
            &format!("job \"{}\"", job.name),
            out,
        );
    }
}
