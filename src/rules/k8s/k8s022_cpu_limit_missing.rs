//! K8S022 `cpu-limit-missing`: a container (init containers included) sets no `resources.limits.cpu`.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::k8s::{Container, Object};
use crate::rules::k8s::workload;
use crate::rules::{Checklist, Family, K8sRule, RuleMeta};

pub struct CpuLimitMissing;

pub static META: RuleMeta = RuleMeta {
    id: "K8S022",
    name: "cpu-limit-missing",
    family: Family::Kubernetes,
    title: "Container has no CPU limit",
    severity: Severity::Low,
    confidence: Confidence::High,
    checklist: Checklist::ResourceLimits,
    rationale: "A container without a CPU limit can use every idle core on its node, so a busy loop or a \
traffic spike slows its neighbours down. CPU limits are debated: the CFS quota throttles a \
container even when the node is idle, which adds latency, and many teams deliberately set only \
requests (CPU is compressible, unlike memory). Hence the low severity: set a limit, or suppress \
this rule where the namespace has a LimitRange or you rely on requests alone.",
    remediation: "Set a CPU limit (or a namespace `LimitRange` default): `resources: {requests: {cpu: 250m}, limits: {cpu: \"1\"}}`.",
    equivalents: &[
        "kube-linter:unset-cpu-requirements",
        "checkov:CKV_K8S_11",
        "trivy:KSV-0011",
        "polaris:cpuLimitsMissing",
        "kube-score:container-resources",
    ],
    references: &["https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/"],
};

impl K8sRule for CpuLimitMissing {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_container(&self, obj: &Object, c: &Container<'_>, out: &mut Vec<Diagnostic>) {
        workload::report_missing_resource(&META, obj, c, "limits", "cpu", "CPU limit", out);
    }
}
