//! CI011 `workflow-permissions-too-broad`: `permissions: write-all`, or write scopes granted
//! to the whole workflow instead of the job that needs them.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::ci::CiFile;
use crate::model::ci::github::{GhJob, Workflow};
use crate::parse::yaml::Node;
use crate::rules::{Checklist, CiRule, Family, RuleMeta};
use crate::source::Span;

pub struct WorkflowPermissionsTooBroad;

pub static META: RuleMeta = RuleMeta {
    id: "CI011",
    name: "workflow-permissions-too-broad",
    family: Family::Ci,
    title: "`permissions: write-all` or write scopes granted workflow-wide",
    severity: Severity::High,
    confidence: Confidence::High,
    checklist: Checklist::RuntimeSecrets,
    rationale: "Write scopes at workflow level reach every job, including those that run \
third-party code (tests, linters, build tools): one compromised dependency can push to the \
repository, publish packages, or mint cloud credentials with `id-token: write`.",
    remediation: "Keep the workflow read-only and grant write scopes to the one job that \
needs them: `permissions: {contents: read}` at the top, `permissions: {contents: write}` on \
the release job.",
    equivalents: &["zizmor:excessive-permissions", "checkov:CKV2_GHA_1"],
    references: &[
        "https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/controlling-permissions-for-github_token",
    ],
};

/// `write-all`, or the write scopes of a mapping (scope name, value span).
fn writes(p: &Node) -> Option<Result<Span, Vec<(&str, Span)>>> {
    if p.as_str() == Some("write-all") {
        return Some(Ok(p.span));
    }
    let scopes: Vec<(&str, Span)> = p
        .iter_map()
        .filter(|(_, v)| v.as_str() == Some("write"))
        .filter_map(|(k, v)| Some((k.as_str()?, v.span)))
        .collect();
    (!scopes.is_empty()).then_some(Err(scopes))
}

impl CiRule for WorkflowPermissionsTooBroad {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_workflow(&self, _ci: &CiFile<'_>, wf: &Workflow<'_>, out: &mut Vec<Diagnostic>) {
        let Some((_, p)) = wf.permissions else { return };
        match writes(p) {
            Some(Ok(span)) => out.push(
                Diagnostic::new(
                    &META,
                    span,
                    "workflow grants `permissions: write-all` to every job",
                )
                .anchor("write-all"),
            ),
            Some(Err(scopes))
                if wf.jobs.len() > 1 || scopes.iter().any(|(s, _)| *s == "id-token") =>
            {
                for (scope, span) in scopes {
                    out.push(
                        Diagnostic::new(
                            &META,
                            span,
                            format!("workflow grants `{scope}: write` to all {} jobs instead of the job that needs it", wf.jobs.len()),
                        )
                        .anchor(scope.to_string()),
                    );
                }
            }
            _ => {}
        }
    }

    fn check_job(
        &self,
        _ci: &CiFile<'_>,
        _wf: &Workflow<'_>,
        job: &GhJob<'_>,
        out: &mut Vec<Diagnostic>,
    ) {
        if let Some((_, p)) = job.permissions {
            if let Some(Ok(span)) = writes(p) {
                out.push(
                    Diagnostic::new(
                        &META,
                        span,
                        format!("job \"{}\" grants `permissions: write-all`", job.id),
                    )
                    .anchor(format!("{}:write-all", job.id)),
                );
            }
        }
    }
}
