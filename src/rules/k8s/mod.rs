//! Kubernetes rules (`K8S`). One file per rule; one line per rule in `RULES`.

use super::K8sRule;

pub mod k8s001_privileged_container;

/// Every Kubernetes rule.
pub static RULES: &[&dyn K8sRule] = &[&k8s001_privileged_container::PrivilegedContainer];
