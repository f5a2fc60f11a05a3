//! CI010 `workflow-permissions-undeclared`: a GitHub workflow declares no top-level
//! `permissions:` (and not every job declares its own), so the `GITHUB_TOKEN` gets the
//! repository's default scopes.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::ci::CiFile;
use crate::model::ci::github::Workflow;
use crate::rules::{Checklist, CiRule, Family, RuleMeta};
use crate::source::Span;

pub struct WorkflowPermissionsUndeclared;

pub static META: RuleMeta = RuleMeta {
    id: "CI010",
    name: "workflow-permissions-undeclared",
    family: Family::Ci,
    title: "Workflow does not declare `permissions:`",
    severity: Severity::Medium,
    confidence: Confidence::High,
    checklist: Checklist::RuntimeSecrets,
    rationale: "Without `permissions:` every job's `GITHUB_TOKEN` gets the repository default, \
which for many organisations is read-write on contents, packages, issues and pull requests: \
any compromised step (a dependency, an action, an injected command) can push code or \
publish packages.",
    remediation: "Declare least privilege at the top and widen per job only where needed: \
`permissions:` + `  contents: read` at workflow level, `permissions: {contents: write}` on the \
one release job.",
    equivalents: &["zizmor:excessive-permissions", "checkov:CKV2_GHA_1"],
    references: &[
        "https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/controlling-permissions-for-github_token",
    ],
};

impl CiRule for WorkflowPermissionsUndeclared {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_workflow(&self, _ci: &CiFile<'_>, wf: &Workflow<'_>, out: &mut Vec<Diagnostic>) {
        if wf.is_action || wf.permissions.is_some() || wf.jobs.is_empty() {
            return;
        }
        let missing: Vec<&str> = wf
            .jobs
            .iter()
            .filter(|j| j.permissions.is_none())
            .map(|j| j.id)
            .collect();
        if missing.is_empty() {
            return;
        }
        let span = wf.on_span.unwrap_or(Span::at(wf.root.span.start));
        let shown: Vec<String> = missing.iter().take(3).map(|j| format!("\"{j}\"")).collect();
        let more = if missing.len() > 3 { ", …" } else { "" };
        out.push(
            Diagnostic::new(
                &META,
                span,
                format!(
                    "workflow has no top-level `permissions:`; job{} {}{more} run{} with the repository's default token scopes",
                    if missing.len() == 1 { "" } else { "s" },
                    shown.join(", "),
                    if missing.len() == 1 { "s" } else { "" },
                ),
            )
            .anchor("permissions"),
        );
    }
}
