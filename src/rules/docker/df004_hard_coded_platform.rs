//! DF004 `hard-coded-from-platform`: `FROM --platform=` names a fixed platform.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::docker::{Body, Dockerfile, Instruction};
use crate::rules::{Checklist, DockerRule, Family, RuleMeta};

pub struct HardCodedFromPlatform;

pub static META: RuleMeta = RuleMeta {
    id: "DF004",
    name: "hard-coded-from-platform",
    family: Family::Dockerfile,
    title: "`FROM --platform` is hard-coded",
    severity: Severity::Low,
    confidence: Confidence::High,
    checklist: Checklist::ImageHygiene,
    rationale: "A literal `--platform=linux/amd64` overrides the platform the build was asked \
for: a multi-arch build (`docker buildx build --platform linux/amd64,linux/arm64`) silently \
ships an amd64 image under the arm64 manifest, which then runs under emulation or fails with \
`exec format error` on arm64 nodes. The platform belongs to the build invocation, or to the \
predefined `BUILDPLATFORM`/`TARGETPLATFORM` arguments for cross-compilation.",
    remediation: "Drop the flag and choose the platform when building, or use the predefined \
arguments for a cross-compiling builder stage: `FROM --platform=$BUILDPLATFORM golang:1.22 AS build`.",
    equivalents: &["hadolint:DL3029"],
    references: &[
        "https://docs.docker.com/reference/dockerfile/#from",
        "https://docs.docker.com/build/building/multi-platform/",
    ],
};

impl DockerRule for HardCodedFromPlatform {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_instruction(&self, ins: &Instruction, _df: &Dockerfile, out: &mut Vec<Diagnostic>) {
        let Body::From { image, .. } = &ins.body else {
            return;
        };
        let Some(flag) = ins.flag("platform") else {
            return;
        };
        let Some(value) = flag.value.as_deref() else {
            return;
        };
        if value.is_empty() || value.contains('$') {
            return;
        }
        out.push(
            Diagnostic::new(
                &META,
                flag.span,
                format!(
                    "FROM \"{}\" hard-codes the platform \"{value}\"",
                    image.text
                ),
            )
            .anchor(format!("{}:{value}", ins.anchor())),
        );
    }
}
