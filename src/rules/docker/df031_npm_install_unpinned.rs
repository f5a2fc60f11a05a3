//! DF031 `npm-install-unpinned`: `npm install <pkg>` without a version.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::docker::{Dockerfile, Instruction};
use crate::rules::docker::pkg::report_unpinned;
use crate::rules::{Checklist, DockerRule, Family, RuleMeta};

pub struct NpmInstallUnpinned;

pub static META: RuleMeta = RuleMeta {
    id: "DF031",
    name: "npm-install-unpinned",
    family: Family::Dockerfile,
    title: "`npm install` of a package without a version",
    severity: Severity::Low,
    confidence: Confidence::Medium,
    checklist: Checklist::ImageHygiene,
    rationale: "`npm install -g pm2` (or `pm2@latest`) bypasses the lockfile and takes \
whatever the registry tags `latest` on the day of the build: a rollback rebuild gets a \
different tool than was tested, and a hijacked release reaches the image unreviewed.",
    remediation: "Install from the lockfile with `npm ci`, or give each named package an \
exact version: `npm install -g pm2@5.3.1`.",
    equivalents: &["hadolint:DL3016"],
    references: &["https://docs.npmjs.com/cli/commands/npm-install"],
};

/// `npm install` options that take the next word as their value.
const VALUE_OPTS: &[&str] = &[
    "--prefix",
    "--registry",
    "--cache",
    "--userconfig",
    "--loglevel",
    "-w",
    "--workspace",
    "--omit",
    "--include",
    "--install-strategy",
    "--tag",
    "--save-prefix",
];

impl DockerRule for NpmInstallUnpinned {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_instruction(&self, ins: &Instruction, _df: &Dockerfile, out: &mut Vec<Diagnostic>) {
        report_unpinned(
            ins,
            &META,
            |inv| inv.is(&["npm"]) && inv.sub_is(&["install", "i", "add", "isntall", "in"]),
            "install",
            VALUE_OPTS,
            is_pinned,
            out,
        );
    }
}

/// `name@1.2.3`, `@scope/name@^1.2`, a folder, a tarball, or a git URL with `#ref`.
/// `@latest`, `@next`, `@*` and open lower bounds still float.
fn is_pinned(spec: &str) -> bool {
    if [
        "git://",
        "git+ssh://",
        "git+http://",
        "git+https://",
        "github:",
    ]
    .iter()
    .any(|p| spec.starts_with(p))
    {
        return spec.contains('#');
    }
    if spec.starts_with(['.', '/', '~']) || spec.starts_with("file:") {
        return true;
    }
    if [".tgz", ".tar.gz", ".tar"]
        .iter()
        .any(|s| spec.ends_with(s))
    {
        return true;
    }
    // npm:alias@version, name@version: the version follows the last '@' that is not the
    // leading scope marker
    let body = spec.strip_prefix('@').unwrap_or(spec);
    let Some((_, version)) = body.rsplit_once('@') else {
        // user/repo shorthand for GitHub
        return body.contains('/') && !spec.starts_with('@') && body.contains('#');
    };
    let v = version.trim();
    if v.is_empty() || matches!(v, "latest" | "next" | "*" | "x" | "X") {
        return false;
    }
    // `>=1.2` alone floats to any future major
    !v.starts_with('>') || v.contains('<')
}

#[cfg(test)]
mod tests {
    use super::is_pinned;

    #[test]
    fn pins() {
        for ok in [
            "pm2@5.3.1",
            "@angular/cli@17.1.0",
            "typescript@~5.3",
            "lodash@^4.17.21",
            "./packages/cli",
            "app-1.0.0.tgz",
            "git+https://github.com/org/repo.git#v1.0.0",
        ] {
            assert!(is_pinned(ok), "{ok}");
        }
        for bad in [
            "pm2",
            "@angular/cli",
            "pm2@latest",
            "pm2@",
            "npm@>=9",
            "git+https://github.com/org/repo.git",
            "org/repo",
        ] {
            assert!(!is_pinned(bad), "{bad}");
        }
    }
}
