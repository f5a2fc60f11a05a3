//! DF051 `debian-frontend-in-env`: `DEBIAN_FRONTEND` is set with `ENV`, so it persists into
//! the image and every container started from it.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::docker::{Dockerfile, Instruction, Kind};
use crate::rules::docker::shell_util::key_values;
use crate::rules::{Checklist, DockerRule, Family, RuleMeta};

pub struct DebianFrontendInEnv;

pub static META: RuleMeta = RuleMeta {
    id: "DF051",
    name: "debian-frontend-in-env",
    family: Family::Dockerfile,
    title: "`DEBIAN_FRONTEND` set with `ENV`",
    severity: Severity::Low,
    confidence: Confidence::High,
    checklist: Checklist::ImageHygiene,
    rationale: "`DEBIAN_FRONTEND=noninteractive` is a build-time need, but `ENV` writes it \
into the image configuration: it leaks into every container and every image built on top, \
where an operator running `apt-get` or `dpkg-reconfigure` interactively while debugging gets \
silent defaults instead of the prompts they expect.",
    remediation: "Scope it to the build with `ARG`, or to the one command: \
`ARG DEBIAN_FRONTEND=noninteractive` or `RUN DEBIAN_FRONTEND=noninteractive apt-get install \
-y --no-install-recommends tzdata`.",
    equivalents: &[],
    references: &[
        "https://docs.docker.com/build/building/best-practices/#env",
        "https://github.com/moby/moby/issues/4032",
    ],
};

impl DockerRule for DebianFrontendInEnv {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_instruction(&self, ins: &Instruction, _df: &Dockerfile, out: &mut Vec<Diagnostic>) {
        if ins.kind != Kind::Env {
            return;
        }
        for kv in key_values(ins) {
            if kv.key.text != "DEBIAN_FRONTEND" {
                continue;
            }
            let value = kv.value.as_ref().map_or("", |v| v.text.as_str());
            out.push(
                Diagnostic::new(
                    &META,
                    kv.span,
                    format!(
                        "ENV sets DEBIAN_FRONTEND=\"{value}\" for every container of the image"
                    ),
                )
                .anchor(format!("{}:DEBIAN_FRONTEND", ins.anchor())),
            );
        }
    }
}
