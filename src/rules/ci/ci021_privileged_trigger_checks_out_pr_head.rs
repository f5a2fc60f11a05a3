//! CI021 `privileged-trigger-checks-out-pr-head`: a `pull_request_target` or `workflow_run`
//! workflow checks out the pull request's code, running untrusted code with the base
//! repository's token and secrets ("pwn request").

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::ci::github::Workflow;
use crate::model::ci::{CiFile, find_exprs, scalar};
use crate::rules::{Checklist, CiRule, Family, RuleMeta};

pub struct PrivilegedTriggerChecksOutPrHead;

pub static META: RuleMeta = RuleMeta {
    id: "CI021",
    name: "privileged-trigger-checks-out-pr-head",
    family: Family::Ci,
    title: "`pull_request_target`/`workflow_run` workflow checks out the pull request head",
    severity: Severity::Critical,
    confidence: Confidence::High,
    checklist: Checklist::NoSecretsInCode,
    rationale: "`pull_request_target` and `workflow_run` run in the context of the base \
repository, with a write token and access to secrets, even for pull requests from forks. \
Checking out the head of the pull request and then building, testing or installing it runs \
the attacker's code (build scripts, package hooks, test files) with those privileges.",
    remediation: "Use `pull_request` for anything that runs the contributed code; if the \
privileged workflow must see it, only read it as data (no build, no install), or split the \
work: an unprivileged `pull_request` workflow uploads results, a `workflow_run` workflow \
consumes them without checking out the head.",
    equivalents: &["zizmor:dangerous-triggers"],
    references: &[
        "https://securitylab.github.com/resources/github-actions-preventing-pwn-requests/",
        "https://docs.zizmor.sh/audits/#dangerous-triggers",
    ],
};

/// Refs that name the pull request's code.
fn is_pr_head(inner: &str) -> bool {
    let l = inner.to_ascii_lowercase();
    l.contains("github.event.pull_request.head")
        || l.contains("github.head_ref")
        || l.contains("github.event.workflow_run.head")
        || l.contains("github.event.pull_request.merge_commit_sha")
}

impl CiRule for PrivilegedTriggerChecksOutPrHead {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_workflow(&self, ci: &CiFile<'_>, wf: &Workflow<'_>, out: &mut Vec<Diagnostic>) {
        let Some(trigger) = wf
            .triggers
            .iter()
            .find(|t| matches!(t.name, "pull_request_target" | "workflow_run"))
        else {
            return;
        };
        for job in &wf.jobs {
            for step in &job.steps {
                if !step.uses_action("actions/checkout") {
                    continue;
                }
                let Some(r) = step.with.and_then(|w| w.get("ref")) else {
                    continue;
                };
                let raw = r.raw(ci.text);
                let base = r.alias_of.unwrap_or(r.span).start;
                let head = find_exprs(raw, base)
                    .into_iter()
                    .find(|e| is_pr_head(&e.inner))
                    .map(|e| (e.span, e.inner))
                    .or_else(|| {
                        scalar(r)
                            .filter(|s| s.contains("refs/pull/"))
                            .map(|s| (r.span, s))
                    });
                if let Some((span, what)) = head {
                    out.push(
                        Diagnostic::new(
                            &META,
                            span,
                            format!(
                                "job \"{}\" checks out `{what}` in a `{}` workflow",
                                job.id, trigger.name
                            ),
                        )
                        .anchor(format!("{}:{}", job.id, step.index)),
                    );
                }
            }
        }
    }
}
