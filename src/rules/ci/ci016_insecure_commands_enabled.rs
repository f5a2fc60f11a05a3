//! CI016 `insecure-commands-enabled`: `ACTIONS_ALLOW_UNSECURE_COMMANDS` re-enables the
//! deprecated `::set-env`/`::add-path` workflow commands.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::ci::github::{GhJob, Step, Workflow};
use crate::model::ci::{CiFile, is_true};
use crate::parse::yaml::Node;
use crate::rules::{Checklist, CiRule, Family, RuleMeta};

pub struct InsecureCommandsEnabled;

pub static META: RuleMeta = RuleMeta {
    id: "CI016",
    name: "insecure-commands-enabled",
    family: Family::Ci,
    title: "`ACTIONS_ALLOW_UNSECURE_COMMANDS` enabled",
    severity: Severity::High,
    confidence: Confidence::High,
    checklist: Checklist::NoSecretsInCode,
    rationale: "The `::set-env` and `::add-path` commands were disabled because anything a step \
prints (a log line, a test name, an issue title) can set environment variables such as \
`NODE_OPTIONS` or `LD_PRELOAD` for every later step: code execution from printed text.",
    remediation: "Remove the variable and write to the environment files instead: \
`echo \"NAME=value\" >> \"$GITHUB_ENV\"`, `echo \"$DIR\" >> \"$GITHUB_PATH\"`.",
    equivalents: &["checkov:CKV_GHA_1", "zizmor:insecure-commands"],
    references: &[
        "https://github.blog/changelog/2020-10-01-github-actions-deprecating-set-env-and-add-path-commands/",
    ],
};

fn check_env(env: Option<&Node>, what: &str, out: &mut Vec<Diagnostic>) {
    let Some(v) = env.and_then(|e| e.get("ACTIONS_ALLOW_UNSECURE_COMMANDS")) else {
        return;
    };
    if is_true(v) {
        out.push(
            Diagnostic::new(
                &META,
                v.span,
                format!("{what} sets `ACTIONS_ALLOW_UNSECURE_COMMANDS: true`"),
            )
            .anchor(what.to_string()),
        );
    }
}

impl CiRule for InsecureCommandsEnabled {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_workflow(&self, _ci: &CiFile<'_>, wf: &Workflow<'_>, out: &mut Vec<Diagnostic>) {
        check_env(wf.env, "workflow", out);
    }

    fn check_job(
        &self,
        _ci: &CiFile<'_>,
        _wf: &Workflow<'_>,
        job: &GhJob<'_>,
        out: &mut Vec<Diagnostic>,
    ) {
        check_env(job.get("env"), &format!("job \"{}\"", job.id), out);
    }

    fn check_step(
        &self,
        _ci: &CiFile<'_>,
        job: &GhJob<'_>,
        step: &Step<'_>,
        out: &mut Vec<Diagnostic>,
    ) {
        check_env(
            step.get("env"),
            &format!("job \"{}\" {}", job.id, step.label()),
            out,
        );
    }
}
