//! K8S003 `container-may-run-as-root`: neither the container nor the pod `securityContext`
//! makes the container run as non-root (`runAsNonRoot: true` or a non-zero `runAsUser`), or
//! the effective `runAsUser` is 0.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::k8s::{Container, Object};
use crate::rules::k8s::secctx::{self, Level};
use crate::rules::{Checklist, Family, K8sRule, RuleMeta};

pub struct ContainerMayRunAsRoot;

pub static META: RuleMeta = RuleMeta {
    id: "K8S003",
    name: "container-may-run-as-root",
    family: Family::Kubernetes,
    title: "Container may run as root",
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    checklist: Checklist::ImageHygiene,
    rationale: "Without `runAsNonRoot: true` (or a non-zero `runAsUser`) the container runs as \
whatever user the image says, often root. Root in a container shares the node kernel: a \
container escape or a writable host mount turns it into root on the node.",
    remediation: "Run as a non-root user and let the kubelet enforce it, at pod or container \
level: `securityContext: {runAsNonRoot: true, runAsUser: 10001}`.",
    equivalents: &[
        "kube-linter:run-as-non-root",
        "checkov:CKV_K8S_23",
        "trivy:KSV-0012",
        "polaris:runAsRootAllowed",
    ],
    references: &[
        "https://kubernetes.io/docs/tasks/configure-pod-container/security-context/",
        "https://kubernetes.io/docs/concepts/security/pod-security-standards/",
    ],
};

impl K8sRule for ContainerMayRunAsRoot {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_container(&self, obj: &Object, c: &Container<'_>, out: &mut Vec<Diagnostic>) {
        let who = secctx::describe(obj, c);
        let level = |l: Level| match l {
            Level::Container => "",
            Level::Pod => " (pod securityContext)",
        };
        let user = secctx::effective(obj, c, "runAsUser");
        let non_root = secctx::effective(obj, c, "runAsNonRoot");
        let (span, message) = if let Some((u, l)) = user.filter(|(u, _)| u.as_i64() == Some(0)) {
            (
                u.span,
                format!("{who} runs as root: runAsUser: 0{}", level(l)),
            )
        } else if let Some((v, l)) = non_root.filter(|(v, _)| v.as_bool() == Some(false)) {
            (
                v.span,
                format!("{who} may run as root: runAsNonRoot: false{}", level(l)),
            )
        } else if non_root.is_some() || user.is_some() {
            // `runAsNonRoot: true`, a non-zero `runAsUser`, or a value we cannot read.
            return;
        } else {
            (
                c.anchor_span(),
                format!(
                    "{who} may run as root: neither it nor the pod sets runAsNonRoot: true or a non-zero runAsUser"
                ),
            )
        };
        out.push(Diagnostic::new(&META, span, message).anchor(secctx::anchor(
            obj,
            c,
            "runAsNonRoot",
        )));
    }
}
