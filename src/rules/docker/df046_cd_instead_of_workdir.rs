//! DF046 `cd-instead-of-workdir`: a `RUN` changes directory with `cd` instead of using
//! `WORKDIR`.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::docker::{Dockerfile, Instruction};
use crate::rules::docker::shell_util::run_scripts;
use crate::rules::{Checklist, DockerRule, Family, RuleMeta};

pub struct CdInsteadOfWorkdir;

pub static META: RuleMeta = RuleMeta {
    id: "DF046",
    name: "cd-instead-of-workdir",
    family: Family::Dockerfile,
    title: "`cd` in `RUN` instead of `WORKDIR`",
    severity: Severity::Low,
    confidence: Confidence::High,
    checklist: Checklist::ImageHygiene,
    rationale: "A `cd` lasts only until the end of its `RUN`, so the next instruction runs \
somewhere else than a reader expects; long `cd a && … && cd ../b` chains are where \
directory mix-ups creep in. `WORKDIR` states the directory once, creates it if needed, and \
carries over to `COPY`, `CMD` and the running container.",
    remediation: "Set the directory with `WORKDIR` (use a subshell for a one-off change): \
`WORKDIR /usr/src/app` / `RUN make install` (or `RUN (cd vendor && make)`).",
    equivalents: &["hadolint:DL3003", "trivy:DS-0013"],
    references: &["https://docs.docker.com/build/building/best-practices/#workdir"],
};

impl DockerRule for CdInsteadOfWorkdir {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_instruction(&self, ins: &Instruction, _df: &Dockerfile, out: &mut Vec<Diagnostic>) {
        // one finding per RUN: the first `cd` that changes the script's directory
        let first = run_scripts(ins)
            .flat_map(|s| s.commands.iter())
            .find(|c| c.name() == "cd" && !c.subshell);
        let Some(c) = first else { return };
        let dir = c
            .args
            .iter()
            .find(|w| !w.text.starts_with('-') || w.text == "-")
            .map_or("~", |w| w.text.as_str());
        out.push(
            Diagnostic::new(
                &META,
                c.span,
                format!("RUN changes directory with \"cd {dir}\" instead of WORKDIR"),
            )
            .anchor(format!("{}:cd:{dir}", ins.anchor())),
        );
    }
}
