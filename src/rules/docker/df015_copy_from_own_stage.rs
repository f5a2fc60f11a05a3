//! DF015 `copy-from-own-stage`: `COPY --from` names the stage it is in.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::docker::{Body, Dockerfile, Instruction};
use crate::rules::docker::stage_util::{self, CopySource};
use crate::rules::{Checklist, DockerRule, Family, RuleMeta};

pub struct CopyFromOwnStage;

pub static META: RuleMeta = RuleMeta {
    id: "DF015",
    name: "copy-from-own-stage",
    family: Family::Dockerfile,
    title: "`COPY --from` refers to its own stage",
    severity: Severity::High,
    confidence: Confidence::High,
    checklist: Checklist::ImageHygiene,
    rationale: "A stage cannot copy from itself: the build fails with a circular-dependency \
error, or — with an index the builder resolves differently — copies from the wrong place. It \
is almost always a renamed stage or a `COPY` pasted into the wrong stage.",
    remediation: "Copy from the earlier stage that produces the files: \
`FROM golang:1.22 AS build` … `FROM alpine:3.19 AS app` `COPY --from=build /out/app /app`.",
    equivalents: &["hadolint:DL3023", "trivy:DS-0006"],
    references: &["https://docs.docker.com/reference/dockerfile/#copy---from"],
};

impl DockerRule for CopyFromOwnStage {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_instruction(&self, ins: &Instruction, df: &Dockerfile, out: &mut Vec<Diagnostic>) {
        // ONBUILD triggers run in a child build whose stages this file cannot see
        if ins.onbuild || !matches!(ins.body, Body::Copy { .. }) {
            return;
        }
        let Some(stage) = ins.stage else { return };
        let Some(from) = ins.flag("from") else { return };
        let Some(value) = from.value.as_deref() else {
            return;
        };
        if stage_util::classify_copy_from(df, stage, value) != CopySource::OwnStage {
            return;
        }
        out.push(
            Diagnostic::new(
                &META,
                from.span,
                format!("COPY --from=\"{value}\" refers to the stage it is in"),
            )
            .anchor(format!("{}:from:{value}", ins.anchor())),
        );
    }
}
