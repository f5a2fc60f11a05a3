//! K8S029 `image-pull-policy-inconsistent`: `imagePullPolicy` contradicts the image reference.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::docker::ImageRef;
use crate::model::k8s::{Container, Object};
use crate::rules::k8s::{k8s028_container_image_uses_latest_tag::floating, workload};
use crate::rules::{Checklist, Family, K8sRule, RuleMeta};

pub struct ImagePullPolicyInconsistent;

pub static META: RuleMeta = RuleMeta {
    id: "K8S029",
    name: "image-pull-policy-inconsistent",
    family: Family::Kubernetes,
    title: "`imagePullPolicy` contradicts the image reference",
    severity: Severity::Low,
    confidence: Confidence::High,
    checklist: Checklist::ImageHygiene,
    rationale: "With a floating image (`latest` or no tag), `IfNotPresent` or `Never` means each \
node keeps whichever build it pulled first: replicas silently run different versions and a \
re-push never reaches nodes that already have the tag. The opposite mismatch, `Always` on a \
digest-pinned image, is harmless but makes every pod start depend on the registry for nothing.",
    remediation: "Pin the image and let the policy follow: `image: example/api:1.4.2@sha256:…` with \
`imagePullPolicy: IfNotPresent`; keep `Always` only for mutable tags you cannot avoid.",
    equivalents: &[
        "checkov:CKV_K8S_15",
        "polaris:pullPolicyNotAlways",
        "kube-score:container-image-pull-policy",
    ],
    references: &["https://kubernetes.io/docs/concepts/containers/images/#image-pull-policy"],
};

impl K8sRule for ImagePullPolicyInconsistent {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_container(&self, obj: &Object, c: &Container<'_>, out: &mut Vec<Diagnostic>) {
        let (Some(policy_node), Some(image)) = (
            c.node.get("imagePullPolicy"),
            c.node.get("image").and_then(|n| n.as_str()),
        ) else {
            return;
        };
        let Some(policy) = policy_node.as_str() else {
            return;
        };
        if workload::is_template(image) {
            return;
        }
        let problem = match policy {
            "IfNotPresent" | "Never" => floating(image).map(|_| "is a floating tag"),
            "Always" => {
                let r = ImageRef::parse(image);
                (r.digest.is_some() && !r.unresolved)
                    .then_some("is pinned by digest, so `Always` only adds a registry round-trip")
            }
            _ => None,
        };
        let Some(problem) = problem else { return };
        out.push(
            Diagnostic::new(
                &META,
                policy_node.span,
                format!(
                    "{} has imagePullPolicy {policy} but image \"{image}\" {problem}",
                    workload::label(obj, c)
                ),
            )
            .anchor(workload::anchor(obj, c, "imagePullPolicy")),
        );
    }
}
