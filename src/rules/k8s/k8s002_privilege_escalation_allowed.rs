//! K8S002 `privilege-escalation-allowed`: a container does not set
//! `securityContext.allowPrivilegeEscalation: false`.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::k8s::{Container, Object};
use crate::rules::k8s::secctx;
use crate::rules::{Checklist, Family, K8sRule, RuleMeta};

pub struct PrivilegeEscalationAllowed;

pub static META: RuleMeta = RuleMeta {
    id: "K8S002",
    name: "privilege-escalation-allowed",
    family: Family::Kubernetes,
    title: "Container allows privilege escalation",
    severity: Severity::Medium,
    confidence: Confidence::High,
    checklist: Checklist::ImageHygiene,
    rationale: "Unless `allowPrivilegeEscalation` is false, a process in the container can gain \
more privileges than its parent (setuid binaries, file capabilities): an attacker who gets a \
shell as the app user can become root in the container, one step from the node.",
    remediation: "Set `allowPrivilegeEscalation: false` on every container: \
`securityContext: {allowPrivilegeEscalation: false}`.",
    equivalents: &[
        "kube-linter:privilege-escalation-container",
        "checkov:CKV_K8S_20",
        "trivy:KSV-0001",
        "polaris:privilegeEscalationAllowed",
    ],
    references: &[
        "https://kubernetes.io/docs/tasks/configure-pod-container/security-context/",
        "https://kubernetes.io/docs/concepts/security/pod-security-standards/",
    ],
};

impl K8sRule for PrivilegeEscalationAllowed {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_container(&self, obj: &Object, c: &Container<'_>, out: &mut Vec<Diagnostic>) {
        if secctx::is_windows(obj) {
            return;
        }
        let who = secctx::describe(obj, c);
        let (span, message) = match secctx::container_value(c, "allowPrivilegeEscalation") {
            None => (
                c.anchor_span(),
                format!("{who} does not set allowPrivilegeEscalation: false"),
            ),
            Some(v) => match v.as_bool() {
                Some(true) => (v.span, format!("{who} sets allowPrivilegeEscalation: true")),
                _ => return,
            },
        };
        out.push(Diagnostic::new(&META, span, message).anchor(secctx::anchor(
            obj,
            c,
            "allowPrivilegeEscalation",
        )));
    }
}
