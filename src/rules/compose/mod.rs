//! docker-compose rules (`DC`). One file per rule; one line per rule in `RULES`.

use super::ComposeRule;

pub mod dc001_image_uses_latest_tag;
// --- DC002–DC019
pub mod dc002_privileged_service;
pub mod dc003_host_network;
pub mod dc004_host_pid_or_ipc;
pub mod dc005_docker_socket_mounted;
pub mod dc006_secret_in_environment;
pub mod dc007_healthcheck_missing;
pub mod dc008_depends_on_without_health_condition;
pub mod dc009_restart_policy_missing;
pub mod dc010_resource_limits_missing;
pub mod dc011_database_port_on_all_interfaces;
pub mod dc012_dangerous_capability_added;
pub mod dc013_security_opt_unconfined;
pub mod dc014_build_context_without_dockerignore;
pub mod dc015_no_new_privileges_missing;
pub mod dc016_cpu_limit_missing;
pub mod dc017_read_only_rootfs_missing;
pub mod dc018_port_published_all_interfaces;
pub mod dc019_image_without_digest;
pub mod util;

/// Every compose rule.
pub static RULES: &[&dyn ComposeRule] = &[
    &dc001_image_uses_latest_tag::ComposeImageUsesLatestTag,
    // --- DC002–DC019
    &dc002_privileged_service::ComposePrivilegedService,
    &dc003_host_network::ComposeHostNetwork,
    &dc004_host_pid_or_ipc::ComposeHostPidOrIpc,
    &dc005_docker_socket_mounted::ComposeDockerSocketMounted,
    &dc006_secret_in_environment::ComposeSecretInEnvironment,
    &dc007_healthcheck_missing::ComposeHealthcheckMissing,
    &dc008_depends_on_without_health_condition::ComposeDependsOnWithoutHealthCondition,
    &dc009_restart_policy_missing::ComposeRestartPolicyMissing,
    &dc010_resource_limits_missing::ComposeResourceLimitsMissing,
    &dc011_database_port_on_all_interfaces::ComposeDatabasePortOnAllInterfaces,
    &dc012_dangerous_capability_added::ComposeDangerousCapabilityAdded,
    &dc013_security_opt_unconfined::ComposeSecurityOptUnconfined,
    &dc014_build_context_without_dockerignore::ComposeBuildContextWithoutDockerignore,
    &dc015_no_new_privileges_missing::ComposeNoNewPrivilegesMissing,
    &dc016_cpu_limit_missing::ComposeCpuLimitMissing,
    &dc017_read_only_rootfs_missing::ComposeReadOnlyRootfsMissing,
    &dc018_port_published_all_interfaces::ComposePortPublishedAllInterfaces,
    &dc019_image_without_digest::ComposeImageWithoutDigest,
];
