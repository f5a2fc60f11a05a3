//! DF002 `image-not-pinned-by-digest`: a base image (or `COPY --from` image) has a tag but
//! no `@sha256:` digest.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::docker::{Dockerfile, ImageRef, Instruction};
use crate::rules::{Checklist, DockerRule, Family, RuleMeta};

pub struct ImageNotPinnedByDigest;

pub static META: RuleMeta = RuleMeta {
    id: "DF002",
    name: "image-not-pinned-by-digest",
    family: Family::Dockerfile,
    title: "Image is pinned by tag only, not by digest",
    severity: Severity::Info,
    confidence: Confidence::Low,
    checklist: Checklist::ImageHygiene,
    rationale: "Tags are mutable: a publisher (or an attacker with push access) can move \
`node:20.11-alpine` to different content, so two builds of the same commit can ship different \
bytes and a supply-chain compromise of the registry reaches you silently. A digest names \
exactly one image and makes builds reproducible; tools such as Renovate or Dependabot keep \
digests current.",
    remediation: "Append the image digest to the tag and let a dependency bot update it: \
`FROM node:20.11-alpine3.19@sha256:…`.",
    equivalents: &[],
    references: &[
        "https://docs.docker.com/build/building/best-practices/#pin-base-image-versions",
        "https://docs.docker.com/reference/dockerfile/#from",
    ],
};

impl DockerRule for ImageNotPinnedByDigest {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_instruction(&self, ins: &Instruction, df: &Dockerfile, out: &mut Vec<Diagnostic>) {
        let Some(p) = df.pulled_image(ins) else {
            return;
        };
        if let Some(tag) = tag_without_digest(&p.image) {
            out.push(
                Diagnostic::new(
                    &META,
                    p.span,
                    format!(
                        "{} \"{}\" is pinned by tag \"{tag}\" but not by digest",
                        p.label, p.written
                    ),
                )
                .anchor(format!("{}:{}", ins.anchor(), p.image.repository)),
            );
        }
    }
}

/// The tag of a reference that has one but no digest. Untagged and `latest` references
/// are DF001's; unresolved variables are unknown.
fn tag_without_digest(r: &ImageRef) -> Option<&str> {
    if r.digest.is_some() || r.unresolved {
        return None;
    }
    r.tag
        .as_deref()
        .filter(|t| !t.is_empty() && !t.eq_ignore_ascii_case("latest"))
}
