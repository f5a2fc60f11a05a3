//! Kubernetes rules (`K8S`). One file per rule; one line per rule in `RULES`.

use super::K8sRule;

pub mod k8s001_privileged_container;
// --- K8S002–K8S019
pub mod k8s002_privilege_escalation_allowed;
pub mod k8s003_container_may_run_as_root;
pub mod k8s004_writable_root_filesystem;
pub mod k8s005_capabilities_not_dropped;
pub mod k8s006_dangerous_capability_added;
pub mod k8s007_seccomp_profile_missing;
pub mod k8s008_host_namespace_shared;
pub mod k8s009_host_path_volume;
pub mod k8s010_runtime_socket_mounted;
pub mod k8s011_host_port_used;
pub mod k8s012_service_account_token_automounted;
pub mod secctx;

/// Every Kubernetes rule.
pub static RULES: &[&dyn K8sRule] = &[
    &k8s001_privileged_container::PrivilegedContainer,
    // --- K8S002–K8S019
    &k8s002_privilege_escalation_allowed::PrivilegeEscalationAllowed,
    &k8s003_container_may_run_as_root::ContainerMayRunAsRoot,
    &k8s004_writable_root_filesystem::WritableRootFilesystem,
    &k8s005_capabilities_not_dropped::CapabilitiesNotDropped,
    &k8s006_dangerous_capability_added::DangerousCapabilityAdded,
    &k8s007_seccomp_profile_missing::SeccompProfileMissing,
    &k8s008_host_namespace_shared::HostNamespaceShared,
    &k8s009_host_path_volume::HostPathVolume,
    &k8s010_runtime_socket_mounted::RuntimeSocketMounted,
    &k8s011_host_port_used::HostPortUsed,
    &k8s012_service_account_token_automounted::ServiceAccountTokenAutomounted,
];
