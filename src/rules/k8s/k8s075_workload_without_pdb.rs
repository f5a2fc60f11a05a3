//! K8S075 `workload-without-pdb`: a replicated workload (`replicas` ≥ 2) that no
//! PodDisruptionBudget in the scan selects.
//!
//! Workloads whose pod labels are templates, and budgets whose selectors cannot be read,
//! are not judged (an unreadable budget counts as covering).

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::rules::{Checklist, Family, K8sSurfaceRule, RuleMeta, SurfaceDiagnostic, SurfaceObject};

use super::surface::{Selector, pod_labels, same_namespace};

pub struct WorkloadWithoutPdb;

pub static META: RuleMeta = RuleMeta {
    id: "K8S075",
    name: "workload-without-pdb",
    family: Family::Kubernetes,
    title: "Replicated workload has no PodDisruptionBudget",
    severity: Severity::Low,
    confidence: Confidence::Medium,
    checklist: Checklist::RollbackPath,
    rationale: "Without a PodDisruptionBudget, a node drain, cluster upgrade or autoscaler \
scale-down may evict every replica at once: the replicas that were meant to keep the service \
up during maintenance go down together. A budget makes voluntary disruptions wait until \
enough replicas are ready elsewhere.",
    remediation: "Add a PodDisruptionBudget selecting the workload's pods: `kind: \
PodDisruptionBudget` with `spec: {maxUnavailable: 1, selector: {matchLabels: {app: web}}}`.",
    equivalents: &[
        "kube-score:deployment-has-poddisruptionbudget",
        "kube-score:statefulset-has-poddisruptionbudget",
    ],
    references: &[
        "https://kubernetes.io/docs/concepts/workloads/pods/disruptions/",
        "https://kubernetes.io/docs/tasks/run-application/configure-pdb/",
    ],
};

/// Kinds that keep a replica count.
const REPLICATED: &[&str] = &["Deployment", "StatefulSet", "ReplicaSet", "Rollout"];

impl K8sSurfaceRule for WorkloadWithoutPdb {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, objects: &[SurfaceObject<'_>], out: &mut Vec<SurfaceDiagnostic>) {
        // collected once: matching every workload against every object was quadratic
        let pdbs: Vec<&SurfaceObject<'_>> = objects
            .iter()
            .filter(|o| o.object.kind == "PodDisruptionBudget")
            .collect();
        for so in objects {
            let obj = so.object;
            if !REPLICATED.contains(&obj.kind.as_str()) {
                continue;
            }
            let (Some(replicas), Some(node)) =
                (obj.replicas(), obj.node.path(&["spec", "replicas"]))
            else {
                continue;
            };
            if replicas < 2 {
                continue;
            }
            let Some(labels) = pod_labels(obj) else {
                continue;
            };
            let covered = pdbs
                .iter()
                .filter(|pdb| same_namespace(pdb.object, obj))
                .any(|pdb| {
                    pdb.object
                        .node
                        .path(&["spec", "selector"])
                        .and_then(Selector::from_label_selector)
                        .is_none_or(|s| s.matches(&labels))
                });
            if covered {
                continue;
            }
            out.push(SurfaceDiagnostic::new(
                so,
                Diagnostic::new(
                    &META,
                    node.span,
                    format!(
                        "{} runs {replicas} replicas but no PodDisruptionBudget in the manifests selects its pods",
                        obj.describe()
                    ),
                )
                .anchor(obj.id()),
            ));
        }
    }
}
