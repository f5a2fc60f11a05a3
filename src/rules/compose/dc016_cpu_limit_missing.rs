//! DC016 `compose-cpu-limit-missing`: a compose service has no CPU limit.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::compose::Service;
use crate::rules::compose::util;
use crate::rules::{Checklist, ComposeRule, Family, RuleMeta};

pub struct ComposeCpuLimitMissing;

pub static META: RuleMeta = RuleMeta {
    id: "DC016",
    name: "compose-cpu-limit-missing",
    family: Family::Compose,
    title: "Compose service has no CPU limit",
    severity: Severity::Low,
    confidence: Confidence::High,
    checklist: Checklist::ResourceLimits,
    rationale: "Without a CPU limit one busy service (a hot loop, a traffic spike, a \
cryptominer after a compromise) takes every core of the host and starves its neighbours — \
the database's latency climbs and healthchecks time out. Accepted limits: \
`deploy.resources.limits.cpus`, or the legacy `cpus`, `cpu_quota`, `cpu_count`, \
`cpu_percent` and `cpuset`; `cpu_shares` is only a relative weight and does not count.",
    remediation: "Set a CPU limit sized from observed usage: \
`deploy: {resources: {limits: {cpus: \"1.0\", memory: 512M}}}` (or legacy `cpus: 1.0`).",
    equivalents: &["kics:6b610c50-99fb-4ef0-a5f3-e312fd945bc3"],
    references: &[
        "https://docs.docker.com/reference/compose-file/deploy/#resources",
        "https://docs.docker.com/reference/compose-file/services/#cpus",
    ],
};

impl ComposeRule for ComposeCpuLimitMissing {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_service(&self, svc: &Service<'_>, out: &mut Vec<Diagnostic>) {
        if svc.get("image").is_none() && svc.get("build").is_none() {
            return;
        }
        if util::has_cpu_limit(svc) {
            return;
        }
        out.push(
            Diagnostic::new(
                &META,
                svc.name_span,
                format!("service \"{}\" has no CPU limit", svc.name),
            )
            .anchor(svc.name.to_string()),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::compose::services;
    use crate::parse::yaml;

    #[test]
    fn legacy_keys_count_but_shares_do_not() {
        let src = "services:\n  a: {image: x:1, cpus: 0.5}\n  b: {image: x:1, cpu_quota: 50000}\n  c: {image: x:1, cpuset: \"0,1\"}\n  d: {image: x:1, cpu_shares: 512}\n  e: {image: x:1, deploy: {resources: {limits: {cpus: \"1\"}}}}\n";
        let file = yaml::parse(src);
        let limited: Vec<_> = services(&file)
            .iter()
            .map(|s| (s.name, util::has_cpu_limit(s)))
            .collect();
        assert_eq!(
            limited,
            [
                ("a", true),
                ("b", true),
                ("c", true),
                ("d", false),
                ("e", true)
            ]
        );
    }
}
