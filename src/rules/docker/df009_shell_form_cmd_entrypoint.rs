//! DF009 `shell-form-cmd-entrypoint`: `CMD`/`ENTRYPOINT` in shell form, so `/bin/sh -c` is
//! PID 1.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::docker::{Body, CommandForm, Dockerfile, Instruction};
use crate::rules::{Checklist, DockerRule, Family, RuleMeta};

pub struct ShellFormCmdEntrypoint;

pub static META: RuleMeta = RuleMeta {
    id: "DF009",
    name: "shell-form-cmd-entrypoint",
    family: Family::Dockerfile,
    title: "`CMD`/`ENTRYPOINT` in shell form: the shell is PID 1 and swallows signals",
    severity: Severity::Medium,
    confidence: Confidence::High,
    checklist: Checklist::ImageHygiene,
    rationale: "Shell form runs `/bin/sh -c '<command>'`, so the shell is PID 1 and the \
service is its child. `docker stop` and Kubernetes send SIGTERM to PID 1; `sh` does not \
forward it, the service never starts its graceful shutdown, and after the grace period it is \
SIGKILLed mid-request — every deploy and scale-in drops connections. A shell-form \
`ENTRYPOINT` also ignores `CMD` and `docker run` arguments.",
    remediation: "Use the exec (JSON array) form, or `exec` the service from the shell form: \
`CMD [\"node\", \"server.js\"]` or `CMD exec node server.js`.",
    equivalents: &["hadolint:DL3025"],
    references: &[
        "https://docs.docker.com/reference/dockerfile/#shell-and-exec-form",
        "https://docs.docker.com/reference/dockerfile/#entrypoint",
    ],
};

impl DockerRule for ShellFormCmdEntrypoint {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_instruction(&self, ins: &Instruction, _df: &Dockerfile, out: &mut Vec<Diagnostic>) {
        let (Body::Cmd(CommandForm::Shell(shell)) | Body::Entrypoint(CommandForm::Shell(shell))) =
            &ins.body
        else {
            return;
        };
        if shell.text.trim().is_empty() {
            return;
        }
        // `CMD exec app`, `CMD ./migrate && exec app`: the shell replaces itself with the
        // service, which becomes PID 1
        if shell
            .script
            .commands
            .iter()
            .any(|c| c.name() == "exec" && !c.background)
        {
            return;
        }
        let keyword = ins.kind.as_str();
        out.push(
            Diagnostic::new(
                &META,
                shell.span,
                format!(
                    "{keyword} \"{}\" is in shell form, so `/bin/sh -c` runs as PID 1",
                    short(shell.text.trim())
                ),
            )
            .anchor(format!("{}:shell-form", ins.anchor())),
        );
    }
}

/// The command for the message: whitespace collapsed, cut at 60 characters.
fn short(text: &str) -> String {
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out: String = collapsed.chars().take(60).collect();
    if out.len() < collapsed.len() {
        out.push('…');
    }
    out
}
