//! K8S025 `readiness-probe-missing`: a long-running container has no `readinessProbe`.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::k8s::{Container, ContainerKind, Object};
use crate::rules::k8s::workload;
use crate::rules::{Checklist, Family, K8sRule, RuleMeta};

pub struct ReadinessProbeMissing;

pub static META: RuleMeta = RuleMeta {
    id: "K8S025",
    name: "readiness-probe-missing",
    family: Family::Kubernetes,
    title: "Long-running container has no readiness probe",
    severity: Severity::Medium,
    confidence: Confidence::High,
    checklist: Checklist::HealthChecks,
    rationale: "Without a readiness probe a pod receives traffic as soon as its process starts, before it \
has warmed up or connected to its dependencies, and a rolling update proceeds even when the \
new version never becomes able to serve: every deploy drops requests, and a bad one takes the \
service down instead of stalling.",
    remediation: "Add a readiness probe that answers only when the container can serve: `readinessProbe: {httpGet: {path: /readyz, port: http}, periodSeconds: 5}`.",
    equivalents: &[
        "kube-linter:no-readiness-probe",
        "checkov:CKV_K8S_9",
        "polaris:readinessProbeMissing",
        "kube-score:pod-probes",
    ],
    references: &[
        "https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/",
    ],
};

impl K8sRule for ReadinessProbeMissing {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_container(&self, obj: &Object, c: &Container<'_>, out: &mut Vec<Diagnostic>) {
        // Jobs run to completion and init containers exit: neither is probed.
        if c.kind != ContainerKind::Container || !workload::is_long_running(obj) {
            return;
        }
        if c.node.get("readinessProbe").is_some_and(|p| !p.is_null()) {
            return;
        }
        out.push(
            Diagnostic::new(
                &META,
                c.anchor_span(),
                format!("{} has no readiness probe", workload::label(obj, c)),
            )
            .anchor(workload::anchor(obj, c, "readinessProbe")),
        );
    }
}
