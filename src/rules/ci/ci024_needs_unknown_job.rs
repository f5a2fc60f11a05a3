//! CI024 `needs-unknown-job`: `needs:` names a job that does not exist (GitHub), or a GitLab
//! `extends:` names a missing job or forms a cycle.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::ci::CiFile;
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
        _ci: &CiFile<'_>,
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
