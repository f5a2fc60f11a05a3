//! DF014 `copy-from-unknown-stage`: `COPY --from` names no earlier stage and does not look
//! like an image reference.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::docker::{Body, Dockerfile, Instruction};
use crate::rules::docker::stage_util::{self, CopySource};
use crate::rules::{Checklist, DockerRule, Family, RuleMeta};

pub struct CopyFromUnknownStage;

pub static META: RuleMeta = RuleMeta {
    id: "DF014",
    name: "copy-from-unknown-stage",
    family: Family::Dockerfile,
    title: "`COPY --from` names no earlier stage",
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    checklist: Checklist::ImageHygiene,
    rationale: "A `--from` value that is not an earlier stage's alias or index is pulled as \
an image: a typo in a stage name (`--from=biuld`) makes the build fetch `docker.io/library/biuld` \
— at best a confusing failure, at worst whatever someone published under that name copied \
into your image. References to later stages or missing indexes break or reorder the build.",
    remediation: "Reference an alias defined by an earlier `FROM … AS <name>`, or write an \
external image as a full, tagged reference: `COPY --from=build /out/app /app` or \
`COPY --from=docker.io/library/nginx:1.25 /etc/nginx/nginx.conf /etc/nginx/`.",
    equivalents: &["hadolint:DL3022"],
    references: &[
        "https://docs.docker.com/reference/dockerfile/#copy---from",
        "https://docs.docker.com/build/building/multi-stage/",
    ],
};

impl DockerRule for CopyFromUnknownStage {
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
        let why = match stage_util::classify_copy_from(df, stage, value) {
            CopySource::LaterStage(n) => match df.stages.get(n).and_then(|s| s.name.as_deref()) {
                Some(name) if value.parse::<usize>().is_err() => {
                    format!("refers to stage \"{name}\", defined later in the file")
                }
                _ => format!("refers to stage {n}, defined later in the file"),
            },
            CopySource::NoSuchIndex(n) => {
                format!(
                    "refers to stage {n}, but the file has {} stages",
                    df.stages.len()
                )
            }
            CopySource::BareName => {
                "names no earlier stage and will be pulled as image from Docker Hub".to_string()
            }
            _ => return,
        };
        out.push(
            Diagnostic::new(&META, from.span, format!("COPY --from=\"{value}\" {why}"))
                .anchor(format!("{}:from:{value}", ins.anchor())),
        );
    }
}
