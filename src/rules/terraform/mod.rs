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
    &tf012_registry_module_without_version::RegistryModuleWithoutVersion,
    &tf013_module_source_not_pinned::ModuleSourceNotPinned,
    &tf020_provider_hard_coded_credentials::ProviderHardCodedCredentials,
    &tf021_secret_literal_in_resource::SecretLiteralInResource,
    &tf022_secret_variable_not_sensitive::SecretVariableNotSensitive,
    &tf023_secret_variable_with_default::SecretVariableWithDefault,
    &tf024_secret_output_not_sensitive::SecretOutputNotSensitive,
    &tf025_secret_in_tfvars::SecretInTfvars,
    &tf030_admin_port_open_to_world::AdminPortOpenToWorld,
    &tf031_database_port_open_to_world::DatabasePortOpenToWorld,
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
    // --- TF032–TF044, TF054–TF055
    &tf040_s3_bucket_without_public_access_block::S3BucketWithoutPublicAccessBlock,
    &tf041_s3_bucket_public::S3BucketPublic,
    &tf042_s3_bucket_without_encryption::S3BucketWithoutEncryption,
    &tf043_s3_bucket_without_versioning::S3BucketWithoutVersioning,
    &tf044_s3_bucket_without_access_logging::S3BucketWithoutAccessLogging,
    &tf055_stateful_resource_without_prevent_destroy::StatefulResourceWithoutPreventDestroy,
];
