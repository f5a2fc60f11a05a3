//! K8S045 `cronjob-concurrency-policy-missing`: a CronJob leaves `concurrencyPolicy` at its
//! default, `Allow`.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::k8s::Object;
use crate::rules::{Checklist, Family, K8sRule, RuleMeta};

pub struct CronjobConcurrencyPolicyMissing;

pub static META: RuleMeta = RuleMeta {
    id: "K8S045",
    name: "cronjob-concurrency-policy-missing",
    family: Family::Kubernetes,
    title: "CronJob allows overlapping runs",
    severity: Severity::Low,
    confidence: Confidence::Medium,
    checklist: Checklist::ResourceLimits,
    rationale: "Without `concurrencyPolicy` a CronJob defaults to `Allow`: when a run is slower \
than the schedule, the next one starts beside it. Runs pile up, fight over the same rows or \
files, and a stuck job multiplies until the namespace quota or the database gives out.",
    remediation: "Choose the policy explicitly — usually `Forbid` (skip a run while one is \
active) or `Replace`: `spec: {schedule: \"*/15 * * * *\", concurrencyPolicy: Forbid}`.",
    equivalents: &[],
    references: &[
        "https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#concurrency-policy",
    ],
};

impl K8sRule for CronjobConcurrencyPolicyMissing {
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
        if spec.get("concurrencyPolicy").is_some() {
            return;
        }
        out.push(
            Diagnostic::new(
                &META,
                obj.kind_span,
                format!(
                    "{} sets no concurrencyPolicy (defaults to Allow: runs may overlap)",
                    obj.describe()
                ),
            )
            .anchor(obj.id()),
        );
    }
}
