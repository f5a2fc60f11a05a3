//! K8S072 `hpa-target-missing`: a HorizontalPodAutoscaler's `scaleTargetRef` names a workload
//! that the scan does not define.
//!
//! Only reported for built-in workload kinds (and Argo Rollouts), and only when the scan
//! defines at least one workload: an autoscaler alone in a scan targets workloads defined
//! elsewhere.

use crate::finding::{Confidence, Severity};
use crate::rules::{Checklist, Family, K8sSurfaceRule, RuleMeta, SurfaceDiagnostic, SurfaceObject};

use super::surface::{has_workloads, report_dangling_ref};

pub struct HpaTargetMissing;

pub static META: RuleMeta = RuleMeta {
    id: "K8S072",
    name: "hpa-target-missing",
    family: Family::Kubernetes,
    title: "HorizontalPodAutoscaler targets a workload not in the manifests",
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    checklist: Checklist::ResourceLimits,
    rationale: "An autoscaler whose target does not exist scales nothing: the workload it was \
meant for runs at its fixed replica count and falls over under the load the autoscaler was \
supposed to absorb, while `kubectl get hpa` shows the autoscaler as present. It is usually a \
workload renamed without its autoscaler.",
    remediation: "Point `scaleTargetRef` at the workload's kind and name: \
`scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}`.",
    equivalents: &[
        "kube-linter:dangling-horizontalpodautoscaler",
        "kube-score:horizontalpodautoscaler-has-target",
    ],
    references: &["https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/"],
};

/// Kinds whose absence from the scan is meaningful.
const TARGET_KINDS: &[&str] = &[
    "Deployment",
    "StatefulSet",
    "ReplicaSet",
    "ReplicationController",
    "Rollout",
];

impl K8sSurfaceRule for HpaTargetMissing {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, objects: &[SurfaceObject<'_>], out: &mut Vec<SurfaceDiagnostic>) {
        if !has_workloads(objects) {
            return;
        }
        for so in objects
            .iter()
            .filter(|o| o.object.kind == "HorizontalPodAutoscaler")
        {
            let obj = so.object;
            let Some(target) = obj.node.path(&["spec", "scaleTargetRef"]) else {
                continue;
            };
            report_dangling_ref(&META, so, target, TARGET_KINDS, objects, out);
        }
    }
}
