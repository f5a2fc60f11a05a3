//! K8S050 `rbac-wildcard`: a Role or ClusterRole rule grants `*` in verbs, resources or
//! apiGroups.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::k8s::Object;
use crate::parse::yaml::Node;
use crate::rules::{Checklist, Family, K8sRule, RuleMeta};

pub struct RbacWildcard;

pub static META: RuleMeta = RuleMeta {
    id: "K8S050",
    name: "rbac-wildcard",
    family: Family::Kubernetes,
    title: "RBAC rule uses a wildcard",
    severity: Severity::High,
    confidence: Confidence::High,
    checklist: Checklist::ImageHygiene,
    rationale: "A `*` in a Role's verbs, resources or apiGroups grants every present and future \
permission in that scope — including `escalate`, `bind`, `impersonate` and reading Secrets. A \
compromised pod bound to such a role can take over its namespace (or the cluster, for a \
ClusterRole) instead of only doing its job.",
    remediation: "List the exact API groups, resources and verbs the subject needs: \
`rules: [{apiGroups: [apps], resources: [deployments], verbs: [get, list, watch]}]`.",
    equivalents: &[
        "kube-linter:wildcard-in-rules",
        "checkov:CKV_K8S_49",
        "trivy:KSV-0045",
    ],
    references: &[
        "https://kubernetes.io/docs/concepts/security/rbac-good-practices/",
        "https://kubernetes.io/docs/reference/access-authn-authz/rbac/",
    ],
};

impl K8sRule for RbacWildcard {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_object(&self, obj: &Object, out: &mut Vec<Diagnostic>) {
        if !matches!(obj.kind.as_str(), "Role" | "ClusterRole") {
            return;
        }
        let Some(rules) = obj.node.get("rules") else {
            return;
        };
        for (i, rule) in rules.iter_seq().enumerate() {
            for field in ["verbs", "resources", "apiGroups"] {
                let Some(item) = rule
                    .get(field)
                    .map(Node::iter_seq)
                    .into_iter()
                    .flatten()
                    .find(|n| n.as_str() == Some("*"))
                else {
                    continue;
                };
                out.push(
                    Diagnostic::new(
                        &META,
                        item.span,
                        format!("rule {} of {} grants `*` in {field}", i + 1, obj.describe()),
                    )
                    .anchor(format!("{}:rule{i}:{field}", obj.id())),
                );
            }
        }
    }
}
