//! K8S006 `dangerous-capability-added`: a container adds a capability that breaks container
//! isolation (`SYS_ADMIN`, `NET_ADMIN`, `NET_RAW`, `SYS_PTRACE`, `SYS_MODULE`, `ALL`, …).

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::k8s::{Container, Object};
use crate::rules::k8s::secctx;
use crate::rules::{Checklist, Family, K8sRule, RuleMeta};

pub struct DangerousCapabilityAdded;

pub static META: RuleMeta = RuleMeta {
    id: "K8S006",
    name: "dangerous-capability-added",
    family: Family::Kubernetes,
    title: "Container adds a dangerous capability",
    severity: Severity::High,
    confidence: Confidence::High,
    checklist: Checklist::ImageHygiene,
    rationale: "Some capabilities are nearly root on the node: SYS_ADMIN (mount, namespaces, \
most escapes), SYS_MODULE (load kernel modules), SYS_PTRACE (read other processes' memory), \
NET_ADMIN and NET_RAW (rewrite routing and firewall rules, spoof traffic), BPF and SYS_RAWIO; \
ALL adds every one of them. A compromised container holding one can usually break out.",
    remediation: "Remove the capability from `capabilities.add`, or move the privileged step \
into a separate, short-lived component: `securityContext: {capabilities: {drop: [ALL], add: [NET_BIND_SERVICE]}}`.",
    equivalents: &[
        "checkov:CKV_K8S_39",
        "trivy:KSV-0005",
        "polaris:dangerousCapabilities",
    ],
    references: &[
        "https://kubernetes.io/docs/concepts/security/pod-security-standards/",
        "https://man7.org/linux/man-pages/man7/capabilities.7.html",
    ],
};

/// Capabilities that break container isolation, without the `CAP_` prefix.
const DANGEROUS: &[&str] = &[
    "ALL",
    "SYS_ADMIN",
    "SYS_MODULE",
    "SYS_PTRACE",
    "SYS_RAWIO",
    "NET_ADMIN",
    "NET_RAW",
    "BPF",
];

impl K8sRule for DangerousCapabilityAdded {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_container(&self, obj: &Object, c: &Container<'_>, out: &mut Vec<Diagnostic>) {
        let Some(add) = c.node.path(&["securityContext", "capabilities", "add"]) else {
            return;
        };
        for item in add.iter_seq() {
            let Some(raw) = item.as_str() else {
                continue;
            };
            let upper = raw.to_ascii_uppercase();
            let cap = upper.strip_prefix("CAP_").unwrap_or(&upper);
            if DANGEROUS.contains(&cap) {
                out.push(
                    Diagnostic::new(
                        &META,
                        item.span,
                        format!("{} adds capability {raw}", secctx::describe(obj, c)),
                    )
                    .anchor(secctx::anchor(
                        obj,
                        c,
                        &format!("capabilities.add:{cap}"),
                    )),
                );
            }
        }
    }
}
