//! K8S008 `host-namespace-shared`: a pod spec sets `hostNetwork`, `hostPID` or `hostIPC` to
//! true.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::k8s::Object;
use crate::parse::yaml::Node;
use crate::rules::{Checklist, Family, K8sRule, RuleMeta};

pub struct HostNamespaceShared;

pub static META: RuleMeta = RuleMeta {
    id: "K8S008",
    name: "host-namespace-shared",
    family: Family::Kubernetes,
    title: "Pod shares a host namespace",
    severity: Severity::High,
    confidence: Confidence::High,
    checklist: Checklist::ImageHygiene,
    rationale: "With `hostNetwork` the pod sees every interface of the node, can sniff its \
traffic and reach services bound to localhost (the kubelet, cloud metadata); with `hostPID` it \
sees and can signal or inspect every process on the node; with `hostIPC` it shares the node's \
shared memory. Each removes a layer of isolation between the workload and the node.",
    remediation: "Remove `hostNetwork`, `hostPID` and `hostIPC` (they default to false); \
expose ports through a Service instead: `spec: {hostNetwork: false}`.",
    equivalents: &[
        "kube-linter:host-network",
        "kube-linter:host-pid",
        "kube-linter:host-ipc",
        "checkov:CKV_K8S_17",
        "checkov:CKV_K8S_18",
        "checkov:CKV_K8S_19",
        "trivy:KSV-0008",
        "trivy:KSV-0009",
        "trivy:KSV-0010",
        "polaris:hostNetworkSet",
        "polaris:hostPIDSet",
        "polaris:hostIPCSet",
    ],
    references: &["https://kubernetes.io/docs/concepts/security/pod-security-standards/"],
};

impl K8sRule for HostNamespaceShared {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_pod_spec(&self, obj: &Object, spec: &Node, out: &mut Vec<Diagnostic>) {
        for (key, what) in [
            ("hostNetwork", "network"),
            ("hostPID", "process (PID)"),
            ("hostIPC", "IPC"),
        ] {
            let Some(v) = spec.get(key) else {
                continue;
            };
            if v.as_bool() == Some(true) {
                out.push(
                    Diagnostic::new(
                        &META,
                        v.span,
                        format!(
                            "{} shares the host {what} namespace ({key}: true)",
                            obj.describe()
                        ),
                    )
                    .anchor(format!("{}:{key}", obj.id())),
                );
            }
        }
    }
}
