//! DC009 `compose-restart-policy-missing`: a compose service has no restart policy.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::compose::Service;
use crate::rules::{Checklist, ComposeRule, Family, RuleMeta};

pub struct ComposeRestartPolicyMissing;

pub static META: RuleMeta = RuleMeta {
    id: "DC009",
    name: "compose-restart-policy-missing",
    family: Family::Compose,
    title: "Compose service has no restart policy",
    severity: Severity::Low,
    confidence: Confidence::Medium,
    checklist: Checklist::HealthChecks,
    rationale: "The default restart policy is `no`: a service that crashes, is OOM-killed or \
is stopped by a daemon restart or host reboot stays down until someone notices and runs \
`docker compose up` again.",
    remediation: "Set a restart policy (or `restart: \"no\"` explicitly for one-shot tasks): \
`restart: unless-stopped`.",
    equivalents: &[],
    references: &[
        "https://docs.docker.com/reference/compose-file/services/#restart",
        "https://docs.docker.com/reference/compose-file/deploy/#restart_policy",
    ],
};

impl ComposeRule for ComposeRestartPolicyMissing {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_service(&self, svc: &Service<'_>, out: &mut Vec<Diagnostic>) {
        if svc.get("image").is_none() && svc.get("build").is_none() {
            return;
        }
        if svc.get("restart").is_some() || svc.node.path(&["deploy", "restart_policy"]).is_some() {
            return;
        }
        out.push(
            Diagnostic::new(
                &META,
                svc.name_span,
                format!("service \"{}\" has no restart policy", svc.name),
            )
            .anchor(svc.name.to_string()),
        );
    }
}
