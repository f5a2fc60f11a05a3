//! DC003 `compose-host-network`: a compose service shares the host's network namespace.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::compose::Service;
use crate::rules::{Checklist, ComposeRule, Family, RuleMeta};

pub struct ComposeHostNetwork;

pub static META: RuleMeta = RuleMeta {
    id: "DC003",
    name: "compose-host-network",
    family: Family::Compose,
    title: "Compose service uses the host network",
    severity: Severity::High,
    confidence: Confidence::High,
    checklist: Checklist::ImageHygiene,
    rationale: "With `network_mode: host` the container binds straight onto the host's \
interfaces: every port it opens is exposed without a `ports:` decision, it can reach \
services bound to localhost on the host, and it escapes the compose network isolation.",
    remediation: "Drop `network_mode: host`, attach the service to a compose network and \
publish only the ports it serves: `ports: [\"127.0.0.1:8080:8080\"]`.",
    equivalents: &["kics:071a71ff-f868-47a4-ac0b-3c59e4ab5443"],
    references: &["https://docs.docker.com/reference/compose-file/services/#network_mode"],
};

impl ComposeRule for ComposeHostNetwork {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_service(&self, svc: &Service<'_>, out: &mut Vec<Diagnostic>) {
        let Some(node) = svc.get("network_mode") else {
            return;
        };
        let Some(mode) = node.as_str() else { return };
        if !mode.trim().eq_ignore_ascii_case("host") {
            return;
        }
        out.push(
            Diagnostic::new(
                &META,
                node.span,
                format!("service \"{}\" uses `network_mode: host`", svc.name),
            )
            .anchor(svc.name.to_string()),
        );
    }
}
