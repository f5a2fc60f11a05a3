//! CI/CD pipeline rules (`CI`): GitHub Actions and GitLab CI. One file per rule; one line per
//! rule in `RULES`.

use super::CiRule;

pub mod ci001_action_not_pinned_to_sha;
pub mod ci002_ci_image_unpinned;
pub mod ci003_gitlab_include_unpinned;
pub mod ci004_ci_remote_script_piped_to_shell;
pub mod ci005_dependency_install_without_lock;
pub mod ci006_dependency_cache_missing;
pub mod ci008_artifacts_without_expiry;
pub mod ci009_ci_container_privileged;
pub mod ci010_workflow_permissions_undeclared;
pub mod ci011_workflow_permissions_too_broad;
pub mod ci012_checkout_credentials_persisted;
pub mod ci013_ci_secret_literal;
pub mod ci014_ci_secret_echoed;
pub mod ci015_secrets_inherited;
pub mod ci016_insecure_commands_enabled;
pub mod ci020_untrusted_input_in_script;
pub mod ci021_privileged_trigger_checks_out_pr_head;
pub mod ci022_self_hosted_runner_on_public_trigger;
pub mod ci023_gitlab_untrusted_variable_unquoted;
pub mod ci024_needs_unknown_job;
pub mod ci025_input_interpolated_into_script;
pub mod ci026_step_reference_unknown;
pub mod ci027_secret_on_command_line;
pub mod ci030_deploy_without_test_gate;
pub mod ci031_deploy_without_scan_gate;
pub mod ci032_scan_cannot_fail;
pub mod ci033_test_failures_ignored;
pub mod ci034_production_deploy_without_approval;
pub mod ci035_job_timeout_missing;
pub mod ci036_deploy_concurrency_missing;
pub mod ci037_deploy_runs_when_always;
pub mod ci038_production_deploy_without_staging;
pub mod ci039_rollback_path_missing;
pub mod ci040_stages_out_of_order;
pub mod ci041_deploy_without_environment;
pub mod ci042_cache_poisoning;
pub mod gates;
pub mod util;

/// Every CI rule.
pub static RULES: &[&dyn CiRule] = &[
    &ci001_action_not_pinned_to_sha::ActionNotPinnedToSha,
    &ci002_ci_image_unpinned::CiImageUnpinned,
    &ci003_gitlab_include_unpinned::GitlabIncludeUnpinned,
    &ci004_ci_remote_script_piped_to_shell::CiRemoteScriptPipedToShell,
    &ci005_dependency_install_without_lock::DependencyInstallWithoutLock,
    &ci006_dependency_cache_missing::DependencyCacheMissing,
    &ci008_artifacts_without_expiry::ArtifactsWithoutExpiry,
    &ci009_ci_container_privileged::CiContainerPrivileged,
    &ci010_workflow_permissions_undeclared::WorkflowPermissionsUndeclared,
    &ci011_workflow_permissions_too_broad::WorkflowPermissionsTooBroad,
    &ci012_checkout_credentials_persisted::CheckoutCredentialsPersisted,
    &ci013_ci_secret_literal::CiSecretLiteral,
    &ci014_ci_secret_echoed::CiSecretEchoed,
    &ci015_secrets_inherited::SecretsInherited,
    &ci016_insecure_commands_enabled::InsecureCommandsEnabled,
    &ci020_untrusted_input_in_script::UntrustedInputInScript,
    &ci021_privileged_trigger_checks_out_pr_head::PrivilegedTriggerChecksOutPrHead,
    &ci022_self_hosted_runner_on_public_trigger::SelfHostedRunnerOnPublicTrigger,
    &ci023_gitlab_untrusted_variable_unquoted::GitlabUntrustedVariableUnquoted,
    &ci024_needs_unknown_job::NeedsUnknownJob,
    &ci025_input_interpolated_into_script::InputInterpolatedIntoScript,
    &ci026_step_reference_unknown::StepReferenceUnknown,
    &ci027_secret_on_command_line::SecretOnCommandLine,
    &ci030_deploy_without_test_gate::DeployWithoutTestGate,
    &ci031_deploy_without_scan_gate::DeployWithoutScanGate,
    &ci032_scan_cannot_fail::ScanCannotFail,
    &ci033_test_failures_ignored::TestFailuresIgnored,
    &ci034_production_deploy_without_approval::ProductionDeployWithoutApproval,
    &ci035_job_timeout_missing::JobTimeoutMissing,
    &ci036_deploy_concurrency_missing::DeployConcurrencyMissing,
    &ci037_deploy_runs_when_always::DeployRunsWhenAlways,
    &ci038_production_deploy_without_staging::ProductionDeployWithoutStaging,
    &ci039_rollback_path_missing::RollbackPathMissing,
    &ci040_stages_out_of_order::StagesOutOfOrder,
    &ci041_deploy_without_environment::DeployWithoutEnvironment,
    &ci042_cache_poisoning::CachePoisoning,
];
