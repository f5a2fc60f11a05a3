//! K8S048 `job-without-deadline-or-backoff`: a Job (or a CronJob's job template) sets neither
//! `activeDeadlineSeconds` nor `backoffLimit`.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::k8s::Object;
use crate::rules::k8s::reliability::job_spec;
use crate::rules::{Checklist, Family, K8sRule, RuleMeta};

pub struct JobWithoutDeadlineOrBackoff;

pub static META: RuleMeta = RuleMeta {
    id: "K8S048",
    name: "job-without-deadline-or-backoff",
    family: Family::Kubernetes,
    title: "Job has no deadline and no explicit backoff limit",
    severity: Severity::Low,
    confidence: Confidence::Medium,
    checklist: Checklist::ResourceLimits,
    rationale: "A Job with neither `activeDeadlineSeconds` nor `backoffLimit` can hang forever \
(a stuck connection keeps the pod running) and retries a failing pod six times by default with \
growing back-off — holding resources and hiding the failure for many minutes.",
    remediation: "Bound the run time and the retries: \
`spec: {activeDeadlineSeconds: 600, backoffLimit: 2}`.",
    equivalents: &[],
    references: &[
        "https://kubernetes.io/docs/concepts/workloads/controllers/job/#job-termination-and-cleanup",
        "https://kubernetes.io/docs/concepts/workloads/controllers/job/#pod-backoff-failure-policy",
    ],
};

impl K8sRule for JobWithoutDeadlineOrBackoff {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_object(&self, obj: &Object, out: &mut Vec<Diagnostic>) {
        let Some(spec) = job_spec(obj) else {
            return;
        };
        if spec.get("activeDeadlineSeconds").is_some() || spec.get("backoffLimit").is_some() {
            return;
        }
        out.push(
            Diagnostic::new(
                &META,
                obj.kind_span,
                format!(
                    "{} sets neither activeDeadlineSeconds nor backoffLimit",
                    obj.describe()
                ),
            )
            .anchor(obj.id()),
        );
    }
}
