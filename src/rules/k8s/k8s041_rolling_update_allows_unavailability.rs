//! K8S041 `rolling-update-allows-unavailability`: a small Deployment's rolling update may take
//! pods down before replacements are ready.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::k8s::Object;
use crate::parse::yaml::Node;
use crate::rules::{Checklist, Family, K8sRule, RuleMeta};

pub struct RollingUpdateAllowsUnavailability;

pub static META: RuleMeta = RuleMeta {
    id: "K8S041",
    name: "rolling-update-allows-unavailability",
    family: Family::Kubernetes,
    title: "Rolling update takes a small Deployment's pods down",
    severity: Severity::Medium,
    confidence: Confidence::High,
    checklist: Checklist::RollbackPath,
    rationale: "`maxUnavailable` is how many pods a rollout may kill before their replacements \
are Ready (a percentage rounds down; `maxSurge` rounds up). The default 25% rounds to 0 for \
1–3 replicas, so only an explicit value bites: with one or two replicas, `maxUnavailable: 1` \
or `50%` halves — or zeroes — capacity on every deploy, and a bad image turns that into an \
outage instead of a stuck rollout.",
    remediation: "Surge new pods first and keep every old one until they are Ready: \
`strategy: {type: RollingUpdate, rollingUpdate: {maxUnavailable: 0, maxSurge: 1}}`.",
    equivalents: &[],
    references: &[
        "https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#max-unavailable",
    ],
};

/// `maxUnavailable` resolved against the replica count; `None` when unknown.
fn resolve(node: &Node, replicas: i64) -> Option<i64> {
    if let Some(n) = node.as_i64() {
        return Some(n);
    }
    let pct: i64 = node
        .as_str()?
        .trim()
        .strip_suffix('%')?
        .trim()
        .parse()
        .ok()?;
    // percentages of maxUnavailable round down
    Some(replicas.checked_mul(pct)? / 100)
}

impl K8sRule for RollingUpdateAllowsUnavailability {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_object(&self, obj: &Object, out: &mut Vec<Diagnostic>) {
        if obj.kind != "Deployment" {
            return;
        }
        let strategy = obj.node.path(&["spec", "strategy"]);
        if strategy
            .and_then(|s| s.get("type"))
            .and_then(Node::as_str)
            .is_some_and(|t| t != "RollingUpdate")
        {
            return;
        }
        let Some(max) = strategy.and_then(|s| s.path(&["rollingUpdate", "maxUnavailable"])) else {
            return;
        };
        let replicas = match obj.node.path(&["spec", "replicas"]) {
            None => 1,
            Some(n) => match n.as_i64() {
                Some(r) => r,
                None => return,
            },
        };
        if !(1..=2).contains(&replicas) {
            return;
        }
        let Some(down) = resolve(max, replicas) else {
            return;
        };
        if down < 1 {
            return;
        }
        let down = down.min(replicas);
        out.push(
            Diagnostic::new(
                &META,
                max.span,
                format!(
                    "{} lets a rollout take down {down} of its {replicas} replica{} before replacements are ready",
                    obj.describe(),
                    if replicas == 1 { "" } else { "s" }
                ),
            )
            .anchor(obj.id()),
        );
    }
}
