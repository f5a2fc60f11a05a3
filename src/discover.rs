//! Discovery: walk the tree, classify files into artifact kinds.

/// What kind of delivery artifact a file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ArtifactKind {
    Dockerfile,
}
