//! Dockerfile rules (`DF`). One file per rule; one line per rule in `RULES`.
//!
//! Id ranges: DF001–DF019 base images, user, health, lifecycle, build structure;
//! DF020–DF039 package managers; DF040–DF069 secrets, ADD, shell and instruction hygiene.

use super::DockerRule;

// --- base images, user, health, lifecycle, build structure (DF001–DF019)
pub mod df001_image_uses_latest_tag;

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

/// Every Dockerfile rule.
pub static RULES: &[&dyn DockerRule] = &[
    // --- DF001–DF019
    &df001_image_uses_latest_tag::ImageUsesLatestTag,
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
];
