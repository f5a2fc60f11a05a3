//! K8S052 `default-service-account-used`: a workload's pods run as the namespace's `default`
//! service account.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::k8s::Object;
use crate::parse::yaml::Node;
use crate::rules::{Checklist, Family, K8sRule, RuleMeta};

pub struct DefaultServiceAccountUsed;

pub static META: RuleMeta = RuleMeta {
    id: "K8S052",
    name: "default-service-account-used",
    family: Family::Kubernetes,
    title: "Pods use the default service account",
    severity: Severity::Low,
    confidence: Confidence::Medium,
    checklist: Checklist::ImageHygiene,
    rationale: "Every pod in a namespace that names no service account shares `default`. Any \
permission granted to it — often added ad hoc for one app — silently applies to all of them, \
and audit logs cannot tell the workloads apart.",
    remediation: "Create a service account per workload and name it in the pod spec: \
`spec: {template: {spec: {serviceAccountName: web, automountServiceAccountToken: false}}}`.",
    equivalents: &["kube-linter:default-service-account"],
    references: &[
        "https://kubernetes.io/docs/concepts/security/service-accounts/",
        "https://kubernetes.io/docs/concepts/security/rbac-good-practices/",
    ],
};

impl K8sRule for DefaultServiceAccountUsed {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_pod_spec(&self, obj: &Object, spec: &Node, out: &mut Vec<Diagnostic>) {
        let node = spec
            .get("serviceAccountName")
            .or_else(|| spec.get("serviceAccount"))
            .filter(|n| !n.is_null());
        let (span, message) = match node {
            Some(n) => {
                if n.as_str() != Some("default") {
                    return;
                }
                (
                    n.span,
                    format!("pods of {} use the default service account", obj.describe()),
                )
            }
            None => (
                obj.kind_span,
                format!(
                    "pods of {} set no serviceAccountName and use the default service account",
                    obj.describe()
                ),
            ),
        };
        out.push(Diagnostic::new(&META, span, message).anchor(obj.id()));
    }
}
