//! K8S072 `hpa-target-missing`: a HorizontalPodAutoscaler's `scaleTargetRef` names a workload
//! that the scan does not define.
//!
//! Only reported for built-in workload kinds (and Argo Rollouts), and only when the scan
//! defines at least one workload: an autoscaler alone in a scan targets workloads defined
//! elsewhere.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::parse::yaml::Node;
use crate::rules::{Checklist, Family, K8sSurfaceRule, RuleMeta, SurfaceDiagnostic, SurfaceObject};

use super::surface::{has_workloads, same_namespace};
use super::workload::is_template;

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
            let (Some(kind), Some(name_node)) = (
                target.get("kind").and_then(Node::as_str),
                target.get("name"),
            ) else {
                continue;
            };
            let Some(name) = name_node.as_str() else {
                continue;
            };
            if !TARGET_KINDS.contains(&kind) || is_template(name) {
                continue;
            }
            let found = objects.iter().any(|o| {
                o.object.kind == kind
                    && o.object.name.as_deref() == Some(name)
                    && same_namespace(o.object, obj)
            });
            if found {
                continue;
            }
            out.push(SurfaceDiagnostic::new(
                so,
                Diagnostic::new(
                    &META,
                    name_node.span,
                    format!(
                        "{} targets {kind} \"{name}\", which is not defined in the manifests",
                        obj.describe()
                    ),
                )
                .anchor(format!("{}:{kind}/{name}", obj.id())),
            ));
        }
    }
}
