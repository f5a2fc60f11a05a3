//! K8S074 `ingress-backend-missing`: an Ingress routes to a Service the scan does not
//! define, or to a port that Service does not expose.
//!
//! Only reported when the scan defines at least one Service that may share the Ingress's
//! namespace: an Ingress alone in a scan routes to Services defined elsewhere. Both
//! `networking.k8s.io/v1` (`service: {name, port}`) and the old `serviceName`/`servicePort`
//! backends are read; `resource` backends are not judged.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::k8s::Object;
use crate::parse::yaml::Node;
use crate::rules::{Checklist, Family, K8sSurfaceRule, RuleMeta, SurfaceDiagnostic, SurfaceObject};

use super::surface::same_namespace;
use super::workload::is_template;

pub struct IngressBackendMissing;

pub static META: RuleMeta = RuleMeta {
    id: "K8S074",
    name: "ingress-backend-missing",
    family: Family::Kubernetes,
    title: "Ingress routes to a Service or port not in the manifests",
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    checklist: Checklist::HealthChecks,
    rationale: "An Ingress backend naming a Service that does not exist, or a port the \
Service does not expose, answers every request on that route with 503 from the ingress \
controller. The manifests apply cleanly, so the broken route surfaces only as user-facing \
errors after the deploy.",
    remediation: "Route to a Service defined with the application and a port it exposes: \
`backend: {service: {name: web, port: {name: http}}}` with Service \
`ports: [{name: http, port: 80, targetPort: 8080}]`.",
    equivalents: &[
        "kube-linter:dangling-ingress",
        "kube-score:ingress-targets-service",
    ],
    references: &["https://kubernetes.io/docs/concepts/services-networking/ingress/"],
};

/// One backend reference: the Service name node and the port node (if any).
struct Backend<'a> {
    name: &'a Node,
    port: Option<&'a Node>,
}

fn backend(b: &Node) -> Option<Backend<'_>> {
    if let Some(svc) = b.get("service") {
        let port = svc
            .get("port")
            .and_then(|p| p.get("number").or_else(|| p.get("name")));
        return Some(Backend {
            name: svc.get("name")?,
            port,
        });
    }
    Some(Backend {
        name: b.get("serviceName")?,
        port: b.get("servicePort"),
    })
}

fn backends(obj: &Object) -> Vec<Backend<'_>> {
    let Some(spec) = obj.node.get("spec") else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for key in ["defaultBackend", "backend"] {
        if let Some(b) = spec.get(key).and_then(backend) {
            out.push(b);
        }
    }
    for rule in spec.get("rules").map(Node::iter_seq).into_iter().flatten() {
        for path in rule
            .path(&["http", "paths"])
            .map(Node::iter_seq)
            .into_iter()
            .flatten()
        {
            if let Some(b) = path.get("backend").and_then(backend) {
                out.push(b);
            }
        }
    }
    out
}

/// Whether the Service exposes the port (`Some(false)` no, `None` unknown).
fn exposes(svc: &Object, port: &Node) -> Option<bool> {
    let ports = svc.node.path(&["spec", "ports"])?.as_seq()?;
    let mut out = false;
    for p in ports {
        p.as_map()?;
        if let Some(want) = port.as_i64() {
            out |= p.get("port")?.as_i64()? == want;
        } else {
            let want = port.as_str()?;
            if is_template(want) {
                return None;
            }
            out |= p.get("name").and_then(Node::as_str) == Some(want);
        }
    }
    Some(out)
}

impl K8sSurfaceRule for IngressBackendMissing {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, objects: &[SurfaceObject<'_>], out: &mut Vec<SurfaceDiagnostic>) {
        for so in objects.iter().filter(|o| o.object.kind == "Ingress") {
            let ing = so.object;
            let services: Vec<&Object> = objects
                .iter()
                .map(|o| o.object)
                .filter(|o| o.kind == "Service" && same_namespace(o, ing))
                .collect();
            if services.is_empty() {
                continue;
            }
            for b in backends(ing) {
                let Some(name) = b.name.as_str() else {
                    continue;
                };
                if is_template(name) {
                    continue;
                }
                let named: Vec<&&Object> = services
                    .iter()
                    .filter(|s| s.name.as_deref() == Some(name))
                    .collect();
                if named.is_empty() {
                    out.push(SurfaceDiagnostic::new(
                        so,
                        Diagnostic::new(
                            &META,
                            b.name.span,
                            format!(
                                "{} routes to Service \"{name}\", which is not defined in the manifests",
                                ing.describe()
                            ),
                        )
                        .anchor(format!("{}:{name}", ing.id())),
                    ));
                    continue;
                }
                let Some(port) = b.port else {
                    continue;
                };
                // any candidate Service exposing the port (or unknown) is enough
                if named.iter().any(|s| exposes(s, port) != Some(false)) {
                    continue;
                }
                let shown = port
                    .as_i64()
                    .map(|n| n.to_string())
                    .or_else(|| port.as_str().map(|s| format!("\"{s}\"")))
                    .unwrap_or_default();
                out.push(SurfaceDiagnostic::new(
                    so,
                    Diagnostic::new(
                        &META,
                        port.span,
                        format!(
                            "{} routes to port {shown} of Service \"{name}\", which does not expose it",
                            ing.describe()
                        ),
                    )
                    .anchor(format!("{}:{name}:{shown}", ing.id())),
                ));
            }
        }
    }
}
