//! DF058 `relative-copy-without-workdir`: `COPY`/`ADD` to a relative destination before any
//! `WORKDIR` in the stage (or the stages it is built from).

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::docker::{Dockerfile, Instruction, Kind};
use crate::rules::docker::shell_util::{copy_parts, is_absolute_or_variable, unquote};
use crate::rules::{Checklist, DockerRule, Family, RuleMeta};

pub struct RelativeCopyWithoutWorkdir;

pub static META: RuleMeta = RuleMeta {
    id: "DF058",
    name: "relative-copy-without-workdir",
    family: Family::Dockerfile,
    title: "`COPY` to a relative destination without `WORKDIR`",
    severity: Severity::Low,
    confidence: Confidence::Medium,
    checklist: Checklist::ImageHygiene,
    rationale: "A relative destination is resolved against the working directory, which, \
without a `WORKDIR` in this Dockerfile, is whatever the base image set (often `/`): a base \
image change moves the application files, and `COPY . .` may spill the build context over \
the root filesystem.",
    remediation: "Set the directory first, or copy to an absolute path: \
`WORKDIR /app` then `COPY . .` (or `COPY . /app/`).",
    equivalents: &["hadolint:DL3045"],
    references: &[
        "https://docs.docker.com/reference/dockerfile/#workdir",
        "https://github.com/hadolint/hadolint/wiki/DL3045",
    ],
};

impl DockerRule for RelativeCopyWithoutWorkdir {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_instruction(&self, ins: &Instruction, df: &Dockerfile, out: &mut Vec<Diagnostic>) {
        // ONBUILD triggers run in a downstream build with an unknown WORKDIR
        if ins.onbuild {
            return;
        }
        let Some((_, dest)) = copy_parts(ins) else {
            return;
        };
        let d = unquote(&dest.text);
        if d.is_empty() || is_absolute_or_variable(d) {
            return;
        }
        let Some(stage) = ins.stage else { return };
        let workdir_set = df.stage_chain(stage).into_iter().any(|s| {
            df.stage_instructions(s)
                .any(|i| i.kind == Kind::Workdir && (s != stage || i.index < ins.index))
        });
        if workdir_set {
            return;
        }
        out.push(
            Diagnostic::new(
                &META,
                dest.span,
                format!(
                    "{} to relative \"{d}\" with no WORKDIR set in the stage",
                    ins.kind.as_str()
                ),
            )
            .anchor(format!("{}:{d}", ins.anchor())),
        );
    }
}
