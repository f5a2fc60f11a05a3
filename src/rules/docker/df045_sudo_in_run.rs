//! DF045 `sudo-in-run`: a `RUN` command uses `sudo` (or `doas`).

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::docker::{Dockerfile, Instruction};
use crate::rules::docker::shell_util::run_scripts;
use crate::rules::{Checklist, DockerRule, Family, RuleMeta};

pub struct SudoInRun;

pub static META: RuleMeta = RuleMeta {
    id: "DF045",
    name: "sudo-in-run",
    family: Family::Dockerfile,
    title: "`sudo` used in `RUN`",
    severity: Severity::Medium,
    confidence: Confidence::High,
    checklist: Checklist::ImageHygiene,
    rationale: "`sudo` in a build means the image ships a setuid binary and a sudoers policy \
that lets the runtime user become root, undoing the point of a non-root `USER`. It also \
behaves unpredictably without a TTY and changes the environment of the command (PATH, \
proxies) in ways that make builds fail or differ.",
    remediation: "Run privileged steps as root before switching users, and drop `sudo` \
from the image: `USER root` / `RUN apt-get update && apt-get install -y --no-install-recommends \
curl` / `USER app`.",
    equivalents: &[
        "hadolint:DL3004",
        "checkov:CKV2_DOCKER_1",
        "trivy:DS-0010",
        "kics:8ada6e80-0ade-439e-b176-0b28f6bce35a",
    ],
    references: &["https://docs.docker.com/build/building/best-practices/#user"],
};

impl DockerRule for SudoInRun {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_instruction(&self, ins: &Instruction, _df: &Dockerfile, out: &mut Vec<Diagnostic>) {
        for script in run_scripts(ins) {
            for c in &script.commands {
                let Some(word) = &c.name else { continue };
                let name = c.name();
                if name != "sudo" && name != "doas" {
                    continue;
                }
                let (target, _) = c.effective();
                let message = if target == name {
                    format!("RUN uses {name}")
                } else {
                    format!("RUN uses {name} to run \"{target}\"")
                };
                out.push(
                    Diagnostic::new(&META, word.span, message)
                        .anchor(format!("{}:{name}:{target}", ins.anchor())),
                );
            }
        }
    }
}
