//! K8S044 `statefulset-without-volume-claims`: a StatefulSet has no `volumeClaimTemplates`.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::k8s::Object;
use crate::rules::{Checklist, Family, K8sRule, RuleMeta};

pub struct StatefulsetWithoutVolumeClaims;

pub static META: RuleMeta = RuleMeta {
    id: "K8S044",
    name: "statefulset-without-volume-claims",
    family: Family::Kubernetes,
    title: "StatefulSet has no volume claim templates",
    severity: Severity::Low,
    confidence: Confidence::Medium,
    checklist: Checklist::RollbackPath,
    rationale: "The point of a StatefulSet is per-replica persistent storage. Without \
`volumeClaimTemplates` its pods keep state on ephemeral or shared volumes, which is lost on \
reschedule or shared between replicas — or the workload is stateless and a Deployment (with \
faster, parallel rollouts) fits better.",
    remediation: "Give each replica its own claim, or make it a Deployment: \
`spec: {volumeClaimTemplates: [{metadata: {name: data}, spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 10Gi}}}}]}`.",
    equivalents: &[],
    references: &[
        "https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#stable-storage",
    ],
};

impl K8sRule for StatefulsetWithoutVolumeClaims {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_object(&self, obj: &Object, out: &mut Vec<Diagnostic>) {
        if obj.kind != "StatefulSet" {
            return;
        }
        let Some(spec) = obj.node.get("spec").filter(|s| s.as_map().is_some()) else {
            return;
        };
        let has_claims = spec
            .get("volumeClaimTemplates")
            .is_some_and(|t| t.as_seq().is_none_or(|s| !s.is_empty()));
        if has_claims {
            return;
        }
        out.push(
            Diagnostic::new(
                &META,
                obj.kind_span,
                format!("{} has no volumeClaimTemplates", obj.describe()),
            )
            .anchor(obj.id()),
        );
    }
}
