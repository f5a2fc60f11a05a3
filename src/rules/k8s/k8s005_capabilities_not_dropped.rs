//! K8S005 `capabilities-not-dropped`: a container's `securityContext.capabilities.drop` does
//! not contain `ALL`.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::k8s::{Container, Object};
use crate::parse::yaml::Node;
use crate::rules::k8s::secctx;
use crate::rules::{Checklist, Family, K8sRule, RuleMeta};

pub struct CapabilitiesNotDropped;

pub static META: RuleMeta = RuleMeta {
    id: "K8S005",
    name: "capabilities-not-dropped",
    family: Family::Kubernetes,
    title: "Container does not drop all capabilities",
    severity: Severity::Low,
    confidence: Confidence::High,
    checklist: Checklist::ImageHygiene,
    rationale: "Container runtimes grant a default set of Linux capabilities (NET_RAW, CHOWN, \
SETUID, DAC_OVERRIDE, …) that almost no application needs; NET_RAW alone allows ARP and DNS \
spoofing inside the cluster network. Dropping ALL and adding back only what is needed shrinks \
what a compromised process can do.",
    remediation: "Drop every capability and add back only those the process needs: \
`securityContext: {capabilities: {drop: [ALL], add: [NET_BIND_SERVICE]}}`.",
    equivalents: &["checkov:CKV_K8S_37", "trivy:KSV-0003"],
    references: &[
        "https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#set-capabilities-for-a-container",
        "https://kubernetes.io/docs/concepts/security/pod-security-standards/",
    ],
};

impl K8sRule for CapabilitiesNotDropped {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_container(&self, obj: &Object, c: &Container<'_>, out: &mut Vec<Diagnostic>) {
        if secctx::is_windows(obj) {
            return;
        }
        let who = secctx::describe(obj, c);
        let drop = c
            .node
            .path(&["securityContext", "capabilities", "drop"])
            .filter(|n| !n.is_null());
        let (span, message) = match drop {
            None => (
                c.anchor_span(),
                format!("{who} does not drop ALL capabilities"),
            ),
            Some(list) => {
                let Some(items) = list.as_seq() else {
                    return; // a template or variable: unknown
                };
                if items.iter().any(|i| {
                    secctx::is_templated(i)
                        || i.as_str().is_some_and(|s| s.eq_ignore_ascii_case("ALL"))
                }) {
                    return;
                }
                let names: Vec<&str> = items.iter().filter_map(Node::as_str).collect();
                (
                    list.span,
                    format!(
                        "{who} drops [{}] but not ALL capabilities",
                        names.join(", ")
                    ),
                )
            }
        };
        out.push(Diagnostic::new(&META, span, message).anchor(secctx::anchor(
            obj,
            c,
            "capabilities.drop",
        )));
    }
}
