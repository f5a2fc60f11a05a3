//! K8S010 `runtime-socket-mounted`: a `hostPath` volume exposes the Docker, containerd or
//! CRI-O socket (or the directory holding it).

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::k8s::Object;
use crate::parse::yaml::Node;
use crate::rules::{Checklist, Family, K8sRule, RuleMeta};

pub struct RuntimeSocketMounted;

pub static META: RuleMeta = RuleMeta {
    id: "K8S010",
    name: "runtime-socket-mounted",
    family: Family::Kubernetes,
    title: "Pod mounts the container runtime socket",
    severity: Severity::Critical,
    confidence: Confidence::High,
    checklist: Checklist::ImageHygiene,
    rationale: "Whoever can talk to the Docker, containerd or CRI-O socket can start a \
privileged container with the node's root filesystem mounted: mounting the socket is root on \
the node, and through the node's credentials often the cluster.",
    remediation: "Do not mount the runtime socket; build images with a daemonless builder \
(BuildKit rootless, kaniko) and read container metadata from the Kubernetes API instead: \
`volumes: [{name: cache, emptyDir: {}}]`.",
    equivalents: &[
        "kube-linter:docker-sock",
        "checkov:CKV_K8S_27",
        "trivy:KSV-0006",
    ],
    references: &[
        "https://kubernetes.io/docs/concepts/storage/volumes/#hostpath",
        "https://docs.docker.com/engine/security/#docker-daemon-attack-surface",
    ],
};

/// Socket files of container runtimes.
const SOCKETS: &[&str] = &[
    "docker.sock",
    "containerd.sock",
    "crio.sock",
    "cri-dockerd.sock",
    "podman.sock",
];

/// Directories that hold a runtime socket.
const SOCKET_DIRS: &[&str] = &[
    "/var/run",
    "/run",
    "/var/run/docker",
    "/run/docker",
    "/var/run/containerd",
    "/run/containerd",
    "/run/k3s/containerd",
    "/var/run/crio",
    "/run/crio",
];

/// What a host path exposes: `Some("socket")` for a runtime socket, `Some("socket
/// directory")` for a directory that holds one, `None` otherwise.
#[must_use]
pub fn runtime_socket(path: &str) -> Option<&'static str> {
    let trimmed = path.trim_end_matches('/');
    let file = trimmed.rsplit('/').next().unwrap_or(trimmed);
    if SOCKETS.contains(&file) {
        Some("socket")
    } else if SOCKET_DIRS.contains(&trimmed) {
        Some("socket directory")
    } else {
        None
    }
}

impl K8sRule for RuntimeSocketMounted {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_pod_spec(&self, obj: &Object, spec: &Node, out: &mut Vec<Diagnostic>) {
        for vol in spec
            .get("volumes")
            .map(Node::iter_seq)
            .into_iter()
            .flatten()
        {
            let Some(path) = vol.path(&["hostPath", "path"]) else {
                continue;
            };
            let Some(text) = path.as_str() else {
                continue;
            };
            let Some(what) = runtime_socket(text) else {
                continue;
            };
            let name = vol.get("name").and_then(Node::as_str).unwrap_or("");
            out.push(
                Diagnostic::new(
                    &META,
                    path.span,
                    format!(
                        "{} mounts the container runtime {what} {text} as volume \"{name}\"",
                        obj.describe()
                    ),
                )
                .anchor(format!("{}:volumes:{name}", obj.id())),
            );
        }
    }
}
