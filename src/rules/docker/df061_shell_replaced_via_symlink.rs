//! DF061 `shell-replaced-via-symlink`: `RUN ln -s … /bin/sh` swaps the default shell behind
//! Docker's back instead of using `SHELL`.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::docker::{Dockerfile, Instruction};
use crate::rules::docker::shell_util::run_scripts;
use crate::rules::{Checklist, DockerRule, Family, RuleMeta};

pub struct ShellReplacedViaSymlink;

pub static META: RuleMeta = RuleMeta {
    id: "DF061",
    name: "shell-replaced-via-symlink",
    family: Family::Dockerfile,
    title: "Default shell replaced with `ln` instead of `SHELL`",
    severity: Severity::Low,
    confidence: Confidence::High,
    checklist: Checklist::ImageHygiene,
    rationale: "Overwriting `/bin/sh` changes the shell for every script in the image — \
including the distribution's own maintainer scripts and anything run at container start — \
not just for the build. Scripts written for `dash` or BusyBox `ash` can break in subtle ways, \
and nothing in the Dockerfile's `SHELL` tells a reader that it happened.",
    remediation: "Choose the build shell with `SHELL` and leave `/bin/sh` alone: \
`SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]`.",
    equivalents: &["hadolint:DL4005"],
    references: &["https://docs.docker.com/reference/dockerfile/#shell"],
};

impl DockerRule for ShellReplacedViaSymlink {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_instruction(&self, ins: &Instruction, _df: &Dockerfile, out: &mut Vec<Diagnostic>) {
        for c in run_scripts(ins).flat_map(|s| s.commands.iter()) {
            let (name, args) = c.effective();
            if name != "ln" {
                continue;
            }
            // the link name is the last operand: `ln -sf /bin/bash /bin/sh`
            let operands: Vec<_> = args.iter().filter(|w| !w.text.starts_with('-')).collect();
            let (Some(target), Some(link)) = (operands.first(), operands.last()) else {
                continue;
            };
            if operands.len() < 2 || !matches!(link.text.as_str(), "/bin/sh" | "/usr/bin/sh") {
                continue;
            }
            out.push(
                Diagnostic::new(
                    &META,
                    link.span,
                    format!("ln replaces {} with \"{}\"", link.text, target.text),
                )
                .anchor(format!("{}:{}", ins.anchor(), target.text)),
            );
        }
    }
}
