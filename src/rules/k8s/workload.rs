//! Helpers shared by the K8S020–K8S039 rules: long-running workloads, container labels,
//! template detection and structural comparison of YAML nodes.

use crate::model::k8s::{Container, Object};
use crate::parse::yaml::{Node, Value};

/// A value still to be filled in by a templating tool (`{{ .Values.x }}`, `${X}`).
#[must_use]
pub fn is_template(s: &str) -> bool {
    s.contains("{{") || s.contains("${")
}

/// `container "app" of Deployment "web"`, for messages.
#[must_use]
pub fn label(obj: &Object, c: &Container<'_>) -> String {
    format!("{} \"{}\" of {}", c.kind.label(), c.name(), obj.describe())
}

/// Fingerprint anchor for a container finding.
#[must_use]
pub fn anchor(obj: &Object, c: &Container<'_>, what: &str) -> String {
    format!("{}:{}:{what}", obj.id(), c.name())
}

/// Whether the workload's pods are meant to keep running (not a Job, CronJob, or a bare
/// Pod with `restartPolicy: Never/OnFailure`).
#[must_use]
pub fn is_long_running(obj: &Object) -> bool {
    if !obj.is_workload() || matches!(obj.kind.as_str(), "Job" | "CronJob") {
        return false;
    }
    let policy = obj
        .pod_spec()
        .and_then(|s| s.get("restartPolicy"))
        .and_then(Node::as_str);
    !matches!(policy, Some("Never" | "OnFailure"))
}

/// Whether `resources.<section>.<resource>` is set on a container: `Some(true)` set,
/// `Some(false)` missing, `None` unknown (the section is a template or not a mapping).
#[must_use]
pub fn resource_set(c: &Container<'_>, section: &str, resource: &str) -> Option<bool> {
    let Some(resources) = c.node.get("resources") else {
        return Some(false);
    };
    if resources.is_null() {
        return Some(false);
    }
    resources.as_map()?;
    let Some(sec) = resources.get(section) else {
        return Some(false);
    };
    if sec.is_null() {
        return Some(false);
    }
    sec.as_map()?;
    Some(sec.get(resource).is_some_and(|v| !v.is_null()))
}

/// Shared body of the four resource rules: report `what` when `section.resource` is
/// missing. A missing request is not reported when the limit is set (the request then
/// defaults to the limit). Ephemeral containers cannot set resources.
pub fn report_missing_resource(
    meta: &'static crate::rules::RuleMeta,
    obj: &Object,
    c: &Container<'_>,
    section: &str,
    resource: &str,
    what: &str,
    out: &mut Vec<crate::finding::Diagnostic>,
) {
    if c.kind == crate::model::k8s::ContainerKind::Ephemeral {
        return;
    }
    if resource_set(c, section, resource) != Some(false) {
        return;
    }
    if section == "requests" && resource_set(c, "limits", resource) != Some(false) {
        return;
    }
    out.push(
        crate::finding::Diagnostic::new(
            meta,
            c.anchor_span(),
            format!("{} has no {what}", label(obj, c)),
        )
        .anchor(anchor(obj, c, &format!("{section}.{resource}"))),
    );
}

/// Whether two nodes hold the same data, ignoring spans, styles and aliases.
#[must_use]
pub fn same_value(a: &Node, b: &Node) -> bool {
    match (&a.value, &b.value) {
        (Value::Null, Value::Null) => true,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Int(x), Value::Int(y)) => x == y,
        (Value::Float(x), Value::Float(y)) => x.to_bits() == y.to_bits(),
        (Value::Str(x), Value::Str(y)) => x == y,
        (Value::Seq(x), Value::Seq(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same_value(p, q))
        }
        (Value::Map(x), Value::Map(y)) => {
            x.len() == y.len()
                && x.iter().all(|(k, v)| {
                    y.iter()
                        .any(|(k2, v2)| same_value(k, k2) && same_value(v, v2))
                })
        }
        (Value::Tagged(t, x), Value::Tagged(u, y)) => t == u && same_value(x, y),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::yaml;

    #[test]
    fn same_value_ignores_layout() {
        let f =
            yaml::parse("a: {x: 1, y: [p, q]}\nb:\n  y:\n    - p\n    - q\n  x: 1\nc: {x: 2}\n");
        let root = &f.docs[0].root;
        let (a, b, c) = (
            root.get("a").unwrap(),
            root.get("b").unwrap(),
            root.get("c").unwrap(),
        );
        assert!(same_value(a, b));
        assert!(!same_value(a, c));
        assert!(is_template("{{ .Values.image }}"));
        assert!(!is_template("nginx:1.25"));
    }
}
