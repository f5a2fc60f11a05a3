//! Terraform rules (`TF`). One file per rule; one line per rule in `RULES` (per file) or
//! `MODULE_RULES` (over all Terraform files of a scan, grouped into modules).

use super::{TerraformModuleRule, TerraformRule};

pub mod util;
// --- TF001–TF009: state and environments
pub mod tf001_root_module_without_backend;
pub mod tf002_s3_backend_without_locking;
pub mod tf003_environments_share_backend_state;
pub mod tf004_state_file_committed;
pub mod tf005_lock_file_missing;
pub mod tf006_terraform_dir_committed;
// --- TF010–TF019: versions
pub mod tf010_required_version_missing;
pub mod tf011_provider_version_unconstrained;
pub mod tf012_registry_module_without_version;
pub mod tf013_module_source_not_pinned;
// --- TF020–TF029: secrets
pub mod tf020_provider_hard_coded_credentials;
pub mod tf021_secret_literal_in_resource;
pub mod tf022_secret_variable_not_sensitive;
pub mod tf023_secret_variable_with_default;
pub mod tf024_secret_output_not_sensitive;
pub mod tf025_secret_in_tfvars;
// --- TF030–TF039: network
pub mod sg;
pub mod tf030_admin_port_open_to_world;
pub mod tf031_database_port_open_to_world;
// --- TF045–TF053, TF060–TF066: AWS data stores and compute (module rules: values resolved)
pub mod aws_data;
pub mod tf045_rds_publicly_accessible;
pub mod tf046_rds_storage_unencrypted;
pub mod tf047_rds_backups_disabled;
pub mod tf048_rds_deletion_protection_disabled;
pub mod tf049_rds_skip_final_snapshot;
pub mod tf050_rds_single_az;
pub mod tf051_dynamodb_pitr_disabled;
pub mod tf052_ebs_efs_unencrypted;
pub mod tf053_elasticache_unencrypted;
pub mod tf060_imdsv1_allowed;
pub mod tf061_instance_public_ip;
pub mod tf062_eks_public_endpoint_open;
pub mod tf063_eks_control_plane_logging_disabled;
pub mod tf064_eks_secrets_unencrypted;
pub mod tf065_ecr_mutable_tags;
pub mod tf066_ecr_scan_on_push_disabled;
// --- end TF045–TF066 modules
// --- TF070–TF099: identity, observability and edge, GCP/Azure basics
pub mod iam_obs;
pub mod tf070_iam_policy_allows_full_admin;
pub mod tf071_iam_pass_role_on_any_role;
pub mod tf072_iam_policy_attached_to_user;
pub mod tf073_gcp_primitive_role_granted;
pub mod tf074_azure_owner_at_subscription_scope;
pub mod tf080_log_group_without_retention;
pub mod tf081_load_balancer_without_access_logs;
pub mod tf082_http_listener_without_https_redirect;
pub mod tf083_listener_outdated_tls_policy;
pub mod tf090_gcs_bucket_public;
pub mod tf091_gcs_bucket_without_uniform_access;
pub mod tf092_cloud_sql_open_to_world;
pub mod tf093_cloud_sql_without_ssl_required;
pub mod tf094_cloud_sql_without_backups;
pub mod tf095_gke_legacy_abac_enabled;
pub mod tf096_gke_without_network_policy;
pub mod tf097_azure_storage_insecure_transport;
pub mod tf098_key_vault_without_purge_protection;
pub mod tf099_azure_storage_public_blob_access;
// --- end TF070–TF099 modules
// --- TF032–TF044, TF054–TF055: network (GCP, Azure, egress, defaults), S3, KMS, lifecycle
pub mod aws_s3;
pub mod tf032_all_egress_open_to_world;
pub mod tf033_default_network_resources_used;
pub mod tf034_gcp_firewall_admin_port_open_to_world;
pub mod tf035_azure_nsg_admin_port_open_to_world;
pub mod tf040_s3_bucket_without_public_access_block;
pub mod tf041_s3_bucket_public;
pub mod tf042_s3_bucket_without_encryption;
pub mod tf043_s3_bucket_without_versioning;
pub mod tf044_s3_bucket_without_access_logging;
pub mod tf054_kms_key_rotation_disabled;
pub mod tf055_stateful_resource_without_prevent_destroy;

