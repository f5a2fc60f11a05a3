//! K8S078 `service-target-port-not-exposed`: a Service port's `targetPort` (or its `port`,
//! which `targetPort` defaults to) is not declared by any container of the workloads the
//! Service selects.
//!
//! A **named** `targetPort` is resolved per pod against the containers' `ports[].name`: when no
//! container declares the name the pod is never an endpoint for that port, so it is reported
//! whenever the selected workloads are known. A **numeric** `targetPort` reaches the pod
//! whether or not a container declares it (`containerPort` is informational), so it is only
//! reported when the selected containers declare ports and none of them is that number.
//!
//! Not reported: Services without a selector, `ExternalName` Services, selectors that match
//! no workload (K8S070 reports those), a selection that includes a workload whose labels or
//! ports are templates, and templated port values.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::k8s::{ContainerKind, Object};
use crate::parse::yaml::{Node, Value};
use crate::rules::{Checklist, Family, K8sSurfaceRule, RuleMeta, SurfaceDiagnostic, SurfaceObject};

use super::surface::{Selector, WorkloadIndex, has_workloads};
use super::workload::is_template;

pub struct ServiceTargetPortNotExposed;

pub static META: RuleMeta = RuleMeta {
    id: "K8S078",
    name: "service-target-port-not-exposed",
    family: Family::Kubernetes,
    title: "Service targets a port no selected container exposes",
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    checklist: Checklist::HealthChecks,
    rationale: "A Service forwards to `targetPort` on the pods it selects. A named target \
port that no container declares leaves the Service without endpoints for that port, and a \
number that differs from every declared `containerPort` usually means the application listens \
elsewhere: connections are refused while the Deployment, the Service and the rollout all look \
healthy. It typically follows a port change in the image or a renamed port on one side only.",
    remediation: "Target a port the selected containers declare, preferably by name: \
`ports: [{name: http, port: 80, targetPort: http}]` with the container's \
`ports: [{name: http, containerPort: 8080}]`.",
    equivalents: &["kics:3ca03a61-3249-4c16-8427-6f8e47dda729"],
    references: &[
        "https://kubernetes.io/docs/concepts/services-networking/service/#field-spec-ports",
    ],
};

/// A Service target port as written: a number or a name.
enum Target<'a> {
    Number(i64),
    Name(&'a str),
}

fn target_of(node: &Node) -> Option<Target<'_>> {
    match &node.value {
        Value::Int(n) => Some(Target::Number(*n)),
        Value::Str(s) if is_template(s) || s.contains("$(") || s.trim().is_empty() => None,
        Value::Str(s) => Some(match s.parse::<i64>() {
            Ok(n) => Target::Number(n),
            Err(_) => Target::Name(s),
        }),
        _ => None,
    }
}

/// The container ports of a workload: `None` when unknown (a `ports` value that is not a
/// list, an entry that is not a mapping, a templated port or name). Ephemeral containers
/// cannot serve a Service.
fn declared_ports(obj: &Object) -> Option<Vec<&Node>> {
    let mut out = Vec::new();
    for c in obj.containers() {
        if c.kind == ContainerKind::Ephemeral {
            continue;
        }
        let Some(ports) = c.node.get("ports") else {
            continue;
        };
        if ports.is_null() {
            continue;
        }
        for p in ports.as_seq()? {
            p.as_map()?;
            // a templated (non-integer) containerPort or a templated name is unknown
            if p.get("containerPort").is_some_and(|n| n.as_i64().is_none())
                || p.get("name")
                    .and_then(Node::as_str)
                    .is_some_and(|n| is_template(n) || n.contains("$("))
            {
                return None;
            }
            out.push(p);
        }
    }
    Some(out)
}

