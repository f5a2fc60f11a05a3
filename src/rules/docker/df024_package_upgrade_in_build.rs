//! DF024 `package-upgrade-in-build`: the build upgrades every package of the base image
//! (`apt-get upgrade`, `apk upgrade`, `yum update`, …).

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::docker::{Dockerfile, Instruction};
use crate::rules::docker::pkg::{Invocation, run_commands};
use crate::rules::{Checklist, DockerRule, Family, RuleMeta};

pub struct PackageUpgradeInBuild;

pub static META: RuleMeta = RuleMeta {
    id: "DF024",
    name: "package-upgrade-in-build",
    family: Family::Dockerfile,
    title: "Blanket package upgrade during the build",
    severity: Severity::Low,
    confidence: Confidence::Low,
    checklist: Checklist::ImageHygiene,
    rationale: "Upgrading every package of the base image makes the result depend on the \
day of the build: two builds of the same commit differ, a rollback rebuild is not the \
image that was running, and a `dist-upgrade` can move to packages the base image was not \
tested with. It also adds a full copy of every upgraded file as a new layer. Security \
fixes belong in a newer base image.",
    remediation: "Rebuild on a newer, pinned base image instead (`FROM debian:12.5-slim`), \
and upgrade only the specific packages you must: `apt-get install -y --only-upgrade \
openssl=3.0.11-1~deb12u2`.",
    equivalents: &[
        "hadolint:DL3005",
        "hadolint:DL3017",
        "hadolint:DL3035",
        "trivy:DS-0024",
    ],
    references: &["https://github.com/hadolint/hadolint/wiki/DL3005"],
};

impl DockerRule for PackageUpgradeInBuild {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_instruction(&self, ins: &Instruction, _df: &Dockerfile, out: &mut Vec<Diagnostic>) {
        let cmds = run_commands(ins);
        for inv in Invocation::all(&cmds) {
            if !is_blanket_upgrade(&inv) {
                continue;
            }
            let sub = inv.sub().unwrap_or_default();
            out.push(
                Diagnostic::new(
                    &META,
                    inv.head_span(),
                    format!(
                        "{} {sub} upgrades every package of the base image",
                        inv.written
                    ),
                )
                .anchor(format!("{}:{}-{sub}", ins.anchor(), inv.tool)),
            );
        }
    }
}

fn is_blanket_upgrade(inv: &Invocation<'_>) -> bool {
    let no_packages = |value_opts: &[&str]| inv.operands(value_opts).is_empty();
    match inv.tool {
        // apt-get upgrade ignores package arguments for its selection; always blanket
        "apt-get" | "apt" | "aptitude" => {
            inv.sub_is(&["upgrade", "dist-upgrade", "full-upgrade", "safe-upgrade"])
        }
        "apk" => inv.sub_is(&["upgrade"]) && no_packages(&["-X", "--repository"]),
        "yum" | "dnf" | "microdnf" => {
            inv.sub_is(&[
                "update",
                "upgrade",
                "distro-sync",
                "upgrade-minimal",
                "update-minimal",
            ]) && no_packages(&[
                "-x",
                "--exclude",
                "--setopt",
                "--enablerepo",
                "--disablerepo",
            ])
        }
        "zypper" => {
            inv.sub_is(&["update", "up", "dist-upgrade", "dup"])
                && no_packages(&["-r", "--repo", "--from", "-t", "--type"])
        }
        _ => false,
    }
}
