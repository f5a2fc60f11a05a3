//! Dockerfile rules (`DF`). One file per rule; one line per rule in `RULES`.
//!
//! Id ranges: DF001–DF019 base images, user, health, lifecycle, build structure;
//! DF020–DF039 package managers; DF040–DF069 secrets, ADD, shell and instruction hygiene.

use super::DockerRule;

// --- base images, user, health, lifecycle, build structure (DF001–DF019)
pub mod df001_image_uses_latest_tag;

// --- package managers (DF020–DF039)
pub mod df020_apt_get_missing_yes;
pub mod pkg;

// --- secrets, ADD, shell and instruction hygiene (DF040–DF069)

/// Every Dockerfile rule.
pub static RULES: &[&dyn DockerRule] = &[
    // --- DF001–DF019
    &df001_image_uses_latest_tag::ImageUsesLatestTag,
    // --- DF020–DF039
    &df020_apt_get_missing_yes::AptGetMissingYes,

    // --- DF040–DF069
];
