//! K8S055 `replicas-not-spread`: a Deployment, StatefulSet, ReplicaSet or Argo Rollout runs
//! two or more replicas (a literal `spec.replicas`) and its pod spec has neither
//! `affinity.podAntiAffinity` nor `topologySpreadConstraints`.
//!
//! Only a literal `replicas` of 2 or more is judged (an HPA-managed count is invisible here).
//! An `affinity` or `topologySpreadConstraints` that is a template counts as set.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::k8s::Object;
use crate::parse::yaml::Node;
use crate::rules::{Checklist, Family, K8sRule, RuleMeta};

pub struct ReplicasNotSpread;

pub static META: RuleMeta = RuleMeta {
    id: "K8S055",
    name: "replicas-not-spread",
    family: Family::Kubernetes,
    title: "Replicated workload has no pod anti-affinity or topology spread",
    severity: Severity::Low,
    confidence: Confidence::Medium,
    checklist: Checklist::RollbackPath,
    rationale: "Without anti-affinity or a topology spread constraint the scheduler is free \
to put every replica on the same node (or zone), and it often does: it favours nodes that \
already have the image. Then one node drain, kernel panic or zone outage takes all replicas \
at once, and the redundancy the replica count promises does not exist.",
    remediation: "Spread the replicas across nodes (and zones), preferably with a topology \
spread constraint: `topologySpreadConstraints: [{maxSkew: 1, topologyKey: \
kubernetes.io/hostname, whenUnsatisfiable: ScheduleAnyway, labelSelector: {matchLabels: \
{app: web}}}]`.",
    equivalents: &[
        "kube-linter:no-anti-affinity",
        "kube-score:deployment-has-host-podantiaffinity",
        "kube-score:statefulset-has-host-podantiaffinity",
    ],
    references: &[
        "https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/",
        "https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#inter-pod-affinity-and-anti-affinity",
    ],
};

/// Whether a pod spec field is present with a value (a template counts as present).
fn set(node: Option<&Node>) -> bool {
    node.is_some_and(|n| match n.as_seq() {
        Some(items) => !items.is_empty(),
        None => match n.as_map() {
            Some(entries) => !entries.is_empty(),
            None => !n.is_null(),
        },
    })
}

impl K8sRule for ReplicasNotSpread {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_pod_spec(&self, obj: &Object, spec: &Node, out: &mut Vec<Diagnostic>) {
        if !matches!(
            obj.kind.as_str(),
            "Deployment" | "StatefulSet" | "ReplicaSet" | "Rollout"
        ) {
            return;
        }
        let Some(node) = obj.node.path(&["spec", "replicas"]) else {
            return;
        };
        let Some(replicas) = node.as_i64() else {
            return;
        };
        if replicas < 2 {
            return;
        }
        let affinity = spec.get("affinity");
        // an `affinity` that is not a mapping (a template) is unknown: treat it as set
        let anti = match affinity {
            Some(a) if a.as_map().is_some() => set(a.get("podAntiAffinity")),
            other => set(other),
        };
        if anti || set(spec.get("topologySpreadConstraints")) {
            return;
        }
        out.push(
            Diagnostic::new(
                &META,
                node.span,
                format!(
                    "{} runs {replicas} replicas with neither podAntiAffinity nor topologySpreadConstraints: they may all land on one node",
                    obj.describe()
                ),
            )
            .anchor(obj.id()),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::k8s::objects;
    use crate::parse::yaml;
    use crate::rules::FileContext;

    fn spans(src: &str) -> Vec<String> {
        let file = yaml::parse(src);
        let mut out = Vec::new();
        ReplicasNotSpread.check(&objects(&file), &FileContext::default(), &mut out);
        out.iter()
            .map(|d| src[d.span.range()].to_string())
            .collect()
    }

    fn deploy(replicas: &str, pod: &str) -> String {
        format!(
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: web}}\nspec:\n  replicas: {replicas}\n  template:\n    spec:\n      containers: [{{name: web, image: web:1}}]\n{pod}"
        )
    }

    #[test]
    fn replicas_and_spreading() {
        assert_eq!(spans(&deploy("3", "")), ["3"]);
        assert!(spans(&deploy("1", "")).is_empty());
        assert!(spans(&deploy("'{{ .Values.replicas }}'", "")).is_empty());
        let anti = "      affinity:\n        podAntiAffinity:\n          preferredDuringSchedulingIgnoredDuringExecution: []\n";
        assert!(spans(&deploy("3", anti)).is_empty());
        let empty_anti = "      affinity: {podAntiAffinity: {}}\n";
        assert_eq!(spans(&deploy("3", empty_anti)), ["3"]);
        let spread = "      topologySpreadConstraints:\n        - {maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: ScheduleAnyway}\n";
        assert!(spans(&deploy("3", spread)).is_empty());
        let node_affinity = "      affinity:\n        nodeAffinity: {}\n";
        assert_eq!(spans(&deploy("2", node_affinity)), ["2"]);
        let templated = "      affinity: '{{ toYaml .Values.affinity }}'\n";
        assert!(spans(&deploy("2", templated)).is_empty());
    }
}