impl K8sSurfaceRule for ServiceTargetPortNotExposed {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, objects: &[SurfaceObject<'_>], out: &mut Vec<SurfaceDiagnostic>) {
        if !has_workloads(objects) {
            return;
        }
        let index = WorkloadIndex::new(objects);
        for so in objects.iter().filter(|o| o.object.kind == "Service") {
            let svc = so.object;
            let Some(spec) = svc.node.get("spec") else {
                continue;
            };
            if spec.get("type").and_then(Node::as_str) == Some("ExternalName") {
                continue;
            }
            let Some(sel) = spec.get("selector").and_then(Selector::from_map) else {
                continue;
            };
            if sel.is_empty() {
                continue;
            }
            let Some(selected) = index.selected(&sel, svc) else {
                continue;
            };
            if selected.is_empty() {
                continue; // K8S070
            }
            let mut ports: Vec<&Node> = Vec::new();
            let mut known = true;
            for w in selected.iter().filter_map(|&i| objects.get(i)) {
                match declared_ports(w.object) {
                    Some(p) => ports.extend(p),
                    None => known = false,
                }
            }
            if !known {
                continue;
            }
            for p in spec.get("ports").map(Node::iter_seq).into_iter().flatten() {
                let Some(node) = p
                    .get("targetPort")
                    .filter(|n| !n.is_null())
                    .or_else(|| p.get("port"))
                else {
                    continue;
                };
                let Some(target) = target_of(node) else {
                    continue;
                };
                let (exposed, shown) = match target {
                    Target::Number(n) => (
                        ports.is_empty()
                            || ports
                                .iter()
                                .any(|c| c.get("containerPort").and_then(Node::as_i64) == Some(n)),
                        n.to_string(),
                    ),
                    Target::Name(name) => (
                        ports
                            .iter()
                            .any(|c| c.get("name").and_then(Node::as_str) == Some(name)),
                        format!("\"{name}\""),
                    ),
                };
                if exposed {
                    continue;
                }
                let defaulted = if p.get("targetPort").is_some_and(|n| !n.is_null()) {
                    ""
                } else {
                    " (targetPort defaults to port)"
                };
                out.push(SurfaceDiagnostic::new(
                    so,
                    Diagnostic::new(
                        &META,
                        node.span,
                        format!(
                            "{} targets port {shown}{defaulted}, which no container of the workloads it selects (\"{}\") declares",
                            svc.describe(),
                            sel.describe()
                        ),
                    )
                    .anchor(format!("{}:{shown}", svc.id())),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::k8s::objects;
    use crate::parse::yaml;

    fn spans(src: &str) -> Vec<String> {
        let file = yaml::parse(src);
        let objs = objects(&file);
        let surface: Vec<SurfaceObject<'_>> = objs
            .iter()
            .map(|o| SurfaceObject {
                object: o,
                path: "k8s.yaml",
            })
            .collect();
        let mut out = Vec::new();
        ServiceTargetPortNotExposed.check(&surface, &mut out);
        out.iter()
            .map(|d| src[d.diagnostic.span.range()].to_string())
            .collect()
    }

    const DEPLOY: &str = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers:\n        - name: web\n          image: web:1\n          ports: [{name: http, containerPort: 8080}]\n---\n";

    fn svc(ports: &str) -> String {
        format!(
            "{DEPLOY}apiVersion: v1\nkind: Service\nmetadata: {{name: web}}\nspec:\n  selector: {{app: web}}\n  ports:\n{ports}"
        )
    }

    #[test]
    fn named_numeric_and_defaulted_targets() {
        assert!(spans(&svc("    - {port: 80, targetPort: http}\n")).is_empty());
        assert!(spans(&svc("    - {port: 80, targetPort: 8080}\n")).is_empty());
        assert!(spans(&svc("    - {port: 8080}\n")).is_empty());
        assert_eq!(spans(&svc("    - {port: 80, targetPort: web}\n")), ["web"]);
        assert_eq!(
            spans(&svc("    - {port: 80, targetPort: 9090}\n")),
            ["9090"]
        );
        assert_eq!(spans(&svc("    - {port: 80}\n")), ["80"]);
        assert!(spans(&svc("    - {port: 80, targetPort: '{{ .Values.port }}'}\n")).is_empty());
    }

    #[test]
    fn unknown_or_empty_selection_is_not_judged() {
        let no_ports = "apiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: {app: p}}\nspec:\n  containers: [{name: p, image: p:1}]\n---\napiVersion: v1\nkind: Service\nmetadata: {name: p}\nspec:\n  selector: {app: p}\n  ports: [{port: 80, targetPort: 9090}]\n";
        assert!(spans(no_ports).is_empty());
        let selects_nothing = svc("    - {port: 80, targetPort: web}\n")
            .replace("selector: {app: web}", "selector: {app: other}");
        assert!(spans(&selects_nothing).is_empty());
        let templated_container_port = svc("    - {port: 80, targetPort: 9090}\n")
            .replace("containerPort: 8080", "containerPort: '{{ .Values.port }}'");
        assert!(spans(&templated_container_port).is_empty());
    }
}
