//! DC007 `compose-healthcheck-missing`: a long-running compose service has no healthcheck.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::compose::Service;
use crate::parse::yaml::Node;
use crate::rules::compose::util;
use crate::rules::{Checklist, ComposeRule, Family, RuleMeta};

pub struct ComposeHealthcheckMissing;

pub static META: RuleMeta = RuleMeta {
    id: "DC007",
    name: "compose-healthcheck-missing",
    family: Family::Compose,
    title: "Compose service has no healthcheck",
    severity: Severity::Low,
    confidence: Confidence::Medium,
    checklist: Checklist::HealthChecks,
    rationale: "Without a healthcheck a container that is up but hung (deadlocked, lost its \
database, out of file descriptors) stays `running`: nothing restarts it, `depends_on` with \
`service_healthy` cannot wait for it and `docker ps` shows no problem. The image may declare \
a `HEALTHCHECK` of its own, which compose inherits — hence medium confidence. One-shot \
services (`restart: \"no\"` or `deploy.restart_policy.condition: none`) are not checked.",
    remediation: "Add a healthcheck that exercises the service: \
`healthcheck: {test: [\"CMD\", \"curl\", \"-f\", \"http://localhost:8080/healthz\"], interval: 30s, timeout: 5s, retries: 3}`.",
    equivalents: &["kics:698ed579-b239-4f8f-a388-baa4bcb13ef8"],
    references: &["https://docs.docker.com/reference/compose-file/services/#healthcheck"],
};

/// Whether the service is declared as a one-shot task (never restarted).
pub(crate) fn is_one_shot(svc: &Service<'_>) -> bool {
    let no_restart = svc
        .get("restart")
        .and_then(Node::as_str)
        .is_some_and(|r| r.trim().eq_ignore_ascii_case("no"));
    let policy_none = svc
        .node
        .path(&["deploy", "restart_policy", "condition"])
        .and_then(Node::as_str)
        .is_some_and(|c| c.trim().eq_ignore_ascii_case("none"));
    no_restart || policy_none
}

impl ComposeRule for ComposeHealthcheckMissing {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_service(&self, svc: &Service<'_>, out: &mut Vec<Diagnostic>) {
        if (svc.get("image").is_none() && svc.get("build").is_none()) || is_one_shot(svc) {
            return;
        }
        let (span, what) = match svc.get("healthcheck") {
            None => (svc.name_span, "has no healthcheck"),
            Some(hc) => match hc.get("disable") {
                Some(d) if util::is_true(d) => (d.span, "disables its healthcheck"),
                _ => return,
            },
        };
        out.push(
            Diagnostic::new(&META, span, format!("service \"{}\" {what}", svc.name))
                .anchor(svc.name.to_string()),
        );
    }
}
