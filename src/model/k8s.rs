//! The Kubernetes model: objects read from YAML (or JSON) manifests, with their pod
//! templates and containers, each keeping the spans of the YAML layer.

use crate::parse::yaml::{Node, Value, YamlFile};
use crate::source::Span;

/// Kinds whose spec holds a pod template, and where.
const POD_PATHS: &[(&str, &[&str])] = &[
    ("Pod", &["spec"]),
    ("Deployment", &["spec", "template", "spec"]),
    ("StatefulSet", &["spec", "template", "spec"]),
    ("DaemonSet", &["spec", "template", "spec"]),
    ("ReplicaSet", &["spec", "template", "spec"]),
    ("ReplicationController", &["spec", "template", "spec"]),
    ("Job", &["spec", "template", "spec"]),
    (
        "CronJob",
        &["spec", "jobTemplate", "spec", "template", "spec"],
    ),
    // Argo Rollouts: a Deployment with a progressive strategy
    ("Rollout", &["spec", "template", "spec"]),
];

/// One Kubernetes object.
#[derive(Clone, Debug)]
pub struct Object {
    /// Index of the YAML document it came from (`---` count).
    pub doc: usize,
    pub api_version: String,
    pub kind: String,
    pub name: Option<String>,
    pub namespace: Option<String>,
    /// The object's mapping.
    pub node: Node,
    /// Span of the `kind` value: where object-level findings point.
    pub kind_span: Span,
}

/// Which container list a container is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContainerKind {
    Container,
    Init,
    Ephemeral,
}

impl ContainerKind {
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            ContainerKind::Container => "container",
            ContainerKind::Init => "init container",
            ContainerKind::Ephemeral => "ephemeral container",
        }
    }
}

/// A container of a pod template.
#[derive(Clone, Copy, Debug)]
pub struct Container<'a> {
    pub node: &'a Node,
    pub kind: ContainerKind,
    /// Position in its list.
    pub index: usize,
}

impl<'a> Container<'a> {
    /// The container's `name` (empty when missing).
    #[must_use]
    pub fn name(&self) -> &'a str {
        self.node.get("name").and_then(Node::as_str).unwrap_or("")
    }

    /// A span to point at when a key is missing: the `name` value, else the container item.
    #[must_use]
    pub fn anchor_span(&self) -> Span {
        self.node.get("name").map_or(self.node.span, |n| n.span)
    }
}

impl Object {
    /// `namespace/kind/name` for messages and fingerprints.
    #[must_use]
    pub fn id(&self) -> String {
        format!(
            "{}/{}/{}",
            self.namespace.as_deref().unwrap_or("-"),
            self.kind,
            self.name.as_deref().unwrap_or("-")
        )
    }

    /// `Deployment "web"`, for messages.
    #[must_use]
    pub fn describe(&self) -> String {
        format!(
            "{} \"{}\"",
            self.kind,
            self.name.as_deref().unwrap_or("<unnamed>")
        )
    }

    /// The pod spec of a workload (`spec.template.spec`, `spec` for a Pod, …).
    #[must_use]
    pub fn pod_spec(&self) -> Option<&Node> {
        let (_, path) = POD_PATHS.iter().find(|(k, _)| *k == self.kind)?;
        self.node.path(path).filter(|n| n.as_map().is_some())
    }

    /// Whether the object runs pods.
    #[must_use]
    pub fn is_workload(&self) -> bool {
        POD_PATHS.iter().any(|(k, _)| *k == self.kind)
    }

    /// Containers, init containers and ephemeral containers of the pod spec, in that order.
    #[must_use]
    pub fn containers(&self) -> Vec<Container<'_>> {
        let Some(spec) = self.pod_spec() else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (key, kind) in [
            ("containers", ContainerKind::Container),
            ("initContainers", ContainerKind::Init),
            ("ephemeralContainers", ContainerKind::Ephemeral),
        ] {
            for (index, node) in spec
                .get(key)
                .map(Node::iter_seq)
                .into_iter()
                .flatten()
                .enumerate()
            {
                if node.as_map().is_some() {
                    out.push(Container { node, kind, index });
                }
            }
        }
        out
    }

    /// A `metadata.annotations` value.
    #[must_use]
    pub fn annotation(&self, key: &str) -> Option<&str> {
        self.node
            .path(&["metadata", "annotations", key])
            .and_then(Node::as_str)
    }

    /// `spec.replicas` when it is a literal integer.
    #[must_use]
    pub fn replicas(&self) -> Option<i64> {
        self.node.path(&["spec", "replicas"]).and_then(Node::as_i64)
    }
}

