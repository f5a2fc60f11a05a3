//! K8S012 `service-account-token-automounted`: a workload's pods get a Kubernetes API token
//! mounted (`automountServiceAccountToken` not false on the pod spec nor on a ServiceAccount
//! of the same file).

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::k8s::Object;
use crate::parse::yaml::Node;
use crate::rules::{Checklist, Family, FileContext, K8sRule, RuleMeta};

pub struct ServiceAccountTokenAutomounted;

pub static META: RuleMeta = RuleMeta {
    id: "K8S012",
    name: "service-account-token-automounted",
    family: Family::Kubernetes,
    title: "Pods get a service account token mounted",
    severity: Severity::Low,
    confidence: Confidence::Medium,
    checklist: Checklist::ImageHygiene,
    rationale: "By default every pod gets a token for its service account mounted at \
/var/run/secrets/kubernetes.io/serviceaccount. Most applications never call the Kubernetes \
API; for them the token only serves an attacker, who can use whatever RBAC the account has.",
    remediation: "Opt out on pods that do not call the API (or on their ServiceAccount): \
`spec: {automountServiceAccountToken: false}`.",
    equivalents: &[
        "checkov:CKV_K8S_38",
        "trivy:KSV-0036",
        "polaris:automountServiceAccountToken",
    ],
    references: &[
        "https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting",
    ],
};

/// `(namespace, name)` of the ServiceAccounts in the file that opt out of automounting.
fn opted_out_accounts(objects: &[Object]) -> Vec<(Option<&str>, &str)> {
    objects
        .iter()
        .filter(|o| o.kind == "ServiceAccount")
        .filter(|o| {
            o.node
                .get("automountServiceAccountToken")
                .and_then(Node::as_bool)
                == Some(false)
        })
        .filter_map(|o| Some((o.namespace.as_deref(), o.name.as_deref()?)))
        .collect()
}

impl K8sRule for ServiceAccountTokenAutomounted {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, objects: &[Object], _ctx: &FileContext, out: &mut Vec<Diagnostic>) {
        let opted_out = opted_out_accounts(objects);
        for obj in objects {
            let Some(spec) = obj.pod_spec() else {
                continue;
            };
            let anchor = format!("{}:automountServiceAccountToken", obj.id());
            match spec.get("automountServiceAccountToken") {
                Some(v) if v.as_bool() == Some(true) => out.push(
                    Diagnostic::new(
                        &META,
                        v.span,
                        format!("{} sets automountServiceAccountToken: true", obj.describe()),
                    )
                    .anchor(anchor),
                ),
                Some(_) => {} // false, or a value we cannot read
                None => {
                    let account = spec
                        .get("serviceAccountName")
                        .or_else(|| spec.get("serviceAccount"))
                        .and_then(Node::as_str)
                        .unwrap_or("default");
                    if opted_out
                        .iter()
                        .any(|(ns, name)| *name == account && *ns == obj.namespace.as_deref())
                    {
                        continue;
                    }
                    out.push(
                        Diagnostic::new(
                            &META,
                            obj.kind_span,
                            format!(
                                "{} does not set automountServiceAccountToken: false (service account \"{account}\")",
                                obj.describe()
                            ),
                        )
                        .anchor(anchor),
                    );
                }
            }
        }
    }
}
