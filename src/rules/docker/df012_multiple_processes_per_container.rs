//! DF012 `multiple-processes-per-container`: `CMD`/`ENTRYPOINT` starts a process supervisor
//! or backgrounds processes with `&`.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::docker::{Body, CommandForm, Dockerfile, Instruction};
use crate::parse::shell::Script;
use crate::rules::{Checklist, DockerRule, Family, RuleMeta};

pub struct MultipleProcessesPerContainer;

pub static META: RuleMeta = RuleMeta {
    id: "DF012",
    name: "multiple-processes-per-container",
    family: Family::Dockerfile,
    title: "Container runs several processes under a supervisor or with `&`",
    severity: Severity::Low,
    confidence: Confidence::Medium,
    checklist: Checklist::ImageHygiene,
    rationale: "The runtime watches one process per container. Behind a supervisor or a \
backgrounded `&`, a crashed child is restarted (or silently left dead) without the \
orchestrator knowing, health and restart policies see only the supervisor, logs interleave, \
resources cannot be limited or scaled per process, and a backgrounded process is killed \
without a graceful shutdown when the foreground one exits.",
    remediation: "Run one service per container and compose them with Compose, a Kubernetes \
pod or sidecars: `CMD [\"nginx\", \"-g\", \"daemon off;\"]` in one image and \
`CMD [\"php-fpm\", \"-F\"]` in another.",
    equivalents: &[],
    references: &[
        "https://docs.docker.com/engine/containers/multi-service_container/",
        "https://docs.docker.com/build/building/best-practices/#decouple-applications",
    ],
};

/// Process supervisors and init systems that run several services.
const SUPERVISORS: &[&str] = &[
    "supervisord",
    "supervisorctl",
    "s6-svscan",
    "s6-supervise",
    "runsvdir",
    "runsv",
    "my_init",
    "circusd",
    "honcho",
    "foreman",
    "overmind",
];

/// Exec-form programs matched by full path: s6-overlay's `/init` (a bare `init` is too
/// generic to match by name).
const SUPERVISOR_PATHS: &[&str] = &["/init", "/sbin/my_init"];

impl DockerRule for MultipleProcessesPerContainer {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_instruction(&self, ins: &Instruction, _df: &Dockerfile, out: &mut Vec<Diagnostic>) {
        let (Body::Cmd(form) | Body::Entrypoint(form)) = &ins.body else {
            return;
        };
        let keyword = ins.kind.as_str();
        match form {
            CommandForm::Exec { args, script, .. } => {
                // `["sh", "-c", "nginx & php-fpm"]`
                if let Some(script) = script {
                    check_script(script, ins, keyword, out);
                    return;
                }
                let Some(first) = args.first() else { return };
                let prog = first.text.as_str();
                let name = prog.rsplit('/').next().unwrap_or(prog);
                if SUPERVISORS.contains(&name) || SUPERVISOR_PATHS.contains(&prog) {
                    out.push(
                        Diagnostic::new(
                            &META,
                            first.span,
                            format!("{keyword} starts process supervisor \"{prog}\""),
                        )
                        .anchor(format!("{}:{name}", ins.anchor())),
                    );
                }
            }
            CommandForm::Shell(shell) => check_script(&shell.script, ins, keyword, out),
        }
    }
}

/// Background jobs and supervisors in a shell script run as the container's command.
fn check_script(script: &Script, ins: &Instruction, keyword: &str, out: &mut Vec<Diagnostic>) {
    for cmd in &script.commands {
        let Some(word) = cmd.name.as_ref() else {
            continue;
        };
        let (name, _) = cmd.effective();
        if cmd.background {
            out.push(
                Diagnostic::new(
                    &META,
                    cmd.span,
                    format!("{keyword} runs \"{name}\" in the background with `&`"),
                )
                .anchor(format!("{}:&{name}", ins.anchor())),
            );
        } else if SUPERVISORS.contains(&name) || SUPERVISOR_PATHS.contains(&word.text.as_str()) {
            out.push(
                Diagnostic::new(
                    &META,
                    cmd.span,
                    format!("{keyword} starts process supervisor \"{name}\""),
                )
                .anchor(format!("{}:{name}", ins.anchor())),
            );
        }
    }
}
