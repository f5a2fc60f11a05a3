//! DC004 `compose-host-pid-or-ipc`: a compose service shares the host's PID or IPC namespace.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::compose::Service;
use crate::rules::{Checklist, ComposeRule, Family, RuleMeta};

pub struct ComposeHostPidOrIpc;

pub static META: RuleMeta = RuleMeta {
    id: "DC004",
    name: "compose-host-pid-or-ipc",
    family: Family::Compose,
    title: "Compose service shares the host PID or IPC namespace",
    severity: Severity::High,
    confidence: Confidence::High,
    checklist: Checklist::ImageHygiene,
    rationale: "`pid: host` lets the container see (and, as root, signal or ptrace) every \
process on the host, including their environment and command lines; `ipc: host` gives it \
the host's shared memory and semaphores. Both break the isolation the container exists for.",
    remediation: "Remove `pid: host` / `ipc: host`; to share with one sibling only, use \
`pid: \"service:app\"` or `ipc: \"service:app\"`.",
    equivalents: &["kics:baa3890f-bed7-46f5-ab8f-1da8fc91c729"],
    references: &[
        "https://docs.docker.com/reference/compose-file/services/#pid",
        "https://docs.docker.com/reference/compose-file/services/#ipc",
    ],
};

impl ComposeRule for ComposeHostPidOrIpc {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_service(&self, svc: &Service<'_>, out: &mut Vec<Diagnostic>) {
        for key in ["pid", "ipc"] {
            let Some(node) = svc.get(key) else { continue };
            let Some(mode) = node.as_str() else { continue };
            if !mode.trim().eq_ignore_ascii_case("host") {
                continue;
            }
            out.push(
                Diagnostic::new(
                    &META,
                    node.span,
                    format!("service \"{}\" uses `{key}: host`", svc.name),
                )
                .anchor(format!("{}:{key}", svc.name)),
            );
        }
    }
}
