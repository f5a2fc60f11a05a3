//! K8S076 `namespace-without-network-policy`: a namespace has workloads in the scan but no
//! NetworkPolicy. Reported once per namespace, at its first workload.
//!
//! Objects without a namespace are one (unknown) namespace; a NetworkPolicy without a
//! namespace may land in any namespace and counts for all of them.

use std::collections::BTreeSet;

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::rules::{Checklist, Family, K8sSurfaceRule, RuleMeta, SurfaceDiagnostic, SurfaceObject};

use super::surface::same_namespace;

pub struct NamespaceWithoutNetworkPolicy;

pub static META: RuleMeta = RuleMeta {
    id: "K8S076",
    name: "namespace-without-network-policy",
    family: Family::Kubernetes,
    title: "Namespace has workloads but no NetworkPolicy",
    severity: Severity::Low,
    confidence: Confidence::Low,
    checklist: Checklist::InfrastructureAsCode,
    rationale: "Without a NetworkPolicy, every pod accepts traffic from every other pod in the \
cluster and may reach anything: one compromised workload anywhere can talk to the database, \
the metadata API and the control plane. A default-deny policy per namespace, with explicit \
allows, keeps the blast radius to what the application actually needs.",
    remediation: "Add a default-deny NetworkPolicy to the namespace and allow the traffic the \
application needs: `kind: NetworkPolicy` with `spec: {podSelector: {}, policyTypes: [Ingress, \
Egress]}`.",
    equivalents: &[
        "kube-linter:non-isolated-pod",
        "kube-score:pod-networkpolicy",
    ],
    references: &[
        "https://kubernetes.io/docs/concepts/services-networking/network-policies/",
        "https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-policies",
    ],
};

impl K8sSurfaceRule for NamespaceWithoutNetworkPolicy {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, objects: &[SurfaceObject<'_>], out: &mut Vec<SurfaceDiagnostic>) {
        let mut seen: BTreeSet<Option<&str>> = BTreeSet::new();
        for so in objects {
            let obj = so.object;
            if !obj.is_workload() || !seen.insert(obj.namespace.as_deref()) {
                continue;
            }
            let covered = objects
                .iter()
                .any(|o| o.object.kind == "NetworkPolicy" && same_namespace(o.object, obj));
            if covered {
                continue;
            }
            let message = match &obj.namespace {
                Some(ns) => format!(
                    "namespace \"{ns}\" has workloads (first: {}) but no NetworkPolicy in the manifests",
                    obj.describe()
                ),
                None => format!(
                    "workloads without a namespace (first: {}) have no NetworkPolicy in the manifests",
                    obj.describe()
                ),
            };
            out.push(SurfaceDiagnostic::new(
                so,
                Diagnostic::new(&META, obj.kind_span, message)
                    .anchor(obj.namespace.clone().unwrap_or_else(|| "-".to_string())),
            ));
        }
    }
}
