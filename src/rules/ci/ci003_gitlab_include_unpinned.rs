//! CI003 `gitlab-include-unpinned`: a GitLab `include:` of another project, a remote URL or a
//! CI/CD component is not pinned to an immutable version.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::ci::gitlab::{GitlabCi, IncludeKind};
use crate::model::ci::{CiFile, is_full_sha};
use crate::rules::{Checklist, CiRule, Family, RuleMeta};

pub struct GitlabIncludeUnpinned;

pub static META: RuleMeta = RuleMeta {
    id: "CI003",
    name: "gitlab-include-unpinned",
    family: Family::Ci,
    title: "GitLab `include:` of a project, URL or component without a pinned version",
    severity: Severity::Medium,
    confidence: Confidence::High,
    checklist: Checklist::ImageHygiene,
    rationale: "An included file becomes part of the pipeline, with its variables and \
credentials. Without `ref:` a project include follows the default branch, a branch or tag \
ref can be moved, and a remote URL serves whatever is there today: a change in another \
repository (or a compromise of it) changes what this pipeline runs.",
    remediation: "Pin project includes to a commit SHA (`ref: 3f7c…` with the 40 characters), \
remote includes with `integrity: sha256-…`, and components to an exact version: \
`- project: platform/ci-templates` + `ref: 9a1b2c3d…` + `file: /deploy.yml`.",
    equivalents: &[],
    references: &[
        "https://docs.gitlab.com/ci/yaml/#includeproject",
        "https://docs.gitlab.com/ci/yaml/#includeintegrity",
    ],
};

impl CiRule for GitlabIncludeUnpinned {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_gitlab(&self, _ci: &CiFile<'_>, gl: &GitlabCi<'_>, out: &mut Vec<Diagnostic>) {
        for inc in &gl.includes {
            let (span, message, anchor) = match &inc.kind {
                IncludeKind::Project { project, git_ref } => match git_ref {
                    None => (
                        inc.node.span,
                        format!(
                            "include of project \"{project}\" has no `ref:` (follows its default branch)"
                        ),
                        project.to_string(),
                    ),
                    Some((r, span)) if !is_full_sha(r) && !r.contains('$') => (
                        *span,
                        format!(
                            "include of project \"{project}\" is pinned to \"{r}\", not a commit SHA"
                        ),
                        project.to_string(),
                    ),
                    Some(_) => continue,
                },
                IncludeKind::Remote {
                    url,
                    integrity: false,
                } => (
                    inc.node.span,
                    format!("remote include \"{url}\" has no `integrity:` hash"),
                    url.to_string(),
                ),
                IncludeKind::Component(c) => {
                    let version = c.rsplit_once('@').map(|(_, v)| v);
                    match version {
                        Some(v) if v != "~latest" && !v.contains('$') && v.contains('.') => {
                            continue;
                        }
                        Some(v) if is_full_sha(v) => continue,
                        _ => (
                            inc.node.span,
                            format!("component \"{c}\" is not pinned to an exact version"),
                            c.to_string(),
                        ),
                    }
                }
                _ => continue,
            };
            out.push(Diagnostic::new(&META, span, message).anchor(anchor));
        }
    }
}