/// Every per-file Terraform rule.
pub static RULES: &[&dyn TerraformRule] = &[
    &tf002_s3_backend_without_locking::S3BackendWithoutLocking,
    &tf004_state_file_committed::StateFileCommitted,
    &tf006_terraform_dir_committed::TerraformDirCommitted,
    &tf012_registry_module_without_version::RegistryModuleWithoutVersion,
    &tf013_module_source_not_pinned::ModuleSourceNotPinned,
    &tf020_provider_hard_coded_credentials::ProviderHardCodedCredentials,
    &tf021_secret_literal_in_resource::SecretLiteralInResource,
    &tf022_secret_variable_not_sensitive::SecretVariableNotSensitive,
    &tf023_secret_variable_with_default::SecretVariableWithDefault,
    &tf024_secret_output_not_sensitive::SecretOutputNotSensitive,
    &tf025_secret_in_tfvars::SecretInTfvars,
    // --- TF070–TF099: identity, observability and edge, GCP/Azure basics
    &tf070_iam_policy_allows_full_admin::IamPolicyAllowsFullAdmin,
    &tf071_iam_pass_role_on_any_role::IamPassRoleOnAnyRole,
    &tf072_iam_policy_attached_to_user::IamPolicyAttachedToUser,
    &tf073_gcp_primitive_role_granted::GcpPrimitiveRoleGranted,
    &tf074_azure_owner_at_subscription_scope::AzureOwnerAtSubscriptionScope,
    &tf080_log_group_without_retention::LogGroupWithoutRetention,
    &tf081_load_balancer_without_access_logs::LoadBalancerWithoutAccessLogs,
    &tf082_http_listener_without_https_redirect::HttpListenerWithoutHttpsRedirect,
    &tf083_listener_outdated_tls_policy::ListenerOutdatedTlsPolicy,
    &tf090_gcs_bucket_public::GcsBucketPublic,
    &tf091_gcs_bucket_without_uniform_access::GcsBucketWithoutUniformAccess,
    &tf092_cloud_sql_open_to_world::CloudSqlOpenToWorld,
    &tf093_cloud_sql_without_ssl_required::CloudSqlWithoutSslRequired,
    &tf094_cloud_sql_without_backups::CloudSqlWithoutBackups,
    &tf095_gke_legacy_abac_enabled::GkeLegacyAbacEnabled,
    &tf096_gke_without_network_policy::GkeWithoutNetworkPolicy,
    &tf097_azure_storage_insecure_transport::AzureStorageInsecureTransport,
    &tf098_key_vault_without_purge_protection::KeyVaultWithoutPurgeProtection,
    &tf099_azure_storage_public_blob_access::AzureStoragePublicBlobAccess,
    // --- end TF070–TF099
    // --- TF032–TF044, TF054–TF055
    &tf032_all_egress_open_to_world::AllEgressOpenToWorld,
    &tf033_default_network_resources_used::DefaultNetworkResourcesUsed,
    &tf034_gcp_firewall_admin_port_open_to_world::GcpFirewallAdminPortOpenToWorld,
    &tf035_azure_nsg_admin_port_open_to_world::AzureNsgAdminPortOpenToWorld,
    &tf054_kms_key_rotation_disabled::KmsKeyRotationDisabled,
];

/// Every Terraform rule over the whole scan.
pub static MODULE_RULES: &[&dyn TerraformModuleRule] = &[
    &tf001_root_module_without_backend::RootModuleWithoutBackend,
    &tf003_environments_share_backend_state::EnvironmentsShareBackendState,
    &tf005_lock_file_missing::LockFileMissing,
    &tf010_required_version_missing::RequiredVersionMissing,
    &tf011_provider_version_unconstrained::ProviderVersionUnconstrained,
    // TF030, TF031: module rules so that CIDRs and ports resolve through variable defaults
    &tf030_admin_port_open_to_world::AdminPortOpenToWorld,
    &tf031_database_port_open_to_world::DatabasePortOpenToWorld,
    // --- TF045–TF053, TF060–TF066
    &tf045_rds_publicly_accessible::RdsPubliclyAccessible,
    &tf046_rds_storage_unencrypted::RdsStorageUnencrypted,
    &tf047_rds_backups_disabled::RdsBackupsDisabled,
    &tf048_rds_deletion_protection_disabled::RdsDeletionProtectionDisabled,
    &tf049_rds_skip_final_snapshot::RdsSkipFinalSnapshot,
    &tf050_rds_single_az::RdsSingleAz,
    &tf051_dynamodb_pitr_disabled::DynamodbPitrDisabled,
    &tf052_ebs_efs_unencrypted::EbsEfsUnencrypted,
    &tf053_elasticache_unencrypted::ElasticacheUnencrypted,
    &tf060_imdsv1_allowed::Imdsv1Allowed,
    &tf061_instance_public_ip::InstancePublicIp,
    &tf062_eks_public_endpoint_open::EksPublicEndpointOpen,
    &tf063_eks_control_plane_logging_disabled::EksControlPlaneLoggingDisabled,
    &tf064_eks_secrets_unencrypted::EksSecretsUnencrypted,
    &tf065_ecr_mutable_tags::EcrMutableTags,
    &tf066_ecr_scan_on_push_disabled::EcrScanOnPushDisabled,
    // --- end TF045–TF066
    // --- TF032–TF044, TF054–TF055
    &tf040_s3_bucket_without_public_access_block::S3BucketWithoutPublicAccessBlock,
    &tf041_s3_bucket_public::S3BucketPublic,
    &tf042_s3_bucket_without_encryption::S3BucketWithoutEncryption,
    &tf043_s3_bucket_without_versioning::S3BucketWithoutVersioning,
    &tf044_s3_bucket_without_access_logging::S3BucketWithoutAccessLogging,
    &tf055_stateful_resource_without_prevent_destroy::StatefulResourceWithoutPreventDestroy,
];
