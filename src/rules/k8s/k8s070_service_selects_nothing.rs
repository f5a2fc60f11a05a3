//! K8S070 `service-selects-nothing`: a Service's `selector` matches the pod template labels of
//! no workload in the scan.
//!
//! Only reported when the scan defines at least one workload: a Service alone in a scan
//! fronts pods defined elsewhere. Services without a selector (manual Endpoints) and
//! `ExternalName` Services are not reported; workloads whose labels are templates count as
//! matching.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::rules::{Checklist, Family, K8sSurfaceRule, RuleMeta, SurfaceDiagnostic, SurfaceObject};

use super::surface::{Selector, WorkloadIndex, has_workloads};

pub struct ServiceSelectsNothing;

pub static META: RuleMeta = RuleMeta {
    id: "K8S070",
    name: "service-selects-nothing",
    family: Family::Kubernetes,
    title: "Service selector matches no workload in the manifests",
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    checklist: Checklist::HealthChecks,
    rationale: "A Service whose selector matches no pod template has no endpoints: traffic to \
it is refused or times out, and nothing in the rollout fails — the Deployment is healthy, the \
Service exists, and the outage shows up only as errors at the callers. It is almost always a \
typo or a label renamed on one side only.",
    remediation: "Make the Service selector match the workload's pod template labels: \
`spec: {selector: {app: web}}` with `template: {metadata: {labels: {app: web}}}`.",
    equivalents: &[
        "kube-linter:dangling-service",
        "kube-score:service-targets-pod",
    ],
    references: &[
        "https://kubernetes.io/docs/concepts/services-networking/service/#defining-a-service",
    ],
};

impl K8sSurfaceRule for ServiceSelectsNothing {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, objects: &[SurfaceObject<'_>], out: &mut Vec<SurfaceDiagnostic>) {
        if !has_workloads(objects) {
            return;
        }
        let index = WorkloadIndex::new(objects);
        for so in objects.iter().filter(|o| o.object.kind == "Service") {
            let obj = so.object;
            let Some(spec) = obj.node.get("spec") else {
                continue;
            };
            if spec.get("type").and_then(|t| t.as_str()) == Some("ExternalName") {
                continue;
            }
            let Some(node) = spec.get("selector") else {
                continue;
            };
            let Some(sel) = Selector::from_map(node) else {
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
                        "{} selects no pods: no workload in the manifests has pod labels \"{}\"",
                        obj.describe(),
                        sel.describe()
                    ),
                )
                .anchor(obj.id()),
            ));
        }
    }
}
