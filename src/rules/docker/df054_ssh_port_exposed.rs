//! DF054 `ssh-port-exposed`: the image exposes port 22 (SSH).

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::docker::{Body, Dockerfile, Instruction};
use crate::rules::{Checklist, DockerRule, Family, RuleMeta};

pub struct SshPortExposed;

pub static META: RuleMeta = RuleMeta {
    id: "DF054",
    name: "ssh-port-exposed",
    family: Family::Dockerfile,
    title: "Port 22 (SSH) exposed",
    severity: Severity::Medium,
    confidence: Confidence::High,
    checklist: Checklist::ImageHygiene,
    rationale: "An SSH server in a container is a second, long-lived way in with its own \
keys or passwords to manage and patch; it bypasses the orchestrator's audited access \
(`kubectl exec`, `docker exec`), and a container that needs it usually runs more than one \
process without a supervisor.",
    remediation: "Remove the SSH server and the `EXPOSE 22`, and debug through the runtime: \
`docker exec -it <container> sh` or `kubectl exec -it <pod> -- sh`.",
    equivalents: &[
        "checkov:CKV_DOCKER_1",
        "trivy:DS-0004",
        "kics:5907595b-5b6d-4142-b173-dbb0e73fbff8",
    ],
    references: &["https://docs.docker.com/reference/dockerfile/#expose"],
};

impl DockerRule for SshPortExposed {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_instruction(&self, ins: &Instruction, _df: &Dockerfile, out: &mut Vec<Diagnostic>) {
        let Body::Expose(ports) = &ins.body else {
            return;
        };
        for p in ports {
            if !covers_ssh(&p.text) {
                continue;
            }
            out.push(
                Diagnostic::new(
                    &META,
                    p.span,
                    format!("EXPOSE \"{}\" opens the SSH port 22", p.text),
                )
                .anchor(format!("{}:{}", ins.anchor(), p.text)),
            );
        }
    }
}

/// `22`, `22/tcp`, or a TCP range that includes 22 (`20-25`).
fn covers_ssh(item: &str) -> bool {
    let (port, proto) = match item.split_once('/') {
        Some((p, proto)) => (p, proto),
        None => (item, "tcp"),
    };
    if !proto.eq_ignore_ascii_case("tcp") {
        return false;
    }
    match port.split_once('-') {
        Some((lo, hi)) => match (lo.parse::<u32>(), hi.parse::<u32>()) {
            (Ok(lo), Ok(hi)) => (lo..=hi).contains(&22),
            _ => false,
        },
        None => port.parse::<u32>() == Ok(22),
    }
}
