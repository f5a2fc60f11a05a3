//! K8S023 `memory-limit-missing`: a container (init containers included) sets no `resources.limits.memory`.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::k8s::{Container, Object};
use crate::rules::k8s::workload;
use crate::rules::{Checklist, Family, K8sRule, RuleMeta};

pub struct MemoryLimitMissing;

pub static META: RuleMeta = RuleMeta {
    id: "K8S023",
    name: "memory-limit-missing",
    family: Family::Kubernetes,
    title: "Container has no memory limit",
    severity: Severity::Medium,
    confidence: Confidence::High,
    checklist: Checklist::ResourceLimits,
    rationale: "Memory is not compressible: a container without a memory limit that leaks or spikes grows \
until the node runs out, and the kernel OOM killer then picks victims among every pod on the \
node, not just the one at fault.",
    remediation: "Set a memory limit, usually equal to the request: `resources: {requests: {memory: 512Mi}, limits: {memory: 512Mi}}`.",
    equivalents: &[
        "kube-linter:unset-memory-requirements",
        "checkov:CKV_K8S_13",
        "trivy:KSV-0018",
        "polaris:memoryLimitsMissing",
        "kube-score:container-resources",
    ],
    references: &["https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/"],
};

impl K8sRule for MemoryLimitMissing {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_container(&self, obj: &Object, c: &Container<'_>, out: &mut Vec<Diagnostic>) {
        workload::report_missing_resource(&META, obj, c, "limits", "memory", "memory limit", out);
    }
}
