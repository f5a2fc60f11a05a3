//! K8S071 `pdb-selects-nothing`: a PodDisruptionBudget's `selector` matches the pod template
//! labels of no workload in the scan.
//!
//! Only reported when the scan defines at least one workload. An empty selector (`{}`)
//! selects every pod of its namespace (`policy/v1`) and is not reported; workloads whose
//! labels are templates count as matching.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::rules::{Checklist, Family, K8sSurfaceRule, RuleMeta, SurfaceDiagnostic, SurfaceObject};

use super::surface::{Selector, WorkloadIndex, has_workloads};

pub struct PdbSelectsNothing;

pub static META: RuleMeta = RuleMeta {
    id: "K8S071",
    name: "pdb-selects-nothing",
    family: Family::Kubernetes,
    title: "PodDisruptionBudget selector matches no workload in the manifests",
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    checklist: Checklist::RollbackPath,
    rationale: "A PodDisruptionBudget that selects no pods protects nothing: node drains, \
cluster upgrades and autoscaler scale-downs evict every replica of the workload it was written \
for at once, while the budget's presence makes reviewers believe the workload is covered.",
    remediation: "Make the budget's selector match the workload's pod template labels: \
`spec: {minAvailable: 1, selector: {matchLabels: {app: web}}}`.",
    equivalents: &[],
    references: &["https://kubernetes.io/docs/tasks/run-application/configure-pdb/"],
};

impl K8sSurfaceRule for PdbSelectsNothing {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, objects: &[SurfaceObject<'_>], out: &mut Vec<SurfaceDiagnostic>) {
        if !has_workloads(objects) {
            return;
        }
        let index = WorkloadIndex::new(objects);
        for so in objects
            .iter()
            .filter(|o| o.object.kind == "PodDisruptionBudget")
        {
            let obj = so.object;
            let Some(node) = obj.node.path(&["spec", "selector"]) else {
                continue;
            };
            let Some(sel) = Selector::from_label_selector(node) else {
                continue;
            };
            if sel.is_empty() || index.selects_some(&sel, obj) {
                continue;
            }
            out.push(SurfaceDiagnostic::new(
                so,
                Diagnostic::new(
                    &META,
                    node.span,
                    format!(
                        "{} selects no pods: no workload in the manifests has pod labels matching \"{}\"",
                        obj.describe(),
                        sel.describe()
                    ),
                )
                .anchor(obj.id()),
            ));
        }
    }
}
