//! K8S007 `seccomp-profile-missing`: neither the container nor the pod `securityContext` sets
//! `seccompProfile.type` to `RuntimeDefault` or `Localhost`.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::k8s::{Container, Object};
use crate::rules::k8s::secctx::{self, Level};
use crate::rules::{Checklist, Family, K8sRule, RuleMeta};

pub struct SeccompProfileMissing;

pub static META: RuleMeta = RuleMeta {
    id: "K8S007",
    name: "seccomp-profile-missing",
    family: Family::Kubernetes,
    title: "Container runs without a seccomp profile",
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    checklist: Checklist::ImageHygiene,
    rationale: "Unless the kubelet is configured otherwise, containers run `Unconfined`: every \
system call of the node kernel is reachable, including the rarely used ones most kernel \
exploits go through. The runtime's default profile blocks them at no cost to ordinary \
applications.",
    remediation: "Set the runtime's default seccomp profile at pod level (or per container): \
`securityContext: {seccompProfile: {type: RuntimeDefault}}`.",
    equivalents: &["checkov:CKV_K8S_31", "trivy:KSV-0030", "trivy:KSV-0104"],
    references: &[
        "https://kubernetes.io/docs/tutorials/security/seccomp/",
        "https://kubernetes.io/docs/concepts/security/pod-security-standards/",
    ],
};

/// The pre-1.19 annotations (`seccomp.security.alpha.kubernetes.io/pod` or
/// `container.seccomp.security.alpha.kubernetes.io/<name>`) on the pod template set a profile.
fn legacy_annotation(obj: &Object, c: &Container<'_>) -> bool {
    let container_key = format!(
        "container.seccomp.security.alpha.kubernetes.io/{}",
        c.name()
    );
    [
        secctx::pod_annotation(obj, &container_key),
        secctx::pod_annotation(obj, "seccomp.security.alpha.kubernetes.io/pod"),
    ]
    .into_iter()
    .flatten()
    .next()
    .is_some_and(|v| v != "unconfined")
}

impl K8sRule for SeccompProfileMissing {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_container(&self, obj: &Object, c: &Container<'_>, out: &mut Vec<Diagnostic>) {
        if secctx::is_windows(obj) {
            return;
        }
        let who = secctx::describe(obj, c);
        let (span, message) = match secctx::effective(obj, c, "seccompProfile") {
            None if legacy_annotation(obj, c) => return,
            None => (
                c.anchor_span(),
                format!("{who} has no seccompProfile (neither it nor the pod sets one)"),
            ),
            Some((profile, level)) => {
                let Some(ty) = profile.get("type") else {
                    return; // not a mapping we can read
                };
                match ty.as_str() {
                    Some("RuntimeDefault" | "Localhost") | None => return,
                    Some(_) if secctx::is_templated(ty) => return,
                    Some(other) => (
                        ty.span,
                        format!(
                            "{who} uses seccompProfile type {other}{}",
                            match level {
                                Level::Container => "",
                                Level::Pod => " (pod securityContext)",
                            }
                        ),
                    ),
                }
            }
        };
        out.push(Diagnostic::new(&META, span, message).anchor(secctx::anchor(
            obj,
            c,
            "seccompProfile",
        )));
    }
}
