//! DF055 `maintainer-deprecated`: the deprecated `MAINTAINER` instruction is used.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::docker::{Body, Dockerfile, Instruction};
use crate::rules::docker::shell_util::unquote;
use crate::rules::{Checklist, DockerRule, Family, RuleMeta};

pub struct MaintainerDeprecated;

pub static META: RuleMeta = RuleMeta {
    id: "DF055",
    name: "maintainer-deprecated",
    family: Family::Dockerfile,
    title: "Deprecated `MAINTAINER` instruction",
    severity: Severity::Low,
    confidence: Confidence::High,
    checklist: Checklist::ImageHygiene,
    rationale: "`MAINTAINER` is deprecated and writes a legacy field that registries, SBOM \
tools and policy engines do not read; ownership information belongs in standard OCI labels \
where tooling can find who to page about an image.",
    remediation: "Replace it with an OCI label: \
`LABEL org.opencontainers.image.authors=\"team@example.com\"`.",
    equivalents: &["hadolint:DL4000", "checkov:CKV_DOCKER_6", "trivy:DS-0022"],
    references: &[
        "https://docs.docker.com/reference/dockerfile/#maintainer-deprecated",
        "https://github.com/opencontainers/image-spec/blob/main/annotations.md",
    ],
};

impl DockerRule for MaintainerDeprecated {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_instruction(&self, ins: &Instruction, _df: &Dockerfile, out: &mut Vec<Diagnostic>) {
        let Body::Maintainer(name) = &ins.body else {
            return;
        };
        out.push(
            Diagnostic::new(
                &META,
                ins.keyword,
                format!(
                    "MAINTAINER \"{}\" uses a deprecated instruction",
                    unquote(&name.text)
                ),
            )
            .anchor(ins.anchor()),
        );
    }
}
