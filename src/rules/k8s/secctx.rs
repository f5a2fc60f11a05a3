//! Effective `securityContext` values: a container-level setting overrides the pod-level
//! `spec.securityContext` one (only for the fields the pod level has: `runAsUser`,
//! `runAsGroup`, `runAsNonRoot`, `seccompProfile`, `seLinuxOptions`, …).

use crate::model::k8s::{Container, Object};
use crate::parse::yaml::Node;

/// Where an effective value was set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Container,
    Pod,
}

/// A container's own `securityContext.<key>`.
#[must_use]
pub fn container_value<'a>(c: &Container<'a>, key: &str) -> Option<&'a Node> {
    c.node
        .path(&["securityContext", key])
        .filter(|n| !n.is_null())
}

/// The pod spec's `securityContext.<key>`.
#[must_use]
pub fn pod_value<'a>(obj: &'a Object, key: &str) -> Option<&'a Node> {
    obj.pod_spec()?
        .path(&["securityContext", key])
        .filter(|n| !n.is_null())
}

/// The value that applies to the container: its own, else the pod's.
#[must_use]
pub fn effective<'a>(obj: &'a Object, c: &Container<'a>, key: &str) -> Option<(&'a Node, Level)> {
    container_value(c, key)
        .map(|n| (n, Level::Container))
        .or_else(|| pod_value(obj, key).map(|n| (n, Level::Pod)))
}

/// A value that is a template or variable (`${X}`, `{{ .X }}`, `$(X)`): unknown, not a violation.
#[must_use]
pub fn is_templated(node: &Node) -> bool {
    node.as_str()
        .is_some_and(|s| s.contains("${") || s.contains("{{") || s.contains("$("))
}

/// `"container \"app\" of Deployment \"web\""`, for messages.
#[must_use]
pub fn describe(obj: &Object, c: &Container<'_>) -> String {
    format!("{} \"{}\" of {}", c.kind.label(), c.name(), obj.describe())
}

/// Logical anchor of a container finding.
#[must_use]
pub fn anchor(obj: &Object, c: &Container<'_>, what: &str) -> String {
    format!("{}:{}:{what}", obj.id(), c.name())
}

/// Whether the pod declares a Windows OS (`spec.os.name: windows`): Linux-only settings
/// (`allowPrivilegeEscalation`, capabilities, seccomp, read-only root) do not apply.
#[must_use]
pub fn is_windows(obj: &Object) -> bool {
    obj.pod_spec()
        .and_then(|s| s.path(&["os", "name"]))
        .and_then(Node::as_str)
        == Some("windows")
}

/// A `metadata.annotations` value of the pod template (the object's own for a Pod).
#[must_use]
pub fn pod_annotation<'a>(obj: &'a Object, key: &str) -> Option<&'a str> {
    let path: &[&str] = match obj.kind.as_str() {
        "Pod" => &["metadata", "annotations"],
        "CronJob" => &[
            "spec",
            "jobTemplate",
            "spec",
            "template",
            "metadata",
            "annotations",
        ],
        _ => &["spec", "template", "metadata", "annotations"],
    };
    obj.node.path(path)?.get(key)?.as_str()
}
