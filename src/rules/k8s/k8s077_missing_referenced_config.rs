//! K8S077 `missing-referenced-config`: a workload references a ConfigMap, Secret or
//! ServiceAccount that the scan does not define, although the scan defines other objects of
//! that kind in the same namespace.
//!
//! When the scan defines no object of a kind in the namespace, objects of that kind are
//! managed elsewhere (another chart, an operator, `kubectl create secret`) and nothing is
//! reported. References marked `optional: true` and the `default` ServiceAccount are not
//! judged. A `SealedSecret` or `ExternalSecret` counts as defining the Secret it produces.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::k8s::Object;
use crate::parse::yaml::Node;
use crate::rules::{Checklist, Family, K8sSurfaceRule, RuleMeta, SurfaceDiagnostic, SurfaceObject};

use super::surface::same_namespace;
use super::workload::is_template;

pub struct MissingReferencedConfig;

pub static META: RuleMeta = RuleMeta {
    id: "K8S077",
    name: "missing-referenced-config",
    family: Family::Kubernetes,
    title: "Workload references a ConfigMap, Secret or ServiceAccount not in the manifests",
    severity: Severity::Medium,
    confidence: Confidence::Low,
    checklist: Checklist::RuntimeSecrets,
    rationale: "A pod that references a ConfigMap or Secret that does not exist never starts \
(`CreateContainerConfigError`, or stuck `ContainerCreating` for a volume), and one naming a \
missing ServiceAccount is rejected outright. The manifests apply cleanly, so the rollout \
stalls with no replica ready. When the rest of the application's configuration is in the \
manifests, a missing one is usually a rename or a typo.",
    remediation: "Define the referenced object with the application, fix the name, or mark the \
reference optional when the application copes without it: \
`envFrom: [{configMapRef: {name: web-config}}]` with a `kind: ConfigMap` named `web-config`.",
    equivalents: &["kube-linter:non-existent-service-account"],
    references: &[
        "https://kubernetes.io/docs/concepts/configuration/configmap/",
        "https://kubernetes.io/docs/concepts/configuration/secret/",
        "https://kubernetes.io/docs/concepts/security/service-accounts/",
    ],
};

/// A reference: the kind it names and the node of the name.
type Ref<'a> = (&'static str, &'a Node);

fn optional(n: &Node) -> bool {
    n.get("optional").and_then(Node::as_bool) == Some(true)
}

/// Push `(kind, name)` from `holder.<key>` unless the holder is optional.
fn push<'a>(out: &mut Vec<Ref<'a>>, kind: &'static str, holder: Option<&'a Node>, key: &str) {
    if let Some(h) = holder {
        if let (false, Some(name)) = (optional(h), h.get(key)) {
            out.push((kind, name));
        }
    }
}

fn references(obj: &Object) -> Vec<Ref<'_>> {
    let mut out = Vec::new();
    let Some(spec) = obj.pod_spec() else {
        return out;
    };
    for c in obj.containers() {
        for e in c
            .node
            .get("envFrom")
            .map(Node::iter_seq)
            .into_iter()
            .flatten()
        {
            push(&mut out, "ConfigMap", e.get("configMapRef"), "name");
            push(&mut out, "Secret", e.get("secretRef"), "name");
        }
        for e in c.node.get("env").map(Node::iter_seq).into_iter().flatten() {
            let from = e.get("valueFrom");
            push(
                &mut out,
                "ConfigMap",
                from.and_then(|f| f.get("configMapKeyRef")),
                "name",
            );
            push(
                &mut out,
                "Secret",
                from.and_then(|f| f.get("secretKeyRef")),
                "name",
            );
        }
    }
    for v in spec
        .get("volumes")
        .map(Node::iter_seq)
        .into_iter()
        .flatten()
    {
        push(&mut out, "ConfigMap", v.get("configMap"), "name");
        push(&mut out, "Secret", v.get("secret"), "secretName");
        for s in v
            .path(&["projected", "sources"])
            .map(Node::iter_seq)
            .into_iter()
            .flatten()
        {
            push(&mut out, "ConfigMap", s.get("configMap"), "name");
            push(&mut out, "Secret", s.get("secret"), "name");
        }
    }
    if let Some(sa) = spec
        .get("serviceAccountName")
        .or_else(|| spec.get("serviceAccount"))
    {
        out.push(("ServiceAccount", sa));
    }
    out
}

/// The name of the `kind` object that `o` defines, if it defines one.
fn defines<'a>(o: &'a Object, kind: &str) -> Option<&'a str> {
    match (kind, o.kind.as_str()) {
        (k, ok) if k == ok => o.name.as_deref(),
        ("Secret", "SealedSecret") => o.name.as_deref(),
        ("Secret", "ExternalSecret") => o
            .node
            .path(&["spec", "target", "name"])
            .and_then(Node::as_str)
            .or(o.name.as_deref()),
        _ => None,
    }
}

impl K8sSurfaceRule for MissingReferencedConfig {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, objects: &[SurfaceObject<'_>], out: &mut Vec<SurfaceDiagnostic>) {
        for so in objects {
            let obj = so.object;
            for (kind, node) in references(obj) {
                let Some(name) = node.as_str() else {
                    continue;
                };
                if name.is_empty()
                    || is_template(name)
                    || (kind == "ServiceAccount" && name == "default")
                {
                    continue;
                }
                let mut any = false;
                let mut found = false;
                for o in objects.iter().map(|o| o.object) {
                    if !same_namespace(o, obj) {
                        continue;
                    }
                    if let Some(n) = defines(o, kind) {
                        any = true;
                        found |= n == name;
                    }
                }
                if !any || found {
                    continue;
                }
                out.push(SurfaceDiagnostic::new(
                    so,
                    Diagnostic::new(
                        &META,
                        node.span,
                        format!(
                            "{} references {kind} \"{name}\", which is not defined in the manifests",
                            obj.describe()
                        ),
                    )
                    .anchor(format!("{}:{kind}/{name}", obj.id())),
                ));
            }
        }
    }
}
