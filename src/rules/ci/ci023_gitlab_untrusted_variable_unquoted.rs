//! CI023 `gitlab-untrusted-variable-unquoted`: a GitLab script expands a variable that
//! pushers or merge-request authors control (`$CI_COMMIT_MESSAGE`, `$CI_MERGE_REQUEST_TITLE`,
//! `$CI_COMMIT_REF_NAME`…) unquoted, or inside `eval`/`sh -c`, where it becomes code or options.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::ci::gitlab::{GitlabCi, GlJob};
use crate::model::ci::{CiFile, ShellText};
use crate::rules::docker::shell_util::SHELLS;
use crate::rules::{Checklist, CiRule, Family, RuleMeta};

pub struct GitlabUntrustedVariableUnquoted;

pub static META: RuleMeta = RuleMeta {
    id: "CI023",
    name: "gitlab-untrusted-variable-unquoted",
    family: Family::Ci,
    title: "Attacker-controlled GitLab variable expanded unquoted or evaluated",
    severity: Severity::High,
    confidence: Confidence::Medium,
    checklist: Checklist::NoSecretsInCode,
    rationale: "Commit messages, merge request titles and descriptions, and branch names are \
written by whoever pushes or opens the merge request. Expanded unquoted they split into words \
(`--upload-pack=…` option injection, globbing); inside `eval` or `sh -c` they run as \
commands with the job's credentials.",
    remediation: "Quote the expansion and never evaluate it: `git log --format=%s -1 -- \
\"$CI_COMMIT_SHA\"`, `echo \"$CI_MERGE_REQUEST_TITLE\"`.",
    equivalents: &[],
    references: &["https://docs.gitlab.com/ci/variables/predefined_variables/"],
};

const UNTRUSTED: &[&str] = &[
    "CI_COMMIT_MESSAGE",
    "CI_COMMIT_TITLE",
    "CI_COMMIT_DESCRIPTION",
    "CI_COMMIT_BRANCH",
    "CI_COMMIT_REF_NAME",
    "CI_COMMIT_REF_SLUG",
    "CI_COMMIT_AUTHOR",
    "CI_MERGE_REQUEST_TITLE",
    "CI_MERGE_REQUEST_DESCRIPTION",
    "CI_MERGE_REQUEST_SOURCE_BRANCH_NAME",
    "CI_EXTERNAL_PULL_REQUEST_SOURCE_BRANCH_NAME",
];

fn variable_in(raw: &str) -> Option<&'static str> {
    UNTRUSTED.iter().copied().find(|v| {
        [format!("${v}"), format!("${{{v}}}")].iter().any(|p| {
            raw.match_indices(p.as_str()).any(|(i, _)| {
                // `$CI_COMMIT_REF_NAME` must not match `$CI_COMMIT_REF_NAME_X`
                !raw.get(i + p.len()..)
                    .and_then(|r| r.chars().next())
                    .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
            })
        })
    })
}

fn check_text(ci: &CiFile<'_>, st: &ShellText<'_>, what: &str, out: &mut Vec<Diagnostic>) {
    for c in &st.script.commands {
        let (name, _) = c.effective();
        let evaluates = name == "eval" || (SHELLS.contains(&name) && c.has_flag(&["-c"]));
        for w in &c.args {
            let raw = ci.text.get(w.span.range()).unwrap_or("");
            let Some(var) = variable_in(raw) else {
                continue;
            };
            let quoted = raw.starts_with('"') || raw.starts_with('\'');
            if quoted && !evaluates {
                continue;
            }
            let how = if evaluates {
                format!("evaluated by `{name}`")
            } else {
                "expanded unquoted".to_string()
            };
            out.push(
                Diagnostic::new(&META, w.span, format!("{what}: `${var}` is {how}"))
                    .anchor(format!("{what}:{var}")),
            );
        }
    }
}

impl CiRule for GitlabUntrustedVariableUnquoted {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_gitlab_job(&self, ci: &CiFile<'_>, job: &GlJob<'_>, out: &mut Vec<Diagnostic>) {
        for st in job.own_scripts() {
            check_text(ci, st, &format!("job \"{}\"", job.name), out);
        }
    }

    fn check_gitlab(&self, ci: &CiFile<'_>, gl: &GitlabCi<'_>, out: &mut Vec<Diagnostic>) {
        for st in &gl.default_scripts {
            check_text(ci, st, "default", out);
        }
    }
}
