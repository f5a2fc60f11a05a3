//! CI039 `rollback-path-missing`: a pipeline deploys but has no rollback job (`helm
//! rollback`, `kubectl rollout undo`, `argocd app rollback`, a job named `rollback`).

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::ci::CiFile;
use crate::rules::ci::gates::graph_complete;
use crate::rules::{Checklist, CiRule, Family, RuleMeta};

pub struct RollbackPathMissing;

pub static META: RuleMeta = RuleMeta {
    id: "CI039",
    name: "rollback-path-missing",
    family: Family::Ci,
    title: "Pipeline deploys without a rollback job",
    severity: Severity::Low,
    confidence: Confidence::Low,
    checklist: Checklist::RollbackPath,
    rationale: "When a deploy goes wrong at 3 a.m. the fastest safe action is a rehearsed, \
one-click rollback. Without a rollback job the on-call engineer improvises `kubectl` or \
`helm` commands by hand, under pressure, with production credentials.",
    remediation: "Add a manual rollback job next to the deploy: `rollback:` + `  when: manual` \
+ `  script: helm rollback app` (or `kubectl rollout undo deployment/app`), or deploy with \
automatic rollback (`helm upgrade --atomic`, Argo Rollouts) and document it in the runbook.",
    equivalents: &[],
    references: &["https://helm.sh/docs/helm/helm_rollback/"],
};

impl CiRule for RollbackPathMissing {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn needs_whole_pipeline(&self) -> bool {
        true
    }

    fn check_pipeline(&self, ci: &CiFile<'_>, out: &mut Vec<Diagnostic>) {
        let p = &ci.pipeline;
        if !graph_complete(ci) || p.jobs.iter().any(|j| j.kinds.rollback) {
            return;
        }
        // `helm upgrade --atomic` rolls back by itself
        if ci.text.contains("--atomic") || ci.text.contains("--rollback-on-failure") {
            return;
        }
        if let Some(first) = p.jobs.iter().find(|j| j.kinds.deploy) {
            out.push(
                Diagnostic::new(
                    &META,
                    first.span,
                    format!(
                        "deploy job \"{}\" has no rollback job in this pipeline",
                        first.name
                    ),
                )
                .anchor(first.name.clone()),
            );
        }
    }
}