/// Subtrees no cross-object rule reads, dropped from objects kept for the surface pass
/// (they are most of a workload's tree; keeping them cost ~8× the manifests' size in memory).
/// A surface rule that needs one of these must take it off the list.
const SURFACE_DROP_OBJECT: &[&str] = &["status", "data", "stringData", "binaryData"];
const SURFACE_DROP_METADATA: &[&str] = &["managedFields"];
const SURFACE_DROP_POD: &[&str] = &[
    "affinity",
    "tolerations",
    "nodeSelector",
    "topologySpreadConstraints",
    "securityContext",
    "dnsConfig",
    "hostAliases",
    "readinessGates",
];
const SURFACE_DROP_CONTAINER: &[&str] = &[
    "securityContext",
    "resources",
    "livenessProbe",
    "readinessProbe",
    "startupProbe",
    "lifecycle",
    "command",
    "args",
    "volumeMounts",
    "volumeDevices",
    "workingDir",
    "terminationMessagePath",
    "terminationMessagePolicy",
];

impl Object {
    /// Drop the subtrees that cross-object rules never read (see `SURFACE_DROP_*`); the
    /// engine does this to every object it keeps for the surface pass, fixtures included.
    pub fn prune_for_surface(&mut self) {
        let pod_path: Option<&[&str]> = POD_PATHS
            .iter()
            .find(|(k, _)| *k == self.kind)
            .map(|(_, p)| *p);
        // (tagged nodes — `!Custom {…}` — are left whole)
        let root = &mut self.node;
        retain_keys(root, SURFACE_DROP_OBJECT);
        if let Some(meta) = get_mut(root, "metadata") {
            retain_keys(meta, SURFACE_DROP_METADATA);
        }
        let Some(path) = pod_path else {
            return;
        };
        let mut node = Some(root);
        for key in path {
            node = node.and_then(|n| get_mut(n, key));
        }
        let Some(pod) = node else {
            return;
        };
        retain_keys(pod, SURFACE_DROP_POD);
        for list in ["containers", "initContainers", "ephemeralContainers"] {
            if let Some(Node {
                value: Value::Seq(items),
                ..
            }) = get_mut(pod, list)
            {
                for c in items {
                    retain_keys(c, SURFACE_DROP_CONTAINER);
                }
            }
        }
    }
}

fn get_mut<'a>(node: &'a mut Node, key: &str) -> Option<&'a mut Node> {
    match &mut node.value {
        Value::Map(entries) => entries
            .iter_mut()
            .rev()
            .find(|(k, _)| k.as_str() == Some(key))
            .map(|(_, v)| v),
        _ => None,
    }
}

fn retain_keys(node: &mut Node, drop: &[&str]) {
    if let Value::Map(entries) = &mut node.value {
        entries.retain(|(k, _)| !k.as_str().is_some_and(|k| drop.contains(&k)));
        entries.shrink_to_fit();
    }
}

/// The objects of a parsed manifest file: every document with `apiVersion` and `kind`,
/// `List` kinds expanded into their items. Documents that are not objects are skipped.
#[must_use]
pub fn objects(file: &YamlFile) -> Vec<Object> {
    let mut out = Vec::new();
    for doc in &file.docs {
        collect(&doc.root, doc.index, &mut out, 0);
    }
    out
}

fn collect(node: &Node, doc: usize, out: &mut Vec<Object>, depth: usize) {
    let node = node.untagged();
    let (Some(api_version), Some(kind_node)) = (node.get("apiVersion"), node.get("kind")) else {
        return;
    };
    let (Some(api_version), Some(kind)) = (api_version.as_str(), kind_node.as_str()) else {
        return;
    };
    if kind.ends_with("List") && depth < 4 {
        if let Some(items) = node.get("items") {
            for item in items.iter_seq() {
                collect(item, doc, out, depth + 1);
            }
            return;
        }
    }
    let meta = |key: &str| {
        node.path(&["metadata", key])
            .and_then(Node::as_str)
            .map(str::to_string)
    };
    out.push(Object {
        doc,
        api_version: api_version.to_string(),
        kind: kind.to_string(),
        name: meta("name"),
        namespace: meta("namespace"),
        node: node.clone(),
        kind_span: kind_node.span,
    });
}

/// Whether a YAML document looks like a Kubernetes object (for classification).
#[must_use]
pub fn is_object(node: &Node) -> bool {
    matches!(&node.value, Value::Map(_))
        && node.get("apiVersion").is_some()
        && node.get("kind").is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::yaml;

    #[test]
    fn objects_pod_specs_and_lists() {
        let src = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  replicas: 2\n  template:\n    spec:\n      initContainers:\n        - name: init\n          image: busybox:1.36\n      containers:\n        - name: app\n          image: nginx:1.25\n---\napiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Service\n    metadata:\n      name: web\n---\nnot: k8s\n";
        let file = yaml::parse(src);
        let objs = objects(&file);
        assert_eq!(objs.len(), 2);
        let d = &objs[0];
        assert_eq!(d.id(), "shop/Deployment/web");
        assert_eq!(d.replicas(), Some(2));
        let cs = d.containers();
        assert_eq!(
            cs.iter().map(|c| (c.name(), c.kind)).collect::<Vec<_>>(),
            [
                ("app", ContainerKind::Container),
                ("init", ContainerKind::Init)
            ]
        );
        assert_eq!(&src[d.kind_span.range()], "Deployment");
        assert_eq!(objs[1].kind, "Service");
        assert_eq!(objs[1].doc, 1);
        assert!(objs[1].pod_spec().is_none());
    }
}
