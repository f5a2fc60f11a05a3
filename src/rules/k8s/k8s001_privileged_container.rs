//! K8S001 `privileged-container`: a container runs with `securityContext.privileged: true`.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::k8s::{Container, Object};
use crate::rules::{Checklist, Family, K8sRule, RuleMeta};

pub struct PrivilegedContainer;

pub static META: RuleMeta = RuleMeta {
    id: "K8S001",
    name: "privileged-container",
    family: Family::Kubernetes,
    title: "Container runs privileged",
    severity: Severity::Critical,
    confidence: Confidence::High,
    checklist: Checklist::ImageHygiene,
    rationale: "A privileged container has every capability and sees the node's devices: root \
in it is root on the node. One compromised process — or one bad deploy — can read other pods' \
secrets, load kernel modules or take over the cluster node.",
    remediation: "Remove `privileged: true`; grant only the capability the workload needs: \
`securityContext: {privileged: false, allowPrivilegeEscalation: false, capabilities: {drop: [ALL], add: [NET_BIND_SERVICE]}}`.",
    equivalents: &[
        "kube-linter:privileged-container",
        "checkov:CKV_K8S_16",
        "trivy:KSV-0017",
        "polaris:runAsPrivileged",
    ],
    references: &["https://kubernetes.io/docs/concepts/security/pod-security-standards/"],
};

impl K8sRule for PrivilegedContainer {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_container(&self, obj: &Object, c: &Container<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flag) = c.node.path(&["securityContext", "privileged"]) else {
            return;
        };
        if flag.as_bool() == Some(true) {
            out.push(
                Diagnostic::new(
                    &META,
                    flag.span,
                    format!(
                        "{} \"{}\" of {} runs privileged",
                        c.kind.label(),
                        c.name(),
                        obj.describe()
                    ),
                )
                .anchor(format!("{}:{}", obj.id(), c.name())),
            );
        }
    }
}
