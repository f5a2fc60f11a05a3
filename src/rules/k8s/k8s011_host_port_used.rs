//! K8S011 `host-port-used`: a container port sets `hostPort`.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::k8s::{Container, Object};
use crate::parse::yaml::Node;
use crate::rules::k8s::secctx;
use crate::rules::{Checklist, Family, K8sRule, RuleMeta};

pub struct HostPortUsed;

pub static META: RuleMeta = RuleMeta {
    id: "K8S011",
    name: "host-port-used",
    family: Family::Kubernetes,
    title: "Container binds a host port",
    severity: Severity::Medium,
    confidence: Confidence::High,
    checklist: Checklist::ImageHygiene,
    rationale: "A `hostPort` opens the port on the node's own address, bypassing Services and \
NetworkPolicies, and limits scheduling to one such pod per node: a rolling update or a second \
replica can stay Pending because the port is taken.",
    remediation: "Remove `hostPort` and expose the port through a Service (NodePort or \
LoadBalancer when it must be reachable from outside): `ports: [{containerPort: 8080}]`.",
    equivalents: &[
        "checkov:CKV_K8S_26",
        "trivy:KSV-0024",
        "polaris:hostPortSet",
    ],
    references: &[
        "https://kubernetes.io/docs/concepts/configuration/overview/#services",
        "https://kubernetes.io/docs/concepts/security/pod-security-standards/",
    ],
};

impl K8sRule for HostPortUsed {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_container(&self, obj: &Object, c: &Container<'_>, out: &mut Vec<Diagnostic>) {
        for port in c
            .node
            .get("ports")
            .map(Node::iter_seq)
            .into_iter()
            .flatten()
        {
            let Some(host) = port.get("hostPort") else {
                continue;
            };
            let Some(n) = host.as_i64().filter(|n| *n != 0) else {
                continue; // 0 means "no host port"; templates are unknown
            };
            out.push(
                Diagnostic::new(
                    &META,
                    host.span,
                    format!("{} binds host port {n}", secctx::describe(obj, c)),
                )
                .anchor(secctx::anchor(obj, c, &format!("hostPort:{n}"))),
            );
        }
    }
}
