//! DC012 `compose-dangerous-capability-added`: a compose service adds a capability that
//! amounts to root on the host.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::compose::Service;
use crate::rules::compose::util;
use crate::rules::{Checklist, ComposeRule, Family, RuleMeta};

pub struct ComposeDangerousCapabilityAdded;

pub static META: RuleMeta = RuleMeta {
    id: "DC012",
    name: "compose-dangerous-capability-added",
    family: Family::Compose,
    title: "Compose service adds a dangerous capability",
    severity: Severity::High,
    confidence: Confidence::High,
    checklist: Checklist::ImageHygiene,
    rationale: "`SYS_ADMIN` (mount, namespaces, BPF), `SYS_MODULE` (load kernel modules), \
`SYS_PTRACE` (read other processes' memory), `NET_ADMIN` (rewrite the host's routes and \
firewall when sharing its network) and `ALL` each give a compromised process a known path \
out of the container.",
    remediation: "Remove the capability and add only narrow ones the service needs, after \
dropping the rest: `cap_drop: [ALL]` with `cap_add: [NET_BIND_SERVICE]`.",
    equivalents: &[],
    references: &[
        "https://docs.docker.com/reference/compose-file/services/#cap_add",
        "https://man7.org/linux/man-pages/man7/capabilities.7.html",
    ],
};

const DANGEROUS: &[&str] = &["ALL", "SYS_ADMIN", "NET_ADMIN", "SYS_PTRACE", "SYS_MODULE"];

impl ComposeRule for ComposeDangerousCapabilityAdded {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_service(&self, svc: &Service<'_>, out: &mut Vec<Diagnostic>) {
        for n in util::list(svc, "cap_add") {
            let Some(cap) = n.as_str() else { continue };
            let upper = cap.trim().to_ascii_uppercase();
            let name = upper.strip_prefix("CAP_").unwrap_or(&upper);
            if !DANGEROUS.contains(&name) {
                continue;
            }
            out.push(
                Diagnostic::new(
                    &META,
                    n.span,
                    format!("service \"{}\" adds capability {name}", svc.name),
                )
                .anchor(format!("{}:{name}", svc.name)),
            );
        }
    }
}
