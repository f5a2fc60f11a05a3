//! DF052 `relative-workdir`: `WORKDIR` is given a relative path.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::docker::{Body, Dockerfile, Instruction};
use crate::rules::docker::shell_util::{is_absolute_or_variable, unquote};
use crate::rules::{Checklist, DockerRule, Family, RuleMeta};

pub struct RelativeWorkdir;

pub static META: RuleMeta = RuleMeta {
    id: "DF052",
    name: "relative-workdir",
    family: Family::Dockerfile,
    title: "`WORKDIR` with a relative path",
    severity: Severity::Low,
    confidence: Confidence::High,
    checklist: Checklist::ImageHygiene,
    rationale: "A relative `WORKDIR` resolves against whatever directory was current before \
it, which may be set by the base image: a base image update, or moving a line, silently \
changes where files are copied and where the process starts.",
    remediation: "Use an absolute path: `WORKDIR /usr/src/app`.",
    equivalents: &[
        "hadolint:DL3000",
        "checkov:CKV_DOCKER_10",
        "trivy:DS-0009",
        "kics:6b376af8-cfe8-49ab-a08d-f32de23661a4",
    ],
    references: &["https://docs.docker.com/build/building/best-practices/#workdir"],
};

impl DockerRule for RelativeWorkdir {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_instruction(&self, ins: &Instruction, _df: &Dockerfile, out: &mut Vec<Diagnostic>) {
        let Body::Workdir(path) = &ins.body else {
            return;
        };
        let p = unquote(&path.text);
        if p.is_empty() || is_absolute_or_variable(p) {
            return;
        }
        out.push(
            Diagnostic::new(
                &META,
                path.span,
                format!("WORKDIR \"{p}\" is a relative path"),
            )
            .anchor(format!("{}:{p}", ins.anchor())),
        );
    }
}
