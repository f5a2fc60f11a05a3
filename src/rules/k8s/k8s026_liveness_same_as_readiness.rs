//! K8S026 `liveness-same-as-readiness`: a container's liveness and readiness probes are
//! identical.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::k8s::{Container, Object};
use crate::rules::k8s::workload;
use crate::rules::{Checklist, Family, K8sRule, RuleMeta};

pub struct LivenessSameAsReadiness;

pub static META: RuleMeta = RuleMeta {
    id: "K8S026",
    name: "liveness-same-as-readiness",
    family: Family::Kubernetes,
    title: "Liveness and readiness probes are identical",
    severity: Severity::Medium,
    confidence: Confidence::High,
    checklist: Checklist::HealthChecks,
    rationale: "Readiness answers \"send me traffic?\", liveness answers \"restart me?\". When both \
run the same check, an overloaded or dependency-starved container is not just taken out of \
rotation but killed at the same moment; under load every replica fails together and the \
restarts turn a slowdown into an outage.",
    remediation: "Make the liveness probe check only that the process is alive, and let it fail \
later than readiness: `livenessProbe: {httpGet: {path: /livez, port: http}, failureThreshold: 6}` \
with `readinessProbe: {httpGet: {path: /readyz, port: http}, failureThreshold: 2}`.",
    equivalents: &["kube-score:pod-probes"],
    references: &[
        "https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/",
        "https://github.com/zegl/kube-score/blob/master/README_PROBES.md",
    ],
};

impl K8sRule for LivenessSameAsReadiness {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_container(&self, obj: &Object, c: &Container<'_>, out: &mut Vec<Diagnostic>) {
        let (Some(live), Some(ready)) = (c.node.get("livenessProbe"), c.node.get("readinessProbe"))
        else {
            return;
        };
        if live.as_map().is_none() || !workload::same_value(live, ready) {
            return;
        }
        let span = c.node.key_span("livenessProbe").unwrap_or(live.span);
        out.push(
            Diagnostic::new(
                &META,
                span,
                format!(
                    "{} has a liveness probe identical to its readiness probe",
                    workload::label(obj, c)
                ),
            )
            .anchor(workload::anchor(obj, c, "livenessProbe")),
        );
    }
}
