//! K8S033 `image-without-digest`: a container image is pinned by tag only, not by an
//! `@sha256:` digest.
//!
//! Untagged and `latest` images are left to K8S028 (its remediation already asks for a
//! digest), so one image never gets both findings. Templated or empty images and ephemeral
//! (debug) containers are not reported.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::docker::ImageRef;
use crate::model::k8s::{Container, ContainerKind, Object};
use crate::rules::k8s::{k8s028_container_image_uses_latest_tag, workload};
use crate::rules::{Checklist, Family, K8sRule, RuleMeta};

pub struct ImageWithoutDigest;

pub static META: RuleMeta = RuleMeta {
    id: "K8S033",
    name: "image-without-digest",
    family: Family::Kubernetes,
    title: "Container image is not pinned by digest",
    severity: Severity::Info,
    confidence: Confidence::High,
    checklist: Checklist::ImageHygiene,
    rationale: "A tag is a movable pointer: `nginx:1.25.4` can be re-pushed, so two nodes \
pulling the same manifest a week apart may run different bytes, and the image that was \
scanned and approved in CI is not provably the one running. Only a digest names immutable \
content; it also lets admission policies verify signatures against exactly what runs.",
    remediation: "Pin the image by digest, keeping the tag for humans: \
`image: nginx:1.25.4@sha256:<digest>` (let a tool such as Renovate or `crane digest` keep it \
current).",
    equivalents: &[
        "checkov:CKV_K8S_43",
        "kics:7c81d34c-8e5a-402b-9798-9f442630e678",
    ],
    references: &[
        "https://kubernetes.io/docs/concepts/containers/images/#image-names",
        "https://kubernetes.io/docs/concepts/configuration/overview/#container-images",
    ],
};

/// Whether the image is pinned by tag only (not templated, not floating, no digest).
#[must_use]
pub fn tag_only(image: &str) -> bool {
    let image = image.trim();
    if image.is_empty() || workload::is_template(image) || image.contains("$(") {
        return false;
    }
    if k8s028_container_image_uses_latest_tag::floating(image).is_some() {
        return false;
    }
    let r = ImageRef::parse(image);
    r.digest.is_none() && !r.unresolved && !r.repository.is_empty()
}

impl K8sRule for ImageWithoutDigest {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_container(&self, obj: &Object, c: &Container<'_>, out: &mut Vec<Diagnostic>) {
        if c.kind == ContainerKind::Ephemeral {
            return;
        }
        let Some(node) = c.node.get("image") else {
            return;
        };
        let Some(image) = node.as_str() else { return };
        if !tag_only(image) {
            return;
        }
        out.push(
            Diagnostic::new(
                &META,
                node.span,
                format!(
                    "{} image \"{image}\" is not pinned by digest",
                    workload::label(obj, c)
                ),
            )
            .anchor(workload::anchor(obj, c, "image")),
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
        ImageWithoutDigest.check(&objects(&file), &FileContext::default(), &mut out);
        out.iter()
            .map(|d| src[d.span.range()].to_string())
            .collect()
    }

    #[test]
    fn images() {
        for yes in [
            "nginx:1.25",
            "ghcr.io/acme/api:v2.1.0",
            "localhost:5000/app:1",
        ] {
            assert!(tag_only(yes), "{yes}");
        }
        for no in [
            "nginx:1.25@sha256:0123456789abcdef",
            "nginx@sha256:0123456789abcdef",
            "nginx",
            "nginx:latest",
            "",
            "{{ .Values.image }}",
            "${IMAGE}",
            "$(IMAGE)",
        ] {
            assert!(!tag_only(no), "{no}");
        }
    }

    #[test]
    fn points_at_the_image_value() {
        let src = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: a\n      image: nginx:1.25\n    - name: b\n      image: nginx:1.25@sha256:abc\n  ephemeralContainers:\n    - name: debug\n      image: busybox:1.36\n";
        assert_eq!(spans(src), ["nginx:1.25"]);
    }
}
