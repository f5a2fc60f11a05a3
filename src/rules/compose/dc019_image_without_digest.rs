//! DC019 `compose-image-without-digest`: a compose service's image is pinned by tag but not
//! by `@sha256:` digest.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::compose::Service;
use crate::model::docker::ImageRef;
use crate::rules::{Checklist, ComposeRule, Family, RuleMeta};

pub struct ComposeImageWithoutDigest;

pub static META: RuleMeta = RuleMeta {
    id: "DC019",
    name: "compose-image-without-digest",
    family: Family::Compose,
    title: "Compose service image is pinned by tag only, not by digest",
    severity: Severity::Info,
    confidence: Confidence::Low,
    checklist: Checklist::ImageHygiene,
    rationale: "Tags are mutable: a publisher (or an attacker with push access) can move \
`postgres:16.2-alpine` to different content, so two hosts running the same compose file — or \
the same host before and after `docker compose pull` — can run different bytes, and a \
supply-chain compromise of the registry reaches you silently. A digest names exactly one \
image; tools such as Renovate or Dependabot keep digests current. Untagged and `latest` \
images are DC001's; a service that also has `build:` names its own build output and is not \
checked.",
    remediation: "Append the image digest to the tag and let a dependency bot update it: \
`image: postgres:16.2-alpine@sha256:…`.",
    equivalents: &[],
    references: &[
        "https://docs.docker.com/reference/compose-file/services/#image",
        "https://docs.docker.com/build/building/best-practices/#pin-base-image-versions",
    ],
};

impl ComposeRule for ComposeImageWithoutDigest {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_service(&self, svc: &Service<'_>, out: &mut Vec<Diagnostic>) {
        if svc.get("build").is_some() {
            return;
        }
        let Some(node) = svc.get("image") else { return };
        let Some(image) = node.as_str() else { return };
        let r = ImageRef::parse(image);
        if r.digest.is_some() || r.unresolved {
            return;
        }
        let Some(tag) = r
            .tag
            .as_deref()
            .filter(|t| !t.is_empty() && !t.eq_ignore_ascii_case("latest"))
        else {
            return;
        };
        out.push(
            Diagnostic::new(
                &META,
                node.span,
                format!(
                    "service \"{}\" image \"{image}\" is pinned by tag \"{tag}\" but not by digest",
                    svc.name
                ),
            )
            .anchor(format!("{}:{}", svc.name, r.repository)),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::compose::services;
    use crate::parse::yaml;

    #[test]
    fn only_tagged_pulled_images_without_digest() {
        let src = "services:\n  a: {image: \"postgres:16.2\"}\n  b: {image: \"postgres:16.2@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\"}\n  c: {image: postgres}\n  d: {image: \"postgres:latest\"}\n  e: {image: \"ghcr.io/acme/api:1.0\", build: .}\n  f: {image: \"${IMAGE}:1.0\"}\n  g: {image: \"localhost:5000/app:2.1\"}\n";
        let file = yaml::parse(src);
        let mut out = Vec::new();
        for s in services(&file) {
            ComposeImageWithoutDigest.check_service(&s, &mut out);
        }
        let anchors: Vec<_> = out.iter().map(|d| d.message.clone()).collect();
        assert_eq!(
            anchors,
            [
                "service \"a\" image \"postgres:16.2\" is pinned by tag \"16.2\" but not by digest",
                "service \"g\" image \"localhost:5000/app:2.1\" is pinned by tag \"2.1\" but not by digest"
            ]
        );
    }
}
