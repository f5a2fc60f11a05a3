//! DF035 `rpm-cache-not-cleaned`: `yum`/`dnf`/`microdnf`/`zypper` installs in a shipped
//! stage without cleaning its cache in the same `RUN`.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::docker::{Dockerfile, Instruction};
use crate::rules::docker::pkg::{Invocation, mount_covers, removes_dir, run_commands, ships};
use crate::rules::{Checklist, DockerRule, Family, RuleMeta};

pub struct RpmCacheNotCleaned;

pub static META: RuleMeta = RuleMeta {
    id: "DF035",
    name: "rpm-cache-not-cleaned",
    family: Family::Dockerfile,
    title: "`yum`/`dnf`/`zypper` cache not cleaned after installing",
    severity: Severity::Low,
    confidence: Confidence::High,
    checklist: Checklist::ImageHygiene,
    rationale: "`yum`, `dnf`, `microdnf` and `zypper` keep repository metadata (often \
100 MB or more) and sometimes the downloaded packages in `/var/cache`. Unless the cache is \
cleaned in the same `RUN`, it is frozen into the layer and shipped with every pull; a \
clean-up in a later `RUN` does not shrink the image.",
    remediation: "Clean the cache at the end of the same `RUN`: `RUN dnf install -y \
httpd && dnf clean all` (`yum clean all`, `microdnf clean all`, `zypper clean --all`), or \
mount it: `RUN --mount=type=cache,target=/var/cache/dnf dnf install -y httpd`.",
    equivalents: &[
        "hadolint:DL3032",
        "hadolint:DL3040",
        "hadolint:DL3036",
        "trivy:DS-0015",
        "trivy:DS-0019",
        "trivy:DS-0020",
        "trivy:DS-0027",
    ],
    references: &[
        "https://dnf.readthedocs.io/en/latest/command_ref.html#clean-command-label",
        "https://en.opensuse.org/SDB:Zypper_manual",
    ],
};

const RPM_CACHES: &[&str] = &["/var/cache/yum", "/var/cache/dnf", "/var/cache/libdnf5"];
const ZYPP_CACHES: &[&str] = &["/var/cache/zypp"];

const RPM_INSTALLS: &[&str] = &[
    "install",
    "groupinstall",
    "localinstall",
    "reinstall",
    "update",
    "upgrade",
    "downgrade",
    "distro-sync",
    "upgrade-minimal",
    "update-minimal",
];
const ZYPPER_INSTALLS: &[&str] = &[
    "install",
    "in",
    "update",
    "up",
    "dist-upgrade",
    "dup",
    "patch",
    "source-install",
    "si",
];

impl DockerRule for RpmCacheNotCleaned {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_instruction(&self, ins: &Instruction, df: &Dockerfile, out: &mut Vec<Diagnostic>) {
        if !ships(df, ins) {
            return;
        }
        let cmds = run_commands(ins);
        let invs: Vec<Invocation<'_>> = Invocation::all(&cmds).collect();
        for (i, inv) in invs.iter().enumerate() {
            let zypper = inv.is(&["zypper"]);
            let installs = if zypper {
                inv.sub_is(ZYPPER_INSTALLS)
            } else {
                inv.is(&["yum", "dnf", "microdnf"])
                    && (inv.sub_is(RPM_INSTALLS) || group_or_module_install(inv))
            };
            if !installs {
                continue;
            }
            let caches = if zypper { ZYPP_CACHES } else { RPM_CACHES };
            if mount_covers(ins, caches) {
                continue;
            }
            let cleaned = invs.iter().skip(i + 1).any(|later| {
                removes_dir(later, caches)
                    || if zypper {
                        later.is(&["zypper"]) && later.sub_is(&["clean", "cc"])
                    } else {
                        later.is(&["yum", "dnf", "microdnf"])
                            && later.sub_is(&["clean"])
                            && later.operands(&[]).iter().any(|w| w.text == "all")
                    }
            });
            if cleaned {
                continue;
            }
            let (sub, span) = inv.labelled_head();
            let clean = if zypper { "zypper clean" } else { "clean all" };
            out.push(
                Diagnostic::new(
                    &META,
                    span,
                    format!(
                        "{} {sub} is not followed by {} in the same RUN",
                        inv.written,
                        if zypper {
                            clean.to_string()
                        } else {
                            format!("{} {clean}", inv.written)
                        }
                    ),
                )
                .anchor(format!("{}:{}-cache", ins.anchor(), inv.tool)),
            );
        }
    }
}

fn group_or_module_install(inv: &Invocation<'_>) -> bool {
    inv.sub_is(&["group", "groups", "module"])
        && inv
            .operands(&[])
            .first()
            .is_some_and(|w| matches!(w.text.as_str(), "install" | "upgrade" | "update"))
}
