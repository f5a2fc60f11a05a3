//! DC005 `compose-docker-socket-mounted`: a compose service mounts the container runtime socket.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::compose::Service;
use crate::rules::compose::util;
use crate::rules::{Checklist, ComposeRule, Family, RuleMeta};

pub struct ComposeDockerSocketMounted;

pub static META: RuleMeta = RuleMeta {
    id: "DC005",
    name: "compose-docker-socket-mounted",
    family: Family::Compose,
    title: "Compose service mounts the Docker or containerd socket",
    severity: Severity::Critical,
    confidence: Confidence::High,
    checklist: Checklist::ImageHygiene,
    rationale: "Whoever can talk to the runtime socket can start a privileged container with \
the host's root filesystem mounted: the socket is root on the host, even mounted `:ro` \
(read-only applies to the file, not to the API calls made through it).",
    remediation: "Remove the socket mount; if the service really needs the API, put a \
filtering proxy in front of it: `image: tecnativa/docker-socket-proxy` with \
`CONTAINERS: 1` and `POST: 0`.",
    equivalents: &["kics:d6355c88-1e8d-49e9-b2f2-f8a1ca12c75b"],
    references: &[
        "https://docs.docker.com/reference/compose-file/services/#volumes",
        "https://docs.docker.com/engine/security/#docker-daemon-attack-surface",
    ],
};

/// Socket file names of container runtimes.
const SOCKETS: &[&str] = &[
    "docker.sock",
    "containerd.sock",
    "crio.sock",
    "podman.sock",
    "dockershim.sock",
    "docker_engine",
];

/// Directories holding the runtime sockets: mounting them mounts the socket.
const SOCKET_DIRS: &[&str] = &["/var/run", "/run", "/var/run/docker", "/run/containerd"];

/// `Some(true)` for a socket file, `Some(false)` for a directory holding one.
fn runtime_socket(source: &str) -> Option<bool> {
    let path = source.trim().trim_end_matches('/');
    let file = path.rsplit(['/', '\\']).next().unwrap_or(path);
    if SOCKETS.contains(&file) {
        Some(true)
    } else if SOCKET_DIRS.contains(&path) {
        Some(false)
    } else {
        None
    }
}

impl ComposeRule for ComposeDockerSocketMounted {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_service(&self, svc: &Service<'_>, out: &mut Vec<Diagnostic>) {
        for v in util::list(svc, "volumes") {
            let Some(source) = util::volume_source(v) else {
                continue;
            };
            let Some(is_file) = runtime_socket(&source) else {
                continue;
            };
            let what = if is_file {
                format!("the container runtime socket \"{source}\"")
            } else {
                format!("\"{source}\", which holds the container runtime socket")
            };
            let span = v.get("source").map_or(v.span, |s| s.span);
            out.push(
                Diagnostic::new(
                    &META,
                    span,
                    format!("service \"{}\" mounts {what}", svc.name),
                )
                .anchor(format!("{}:{source}", svc.name)),
            );
        }
    }
}
