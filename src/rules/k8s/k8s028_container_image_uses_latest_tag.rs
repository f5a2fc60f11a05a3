//! K8S028 `container-image-uses-latest-tag`: a container image is untagged or uses `latest`.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::docker::ImageRef;
use crate::model::k8s::{Container, Object};
use crate::rules::k8s::workload;
use crate::rules::{Checklist, Family, K8sRule, RuleMeta};

pub struct ContainerImageUsesLatestTag;

pub static META: RuleMeta = RuleMeta {
    id: "K8S028",
    name: "container-image-uses-latest-tag",
    family: Family::Kubernetes,
    title: "Container image is untagged or uses `latest`",
    severity: Severity::Medium,
    confidence: Confidence::High,
    checklist: Checklist::ImageHygiene,
    rationale: "`latest` is whatever was pushed last: each node that pulls the image (a \
reschedule, a scale-up, a new node) may run different code from the same manifest, and rolling \
back the manifest does not roll back the image. It also defaults `imagePullPolicy` to `Always`, \
tying every pod start to the registry's availability.",
    remediation: "Pin the image to an immutable version tag, ideally with its digest: \
`image: nginx:1.25.4@sha256:…`.",
    equivalents: &[
        "kube-linter:latest-tag",
        "checkov:CKV_K8S_14",
        "trivy:KSV-0013",
        "polaris:tagNotSpecified",
        "kube-score:container-image-tag",
    ],
    references: &["https://kubernetes.io/docs/concepts/containers/images/#image-names"],
};

/// `Some(description)` when the image floats: untagged or `latest`, without a digest.
#[must_use]
pub fn floating(image: &str) -> Option<&'static str> {
    if workload::is_template(image) {
        return None;
    }
    let r = ImageRef::parse(image);
    if r.digest.is_some() || r.unresolved || r.repository.is_empty() {
        return None;
    }
    match r.tag.as_deref() {
        None => Some("has no tag (defaults to `latest`)"),
        Some(t) if t.eq_ignore_ascii_case("latest") => Some("uses the `latest` tag"),
        _ => None,
    }
}

impl K8sRule for ContainerImageUsesLatestTag {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_container(&self, obj: &Object, c: &Container<'_>, out: &mut Vec<Diagnostic>) {
        let Some(node) = c.node.get("image") else {
            return;
        };
        let Some(image) = node.as_str() else { return };
        let Some(what) = floating(image) else { return };
        out.push(
            Diagnostic::new(
                &META,
                node.span,
                format!("{} image \"{image}\" {what}", workload::label(obj, c)),
            )
            .anchor(workload::anchor(obj, c, "image")),
        );
    }
}
