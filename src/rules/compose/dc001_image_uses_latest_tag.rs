//! DC001 `compose-image-uses-latest-tag`: a compose service's image is untagged or `latest`.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::compose::Service;
use crate::model::docker::ImageRef;
use crate::rules::{Checklist, ComposeRule, Family, RuleMeta};

pub struct ComposeImageUsesLatestTag;

pub static META: RuleMeta = RuleMeta {
    id: "DC001",
    name: "compose-image-uses-latest-tag",
    family: Family::Compose,
    title: "Compose service image is untagged or uses `latest`",
    severity: Severity::Medium,
    confidence: Confidence::High,
    checklist: Checklist::ImageHygiene,
    rationale: "`docker compose pull` fetches whatever `latest` points to today: two hosts (or \
two deploys an hour apart) run different code from the same file, and going back to \
yesterday's commit does not bring yesterday's image back.",
    remediation: "Pin the image to a version tag, ideally with its digest: \
`image: postgres:16.2-alpine@sha256:…`.",
    equivalents: &["checkov:CKV_DOCKER_7"],
    references: &["https://docs.docker.com/reference/compose-file/services/#image"],
};

impl ComposeRule for ComposeImageUsesLatestTag {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_service(&self, svc: &Service<'_>, out: &mut Vec<Diagnostic>) {
        let Some(node) = svc.get("image") else { return };
        let Some(image) = node.as_str() else { return };
        let r = ImageRef::parse(image);
        if r.digest.is_some() || r.unresolved {
            return;
        }
        let what = match r.tag.as_deref() {
            None => "has no tag (defaults to `latest`)",
            Some(t) if t.eq_ignore_ascii_case("latest") => "uses the `latest` tag",
            _ => return,
        };
        out.push(
            Diagnostic::new(
                &META,
                node.span,
                format!("service \"{}\" image \"{image}\" {what}", svc.name),
            )
            .anchor(format!("{}:{}", svc.name, r.repository)),
        );
    }
}
