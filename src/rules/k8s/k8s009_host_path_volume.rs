//! K8S009 `host-path-volume`: a pod mounts a directory or file of the node through a
//! `hostPath` volume (the container runtime socket is K8S010).

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::k8s::Object;
use crate::parse::yaml::Node;
use crate::rules::k8s::k8s010_runtime_socket_mounted::runtime_socket;
use crate::rules::{Checklist, Family, K8sRule, RuleMeta};

pub struct HostPathVolume;

pub static META: RuleMeta = RuleMeta {
    id: "K8S009",
    name: "host-path-volume",
    family: Family::Kubernetes,
    title: "Pod mounts a host path",
    severity: Severity::High,
    confidence: Confidence::High,
    checklist: Checklist::ImageHygiene,
    rationale: "A `hostPath` volume exposes the node's filesystem to the pod: writable, it lets \
a compromised container plant files the node or other pods will run (kubelet config, cron, \
binaries); readable, it leaks credentials and other tenants' data. It also ties the pod to \
whatever happens to be on one node, which breaks rescheduling.",
    remediation: "Use an `emptyDir`, a ConfigMap/Secret or a PersistentVolumeClaim instead; if \
a node agent truly needs the node's files, mount the narrowest path read-only: \
`volumes: [{name: data, persistentVolumeClaim: {claimName: data}}]`.",
    equivalents: &["trivy:KSV-0023"],
    references: &[
        "https://kubernetes.io/docs/concepts/storage/volumes/#hostpath",
        "https://kubernetes.io/docs/concepts/security/pod-security-standards/",
    ],
};

impl K8sRule for HostPathVolume {
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
            let Some(host) = vol.get("hostPath") else {
                continue;
            };
            let name = vol.get("name").and_then(Node::as_str).unwrap_or("");
            let path = host.get("path");
            let text = path.and_then(Node::as_str);
            if text.is_some_and(|p| runtime_socket(p).is_some()) {
                continue; // K8S010
            }
            let span = path.map_or(host.span, |p| p.span);
            let message = match text {
                Some(p) => format!(
                    "{} mounts host path {p} as volume \"{name}\"",
                    obj.describe()
                ),
                None => format!("{} mounts a host path as volume \"{name}\"", obj.describe()),
            };
            out.push(
                Diagnostic::new(&META, span, message)
                    .anchor(format!("{}:volumes:{name}", obj.id())),
            );
        }
    }
}
