//! K8S049 `secret-object-with-data`: a `Secret` manifest carries real values in `data` or
//! `stringData`.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::k8s::Object;
use crate::parse::yaml::Node;
use crate::rules::k8s::reliability::{decode_base64, is_placeholder};
use crate::rules::{Checklist, Family, K8sRule, RuleMeta};

pub struct SecretObjectWithData;

pub static META: RuleMeta = RuleMeta {
    id: "K8S049",
    name: "secret-object-with-data",
    family: Family::Kubernetes,
    title: "Secret manifest holds secret values",
    severity: Severity::High,
    confidence: Confidence::High,
    checklist: Checklist::NoSecretsInCode,
    rationale: "A Secret's `data` is only base64 — encoding, not encryption. Committed to the \
repository, the value is readable by everyone with clone access, stays in git history after \
rotation, and is copied into every fork, CI cache and backup.",
    remediation: "Keep the value out of git: create the Secret at deploy time from a secret \
manager (External Secrets, Sealed Secrets, SOPS, Vault), and rotate the committed value: \
`kind: ExternalSecret, spec: {secretStoreRef: {name: vault}, data: [{secretKey: password, remoteRef: {key: db/password}}]}`.",
    equivalents: &[],
    references: &[
        "https://kubernetes.io/docs/concepts/security/secrets-good-practices/",
        "https://kubernetes.io/docs/concepts/configuration/secret/",
    ],
};

impl K8sRule for SecretObjectWithData {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_object(&self, obj: &Object, out: &mut Vec<Diagnostic>) {
        if obj.kind != "Secret" {
            return;
        }
        for (section, encoded) in [("data", true), ("stringData", false)] {
            for (key, value) in obj
                .node
                .get(section)
                .map(Node::iter_map)
                .into_iter()
                .flatten()
            {
                let (Some(name), Some(text)) = (key.as_str(), value.as_str()) else {
                    continue;
                };
                if is_placeholder(text) {
                    continue;
                }
                if encoded {
                    let Some(bytes) = decode_base64(text) else {
                        continue;
                    };
                    if is_placeholder(&String::from_utf8_lossy(&bytes)) {
                        continue;
                    }
                }
                out.push(
                    Diagnostic::new(
                        &META,
                        key.span,
                        format!(
                            "{} holds a committed value for {section} key \"{name}\"",
                            obj.describe()
                        ),
                    )
                    .anchor(format!("{}:{section}.{name}", obj.id())),
                );
            }
        }
    }
}
