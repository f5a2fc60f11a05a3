//! DF034 `rpm-install-missing-yes`: `yum`/`dnf`/`zypper` changes packages without its
//! non-interactive flag, so it stops at the confirmation prompt.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::docker::{Dockerfile, Instruction};
use crate::parse::shell::args_have_flag;
use crate::rules::docker::pkg::{Invocation, run_commands};
use crate::rules::{Checklist, DockerRule, Family, RuleMeta};

pub struct RpmInstallMissingYes;

pub static META: RuleMeta = RuleMeta {
    id: "DF034",
    name: "rpm-install-missing-yes",
    family: Family::Dockerfile,
    title: "`yum`/`dnf`/`zypper` without the non-interactive flag",
    severity: Severity::Low,
    confidence: Confidence::High,
    checklist: Checklist::ImageHygiene,
    rationale: "A build has no terminal: `yum`, `dnf` and `zypper` ask \"Is this ok [y/N]\" \
before changing packages and, reading end-of-file, answer no and fail the build. \
(`microdnf` never asks, so it needs no flag.)",
    remediation: "Pass the non-interactive flag: `dnf install -y httpd` / `yum install -y \
httpd`, and `zypper --non-interactive install curl` (or `zypper install -y curl`).",
    equivalents: &["hadolint:DL3030", "hadolint:DL3038", "hadolint:DL3034"],
    references: &[
        "https://dnf.readthedocs.io/en/latest/command_ref.html#assumeyes-command-label",
        "https://en.opensuse.org/SDB:Zypper_manual",
    ],
};

/// yum/dnf subcommands that ask before changing packages.
const RPM_PROMPTING: &[&str] = &[
    "install",
    "groupinstall",
    "localinstall",
    "reinstall",
    "remove",
    "erase",
    "update",
    "upgrade",
    "downgrade",
    "autoremove",
    "distro-sync",
    "swap",
    "upgrade-minimal",
    "update-minimal",
    "groupremove",
    "groupupdate",
];

/// Second word of `dnf group …`/`dnf module …` that changes packages.
const GROUP_ACTIONS: &[&str] = &[
    "install",
    "remove",
    "upgrade",
    "update",
    "enable",
    "disable",
    "reset",
    "switch-to",
];

/// zypper subcommands that ask before changing packages.
const ZYPPER_PROMPTING: &[&str] = &[
    "install",
    "in",
    "remove",
    "rm",
    "update",
    "up",
    "dist-upgrade",
    "dup",
    "patch",
    "source-install",
    "si",
    "install-new-recommends",
    "inr",
];

impl DockerRule for RpmInstallMissingYes {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_instruction(&self, ins: &Instruction, _df: &Dockerfile, out: &mut Vec<Diagnostic>) {
        let cmds = run_commands(ins);
        for inv in Invocation::all(&cmds) {
            if inv.fed_by_yes {
                continue;
            }
            let flag = match inv.tool {
                "yum" | "dnf" if prompts_rpm(&inv) && !rpm_assumes_yes(&inv) => "-y",
                "zypper" if inv.sub_is(ZYPPER_PROMPTING) && !zypper_non_interactive(&inv) => {
                    "--non-interactive"
                }
                _ => continue,
            };
            let (sub, span) = inv.labelled_head();
            out.push(
                Diagnostic::new(
                    &META,
                    span,
                    format!(
                        "{} {sub} has no {flag} and aborts at the confirmation prompt",
                        inv.written
                    ),
                )
                .anchor(format!("{}:{}-{sub}", ins.anchor(), inv.tool)),
            );
        }
    }
}

fn prompts_rpm(inv: &Invocation<'_>) -> bool {
    if inv.sub_is(RPM_PROMPTING) {
        return true;
    }
    inv.sub_is(&["group", "groups", "module"])
        && inv
            .operands(&[])
            .first()
            .is_some_and(|w| GROUP_ACTIONS.contains(&w.text.as_str()))
}

/// `-y`, `--assumeyes`, or `--setopt=assumeyes=1`.
fn rpm_assumes_yes(inv: &Invocation<'_>) -> bool {
    inv.has_flag(&["-y", "--assumeyes"])
        || inv.option_values(&["--setopt"]).iter().any(|v| {
            v.split_once('=').is_some_and(|(k, val)| {
                k.eq_ignore_ascii_case("assumeyes")
                    && matches!(
                        val.to_ascii_lowercase().as_str(),
                        "1" | "true" | "yes" | "on"
                    )
            })
        })
}

/// Global `-n`/`--non-interactive` before the subcommand, or `-y`/`--no-confirm` after it.
fn zypper_non_interactive(inv: &Invocation<'_>) -> bool {
    args_have_flag(inv.global_args(), &["-n", "--non-interactive"])
        || args_have_flag(inv.sub_args(), &["-y", "--no-confirm"])
}
