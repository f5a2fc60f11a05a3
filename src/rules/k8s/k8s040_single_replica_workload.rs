//! K8S040 `single-replica-workload`: a Deployment or StatefulSet runs one replica (explicitly,
//! or by leaving `replicas` unset).

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::k8s::Object;
use crate::rules::{Checklist, Family, K8sRule, RuleMeta};

pub struct SingleReplicaWorkload;

pub static META: RuleMeta = RuleMeta {
    id: "K8S040",
    name: "single-replica-workload",
    family: Family::Kubernetes,
    title: "Workload runs a single replica",
    severity: Severity::Low,
    confidence: Confidence::Medium,
    checklist: Checklist::RollbackPath,
    rationale: "With one replica every node drain, eviction, OOM kill or rollout is an outage: \
there is no second pod to take traffic while the first restarts. `replicas` left unset \
defaults to 1. A HorizontalPodAutoscaler may own the count (then omitting `replicas` is \
right) — this rule cannot see it, so confirm before changing.",
    remediation: "Run at least two replicas (or let an HPA with `minReplicas: 2` manage them) \
and spread them: `spec: {replicas: 3}`.",
    equivalents: &["kube-linter:minimum-three-replicas"],
    references: &[
        "https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#replicas",
        "https://kubernetes.io/docs/tasks/run-application/configure-pdb/",
    ],
};

impl K8sRule for SingleReplicaWorkload {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_object(&self, obj: &Object, out: &mut Vec<Diagnostic>) {
        if !matches!(obj.kind.as_str(), "Deployment" | "StatefulSet") {
            return;
        }
        match obj.node.path(&["spec", "replicas"]) {
            Some(node) => {
                if node.as_i64() == Some(1) {
                    out.push(
                        Diagnostic::new(
                            &META,
                            node.span,
                            format!("{} runs a single replica", obj.describe()),
                        )
                        .anchor(obj.id()),
                    );
                }
            }
            None => {
                if obj.node.get("spec").and_then(|s| s.as_map()).is_none() {
                    return;
                }
                out.push(
                    Diagnostic::new(
                        &META,
                        obj.kind_span,
                        format!("{} does not set replicas (defaults to 1)", obj.describe()),
                    )
                    .anchor(obj.id()),
                );
            }
        }
    }
}
