//! DF026 `package-index-update-alone`: a `RUN` refreshes the package index
//! (`apt-get update`, `apk update`, …) but installs nothing with it.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::docker::{Dockerfile, Instruction};
use crate::rules::docker::pkg::{Invocation, run_commands};
use crate::rules::{Checklist, DockerRule, Family, RuleMeta};

pub struct PackageIndexUpdateAlone;

pub static META: RuleMeta = RuleMeta {
    id: "DF026",
    name: "package-index-update-alone",
    family: Family::Dockerfile,
    title: "Package index updated in a `RUN` that installs nothing",
    severity: Severity::Medium,
    confidence: Confidence::High,
    checklist: Checklist::ImageHygiene,
    rationale: "The build cache keys a `RUN` on its text, not on the mirror. A lone \
`RUN apt-get update` layer is reused for months, so a later `RUN apt-get install` works \
from a stale index: it installs outdated, unpatched versions or fails with 404s when the \
mirror has moved on, often only on the machine whose cache is oldest.",
    remediation: "Update and install in the same `RUN`: `RUN apt-get update && apt-get \
install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*`.",
    equivalents: &["checkov:CKV_DOCKER_5", "trivy:DS-0017"],
    references: &["https://docs.docker.com/build/building/best-practices/#apt-get"],
};

impl DockerRule for PackageIndexUpdateAlone {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_instruction(&self, ins: &Instruction, _df: &Dockerfile, out: &mut Vec<Diagnostic>) {
        let cmds = run_commands(ins);
        let invs: Vec<Invocation<'_>> = Invocation::all(&cmds).collect();
        for (i, inv) in invs.iter().enumerate() {
            let Some(family) = index_refresh(inv) else {
                continue;
            };
            let installs_later = invs.iter().skip(i + 1).any(|later| installs(later, family));
            if installs_later {
                continue;
            }
            let sub = inv.sub().unwrap_or_default();
            out.push(
                Diagnostic::new(
                    &META,
                    inv.head_span(),
                    format!(
                        "{} {sub} is not followed by an install in the same RUN",
                        inv.written
                    ),
                )
                .anchor(format!("{}:{}-{sub}", ins.anchor(), inv.tool)),
            );
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Pm {
    Apt,
    Apk,
    Rpm,
    Zypper,
}

/// The package family whose index this command refreshes.
fn index_refresh(inv: &Invocation<'_>) -> Option<Pm> {
    match inv.tool {
        "apt-get" | "apt" | "aptitude" if inv.sub_is(&["update"]) => Some(Pm::Apt),
        "apk" if inv.sub_is(&["update"]) => Some(Pm::Apk),
        "yum" | "dnf" | "microdnf" if inv.sub_is(&["makecache"]) => Some(Pm::Rpm),
        "zypper" if inv.sub_is(&["refresh", "ref"]) => Some(Pm::Zypper),
        _ => None,
    }
}

/// Whether the command installs or upgrades packages of the family.
fn installs(inv: &Invocation<'_>, family: Pm) -> bool {
    match family {
        Pm::Apt => {
            inv.is(&["apt-get", "apt", "aptitude"])
                && inv.sub_is(&[
                    "install",
                    "upgrade",
                    "dist-upgrade",
                    "full-upgrade",
                    "safe-upgrade",
                    "build-dep",
                    "source",
                    "download",
                    "reinstall",
                ])
        }
        Pm::Apk => inv.is(&["apk"]) && inv.sub_is(&["add", "upgrade", "fix", "fetch"]),
        Pm::Rpm => {
            inv.is(&["yum", "dnf", "microdnf"])
                && inv.sub_is(&[
                    "install",
                    "groupinstall",
                    "localinstall",
                    "reinstall",
                    "update",
                    "upgrade",
                    "downgrade",
                    "distro-sync",
                    "group",
                    "module",
                    "download",
                    "builddep",
                ])
        }
        Pm::Zypper => {
            inv.is(&["zypper"])
                && inv.sub_is(&[
                    "install",
                    "in",
                    "update",
                    "up",
                    "dist-upgrade",
                    "dup",
                    "patch",
                    "source-install",
                    "si",
                    "download",
                ])
        }
    }
}
