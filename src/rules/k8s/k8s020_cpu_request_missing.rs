//! K8S020 `cpu-request-missing`: a container (init containers included) sets no `resources.requests.cpu`.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::k8s::{Container, Object};
use crate::rules::k8s::workload;
use crate::rules::{Checklist, Family, K8sRule, RuleMeta};

pub struct CpuRequestMissing;

pub static META: RuleMeta = RuleMeta {
    id: "K8S020",
    name: "cpu-request-missing",
    family: Family::Kubernetes,
    title: "Container has no CPU request",
    severity: Severity::Medium,
    confidence: Confidence::High,
    checklist: Checklist::ResourceLimits,
    rationale: "The scheduler places pods by their requests: a container without a CPU request counts as \
zero, so nodes get overcommitted and the pod lands in the `BestEffort`/`Burstable` class, the \
first to be starved under contention. Autoscalers that target CPU utilisation also need a request \
to compute a percentage.",
    remediation: "Set a CPU request sized from observed usage: `resources: {requests: {cpu: 250m, memory: 256Mi}, limits: {memory: 256Mi}}`.",
    equivalents: &[
        "kube-linter:unset-cpu-requirements",
        "checkov:CKV_K8S_10",
        "trivy:KSV-0015",
        "polaris:cpuRequestsMissing",
        "kube-score:container-resources",
    ],
    references: &["https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/"],
};

impl K8sRule for CpuRequestMissing {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_container(&self, obj: &Object, c: &Container<'_>, out: &mut Vec<Diagnostic>) {
        workload::report_missing_resource(&META, obj, c, "requests", "cpu", "CPU request", out);
    }
}
