//! K8S046 `cronjob-starting-deadline-missing`: a CronJob sets no `startingDeadlineSeconds`.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::k8s::Object;
use crate::rules::{Checklist, Family, K8sRule, RuleMeta};

pub struct CronjobStartingDeadlineMissing;

pub static META: RuleMeta = RuleMeta {
    id: "K8S046",
    name: "cronjob-starting-deadline-missing",
    family: Family::Kubernetes,
    title: "CronJob has no starting deadline",
    severity: Severity::Info,
    confidence: Confidence::Medium,
    checklist: Checklist::ResourceLimits,
    rationale: "Without `startingDeadlineSeconds` a run missed while the controller was down or \
the cluster was full starts whenever it can, however late; and once more than 100 schedules \
are missed the controller stops scheduling the CronJob altogether (\"too many missed start \
times\"). A deadline bounds both.",
    remediation: "Say how late a run may still start: \
`spec: {schedule: \"0 * * * *\", startingDeadlineSeconds: 300}`.",
    equivalents: &[],
    references: &[
        "https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#job-creation",
    ],
};

impl K8sRule for CronjobStartingDeadlineMissing {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_object(&self, obj: &Object, out: &mut Vec<Diagnostic>) {
        if obj.kind != "CronJob" {
            return;
        }
        let Some(spec) = obj.node.get("spec").filter(|s| s.as_map().is_some()) else {
            return;
        };
        if spec.get("startingDeadlineSeconds").is_some() {
            return;
        }
        out.push(
            Diagnostic::new(
                &META,
                obj.kind_span,
                format!("{} sets no startingDeadlineSeconds", obj.describe()),
            )
            .anchor(obj.id()),
        );
    }
}
