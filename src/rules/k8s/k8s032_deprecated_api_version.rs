//! K8S032 `deprecated-api-version`: an object uses an `apiVersion` that Kubernetes removed.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::k8s::Object;
use crate::rules::{Checklist, Family, K8sRule, RuleMeta};

pub struct DeprecatedApiVersion;

pub static META: RuleMeta = RuleMeta {
    id: "K8S032",
    name: "deprecated-api-version",
    family: Family::Kubernetes,
    title: "Object uses a removed API version",
    severity: Severity::High,
    confidence: Confidence::High,
    checklist: Checklist::InfrastructureAsCode,
    rationale: "An API version removed from Kubernetes is rejected by the API server: the \
manifest fails to apply on any cluster at or past that version, which usually surfaces in the \
middle of a cluster upgrade or an emergency redeploy, not when the manifest was written.",
    remediation: "Move the object to the replacement API and adjust the fields that changed \
(for example `spec.selector`, now required, on apps/v1 workloads): `apiVersion: apps/v1` \
with `kind: Deployment`.",
    equivalents: &[
        "kube-linter:no-extensions-v1beta",
        "kube-score:stable-version",
    ],
    references: &["https://kubernetes.io/docs/reference/using-api/deprecation-guide/"],
};

/// A removed API: (apiVersion, kinds, Kubernetes version that removed it, replacement).
/// An empty kinds list means every kind of that apiVersion.
struct Removed {
    api_version: &'static str,
    kinds: &'static [&'static str],
    removed_in: &'static str,
    replacement: &'static str,
}

const fn r(
    api_version: &'static str,
    kinds: &'static [&'static str],
    removed_in: &'static str,
    replacement: &'static str,
) -> Removed {
    Removed {
        api_version,
        kinds,
        removed_in,
        replacement,
    }
}

/// The removed-API table (https://kubernetes.io/docs/reference/using-api/deprecation-guide/).
const REMOVED: &[Removed] = &[
    r(
        "extensions/v1beta1",
        &["Deployment", "DaemonSet", "ReplicaSet"],
        "1.16",
        "apps/v1",
    ),
    r(
        "extensions/v1beta1",
        &["NetworkPolicy"],
        "1.16",
        "networking.k8s.io/v1",
    ),
    r(
        "extensions/v1beta1",
        &["PodSecurityPolicy"],
        "1.16",
        "Pod Security Admission",
    ),
    r(
        "extensions/v1beta1",
        &["Ingress"],
        "1.22",
        "networking.k8s.io/v1",
    ),
    r("apps/v1beta1", &[], "1.16", "apps/v1"),
    r("apps/v1beta2", &[], "1.16", "apps/v1"),
    r(
        "scheduling.k8s.io/v1alpha1",
        &["PriorityClass"],
        "1.17",
        "scheduling.k8s.io/v1",
    ),
    r(
        "scheduling.k8s.io/v1beta1",
        &["PriorityClass"],
        "1.17",
        "scheduling.k8s.io/v1",
    ),
    r(
        "networking.k8s.io/v1beta1",
        &["Ingress", "IngressClass"],
        "1.22",
        "networking.k8s.io/v1",
    ),
    r(
        "rbac.authorization.k8s.io/v1alpha1",
        &[],
        "1.22",
        "rbac.authorization.k8s.io/v1",
    ),
    r(
        "rbac.authorization.k8s.io/v1beta1",
        &[],
        "1.22",
        "rbac.authorization.k8s.io/v1",
    ),
    r(
        "storage.k8s.io/v1beta1",
        &["CSIDriver", "CSINode", "StorageClass", "VolumeAttachment"],
        "1.22",
        "storage.k8s.io/v1",
    ),
    r(
        "apiextensions.k8s.io/v1beta1",
        &["CustomResourceDefinition"],
        "1.22",
        "apiextensions.k8s.io/v1",
    ),
    r(
        "admissionregistration.k8s.io/v1beta1",
        &[
            "MutatingWebhookConfiguration",
            "ValidatingWebhookConfiguration",
        ],
        "1.22",
        "admissionregistration.k8s.io/v1",
    ),
    r(
        "apiregistration.k8s.io/v1beta1",
        &["APIService"],
        "1.22",
        "apiregistration.k8s.io/v1",
    ),
    r(
        "certificates.k8s.io/v1beta1",
        &["CertificateSigningRequest"],
        "1.22",
        "certificates.k8s.io/v1",
    ),
    r(
        "coordination.k8s.io/v1beta1",
        &["Lease"],
        "1.22",
        "coordination.k8s.io/v1",
    ),
    r("batch/v1beta1", &["CronJob"], "1.25", "batch/v1"),
    r("batch/v2alpha1", &["CronJob"], "1.21", "batch/v1"),
    r(
        "discovery.k8s.io/v1beta1",
        &["EndpointSlice"],
        "1.25",
        "discovery.k8s.io/v1",
    ),
    r(
        "events.k8s.io/v1beta1",
        &["Event"],
        "1.25",
        "events.k8s.io/v1",
    ),
    r(
        "autoscaling/v2beta1",
        &["HorizontalPodAutoscaler"],
        "1.25",
        "autoscaling/v2",
    ),
    r(
        "autoscaling/v2beta2",
        &["HorizontalPodAutoscaler"],
        "1.26",
        "autoscaling/v2",
    ),
    r(
        "policy/v1beta1",
        &["PodDisruptionBudget"],
        "1.25",
        "policy/v1",
    ),
    r(
        "policy/v1beta1",
        &["PodSecurityPolicy"],
        "1.25",
        "Pod Security Admission",
    ),
    r(
        "node.k8s.io/v1beta1",
        &["RuntimeClass"],
        "1.25",
        "node.k8s.io/v1",
    ),
    r(
        "flowcontrol.apiserver.k8s.io/v1beta1",
        &["FlowSchema", "PriorityLevelConfiguration"],
        "1.26",
        "flowcontrol.apiserver.k8s.io/v1",
    ),
    r(
        "flowcontrol.apiserver.k8s.io/v1beta2",
        &["FlowSchema", "PriorityLevelConfiguration"],
        "1.29",
        "flowcontrol.apiserver.k8s.io/v1",
    ),
    r(
        "flowcontrol.apiserver.k8s.io/v1beta3",
        &["FlowSchema", "PriorityLevelConfiguration"],
        "1.32",
        "flowcontrol.apiserver.k8s.io/v1",
    ),
    r(
        "storage.k8s.io/v1beta1",
        &["CSIStorageCapacity"],
        "1.27",
        "storage.k8s.io/v1",
    ),
];

impl K8sRule for DeprecatedApiVersion {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_object(&self, obj: &Object, out: &mut Vec<Diagnostic>) {
        let Some(entry) = REMOVED.iter().find(|e| {
            e.api_version == obj.api_version
                && (e.kinds.is_empty() || e.kinds.contains(&obj.kind.as_str()))
        }) else {
            return;
        };
        let span = obj.node.get("apiVersion").map_or(obj.kind_span, |n| n.span);
        let replacement = if entry.replacement.contains('/') {
            format!("use {}", entry.replacement)
        } else {
            format!("use {} instead", entry.replacement)
        };
        out.push(
            Diagnostic::new(
                &META,
                span,
                format!(
                    "{} uses {}, removed in Kubernetes {}; {replacement}",
                    obj.describe(),
                    obj.api_version,
                    entry.removed_in
                ),
            )
            .anchor(format!("{}:apiVersion", obj.id())),
        );
    }
}
