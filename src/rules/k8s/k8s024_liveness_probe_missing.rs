//! K8S024 `liveness-probe-missing`: a long-running container has no `livenessProbe`.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::k8s::{Container, ContainerKind, Object};
use crate::rules::k8s::workload;
use crate::rules::{Checklist, Family, K8sRule, RuleMeta};

pub struct LivenessProbeMissing;

pub static META: RuleMeta = RuleMeta {
    id: "K8S024",
    name: "liveness-probe-missing",
    family: Family::Kubernetes,
    title: "Long-running container has no liveness probe",
    severity: Severity::Medium,
    confidence: Confidence::High,
    checklist: Checklist::HealthChecks,
    rationale: "Without a liveness probe the kubelet only restarts a container whose process exits: a \
server that deadlocks, exhausts its thread pool or wedges on a lost connection stays \
`Running` and keeps its place in the rollout while serving nothing, until someone notices.",
    remediation: "Add a cheap liveness probe that checks the process itself, not its dependencies: `livenessProbe: {httpGet: {path: /livez, port: http}, periodSeconds: 10, failureThreshold: 3}`.",
    equivalents: &[
        "kube-linter:no-liveness-probe",
        "checkov:CKV_K8S_8",
        "polaris:livenessProbeMissing",
        "kube-score:pod-probes",
    ],
    references: &[
        "https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/",
    ],
};

impl K8sRule for LivenessProbeMissing {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_container(&self, obj: &Object, c: &Container<'_>, out: &mut Vec<Diagnostic>) {
        // Jobs run to completion and init containers exit: neither is probed.
        if c.kind != ContainerKind::Container || !workload::is_long_running(obj) {
            return;
        }
        if c.node.get("livenessProbe").is_some_and(|p| !p.is_null()) {
            return;
        }
        out.push(
            Diagnostic::new(
                &META,
                c.anchor_span(),
                format!("{} has no liveness probe", workload::label(obj, c)),
            )
            .anchor(workload::anchor(obj, c, "livenessProbe")),
        );
    }
}
