//! K8S053 `service-type-exposes-node`: a Service of type `LoadBalancer` or `NodePort`.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::k8s::Object;
use crate::rules::{Checklist, Family, K8sRule, RuleMeta};

pub struct ServiceTypeExposesNode;

pub static META: RuleMeta = RuleMeta {
    id: "K8S053",
    name: "service-type-exposes-node",
    family: Family::Kubernetes,
    title: "Service is exposed outside the cluster",
    severity: Severity::Info,
    confidence: Confidence::Medium,
    checklist: Checklist::ImageHygiene,
    rationale: "A `NodePort` Service opens a port on every node; a `LoadBalancer` Service \
usually gets a public address. Either bypasses the Ingress layer's TLS, authentication and \
rate limits, and is easy to create by accident when `ClusterIP` was meant.",
    remediation: "Expose HTTP through an Ingress or Gateway and keep the Service internal; \
when a load balancer is intended, restrict it: \
`spec: {type: LoadBalancer, loadBalancerSourceRanges: [10.0.0.0/8]}`.",
    equivalents: &["kube-linter:exposed-services"],
    references: &[
        "https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types",
    ],
};

impl K8sRule for ServiceTypeExposesNode {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_object(&self, obj: &Object, out: &mut Vec<Diagnostic>) {
        if obj.kind != "Service" {
            return;
        }
        let Some(ty) = obj.node.path(&["spec", "type"]) else {
            return;
        };
        let Some(value @ ("LoadBalancer" | "NodePort")) = ty.as_str() else {
            return;
        };
        out.push(
            Diagnostic::new(
                &META,
                ty.span,
                format!("{} is of type {value}", obj.describe()),
            )
            .anchor(obj.id()),
        );
    }
}
