//! docker-compose rules (`DC`). One file per rule; one line per rule in `RULES`.

use super::ComposeRule;

pub mod dc001_image_uses_latest_tag;

/// Every compose rule.
pub static RULES: &[&dyn ComposeRule] = &[&dc001_image_uses_latest_tag::ComposeImageUsesLatestTag];
