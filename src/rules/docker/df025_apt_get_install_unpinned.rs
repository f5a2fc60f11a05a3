//! DF025 `apt-get-install-unpinned`: `apt-get install` of a package without `=version`.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::docker::{Dockerfile, Instruction};
use crate::rules::docker::pkg::report_unpinned;
use crate::rules::{Checklist, DockerRule, Family, RuleMeta};

pub struct AptGetInstallUnpinned;

pub static META: RuleMeta = RuleMeta {
    id: "DF025",
    name: "apt-get-install-unpinned",
    family: Family::Dockerfile,
    title: "`apt-get install` without version pins",
    severity: Severity::Low,
    confidence: Confidence::Medium,
    checklist: Checklist::ImageHygiene,
    rationale: "Without a version, `apt-get install` takes whatever the mirror has on the \
day of the build, so a rebuild of an old commit (for a rollback or a hotfix) silently \
gets different packages than the image that was tested.",
    remediation: "Pin each package to a version (a trailing `*` keeps patch updates): \
`apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5 git=1:2.39.*`.",
    equivalents: &[
        "hadolint:DL3008",
        "kics:965a08d7-ef86-4f14-8792-4a3b2098937e",
    ],
    references: &[
        "https://docs.docker.com/build/building/best-practices/#apt-get",
        "https://manpages.debian.org/bookworm/apt/apt-get.8.en.html",
    ],
};

/// `apt-get install` options that take the next word as their value.
const VALUE_OPTS: &[&str] = &[
    "-o",
    "--option",
    "-c",
    "--config-file",
    "-t",
    "--target-release",
    "--default-release",
];

impl DockerRule for AptGetInstallUnpinned {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_instruction(&self, ins: &Instruction, _df: &Dockerfile, out: &mut Vec<Diagnostic>) {
        report_unpinned(
            ins,
            &META,
            |inv| inv.is(&["apt-get", "apt"]) && inv.sub_is(&["install"]),
            "install",
            VALUE_OPTS,
            is_pinned,
            out,
        );
    }
}

/// `pkg=version`, a local `.deb`, or a path/`pkg/release` form.
fn is_pinned(pkg: &str) -> bool {
    pkg.contains('=') || pkg.contains('/') || pkg.ends_with(".deb")
}
