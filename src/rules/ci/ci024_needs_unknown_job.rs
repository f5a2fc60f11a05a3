//! CI024 `needs-unknown-job`: `needs:` names a job that does not exist, or an expression
//! reads `needs.<id>` of a job the job does not list (GitHub); a GitLab `extends:` names a
//! missing job or forms a cycle.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::ci::{CiFile, expressions};

/// The `<id>` of every `<prefix><id>` reference in an expression (`needs.build.outputs.x` →
/// `build`), at word boundaries.
#[must_use]
pub fn context_ids<'e>(inner: &'e str, prefix: &str) -> Vec<&'e str> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = inner.get(from..).and_then(|r| r.find(prefix)) {
        let at = from + i;
        let boundary = at == 0
            || inner
                .get(..at)
                .and_then(|b| b.chars().last())
                .is_some_and(|c| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'));
        let after = inner.get(at + prefix.len()..).unwrap_or("");
        let len = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(after.len());
        if boundary && len > 0 {
            out.push(after.get(..len).unwrap_or(""));
        }
        from = at + prefix.len();
    }
    out
}
use crate::model::ci::github::{GhJob, Workflow};
use crate::model::ci::gitlab::GitlabCi;
use crate::rules::{Checklist, CiRule, Family, RuleMeta};

pub struct NeedsUnknownJob;

pub static META: RuleMeta = RuleMeta {
    id: "CI024",
    name: "needs-unknown-job",
    family: Family::Ci,
    title: "`needs:` or `extends:` names a job that does not exist",
    severity: Severity::Medium,
    confidence: Confidence::High,
    checklist: Checklist::RollbackPath,
    rationale: "A dependency on a job that does not exist makes the whole workflow invalid \
(GitHub refuses to run it) or silently drops the intended gate after a rename; an `extends` \
cycle or a missing template makes GitLab reject the pipeline.",
    remediation: "Name an existing job: `needs: [test]` where `test:` is a job of the same \
workflow; fix the `extends:` chain so every template exists and none extends itself.",
    equivalents: &["actionlint:job-needs"],
    references: &[
        "https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions#jobsjob_idneeds",
        "https://docs.gitlab.com/ci/yaml/#extends",
    ],
};

impl CiRule for NeedsUnknownJob {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_job(
        &self,
        ci: &CiFile<'_>,
        wf: &Workflow<'_>,
        job: &GhJob<'_>,
        out: &mut Vec<Diagnostic>,
    ) {
        if wf.is_action {
            return;
        }
        for (need, span) in &job.needs {
            if !wf.jobs.iter().any(|j| j.id == *need) {
                out.push(
                    Diagnostic::new(
                        &META,
                        *span,
                        format!("job \"{}\" needs unknown job \"{need}\"", job.id),
                    )
                    .anchor(format!("{}:{need}", job.id)),
                );
            }
        }
        // `${{ needs.<id>.outputs… }}` of a job not listed in `needs:` is always empty
        for e in expressions(job.node, ci.text) {
            for id in context_ids(&e.inner, "needs.") {
                if !job.needs.iter().any(|(n, _)| *n == id) {
                    out.push(
                        Diagnostic::new(
                            &META,
                            e.span,
                            format!(
                                "job \"{}\" reads `needs.{id}` but does not list \"{id}\" in `needs:`",
                                job.id
                            ),
                        )
                        .anchor(format!("{}:expr:{id}", job.id)),
                    );
                }
            }
        }
    }

    fn check_gitlab(&self, _ci: &CiFile<'_>, gl: &GitlabCi<'_>, out: &mut Vec<Diagnostic>) {
        // templates may come from included files: a missing name is only judged in a file
        // that includes nothing
        let self_contained = gl.includes.is_empty();
        for job in &gl.jobs {
            for (name, span) in &job.broken_extends {
                let exists = gl.jobs.iter().any(|j| j.name == name);
                let message = if exists {
                    format!("`extends: {name}` forms a cycle (or nests deeper than 11 levels)")
                } else if self_contained {
                    format!("`extends: {name}` names a job that does not exist")
                } else {
                    continue;
                };
                // the same entry is met from every job whose chain passes it: one finding
                out.push(Diagnostic::new(&META, *span, message).anchor(name.clone()));
            }
        }
    }
}
