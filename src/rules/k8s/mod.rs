//! Kubernetes rules (`K8S`). One file per rule; one line per rule in `RULES`.

use super::K8sRule;

pub mod k8s001_privileged_container;
// --- K8S002–K8S019
pub mod k8s002_privilege_escalation_allowed;
pub mod k8s003_container_may_run_as_root;
pub mod k8s004_writable_root_filesystem;
pub mod secctx;

/// Every Kubernetes rule.
pub static RULES: &[&dyn K8sRule] = &[
    &k8s001_privileged_container::PrivilegedContainer,
    // --- K8S002–K8S019
    &k8s002_privilege_escalation_allowed::PrivilegeEscalationAllowed,
    &k8s003_container_may_run_as_root::ContainerMayRunAsRoot,
    &k8s004_writable_root_filesystem::WritableRootFilesystem,
];
