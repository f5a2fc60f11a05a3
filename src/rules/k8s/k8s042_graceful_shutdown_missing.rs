//! K8S042 `graceful-shutdown-missing`: a long-running container has no `preStop` hook and its
//! pod does not set `terminationGracePeriodSeconds`.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::k8s::{Container, ContainerKind, Object};
use crate::rules::k8s::workload;
use crate::rules::{Checklist, Family, K8sRule, RuleMeta};

pub struct GracefulShutdownMissing;

pub static META: RuleMeta = RuleMeta {
    id: "K8S042",
    name: "graceful-shutdown-missing",
    family: Family::Kubernetes,
    title: "No graceful shutdown configured",
    severity: Severity::Info,
    confidence: Confidence::Low,
    checklist: Checklist::RollbackPath,
    rationale: "On every rollout or drain the pod is removed from Service endpoints while it is \
sent SIGTERM, concurrently. Without a short `preStop` delay, load balancers keep routing to a \
process that is already exiting, and without a deliberate grace period in-flight requests are \
cut off after the default 30 s — visible as 502s on each deploy.",
    remediation: "Delay shutdown until endpoints are updated and size the grace period to the \
longest request: `lifecycle: {preStop: {sleep: {seconds: 5}}}` and \
`terminationGracePeriodSeconds: 45` on the pod.",
    equivalents: &[],
    references: &[
        "https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-termination",
        "https://kubernetes.io/docs/concepts/containers/container-lifecycle-hooks/",
    ],
};

impl K8sRule for GracefulShutdownMissing {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_container(&self, obj: &Object, c: &Container<'_>, out: &mut Vec<Diagnostic>) {
        if c.kind != ContainerKind::Container || !workload::is_long_running(obj) {
            return;
        }
        if obj
            .pod_spec()
            .and_then(|s| s.get("terminationGracePeriodSeconds"))
            .is_some()
        {
            return;
        }
        if c.node.path(&["lifecycle", "preStop"]).is_some() {
            return;
        }
        out.push(
            Diagnostic::new(
                &META,
                c.anchor_span(),
                format!(
                    "{} has no preStop hook and its pod sets no terminationGracePeriodSeconds",
                    workload::label(obj, c)
                ),
            )
            .anchor(workload::anchor(obj, c, "shutdown")),
        );
    }
}
