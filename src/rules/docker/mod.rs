//! Dockerfile rules (`DF`). One file per rule; one line per rule in `RULES`.
//!
//! Id ranges: DF001–DF019 base images, user, health, lifecycle, build structure;
//! DF020–DF039 package managers; DF040–DF069 secrets, ADD, shell and instruction hygiene.

use super::DockerRule;

// --- base images, user, health, lifecycle, build structure (DF001–DF019)
pub mod df001_image_uses_latest_tag;
pub mod df002_image_not_pinned_by_digest;
pub mod df003_full_size_base_image;
pub mod df004_hard_coded_platform;
pub mod df005_container_runs_as_root;
pub mod df006_useradd_high_uid_without_no_log_init;
pub mod df007_missing_healthcheck;
pub mod df008_multiple_healthchecks;
pub mod df009_shell_form_cmd_entrypoint;
pub mod df010_multiple_cmd;
pub mod df011_multiple_entrypoint;
pub mod df012_multiple_processes_per_container;
pub mod df013_build_in_final_stage;
pub mod df014_copy_from_unknown_stage;
pub mod df015_copy_from_own_stage;
pub mod df016_duplicate_stage_alias;
pub mod df017_missing_dockerignore;
pub mod df018_non_numeric_user;
pub mod stage_util;

// --- package managers (DF020–DF039)
pub mod df020_apt_get_missing_yes;
pub mod df021_apt_get_install_recommends;
pub mod df022_apt_lists_not_removed;
pub mod df023_apt_used_in_script;
pub mod df024_package_upgrade_in_build;
pub mod df025_apt_get_install_unpinned;
pub mod df026_package_index_update_alone;
pub mod df027_apk_add_missing_no_cache;
pub mod df028_apk_add_unpinned;
pub mod df029_pip_install_missing_no_cache_dir;
pub mod df030_pip_install_unpinned;
pub mod df031_npm_install_unpinned;
pub mod df032_gem_install_unpinned;
pub mod df033_go_install_unpinned;
pub mod df034_rpm_install_missing_yes;
pub mod df035_rpm_cache_not_cleaned;
pub mod df036_rpm_install_unpinned;
pub mod pkg;

// --- secrets, ADD, shell and instruction hygiene (DF040–DF069)
pub mod df040_secret_in_env_or_arg;
pub mod df041_secret_build_arg;
pub mod df042_secret_file_copied_into_image;
pub mod df043_add_instead_of_copy;
pub mod df044_add_remote_without_checksum;
pub mod df045_sudo_in_run;
pub mod df046_cd_instead_of_workdir;
pub mod df047_pipe_without_pipefail;
pub mod df048_remote_script_piped_to_shell;
pub mod df049_curl_and_wget_both_used;
pub mod df050_world_writable_permissions;
pub mod df051_debian_frontend_in_env;
pub mod df052_relative_workdir;
pub mod df053_invalid_expose_port;
pub mod df054_ssh_port_exposed;
pub mod df055_maintainer_deprecated;
pub mod df056_multi_source_copy_dest_not_dir;
pub mod df057_env_same_instruction_reference;
pub mod df058_relative_copy_without_workdir;
pub mod df059_consecutive_run_instructions;
pub mod df060_yarn_cache_not_cleaned;
pub mod df061_shell_replaced_via_symlink;
pub mod shell_util;

/// Every Dockerfile rule.
pub static RULES: &[&dyn DockerRule] = &[
    // --- DF001–DF019
    &df001_image_uses_latest_tag::ImageUsesLatestTag,
    &df002_image_not_pinned_by_digest::ImageNotPinnedByDigest,
    &df003_full_size_base_image::FullSizeBaseImage,
    &df004_hard_coded_platform::HardCodedFromPlatform,
    &df005_container_runs_as_root::ContainerRunsAsRoot,
    &df006_useradd_high_uid_without_no_log_init::UseraddHighUidWithoutNoLogInit,
    &df007_missing_healthcheck::MissingHealthcheck,
    &df008_multiple_healthchecks::MultipleHealthchecks,
    &df009_shell_form_cmd_entrypoint::ShellFormCmdEntrypoint,
    &df010_multiple_cmd::MultipleCmd,
    &df011_multiple_entrypoint::MultipleEntrypoint,
    &df012_multiple_processes_per_container::MultipleProcessesPerContainer,
    &df013_build_in_final_stage::BuildInFinalStage,
    &df014_copy_from_unknown_stage::CopyFromUnknownStage,
    &df015_copy_from_own_stage::CopyFromOwnStage,
    &df016_duplicate_stage_alias::DuplicateStageAlias,
    &df017_missing_dockerignore::MissingDockerignore,
    &df018_non_numeric_user::NonNumericUser,
    // --- DF020–DF039
    &df020_apt_get_missing_yes::AptGetMissingYes,
    &df021_apt_get_install_recommends::AptGetInstallRecommends,
    &df022_apt_lists_not_removed::AptListsNotRemoved,
    &df023_apt_used_in_script::AptUsedInScript,
    &df024_package_upgrade_in_build::PackageUpgradeInBuild,
    &df025_apt_get_install_unpinned::AptGetInstallUnpinned,
    &df026_package_index_update_alone::PackageIndexUpdateAlone,
    &df027_apk_add_missing_no_cache::ApkAddMissingNoCache,
    &df028_apk_add_unpinned::ApkAddUnpinned,
    &df029_pip_install_missing_no_cache_dir::PipInstallMissingNoCacheDir,
    &df030_pip_install_unpinned::PipInstallUnpinned,
    &df031_npm_install_unpinned::NpmInstallUnpinned,
    &df032_gem_install_unpinned::GemInstallUnpinned,
    &df033_go_install_unpinned::GoInstallUnpinned,
    &df034_rpm_install_missing_yes::RpmInstallMissingYes,
    &df035_rpm_cache_not_cleaned::RpmCacheNotCleaned,
    &df036_rpm_install_unpinned::RpmInstallUnpinned,
    // --- DF040–DF069
    &df040_secret_in_env_or_arg::SecretInEnvOrArg,
    &df041_secret_build_arg::SecretBuildArg,
    &df042_secret_file_copied_into_image::SecretFileCopiedIntoImage,
    &df043_add_instead_of_copy::AddInsteadOfCopy,
    &df044_add_remote_without_checksum::AddRemoteWithoutChecksum,
    &df045_sudo_in_run::SudoInRun,
    &df046_cd_instead_of_workdir::CdInsteadOfWorkdir,
    &df047_pipe_without_pipefail::PipeWithoutPipefail,
    &df048_remote_script_piped_to_shell::RemoteScriptPipedToShell,
    &df049_curl_and_wget_both_used::CurlAndWgetBothUsed,
    &df050_world_writable_permissions::WorldWritablePermissions,
    &df051_debian_frontend_in_env::DebianFrontendInEnv,
    &df052_relative_workdir::RelativeWorkdir,
    &df053_invalid_expose_port::InvalidExposePort,
    &df054_ssh_port_exposed::SshPortExposed,
    &df055_maintainer_deprecated::MaintainerDeprecated,
    &df056_multi_source_copy_dest_not_dir::MultiSourceCopyDestNotDir,
    &df057_env_same_instruction_reference::EnvSameInstructionReference,
    &df058_relative_copy_without_workdir::RelativeCopyWithoutWorkdir,
    &df059_consecutive_run_instructions::ConsecutiveRunInstructions,
    &df060_yarn_cache_not_cleaned::YarnCacheNotCleaned,
    &df061_shell_replaced_via_symlink::ShellReplacedViaSymlink,
];
