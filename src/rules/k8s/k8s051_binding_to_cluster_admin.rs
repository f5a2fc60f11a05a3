//! K8S051 `binding-to-cluster-admin`: a RoleBinding or ClusterRoleBinding grants the
//! `cluster-admin` ClusterRole.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::k8s::Object;
use crate::parse::yaml::Node;
use crate::rules::{Checklist, Family, K8sRule, RuleMeta};

pub struct BindingToClusterAdmin;

pub static META: RuleMeta = RuleMeta {
    id: "K8S051",
    name: "binding-to-cluster-admin",
    family: Family::Kubernetes,
    title: "Binding grants cluster-admin",
    severity: Severity::High,
    confidence: Confidence::High,
    checklist: Checklist::ImageHygiene,
    rationale: "`cluster-admin` is unrestricted superuser access. Binding it to a service \
account or group means any pod or person holding those credentials can read every Secret, \
run privileged pods and rewrite RBAC — one leaked token is a full cluster compromise. In a \
RoleBinding it still grants full control of the namespace, Secrets included.",
    remediation: "Bind a dedicated Role that lists only the needed permissions: \
`roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: app-reader}`.",
    equivalents: &["kube-linter:cluster-admin-role-binding"],
    references: &[
        "https://kubernetes.io/docs/concepts/security/rbac-good-practices/",
        "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles",
    ],
};

impl K8sRule for BindingToClusterAdmin {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_object(&self, obj: &Object, out: &mut Vec<Diagnostic>) {
        if !matches!(obj.kind.as_str(), "RoleBinding" | "ClusterRoleBinding") {
            return;
        }
        let Some(name) = obj.node.path(&["roleRef", "name"]) else {
            return;
        };
        if name.as_str() != Some("cluster-admin") {
            return;
        }
        let kind = obj
            .node
            .path(&["roleRef", "kind"])
            .and_then(Node::as_str)
            .unwrap_or("ClusterRole");
        if kind != "ClusterRole" {
            return;
        }
        out.push(
            Diagnostic::new(
                &META,
                name.span,
                format!("{} grants the cluster-admin ClusterRole", obj.describe()),
            )
            .anchor(obj.id()),
        );
    }
}
