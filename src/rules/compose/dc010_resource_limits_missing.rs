//! DC010 `compose-resource-limits-missing`: a compose service has no memory limit.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::compose::Service;
use crate::rules::compose::util;
use crate::rules::{Checklist, ComposeRule, Family, RuleMeta};

pub struct ComposeResourceLimitsMissing;

pub static META: RuleMeta = RuleMeta {
    id: "DC010",
    name: "compose-resource-limits-missing",
    family: Family::Compose,
    title: "Compose service has no memory limit",
    severity: Severity::Medium,
    confidence: Confidence::High,
    checklist: Checklist::ResourceLimits,
    rationale: "Without a memory limit one leaking service grows until the kernel's OOM killer \
picks a victim on the host — often a neighbour (the database) rather than the culprit. A CPU \
limit (`cpus`) likewise keeps one busy service from starving the others; memory is checked \
because it is the one that takes the host down.",
    remediation: "Set a memory limit (and a CPU limit) sized from observed usage: \
`deploy: {resources: {limits: {memory: 512M, cpus: \"1.0\"}}}` (or legacy `mem_limit: 512m`).",
    equivalents: &["kics:bb9ac4f7-e13b-423d-a010-c74a1bfbe492"],
    references: &[
        "https://docs.docker.com/reference/compose-file/deploy/#resources",
        "https://docs.docker.com/reference/compose-file/services/#mem_limit",
    ],
};

impl ComposeRule for ComposeResourceLimitsMissing {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_service(&self, svc: &Service<'_>, out: &mut Vec<Diagnostic>) {
        if svc.get("image").is_none() && svc.get("build").is_none() {
            return;
        }
        if util::has_memory_limit(svc) {
            return;
        }
        out.push(
            Diagnostic::new(
                &META,
                svc.name_span,
                format!("service \"{}\" has no memory limit", svc.name),
            )
            .anchor(svc.name.to_string()),
        );
    }
}
