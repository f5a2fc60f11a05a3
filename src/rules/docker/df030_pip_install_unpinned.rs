//! DF030 `pip-install-unpinned`: `pip install` of a named package without a version pin.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::docker::{Dockerfile, Instruction};
use crate::rules::docker::pkg::report_unpinned;
use crate::rules::{Checklist, DockerRule, Family, RuleMeta};

pub struct PipInstallUnpinned;

pub static META: RuleMeta = RuleMeta {
    id: "DF030",
    name: "pip-install-unpinned",
    family: Family::Dockerfile,
    title: "`pip install` without version pins",
    severity: Severity::Low,
    confidence: Confidence::Medium,
    checklist: Checklist::ImageHygiene,
    rationale: "`pip install flask` (or `flask>=2`) resolves to the newest release on the \
day of the build. Rebuilding an old commit for a rollback then ships different code than \
was tested, and a new major release or a compromised upload reaches production without \
review.",
    remediation: "Pin each package with `==` (or bound it above), or install from a pinned \
requirements or constraints file: `pip install --no-cache-dir -r requirements.txt` or \
`pip install flask==3.0.2`.",
    equivalents: &[
        "hadolint:DL3013",
        "kics:02d9c71f-3ee8-4986-9c27-1a20d0d19bfc",
    ],
    references: &[
        "https://pip.pypa.io/en/stable/topics/repeatable-installs/",
        "https://peps.python.org/pep-0440/#version-specifiers",
    ],
};

/// `pip install` options that take the next word as their value.
const VALUE_OPTS: &[&str] = &[
    "-e",
    "--editable",
    "-i",
    "--index-url",
    "--extra-index-url",
    "-f",
    "--find-links",
    "-t",
    "--target",
    "--prefix",
    "--root",
    "--platform",
    "--python-version",
    "--implementation",
    "--abi",
    "--trusted-host",
    "--no-binary",
    "--only-binary",
    "--progress-bar",
    "--proxy",
    "--src",
    "--upgrade-strategy",
    "-C",
    "--config-settings",
    "--global-option",
    "--log",
    "--cache-dir",
    "--retries",
    "--timeout",
    "--exists-action",
    "--report",
    "--python",
    "--cert",
    "--client-cert",
];

impl DockerRule for PipInstallUnpinned {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_instruction(&self, ins: &Instruction, _df: &Dockerfile, out: &mut Vec<Diagnostic>) {
        report_unpinned(
            ins,
            &META,
            |inv| {
                inv.is(&["pip"])
                    && inv.sub_is(&["install"])
                    // a requirements or constraints file decides the versions
                    && !inv.has_flag(&["-r", "--requirement", "-c", "--constraint"])
            },
            "install",
            VALUE_OPTS,
            is_pinned,
            out,
        );
    }
}

/// A requirement whose version cannot float to a new major release, or something that is
/// not an index package at all (a path, an archive, a URL, a VCS reference at a ref).
fn is_pinned(req: &str) -> bool {
    // environment markers do not constrain the version
    let spec = req.split(';').next().unwrap_or(req).trim();
    if let Some(vcs) = vcs_url(spec) {
        // git+https://host/org/repo@v1.2#egg=x: a ref after the repository path
        let path = vcs.split('#').next().unwrap_or(vcs);
        return path
            .rsplit('/')
            .next()
            .is_some_and(|last| last.contains('@'));
    }
    if spec.contains("://") {
        // a direct archive URL names one file
        return true;
    }
    if spec.starts_with(['.', '/', '~']) || spec.contains('/') {
        return true;
    }
    if [".whl", ".tar.gz", ".zip", ".tar.bz2", ".tgz"]
        .iter()
        .any(|ext| spec.ends_with(ext))
    {
        return true;
    }
    // name @ url
    if let Some((_, url)) = spec.split_once(" @ ") {
        return is_pinned(url.trim());
    }
    spec.contains("==") || spec.contains("~=") || spec.contains('<')
}

/// The URL part of a VCS requirement (`git+https://…`, `pkg @ git+https://…`).
fn vcs_url(spec: &str) -> Option<&str> {
    let url = spec.split_once('@').map_or(spec, |(name, rest)| {
        if name.trim_end().contains(['+', ':', '/']) {
            spec
        } else {
            rest.trim()
        }
    });
    ["git+", "hg+", "svn+", "bzr+"]
        .iter()
        .any(|p| url.starts_with(p))
        .then_some(url)
}

#[cfg(test)]
mod tests {
    use super::is_pinned;

    #[test]
    fn pins() {
        for ok in [
            "flask==3.0.2",
            "Flask[async]==3.0.*",
            "requests~=2.31",
            "django>=4.2,<5",
            ".",
            "./libs/core",
            "/wheels/torch-2.2.0-cp311-linux_x86_64.whl",
            "dist/app.tar.gz",
            "git+https://github.com/org/repo@v1.2.0#egg=repo",
            "git+ssh://git@github.com/org/repo.git@3f2a1c9",
            "repo @ git+https://github.com/org/repo@v1.2.0",
            "https://files.example.com/pkg-1.0.tar.gz",
        ] {
            assert!(is_pinned(ok), "{ok}");
        }
        for bad in [
            "flask",
            "requests>=2",
            "numpy!=1.0",
            "git+https://github.com/org/repo",
            "git+ssh://git@github.com/org/repo.git",
            "repo @ git+https://github.com/org/repo",
        ] {
            assert!(!is_pinned(bad), "{bad}");
        }
    }
}
