//! K8S027 `probe-port-not-declared`: a probe targets a port the container does not declare.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::k8s::{Container, Object};
use crate::parse::yaml::{Node, Value};
use crate::rules::k8s::workload;
use crate::rules::{Checklist, Family, K8sRule, RuleMeta};

pub struct ProbePortNotDeclared;

pub static META: RuleMeta = RuleMeta {
    id: "K8S027",
    name: "probe-port-not-declared",
    family: Family::Kubernetes,
    title: "Probe targets a port the container does not declare",
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    checklist: Checklist::HealthChecks,
    rationale: "A probe on a named port the container does not declare can never succeed: the \
kubelet cannot resolve the name, so readiness never turns true or liveness restarts the \
container forever. A numeric port no container declares is usually a typo or a port that \
changed in the image without the manifest following, and it also fails every check.",
    remediation: "Point the probe at a port the container declares, preferably by name: \
`ports: [{name: http, containerPort: 8080}]` with `readinessProbe: {httpGet: {path: /readyz, port: http}}`.",
    equivalents: &[
        "kube-linter:liveness-port",
        "kube-linter:readiness-port",
        "kube-linter:startup-port",
    ],
    references: &[
        "https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/",
    ],
};

const PROBES: [&str; 3] = ["livenessProbe", "readinessProbe", "startupProbe"];
const HANDLERS: [&str; 3] = ["httpGet", "tcpSocket", "grpc"];

/// A probe's port as written: a number or a name.
enum Port<'a> {
    Number(i64),
    Name(&'a str),
}

fn port_of(node: &Node) -> Option<Port<'_>> {
    match &node.value {
        Value::Int(n) => Some(Port::Number(*n)),
        Value::Str(s) if workload::is_template(s) || s.is_empty() => None,
        Value::Str(s) => Some(match s.parse::<i64>() {
            Ok(n) => Port::Number(n),
            Err(_) => Port::Name(s),
        }),
        _ => None,
    }
}

/// The `ports` list of a container, when it declares any.
fn declared(c: &Node) -> Option<&[Node]> {
    c.get("ports")?.as_seq().filter(|p| !p.is_empty())
}

fn declares_number(ports: &[Node], n: i64) -> bool {
    ports
        .iter()
        .any(|p| p.get("containerPort").and_then(Node::as_i64) == Some(n))
}

impl K8sRule for ProbePortNotDeclared {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_container(&self, obj: &Object, c: &Container<'_>, out: &mut Vec<Diagnostic>) {
        let Some(ports) = declared(c.node) else {
            return;
        };
        // a numeric port may belong to another container of the pod (same network namespace)
        let pod_ports: Vec<&[Node]> = obj
            .containers()
            .iter()
            .filter_map(|o| declared(o.node))
            .collect();
        for probe in PROBES {
            for handler in HANDLERS {
                let Some(node) = c.node.path(&[probe, handler, "port"]) else {
                    continue;
                };
                let Some(port) = port_of(node) else { continue };
                let missing = match port {
                    Port::Number(n) => !pod_ports.iter().any(|ps| declares_number(ps, n)),
                    Port::Name(name) => !ports
                        .iter()
                        .any(|p| p.get("name").and_then(Node::as_str) == Some(name)),
                };
                if !missing {
                    continue;
                }
                let (shown, who) = match port {
                    Port::Number(n) => (n.to_string(), "no container of the pod declares"),
                    Port::Name(name) => (format!("\"{name}\""), "the container does not declare"),
                };
                out.push(
                    Diagnostic::new(
                        &META,
                        node.span,
                        format!(
                            "{probe} of {} targets port {shown}, which {who}",
                            workload::label(obj, c)
                        ),
                    )
                    .anchor(workload::anchor(
                        obj,
                        c,
                        &format!("{probe}.{handler}.port"),
                    )),
                );
            }
        }
    }
}
