//! DF016 `duplicate-stage-alias`: two stages share an alias.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::docker::{Body, Dockerfile};
use crate::rules::{Checklist, DockerRule, Family, FileContext, RuleMeta};

pub struct DuplicateStageAlias;

pub static META: RuleMeta = RuleMeta {
    id: "DF016",
    name: "duplicate-stage-alias",
    family: Family::Dockerfile,
    title: "Two stages share the same alias",
    severity: Severity::Medium,
    confidence: Confidence::High,
    checklist: Checklist::ImageHygiene,
    rationale: "Stage aliases are compared case-insensitively and must be unique: BuildKit \
rejects the Dockerfile, and older builders silently resolve `COPY --from` and `--target` to \
one of the two stages — not necessarily the one the author meant.",
    remediation: "Give every stage a distinct alias: `FROM node:20-alpine AS deps` … \
`FROM node:20-alpine AS build`.",
    equivalents: &["hadolint:DL3024", "checkov:CKV_DOCKER_11", "trivy:DS-0012"],
    references: &["https://docs.docker.com/reference/dockerfile/#from"],
};

impl DockerRule for DuplicateStageAlias {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn finish(&self, df: &Dockerfile, _ctx: &FileContext, out: &mut Vec<Diagnostic>) {
        for (i, stage) in df.stages.iter().enumerate() {
            let Some(name) = stage.name.as_deref() else {
                continue;
            };
            let earlier = df
                .stages
                .iter()
                .take(i)
                .any(|s| s.name.as_deref() == Some(name));
            if !earlier {
                continue;
            }
            let Some(ins) = df.instructions.get(stage.from) else {
                continue;
            };
            let Body::From {
                alias: Some(alias), ..
            } = &ins.body
            else {
                continue;
            };
            out.push(
                Diagnostic::new(
                    &META,
                    alias.span,
                    format!(
                        "stage alias \"{}\" is already used by an earlier stage",
                        alias.text
                    ),
                )
                .anchor(format!("{}:alias:{name}", ins.anchor())),
            );
        }
    }
}
