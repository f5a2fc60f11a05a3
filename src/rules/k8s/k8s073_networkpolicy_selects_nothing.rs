//! K8S073 `networkpolicy-selects-nothing`: a NetworkPolicy's `podSelector` matches the pod
//! template labels of no workload in the scan.
//!
//! Only reported when the scan defines at least one workload. An empty `podSelector: {}`
//! (a namespace-wide default policy) is not reported; workloads whose labels are templates
//! count as matching.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::rules::{Checklist, Family, K8sSurfaceRule, RuleMeta, SurfaceDiagnostic, SurfaceObject};

use super::surface::{Selector, WorkloadIndex, has_workloads};

pub struct NetworkpolicySelectsNothing;

pub static META: RuleMeta = RuleMeta {
    id: "K8S073",
    name: "networkpolicy-selects-nothing",
    family: Family::Kubernetes,
    title: "NetworkPolicy podSelector matches no workload in the manifests",
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    checklist: Checklist::InfrastructureAsCode,
    rationale: "A NetworkPolicy whose podSelector matches no pods isolates nothing: the \
workload it was written for accepts traffic from anywhere in the cluster, while the policy's \
presence makes reviewers believe it is locked down. It is almost always a typo or a label \
renamed on one side only.",
    remediation: "Make the podSelector match the workload's pod template labels: \
`spec: {podSelector: {matchLabels: {app: web}}, policyTypes: [Ingress]}`.",
    equivalents: &[
        "kube-linter:dangling-networkpolicy",
        "kube-score:networkpolicy-targets-pod",
    ],
    references: &["https://kubernetes.io/docs/concepts/services-networking/network-policies/"],
};

impl K8sSurfaceRule for NetworkpolicySelectsNothing {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, objects: &[SurfaceObject<'_>], out: &mut Vec<SurfaceDiagnostic>) {
        if !has_workloads(objects) {
            return;
        }
        let index = WorkloadIndex::new(objects);
        for so in objects.iter().filter(|o| o.object.kind == "NetworkPolicy") {
            let obj = so.object;
            let Some(node) = obj.node.path(&["spec", "podSelector"]) else {
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
