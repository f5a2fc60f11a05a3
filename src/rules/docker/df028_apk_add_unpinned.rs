//! DF028 `apk-add-unpinned`: `apk add` of a package without a version constraint.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::docker::{Dockerfile, Instruction};
use crate::rules::docker::pkg::report_unpinned;
use crate::rules::{Checklist, DockerRule, Family, RuleMeta};

pub struct ApkAddUnpinned;

pub static META: RuleMeta = RuleMeta {
    id: "DF028",
    name: "apk-add-unpinned",
    family: Family::Dockerfile,
    title: "`apk add` without version pins",
    severity: Severity::Low,
    confidence: Confidence::Medium,
    checklist: Checklist::ImageHygiene,
    rationale: "Without a version, `apk add` installs whatever the repository holds on the \
day of the build, so rebuilding an old commit for a rollback or hotfix produces different \
packages than the image that was tested.",
    remediation: "Pin each package, exactly or to a release series with `~`: \
`apk add --no-cache curl=8.5.0-r0 openssl~3.1`.",
    equivalents: &[
        "hadolint:DL3018",
        "kics:d3499f6d-1651-41bb-a9a7-de925fea487b",
    ],
    references: &["https://wiki.alpinelinux.org/wiki/Alpine_Package_Keeper#Advanced_APK_Usage"],
};

/// `apk add` options that take the next word as their value.
const VALUE_OPTS: &[&str] = &[
    "-t",
    "--virtual",
    "-X",
    "--repository",
    "-p",
    "--root",
    "--arch",
    "--keys-dir",
    "--repositories-file",
    "--cache-dir",
];

impl DockerRule for ApkAddUnpinned {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_instruction(&self, ins: &Instruction, _df: &Dockerfile, out: &mut Vec<Diagnostic>) {
        report_unpinned(
            ins,
            &META,
            |inv| inv.is(&["apk"]) && inv.sub_is(&["add"]),
            "add",
            VALUE_OPTS,
            is_pinned,
            out,
        );
    }
}

/// `pkg=1.2-r0`, `pkg~1.2`, `pkg<2`, or a local `.apk` file; a lower bound alone
/// (`pkg>1.2`, `pkg>=1.2`) still floats.
fn is_pinned(pkg: &str) -> bool {
    let bounded = pkg.contains(['~', '<']) || (pkg.contains('=') && !pkg.contains(">="));
    bounded || pkg.ends_with(".apk") || pkg.contains('/')
}
