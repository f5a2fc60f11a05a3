//! K8S031 `object-in-default-namespace`: a namespaced object sets `metadata.namespace: default`.
//!
//! An object with no `metadata.namespace` is not reported: kustomize (`namespace:`), Helm
//! (`--namespace`), Argo CD and Flux usually set it at deploy time, so its absence says nothing
//! about where the object lands.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::k8s::Object;
use crate::rules::{Checklist, Family, K8sRule, RuleMeta};

pub struct ObjectInDefaultNamespace;

pub static META: RuleMeta = RuleMeta {
    id: "K8S031",
    name: "object-in-default-namespace",
    family: Family::Kubernetes,
    title: "Object is placed in the `default` namespace",
    severity: Severity::Low,
    confidence: Confidence::High,
    checklist: Checklist::InfrastructureAsCode,
    rationale: "The `default` namespace is where everything without a home ends up: it carries \
no ResourceQuota, LimitRange, NetworkPolicy or RBAC scoped to the application, so the workload \
shares blast radius and permissions with whatever else was dropped there, and cannot be torn \
down or audited as a unit. Objects without a namespace are not reported: kustomize, Helm and \
GitOps tools usually set it at deploy time.",
    remediation: "Give the application its own namespace (or leave the field out and set it in \
kustomize or at deploy time): `metadata: {name: web, namespace: shop}`.",
    equivalents: &[
        "checkov:CKV_K8S_21",
        "trivy:KSV-0110",
        "kube-linter:use-namespace",
    ],
    references: &["https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/"],
};

/// Built-in kinds that are not namespaced (a `namespace` on them is ignored by the API).
const CLUSTER_SCOPED: &[&str] = &[
    "APIService",
    "CertificateSigningRequest",
    "ClusterIssuer",
    "ClusterRole",
    "ClusterRoleBinding",
    "CSIDriver",
    "CSINode",
    "CustomResourceDefinition",
    "FlowSchema",
    "IngressClass",
    "MutatingWebhookConfiguration",
    "Namespace",
    "Node",
    "PersistentVolume",
    "PodSecurityPolicy",
    "PriorityClass",
    "PriorityLevelConfiguration",
    "RuntimeClass",
    "StorageClass",
    "ValidatingAdmissionPolicy",
    "ValidatingAdmissionPolicyBinding",
    "ValidatingWebhookConfiguration",
    "VolumeAttachment",
    "VolumeSnapshotClass",
];

impl K8sRule for ObjectInDefaultNamespace {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_object(&self, obj: &Object, out: &mut Vec<Diagnostic>) {
        if obj.namespace.as_deref() != Some("default")
            || CLUSTER_SCOPED.contains(&obj.kind.as_str())
        {
            return;
        }
        // objects that belong to the default namespace by design
        let name = obj.name.as_deref().unwrap_or("");
        if matches!(
            (obj.kind.as_str(), name),
            ("Service", "kubernetes") | ("ServiceAccount", "default")
        ) {
            return;
        }
        let span = obj
            .node
            .path(&["metadata", "namespace"])
            .map_or(obj.kind_span, |n| n.span);
        out.push(
            Diagnostic::new(
                &META,
                span,
                format!("{} is placed in the `default` namespace", obj.describe()),
            )
            .anchor(format!("{}:metadata.namespace", obj.id())),
        );
    }
}
