//! Kubernetes rules (`K8S`). One file per rule; one line per rule in `RULES`.

use super::{K8sRule, K8sSurfaceRule};

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
// --- K8S020–K8S039
pub mod k8s020_cpu_request_missing;
pub mod k8s021_memory_request_missing;
pub mod k8s022_cpu_limit_missing;
pub mod k8s023_memory_limit_missing;
pub mod k8s024_liveness_probe_missing;
pub mod k8s025_readiness_probe_missing;
pub mod k8s026_liveness_same_as_readiness;
pub mod k8s027_probe_port_not_declared;
pub mod k8s028_container_image_uses_latest_tag;
pub mod k8s029_image_pull_policy_inconsistent;
pub mod k8s030_secret_in_env_value;
pub mod k8s031_object_in_default_namespace;
pub mod k8s032_deprecated_api_version;
pub mod k8s033_image_without_digest;
pub mod k8s034_liveness_delay_without_startup_probe;
pub mod k8s035_run_as_user_low_uid;
pub mod workload;
// --- K8S040–K8S069
pub mod k8s040_single_replica_workload;
pub mod k8s041_rolling_update_allows_unavailability;
pub mod k8s042_graceful_shutdown_missing;
pub mod k8s043_database_as_deployment;
pub mod k8s044_statefulset_without_volume_claims;
pub mod k8s045_cronjob_concurrency_policy_missing;
pub mod k8s046_cronjob_starting_deadline_missing;
pub mod k8s047_cronjob_history_limit_unsuitable;
pub mod k8s048_job_without_deadline_or_backoff;
pub mod k8s049_secret_object_with_data;
pub mod k8s050_rbac_wildcard;
pub mod k8s051_binding_to_cluster_admin;
pub mod k8s052_default_service_account_used;
pub mod k8s053_service_type_exposes_node;
pub mod k8s054_ingress_without_tls;
pub mod k8s055_replicas_not_spread;
pub mod reliability;
// --- K8S070–K8S089
pub mod k8s070_service_selects_nothing;
pub mod k8s071_pdb_selects_nothing;
pub mod k8s072_hpa_target_missing;
pub mod k8s073_networkpolicy_selects_nothing;
pub mod k8s074_ingress_backend_missing;
pub mod k8s075_workload_without_pdb;
pub mod k8s076_namespace_without_network_policy;
pub mod k8s077_missing_referenced_config;
pub mod k8s078_service_target_port_not_exposed;
pub mod k8s079_progressive_delivery_target_missing;
pub mod surface;

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
    // --- K8S020–K8S039
    &k8s020_cpu_request_missing::CpuRequestMissing,
    &k8s021_memory_request_missing::MemoryRequestMissing,
    &k8s022_cpu_limit_missing::CpuLimitMissing,
    &k8s023_memory_limit_missing::MemoryLimitMissing,
    &k8s024_liveness_probe_missing::LivenessProbeMissing,
    &k8s025_readiness_probe_missing::ReadinessProbeMissing,
    &k8s026_liveness_same_as_readiness::LivenessSameAsReadiness,
    &k8s027_probe_port_not_declared::ProbePortNotDeclared,
    &k8s028_container_image_uses_latest_tag::ContainerImageUsesLatestTag,
    &k8s029_image_pull_policy_inconsistent::ImagePullPolicyInconsistent,
    &k8s030_secret_in_env_value::SecretInEnvValue,
    &k8s031_object_in_default_namespace::ObjectInDefaultNamespace,
    &k8s032_deprecated_api_version::DeprecatedApiVersion,
    &k8s033_image_without_digest::ImageWithoutDigest,
    &k8s034_liveness_delay_without_startup_probe::LivenessDelayWithoutStartupProbe,
    &k8s035_run_as_user_low_uid::RunAsUserLowUid,
    // --- K8S040–K8S069
    &k8s040_single_replica_workload::SingleReplicaWorkload,
    &k8s041_rolling_update_allows_unavailability::RollingUpdateAllowsUnavailability,
    &k8s042_graceful_shutdown_missing::GracefulShutdownMissing,
    &k8s043_database_as_deployment::DatabaseAsDeployment,
    &k8s044_statefulset_without_volume_claims::StatefulsetWithoutVolumeClaims,
    &k8s045_cronjob_concurrency_policy_missing::CronjobConcurrencyPolicyMissing,
    &k8s046_cronjob_starting_deadline_missing::CronjobStartingDeadlineMissing,
    &k8s047_cronjob_history_limit_unsuitable::CronjobHistoryLimitUnsuitable,
    &k8s048_job_without_deadline_or_backoff::JobWithoutDeadlineOrBackoff,
    &k8s049_secret_object_with_data::SecretObjectWithData,
    &k8s050_rbac_wildcard::RbacWildcard,
    &k8s051_binding_to_cluster_admin::BindingToClusterAdmin,
    &k8s052_default_service_account_used::DefaultServiceAccountUsed,
    &k8s053_service_type_exposes_node::ServiceTypeExposesNode,
    &k8s054_ingress_without_tls::IngressWithoutTls,
    &k8s055_replicas_not_spread::ReplicasNotSpread,
];

// --- K8S070–K8S089
/// Kubernetes rules over all objects of a scan (cross-object checks).
pub static SURFACE_RULES: &[&dyn K8sSurfaceRule] = &[
    &k8s070_service_selects_nothing::ServiceSelectsNothing,
    &k8s071_pdb_selects_nothing::PdbSelectsNothing,
    &k8s072_hpa_target_missing::HpaTargetMissing,
    &k8s073_networkpolicy_selects_nothing::NetworkpolicySelectsNothing,
    &k8s074_ingress_backend_missing::IngressBackendMissing,
    &k8s075_workload_without_pdb::WorkloadWithoutPdb,
    &k8s076_namespace_without_network_policy::NamespaceWithoutNetworkPolicy,
    &k8s077_missing_referenced_config::MissingReferencedConfig,
    &k8s078_service_target_port_not_exposed::ServiceTargetPortNotExposed,
    &k8s079_progressive_delivery_target_missing::ProgressiveDeliveryTargetMissing,
];
