//! DC008 `compose-depends-on-without-health-condition`: a service depends on a service that has
//! a healthcheck but does not wait for it to be healthy.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::compose::Service;
use crate::parse::yaml::{Node, YamlFile};
use crate::rules::compose::util;
use crate::rules::{Checklist, ComposeRule, Family, FileContext, RuleMeta};

pub struct ComposeDependsOnWithoutHealthCondition;

pub static META: RuleMeta = RuleMeta {
    id: "DC008",
    name: "compose-depends-on-without-health-condition",
    family: Family::Compose,
    title: "Compose `depends_on` a healthchecked service without `condition: service_healthy`",
    severity: Severity::Medium,
    confidence: Confidence::High,
    checklist: Checklist::HealthChecks,
    rationale: "Plain `depends_on` only waits for the dependency's container to start, not for \
it to be ready: the dependent service races the database's initialisation and crash-loops \
(or worse, runs its migrations against a half-started server) even though the dependency's \
healthcheck already knows when it is ready.",
    remediation: "Use the long syntax and wait for health: \
`depends_on: {db: {condition: service_healthy}}`.",
    equivalents: &[],
    references: &["https://docs.docker.com/reference/compose-file/services/#depends_on"],
};

/// Whether a service declares an enabled healthcheck in the file.
fn has_healthcheck(svc: &Service<'_>) -> bool {
    svc.get("healthcheck")
        .is_some_and(|hc| !hc.get("disable").is_some_and(util::is_true) && !hc.is_null())
}

impl ComposeRule for ComposeDependsOnWithoutHealthCondition {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        _file: &YamlFile,
        services: &[Service<'_>],
        _ctx: &FileContext,
        out: &mut Vec<Diagnostic>,
    ) {
        let healthy = |name: &str| {
            services
                .iter()
                .any(|s| s.name == name && has_healthcheck(s))
        };
        for svc in services {
            let Some(deps) = svc.get("depends_on") else {
                continue;
            };
            // (dependency name, where to point, condition if any)
            let entries: Vec<(String, &Node, Option<String>)> = if deps.as_map().is_some() {
                deps.iter_map()
                    .filter_map(|(k, v)| {
                        let cond = v.get("condition");
                        Some((
                            k.as_str()?.to_string(),
                            cond.unwrap_or(k),
                            cond.and_then(Node::as_str).map(str::to_string),
                        ))
                    })
                    .collect()
            } else {
                deps.iter_seq()
                    .filter_map(|n| Some((n.as_str()?.to_string(), n, None)))
                    .collect()
            };
            for (dep, node, cond) in entries {
                if !healthy(&dep) || cond.as_deref() == Some("service_healthy") {
                    continue;
                }
                let how = cond.map_or_else(
                    || "without `condition: service_healthy`".to_string(),
                    |c| format!("with `condition: {c}`"),
                );
                out.push(
                    Diagnostic::new(
                        &META,
                        node.span,
                        format!(
                            "service \"{}\" depends on \"{dep}\" {how} although \"{dep}\" has a healthcheck",
                            svc.name
                        ),
                    )
                    .anchor(format!("{}:{dep}", svc.name)),
                );
            }
        }
    }
}
