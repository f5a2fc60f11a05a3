//! K8S047 `cronjob-history-limit-unsuitable`: a CronJob keeps no failed Jobs, or keeps a large
//! history of finished ones. Unset limits (defaults 3 successful, 1 failed) are fine.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::k8s::Object;
use crate::rules::{Checklist, Family, K8sRule, RuleMeta};

pub struct CronjobHistoryLimitUnsuitable;

/// Above this many kept Jobs the history is clutter rather than evidence.
const MAX_KEPT: i64 = 10;

pub static META: RuleMeta = RuleMeta {
    id: "K8S047",
    name: "cronjob-history-limit-unsuitable",
    family: Family::Kubernetes,
    title: "CronJob history limit discards failures or keeps too much",
    severity: Severity::Info,
    confidence: Confidence::Medium,
    checklist: Checklist::ResourceLimits,
    rationale: "`failedJobsHistoryLimit: 0` deletes a failed run's Job and pod — and with them \
its logs and exit reason — as soon as it fails, so nobody can find out why. Very large limits \
do the opposite: every finished Job keeps its pod object, piling up in etcd and in `kubectl` \
output. The defaults (3 successful, 1 failed) are reasonable; leaving them unset is fine.",
    remediation: "Keep a few runs of each kind: \
`spec: {successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 3}`.",
    equivalents: &[],
    references: &[
        "https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#jobs-history-limits",
    ],
};

impl K8sRule for CronjobHistoryLimitUnsuitable {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_object(&self, obj: &Object, out: &mut Vec<Diagnostic>) {
        if obj.kind != "CronJob" {
            return;
        }
        for key in ["successfulJobsHistoryLimit", "failedJobsHistoryLimit"] {
            let Some(node) = obj.node.path(&["spec", key]) else {
                continue;
            };
            let Some(n) = node.as_i64() else { continue };
            let problem = if n == 0 && key == "failedJobsHistoryLimit" {
                "keeps no failed Jobs (failedJobsHistoryLimit: 0), so failures leave no logs"
                    .to_owned()
            } else if n > MAX_KEPT {
                format!("keeps {n} finished Jobs ({key}), more than {MAX_KEPT}")
            } else {
                continue;
            };
            out.push(
                Diagnostic::new(&META, node.span, format!("{} {problem}", obj.describe()))
                    .anchor(format!("{}:{key}", obj.id())),
            );
        }
    }
}
