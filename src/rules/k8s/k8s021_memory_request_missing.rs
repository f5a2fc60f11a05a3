//! K8S021 `memory-request-missing`: a container (init containers included) sets no `resources.requests.memory`.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::k8s::{Container, Object};
use crate::rules::k8s::workload;
use crate::rules::{Checklist, Family, K8sRule, RuleMeta};

pub struct MemoryRequestMissing;

pub static META: RuleMeta = RuleMeta {
    id: "K8S021",
    name: "memory-request-missing",
    family: Family::Kubernetes,
    title: "Container has no memory request",
    severity: Severity::Medium,
    confidence: Confidence::High,
    checklist: Checklist::ResourceLimits,
    rationale: "Without a memory request the scheduler assumes the container needs no memory and packs \
nodes until they run out; under memory pressure the kubelet evicts pods that exceed their \
request first, so this workload is the first to go.",
    remediation: "Set a memory request sized from observed usage: `resources: {requests: {cpu: 250m, memory: 256Mi}, limits: {memory: 256Mi}}`.",
    equivalents: &[
        "kube-linter:unset-memory-requirements",
        "checkov:CKV_K8S_12",
        "trivy:KSV-0016",
        "polaris:memoryRequestsMissing",
        "kube-score:container-resources",
    ],
    references: &["https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/"],
};

impl K8sRule for MemoryRequestMissing {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_container(&self, obj: &Object, c: &Container<'_>, out: &mut Vec<Diagnostic>) {
        workload::report_missing_resource(
            &META,
            obj,
            c,
            "requests",
            "memory",
            "memory request",
            out,
        );
    }
}
