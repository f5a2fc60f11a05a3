//! DC002 `compose-privileged-service`: a compose service runs with `privileged: true`.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::compose::Service;
use crate::rules::compose::util;
use crate::rules::{Checklist, ComposeRule, Family, RuleMeta};

pub struct ComposePrivilegedService;

pub static META: RuleMeta = RuleMeta {
    id: "DC002",
    name: "compose-privileged-service",
    family: Family::Compose,
    title: "Compose service runs privileged",
    severity: Severity::Critical,
    confidence: Confidence::High,
    checklist: Checklist::ImageHygiene,
    rationale: "A privileged container gets every capability, every host device and no \
seccomp/AppArmor confinement: a compromise of the process is a compromise of the host \
(mount the host disk, load kernel modules, reach every other container).",
    remediation: "Remove `privileged: true` and grant only the capability or device the \
service needs: `cap_add: [NET_BIND_SERVICE]` or `devices: [\"/dev/fuse\"]`.",
    equivalents: &["kics:ae5b6871-7f45-42e0-bb4c-ab300c4d2026"],
    references: &["https://docs.docker.com/reference/compose-file/services/#privileged"],
};

impl ComposeRule for ComposePrivilegedService {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_service(&self, svc: &Service<'_>, out: &mut Vec<Diagnostic>) {
        let Some(node) = svc.get("privileged") else {
            return;
        };
        if !util::is_true(node) {
            return;
        }
        out.push(
            Diagnostic::new(
                &META,
                node.span,
                format!("service \"{}\" runs privileged", svc.name),
            )
            .anchor(svc.name.to_string()),
        );
    }
}
