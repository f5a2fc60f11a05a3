//! DF001 `image-uses-latest-tag`: a base image (or `COPY --from` image) is untagged or
//! tagged `latest`.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::docker::{Dockerfile, ImageRef, Instruction};
use crate::rules::{Checklist, DockerRule, Family, RuleMeta};

pub struct ImageUsesLatestTag;

pub static META: RuleMeta = RuleMeta {
    id: "DF001",
    name: "image-uses-latest-tag",
    family: Family::Dockerfile,
    title: "Image is untagged or uses the `latest` tag",
    severity: Severity::Medium,
    confidence: Confidence::High,
    checklist: Checklist::ImageHygiene,
    rationale: "`latest` (or no tag, which means `latest`) moves: the same Dockerfile builds a \
different image tomorrow, a rebuild during an incident can pull in a new major version, and \
a rollback to yesterday's commit does not give yesterday's image.",
    remediation: "Pin the base image to a specific version tag, ideally with its digest: \
`FROM node:20.11-alpine3.19@sha256:…`.",
    equivalents: &[
        "hadolint:DL3006",
        "hadolint:DL3007",
        "checkov:CKV_DOCKER_7",
        "trivy:DS-0001",
        "kics:f45ea400-6bbe-4501-9fc7-1c3d75c32067",
    ],
    references: &["https://docs.docker.com/build/building/best-practices/#from"],
};

impl DockerRule for ImageUsesLatestTag {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_instruction(&self, ins: &Instruction, df: &Dockerfile, out: &mut Vec<Diagnostic>) {
        let Some(p) = df.pulled_image(ins) else {
            return;
        };
        if let Some(what) = floating(&p.image) {
            out.push(
                Diagnostic::new(
                    &META,
                    p.span,
                    format!("{} \"{}\" {what}", p.label, p.written),
                )
                .anchor(format!("{}:{}", ins.anchor(), p.image.repository)),
            );
        }
    }
}

/// Why a reference floats, if it does. Digests pin regardless of tag; unresolved
/// variables are unknown, not violations.
fn floating(r: &ImageRef) -> Option<&'static str> {
    if r.digest.is_some() || r.unresolved {
        return None;
    }
    match r.tag.as_deref() {
        None => Some("has no tag (defaults to `latest`)"),
        Some(t) if t.eq_ignore_ascii_case("latest") => Some("uses the `latest` tag"),
        _ => None,
    }
}
