//! CI/CD pipeline rules (`CI`): GitHub Actions and GitLab CI. One file per rule; one line per
//! rule in `RULES`.

use super::CiRule;

pub mod ci001_action_not_pinned_to_sha;
pub mod ci002_ci_image_unpinned;
pub mod ci003_gitlab_include_unpinned;
pub mod ci004_ci_remote_script_piped_to_shell;
pub mod util;

/// Every CI rule.
pub static RULES: &[&dyn CiRule] = &[
    &ci001_action_not_pinned_to_sha::ActionNotPinnedToSha,
    &ci002_ci_image_unpinned::CiImageUnpinned,
    &ci003_gitlab_include_unpinned::GitlabIncludeUnpinned,
    &ci004_ci_remote_script_piped_to_shell::CiRemoteScriptPipedToShell,
];
