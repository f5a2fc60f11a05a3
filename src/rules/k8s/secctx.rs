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
